"""Collapsed "read more" story containers are kept; hidden chrome, comments and duplicates
still go (crawler.extraction.reveal)."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.extraction import extract_article
from crawler.extraction.reveal import reveal_hidden_story

URL = "https://valley-courier.example/news/2026/dam-repairs"
SHOWN = [f"Shown paragraph {i}: the valley council agreed on Monday to pay for repairs to "
         f"the old dam above the town before the spring floods arrive." for i in range(3)]
HIDDEN = [f"Hidden paragraph {i}: engineers told the council that the spillway gates had "
          f"rusted shut and that the work would take most of the winter." for i in range(6)]


def _page(wrapper_open: str, wrapper_close: str = "</div>", extra: str = "") -> str:
    shown = "".join(f"<p>{p}</p>" for p in SHOWN)
    hidden = "".join(f"<p>{p}</p>" for p in HIDDEN)
    return (f"<html><head><title>Dam repairs agreed</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Dam repairs agreed</h1><div class='story-body'>{shown}"
            f"{wrapper_open}{hidden}{wrapper_close}"
            f"<button class='read-more-toggle'>Read more</button></div></article>{extra}"
            f"<footer><p>Valley Courier, all rights reserved.</p></footer></body></html>")


def _body(html: str) -> str:
    article = extract_article(html, URL).article
    assert article is not None and article.articleBody
    return article.articleBody


@pytest.mark.parametrize("wrapper", [
    "<div class='story-body-hideable'>",
    "<div class='article-rest collapsed'>",
    "<div class='content truncated'>",
    "<div class='read-more-content'>",
    "<div aria-hidden='true'>",
    "<div hidden>",
    "<div class='rest' style='display: none'>",
    "<div id='story-hidden-part' style='visibility:hidden'>",
    "<section class='is-collapsed'><div class='inner hidden'>",
])
def test_collapsed_story_half_is_kept(wrapper: str) -> None:
    close = "</div></section>" if wrapper.startswith("<section") else "</div>"
    body = _body(_page(wrapper, close))
    for line in (SHOWN[0], SHOWN[2], HIDDEN[0], HIDDEN[5]):
        assert line in body
    assert "all rights reserved" not in body


def test_hidden_comments_stay_hidden() -> None:
    comments = ("<div class='comments-list' style='display:none'>"
                + "".join(f"<p>Reader {i} wrote that the dam should have been fixed years ago "
                          f"and that the council waited far too long to act on it.</p>"
                          for i in range(4)) + "</div>")
    body = _body(_page("<div>", extra=comments))
    assert HIDDEN[0] in body and "Reader 1 wrote" not in body


def test_hidden_duplicate_of_the_shown_story_is_not_doubled() -> None:
    # a second, hidden copy of the story (a mobile or print layout)
    copy = ("<div class='mobile-version' style='display:none'>"
            + "".join(f"<p>{p}</p>" for p in SHOWN + HIDDEN) + "</div>")
    body = _body(_page("<div>", extra=copy))
    assert body.count(HIDDEN[0]) == 1 and body.count(SHOWN[0]) == 1


@pytest.mark.parametrize("block", [
    # a hidden menu of links, a hidden form's short lines, a modal
    "<div class='mega-menu hidden'>" + "".join(
        f"<p><a href='/s/{i}'>Section {i} of the valley news site with its many stories "
        f"and more.</a></p>" for i in range(5)) + "</div>",
    "<div aria-hidden='true'><p>Email</p><p>Password</p><p>Forgot it?</p></div>",
    "<div class='modal' hidden>" + "".join(
        f"<p>Modal line {i}: please turn off your ad blocker so that we can keep writing the "
        f"news you read every day.</p>" for i in range(3)) + "</div>",
])
def test_hidden_non_story_stays_hidden(block: str) -> None:
    tree = lxml.html.document_fromstring(f"<html><body><p>x</p>{block}</body></html>")
    assert reveal_hidden_story(tree) == 0


def test_reveal_removes_only_hiding_marks() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div class='body-text story-hideable' style='display:none' id='rest'>"
        + "".join(f"<p>{p}</p>" for p in HIDDEN) + "</div></body></html>")
    assert reveal_hidden_story(tree) == 1
    div = tree.find(".//div")
    assert div is not None
    assert div.get("class") == "body-text" and div.get("style") is None and div.get("id") == "rest"
