"""Whole-page body choices: a story pruning took is rescued; bodies come out in NFC."""

from __future__ import annotations

import unicodedata

import pytest

from crawler.extraction import ExtractOptions, article, extract_article

_ENTRIES = [
    "The first boat left the harbour at dawn, carrying twelve volunteers and enough food "
    "for three days on the water, the organisers said in a statement on Monday morning.",
    "By noon the wind had turned, and the second boat had to wait in the bay until the "
    "coast guard cleared the route again for small vessels heading north along the coast.",
    "Volunteers on the island counted more than four hundred nesting birds this year, "
    "almost twice the number recorded in the last survey before the storms of the winter.",
    "The count will be repeated in the autumn, when the young birds leave the island, so "
    "that the researchers can compare how many of them survive their first summer there.",
    "Local fishermen offered their boats for the autumn trip, and the council promised to "
    "pay for the fuel if the weather allows the crossing before the end of September.",
]


def _page(entry_class: str) -> str:
    # every entry is its own block with a chrome-looking class: none holds enough of the
    # page's text for the prune guard, together they are the story
    entries = "".join(f'<div class="{entry_class}"><p>{text}</p></div>' for text in _ENTRIES)
    return (f"<html><head><title>Bird count on the island</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Bird count on the island</h1>{entries}</article>"
            f"<footer><p>Contact us</p></footer></body></html>")


def test_story_taken_by_pruning_is_rescued() -> None:
    result = extract_article(_page("caption"), "http://127.0.0.1/birds",
                             ExtractOptions(require_article=False))
    assert result.article is not None
    body = result.article.articleBody or ""
    assert sum(text[:60] in body for text in _ENTRIES) >= 4
    assert result.article.metadata["bodySource"] == "trafilatura_unpruned"


def test_page_pruning_did_not_hurt_keeps_its_body() -> None:
    result = extract_article(_page("entry"), "http://127.0.0.1/birds",
                             ExtractOptions(require_article=False))
    assert result.article is not None
    assert result.article.metadata["bodySource"] != "trafilatura_unpruned"
    assert _ENTRIES[0][:60] in (result.article.articleBody or "")


def test_body_is_unicode_nfc() -> None:
    decomposed = "Cafe\u0301 owners in Mu\u0308nster"
    text = " ".join([decomposed, *_ENTRIES])
    html = f"<html><body><article><h1>Cafés</h1><p>{text}</p></article></body></html>"
    result = extract_article(html, "http://127.0.0.1/cafe", ExtractOptions(require_article=False))
    body = result.article.articleBody if result.article else ""
    assert body and "Café owners in Münster" in body
    assert unicodedata.is_normalized("NFC", body)


def test_rescue_skipped_when_pruning_removed_only_links(monkeypatch) -> None:
    """A link farm longer than the story is pruned; its text is links, not a story: the
    whole-page pass (parse again, trafilatura with fallbacks) is not run."""
    calls: list[str] = []
    real = article._rescue_pruned

    def spy(*args: object, **kwargs: object) -> object:
        calls.append("rescue")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(article, "_rescue_pruned", spy)
    farm = "".join(f"<li><a href='/topic/{i}'>Topic page number {i}</a></li>" for i in range(120))
    story = "".join(f"<p>{text}</p>" for text in _ENTRIES)
    html = (f"<html><head><title>Bird count</title></head><body>"
            f"<div class='related-links'><ul>{farm}</ul></div>"
            f"<article><h1>Bird count on the island</h1>{story}</article></body></html>")
    result = extract_article(html, "http://127.0.0.1/birds", ExtractOptions(require_article=False))
    assert result.article is not None and _ENTRIES[0][:60] in (result.article.articleBody or "")
    assert calls == []
    # the same story taken by pruning (prose in chrome-classed blocks) still gets the pass
    extract_article(_page("caption"), "http://127.0.0.1/birds",
                    ExtractOptions(require_article=False))
    assert calls == ["rescue"]


@pytest.mark.parametrize(
    ("removed", "prose", "body", "expected"),
    [
        ([400], [400], "x" * 100, False),  # under RESCUE_MIN_CHARS in all
        ([1500], [1500], "x" * 1500, False),  # no more text removed than kept
        ([5000], [100], "x" * 1500, False),  # a menu: almost all of it link text
        ([5000], [400], "x" * 1500, True),
        ([20000], [15000], "x" * 3000, False),  # a story of its own, not pruning's residue
        ([600], [0], None, True),  # no body at all: the pass is worth it whatever was removed
    ],
)
def test_pruning_may_have_taken_story(
    removed: list[int], prose: list[int], body: str | None, expected: bool
) -> None:
    assert article.pruning_may_have_taken_story(removed, prose, body) is expected


def test_fallback_reads_the_page_as_served() -> None:
    # the fallback is asked where the pruned tree's two bodies disagree: it must see what
    # pruning removed, or it judges the same misleading tree again
    html = _page("related-posts")
    tree = article.as_served(html)
    assert tree is not None
    assert all(text[:40] in tree.text_content() for text in _ENTRIES)
    pruned = article.parse_html(html)
    assert pruned is not None
    article.prune_chrome(pruned)
    assert _ENTRIES[0][:40] not in pruned.text_content()
