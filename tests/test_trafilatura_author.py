"""Our one-pass reading of trafilatura's author markup gives what trafilatura's own
``extract_author`` gives: every kind of markup its XPaths name, matches inside what it
deletes first (comments, dates, figures), and a match whose text loses a deleted part.
Pages written for the tests."""

from __future__ import annotations

import lxml.html
import pytest
import trafilatura.metadata

from crawler.extraction import trafilatura_adapter
from crawler.extraction.trafilatura_adapter import guess_author

STORY = "<p>" + "The council met on Tuesday and decided after a long debate. " * 4 + "</p>"

BYLINES = [
    '<a rel="author" href="/a/jane">Jane Doe</a>',
    '<span id="author">Jane Doe</span>',
    '<div class="author">Jane Doe</div>',
    '<span itemprop="author name">Jane Doe</span>',
    '<strong data-testid="AuthorCard">Jane Doe</strong>',
    '<address class="post-authorname">Jane Doe</address>',
    '<span class="AuthorName">Jane Doe</span>',
    "<author>Jane Doe</author>",
    '<p class="byline">By Jane Doe</p>',
    '<h3 class="username">jdoe</h3>',
    '<h4 class="BBL">Jane Doe</h4>',
    '<span itemprop="creator author">Jane Doe</span>',
    '<div id="zuozhe">张伟</div>',
    '<p class="posted-by">Posted by Jane Doe</p>',
    '<section class="journalist-name">Jane Doe</section>',
    '<section data-component="Byline">Jane Doe</section>',
    '<li id="Author-box">Jane Doe</li>',
    '<em class="writer">Jane Doe</em>',
    '<td class="Byline-text">Jane Doe</td>',
    '<span class="x">Jane Doe</span>',  # no author markup
    '<div class="author"><time>12 May</time>Jane Doe</div>',  # a date inside: deleted
    '<div class="author">By<time>12 May</time>Jane<figure>x</figure>Doe</div>',
    '<div class="sidebar"><span class="author">Sam Roe</span></div>'
    '<span class="author">Jane Doe</span>',  # the first is inside what is deleted
    '<div id="comments"><p class="byline">Sam Roe</p></div><p class="byline">Jane Doe</p>',
    '<div class="author-name print">Sam Roe</div><div class="author-name">Jane Doe</div>',
    '<div class="author">Jo</div><div class="author">Jane Doe</div>',  # too short: next
    '<div class="author">' + "Jane Doe " * 20 + "</div>",  # too long: none
    '<div class="author"><div data-component="Figure">photo</div>Jane Doe</div>',
    '<div class="author"><span class="date">today</span> Jane and Sam Roe</div>',
    '<div class="author-box"><div class="author">Jane Doe</div></div>'
    '<div class="author">Sam Roe</div>',
    '<p class="byline">by JANE DOE and sam roe</p>',
    "<div><rel>me</rel> Jane Doe</div>",  # trafilatura's rel='me' tests a child <rel>
    '<span class="a" rel="author">Jane Doe</span>',
    '<a id="x" data-testid="AuthorURL">Jane Doe</a>',
    '<div class="x" data-component="Figure"><span class="author">Sam Roe</span></div>'
    '<span class="author">Jane Doe</span>',
]


@pytest.mark.parametrize("byline", BYLINES)
def test_the_guess_is_trafilaturas(byline: str) -> None:
    html = (f"<html><head><title>A story</title></head><body><h1>A story</h1>{byline}"
            f"{STORY}</body></html>")
    tree = lxml.html.document_fromstring(html)
    expected = trafilatura.metadata.extract_author(lxml.html.document_fromstring(html))
    assert guess_author(tree) == (str(expected) if expected else None)


def test_the_page_is_not_changed() -> None:
    html = ('<html><body><div class="author">By<time>12 May</time>Jane Doe</div>'
            f"{STORY}</body></html>")
    tree = lxml.html.document_fromstring(html)
    guess_author(tree)
    assert lxml.html.tostring(tree) == lxml.html.tostring(lxml.html.document_fromstring(html))


def test_the_patterns_are_trafilaturas() -> None:
    """An upgrade of trafilatura that changes its author XPaths fails here first."""
    xpaths = [*trafilatura.metadata.AUTHOR_XPATHS, *trafilatura.metadata.AUTHOR_DISCARD_XPATHS]
    source = " ".join(x.path for x in xpaths)
    for name in ("_AUTHOR_NAME_CLASS", "_AUTHOR_ID", "_AUTHOR_CLASS", "_ANY_AUTHOR_ID",
                 "_ANY_AUTHOR_CLASS", "_DISCARD_ID"):
        assert f"'{getattr(trafilatura_adapter, name).pattern}'" in source, name
    assert "|".join(trafilatura_adapter._DISCARD_CLASS.pattern.split("|")) in " ".join(
        source.split())
    assert len(trafilatura.metadata.AUTHOR_XPATHS) == 3
    assert len(trafilatura.metadata.AUTHOR_DISCARD_XPATHS) == 2
