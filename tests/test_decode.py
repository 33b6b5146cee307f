"""decode_body: declared charsets that lie, detection where detectors are weak."""

from __future__ import annotations

import pytest

from crawler.extraction.decode import Decoded, alphabet_fit, best_latin, decode_body

TEXTS = {
    "ru": "Президент заявил, что правительство продолжит реформу судебной системы. "
    "Жители города протестовали против строительства новой дороги. ",
    "uk": "Президент заявив, що уряд продовжить реформу судової системи. "
    "Мешканці міста протестували проти будівництва нової дороги. Їжак і ґудзик. ",
    "tr": "Türkiye Cumhurbaşkanı Erdoğan, İstanbul'da düzenlenen toplantıda ekonominin güçlü "
    "olduğunu söyledi. Öğretmenler ve öğrenciler yağmurlu havada şehir meydanında buluştu. ",
    "pl": "Prezydent powiedział, że rząd będzie kontynuował reformę. Zażółć gęślą jaźń. "
    "Mieszkańcy miasta protestowali przeciwko budowie nowej drogi. ",
    "cs": "Prezident řekl, že vláda bude pokračovat v reformě. Příliš žluťoučký kůň úpěl "
    "ďábelské ódy. Obyvatelé města protestovali proti výstavbě nové silnice. ",
    "el": "Ο πρωθυπουργός δήλωσε ότι η κυβέρνηση θα συνεχίσει τη μεταρρύθμιση. Οι κάτοικοι "
    "της πόλης διαμαρτυρήθηκαν για την κατασκευή νέου δρόμου. ",
    "fr": "Le président a déclaré que le gouvernement poursuivrait la réforme. Les habitants "
    "de la ville ont protesté contre la construction d'une nouvelle route. Où est le café? ",
    "de": "Der Bundeskanzler sagte, die Regierung werde die Reform fortsetzen. Die Bürger der "
    "Stadt protestierten gegen den Bau einer neuen Straße. Größere Änderungen. ",
}
CASES = [
    ("ru", "cp1251"),
    ("ru", "koi8-r"),
    ("uk", "cp1251"),
    ("tr", "cp1254"),
    ("pl", "cp1250"),
    ("cs", "iso8859-2"),
    ("el", "cp1253"),
    ("fr", "cp1252"),
    ("de", "cp1252"),
]


def _page(lang: str, enc: str) -> bytes:
    return f"<html><body><p>{TEXTS[lang]}</p></body></html>".encode(enc)


@pytest.mark.parametrize(("lang", "enc"), CASES)
@pytest.mark.parametrize("declared", [None, "utf-8", "iso-8859-1"])
def test_wrong_or_missing_label(lang: str, enc: str, declared: str | None) -> None:
    decoded = decode_body(_page(lang, enc), declared)
    assert TEXTS[lang] in decoded.text
    assert "\ufffd" not in decoded.text
    if declared is None:
        assert decoded.repair == "charset_detected"
    elif decoded.encoding != "cp1252":
        assert decoded.repair == "charset_mismatch"


@pytest.mark.parametrize(("lang", "enc"), CASES)
def test_right_label_trusted(lang: str, enc: str) -> None:
    decoded = decode_body(_page(lang, enc), enc)
    assert TEXTS[lang] in decoded.text
    assert decoded.repair is None


@pytest.mark.parametrize("lang", list(TEXTS))
@pytest.mark.parametrize("declared", ["windows-1252", "iso-8859-1", "windows-1251", None])
def test_utf8_bytes_win_over_single_byte_label(lang: str, declared: str | None) -> None:
    decoded = decode_body(_page(lang, "utf-8"), declared)
    assert decoded.encoding == "utf-8"
    assert TEXTS[lang] in decoded.text
    assert decoded.repair == (None if declared is None else "charset_mismatch")


def test_meta_charset_used_when_header_lies() -> None:
    body = ('<meta charset="windows-1251"><p>' + TEXTS["ru"] + "</p>").encode("cp1251")
    assert decode_body(body, "utf-8") == Decoded(
        body.decode("cp1251"), "cp1251", "charset_mismatch"
    )


def test_latin1_label_means_windows_1252() -> None:
    body = "“Quoted” – text".encode("cp1252")
    decoded = decode_body(body, "iso-8859-1")
    assert decoded.text == "“Quoted” – text"
    assert decoded.repair is None


def test_ascii_and_bom() -> None:
    assert decode_body(b"<p>plain</p>", None) == Decoded("<p>plain</p>", "utf-8", None)
    assert decode_body("\ufeffé".encode("utf-8")).text == "é"
    assert decode_body("é".encode("utf-16")).text == "é"  # the codec writes the BOM


def test_never_raises_on_garbage() -> None:
    decoded = decode_body(bytes(range(256)) * 10, "no-such-charset")
    assert isinstance(decoded.text, str)


def test_best_latin_ranks_turkish() -> None:
    assert best_latin(TEXTS["tr"].encode("cp1254")) == "cp1254"
    assert alphabet_fit(TEXTS["fr"]) == 1.0
