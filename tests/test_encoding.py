"""Encoding repair on text and on HTML before parsing: broken text repaired, correct text
byte-identical."""

from __future__ import annotations

import pytest

from crawler.cleaning.encoding import repair_encoding, repair_html_text
from crawler.cleaning.spaced_mojibake import repair_spaced_mojibake

CORRECT = [
    "“Curly quotes” and ‘single’ ones — dashes – and… ellipses",
    "ﬁne ﬂour: Latin ligatures stay",
    "ŉ Afrikaans and ǌ Croatian digraphs",
    "全角：句読点、そのまま。（ＣＪＫ）",
    "Привет, мир! Київ, Україна. Їжак і ґудзик.",
    "Ελληνικά: Καλημέρα κόσμε",
    "Emoji 😀🇺🇦👍🏽 stay",
    "Türkçe ağır işçi, Zażółć gęślą jaźń, Příliš žluťoučký kůň",
    "José Müller à la café, naïve résumé, Straße",
    "Control-free text with\ttabs and\nnewlines\n",
    "Рік Сірий: Ukrainian words that start like mojibake",
    "The temperature was 20 °C in Р. Мельник's office",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_unchanged(text: str) -> None:
    assert repair_encoding(text) == (text, [])
    assert repair_html_text(f"<p>{text}</p>") == (f"<p>{text}</p>", [])


@pytest.mark.parametrize(
    ("broken", "expected", "kind"),
    [
        ("JosÃ© went home", "José went home", "mojibake"),
        ("The cafÃ© Ã\xa0 la mode", "The café à la mode", "mojibake"),
        ("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "привет мир", "mojibake"),
        ("РєР°РЅР°Р» РІ Telegram", "канал в Telegram", "mojibake"),
        ("TÃ¼rkÃ§e aÄŸÄ±r", "Türkçe ağır", "mojibake"),
        ("РєР ° РЅР ° Р »РІ Telegram", "канал в Telegram", "spaced_mojibake"),
    ],
)
def test_broken_text_repaired(broken: str, expected: str, kind: str) -> None:
    text, kinds = repair_encoding(broken)
    assert text == expected
    assert kind in kinds
    assert "\ufffd" not in text


def test_repair_is_per_line() -> None:
    text = "JosÃ© is here\n“Quotes” stay\nŉ too"
    assert repair_encoding(text) == ("José is here\n“Quotes” stay\nŉ too", ["mojibake"])


@pytest.mark.parametrize(
    ("spaced", "expected"),
    [
        ("РєР ° РЅР ° Р »РІ", "канал в"),
        ("РЎРѕР±Р°РєР° СЃ Р ° РЅР ° Р »РѕРј", "Собака с аналом"),
    ],
)
def test_spaced_mojibake(spaced: str, expected: str) -> None:
    assert repair_spaced_mojibake(spaced) == (expected, 1)


@pytest.mark.parametrize(
    "text",
    ["Рік", "Сірий Рівне", "Р °", "РєР°РЅР°Р»", "СССР и РФ"],
)
def test_spaced_mojibake_leaves_other_text(text: str) -> None:
    assert repair_spaced_mojibake(text) == (text, 0)


def test_html_repair_before_parsing() -> None:
    html = '<p class="a">The cafÃ\xa9 &amp; Ã\xa0 la \x93mode\x94</p>\n<p>ok “fine”</p>'
    repaired, kinds = repair_html_text(html)
    assert repaired == '<p class="a">The café &amp; à la “mode”</p>\n<p>ok “fine”</p>'
    assert kinds
    assert "\ufffd" not in repaired


def test_html_soft_hyphen_sequence() -> None:
    # "í" (C3 AD) read as windows-1252 is "Ã" + soft hyphen, which a parser may drop.
    html = "<p>Mar\u00c3\u00ada fue a Bogot\u00c3\u00a1</p>"
    assert repair_html_text(html)[0] == "<p>María fue a Bogotá</p>"


def test_candidate_scan_never_misses_a_trace() -> None:
    # The cheap scan may let a line through that holds no trace, never the reverse: every
    # lead byte with continuation bytes, read in every code page ftfy repairs from.
    from ftfy.chardata import CHARMAP_ENCODINGS

    from crawler.cleaning.encoding import _CANDIDATE, _SUSPECT

    checked = 0
    for codec in CHARMAP_ENCODINGS:
        for lead in range(0xC2, 0xF5):
            for cont in range(0x80, 0xC0):
                text = "x " + bytes([lead, cont, cont, cont]).decode(codec, "ignore") + " y"
                if _SUSPECT.search(text):
                    checked += 1
                    assert _CANDIDATE.search(text), (codec, hex(lead), hex(cont))
    for text in ("Ã ", "Â ", "â€", "\x85", "a\x9fb"):
        assert _SUSPECT.search(text) and _CANDIDATE.search(text), text
    assert checked > 10_000  # the loop did reach the pattern


@pytest.mark.parametrize("text", CORRECT)
def test_candidate_scan_passes_correct_text(text: str) -> None:
    # correct prose in many scripts never reaches ftfy (that is where the time went)
    from crawler.cleaning.encoding import _CANDIDATE, _SUSPECT

    assert not _SUSPECT.search(text) or _CANDIDATE.search(text)
    assert repair_html_text(f"<p>{text}</p>\n" * 3) == (f"<p>{text}</p>\n" * 3, [])


@pytest.mark.parametrize("offset", [0, 489, 490, 491, 492, 1003, 1004, 1500])
def test_a_trace_anywhere_in_a_long_page_is_found(offset: int) -> None:
    """The page is searched only where it is not ASCII, in chunks: a trace on a chunk's
    edge (its two characters in two chunks) is found all the same."""
    filler = "x" * offset  # 491: "Ã" ends the first 512-character chunk, "¡" starts the next
    html = f"<p>{filler}María fue a BogotÃ¡</p>\n<p>{'y' * 2000}</p>"
    repaired, kinds = repair_html_text(html)
    assert repaired == html.replace("BogotÃ¡", "Bogotá")
    assert kinds == ["mojibake"]


def test_trace_search_is_the_patterns_own_search() -> None:
    """``_search`` tries the two patterns only where ``_TRACE_START`` says a match can start:
    on random text from every alphabet a trace is made of, it finds what ``search`` finds."""
    import random

    from ftfy.chardata import CHARMAP_ENCODINGS

    from crawler.cleaning.encoding import _CANDIDATE, _SUSPECT, _search

    alphabet = sorted({bytes([b]).decode(codec, "ignore") for codec in CHARMAP_ENCODINGS
                       for b in range(0x80, 0x100)} - {""})
    common = [*"ab <>\n\u0085\x9f\xa0ÃÂâ€™", "Ã ", "Â ", "â€"]  # the special cases
    rng = random.Random(20261207)
    found = 0
    for _ in range(6000):
        text = "".join(rng.choice(common if rng.random() < 0.5 else alphabet)
                       for _ in range(rng.randint(1, 10)))
        for pattern in (_CANDIDATE, _SUSPECT):
            assert _search(pattern, text) == (pattern.search(text) is not None), text
            found += pattern.search(text) is not None
    assert found > 500  # both answers were asked for many times


def test_a_minified_page_is_repaired_piece_by_piece() -> None:
    """A page of one line (minified), with hundreds of KB of Russian in an inline script:
    the broken paragraph is repaired, the correct text beside it is byte-identical."""
    script = '{"title":"Хёрст Шкулёв — «Новости»","text":"' + "Ещё одна новость дня. " * 8000
    html = (f"<html><head><script>window.state={script}\"}}</script></head><body>"
            "<p>Учредитель: «Хёрст Шкулёв Паблишинг»</p><p>Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€</p>"
            "<p>BogotÃ¡ Ã\xa0 la carte</p></body></html>")
    repaired, kinds = repair_html_text(html)
    assert repaired == html.replace("Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€", "привет мир").replace(
        "BogotÃ¡ Ã\xa0 la", "Bogotá à la")
    assert kinds == ["mojibake"]


def test_markup_pieces_cover_the_line() -> None:
    from crawler.cleaning.encoding import _MARKUP_PIECES

    for line in ("<p>a</p>b<br>\n", "x<y", "<<a", "word " * 1000 + "<b>x\n", "Ã\xa0" * 3000,
                 "a" * 5000 + "\n"):
        pieces = _MARKUP_PIECES.findall(line)
        assert "".join(pieces) == line
        assert all(p.count("<") <= 1 and (not p or "<" not in p[1:]) for p in pieces)
