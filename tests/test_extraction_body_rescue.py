"""Whole-page body choices: a story pruning took is rescued; bodies come out in NFC."""

from __future__ import annotations

import unicodedata

from crawler.extraction import ExtractOptions, extract_article

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
