"""A table of contents written with absolute links into the page names the story's own
subheadings: they are kept; links to other pages are still navigation."""

from __future__ import annotations

import lxml.html

from crawler.extraction import extract_article
from crawler.extraction.body_filters import anchor_keys, line_key, link_keys

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


def test_link_and_anchor_keys_are_the_same_on_a_repeated_page() -> None:
    """A worker meets the same menus on every page: remembered link-text keys must give what
    computing them gives, and anchors are found inside a subtree as in the whole page."""

    html = ("<html><body><nav><a href='/a'>Sport &amp; Leisure</a><a href='/b'><b>World</b> "
            "News</a><a href='#top'>Top</a></nav><div id='toc'>"
            "<a href='http://127.0.0.1/story#part-2'>Part two: the vote</a></div></body></html>")
    first = link_keys(lxml.html.document_fromstring(html))
    again = link_keys(lxml.html.document_fromstring(html))
    assert first == again == {line_key("Sport & Leisure"), line_key("World News"),
                              line_key("Part two: the vote")}
    tree = lxml.html.document_fromstring(html)
    toc = tree.get_element_by_id("toc")
    assert anchor_keys(toc, "http://127.0.0.1/story") == {line_key("Part two: the vote")}
    assert anchor_keys(tree.find(".//nav"), "http://127.0.0.1/story") == set()
