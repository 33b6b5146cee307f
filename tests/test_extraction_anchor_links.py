"""A table of contents written with absolute links into the page names the story's own
subheadings: they are kept; links to other pages are still navigation."""

from __future__ import annotations

import lxml.html

from crawler.extraction import extract_article
from crawler.extraction.body_filters import anchor_keys

URL = "https://garage-weekly.example/guides/winter-tyres-180301.html"
HEADS = ["When must winter tyres go on?", "How deep must the tread be?",
         "Are all-season tyres enough?"]


def _para(i: int) -> str:
    return (f"<p>Answer {i}: mechanics say the rubber hardens below seven degrees, so grip on "
            f"cold roads falls long before the first snow, and braking distances grow.</p>")


def _page(toc_href: str) -> str:
    toc = "".join(f"<li><a href='{toc_href}#part-{i}'>{h}</a></li>" for i, h in enumerate(HEADS))
    body = "".join(f"<h2 id='part-{i}'>{h}</h2>{_para(i)}{_para(i + 10)}"
                   for i, h in enumerate(HEADS))
    related = "<ul class='more'><li><a href='/guides/summer-tyres.html'>Summer tyres tested</a></li></ul>"
    return (f"<html><head><title>Winter tyres: the guide</title></head><body><article>"
            f"<h1>Winter tyres: the guide</h1>{_para(99)}<section><span>Contents</span>"
            f"<ol>{toc}</ol></section>{body}</article>{related}</body></html>")


def test_absolute_toc_links_keep_subheadings() -> None:
    for href in (URL, "/guides/winter-tyres-180301.html"):
        article = extract_article(_page(href), URL).article
        assert article is not None and article.articleBody
        lines = article.articleBody.split("\n")
        for heading in HEADS:
            assert heading in lines


def test_anchor_keys_only_same_page_fragments() -> None:
    tree = lxml.html.document_fromstring(
        f"<html><body><a href='{URL}#a'>Into the page</a>"
        "<a href='https://garage-weekly.example/guides/other.html#a'>Another page</a>"
        f"<a href='{URL}'>The page itself</a><a href='#b'>Relative anchor</a></body></html>")
    assert anchor_keys(tree, URL) == {"into the page"}
