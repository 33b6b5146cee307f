"""readability_fast gives readability-lxml's own answers, on pages of every shape."""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager

import lxml.html
import pytest
import readability.readability as readability_module
from readability import Document

from crawler.extraction import readability_fast
from crawler.extraction.readability_fast import FastDocument, clean


def _readability_clean(text: str) -> str:
    """readability-lxml 0.9's ``clean``, verbatim (the module's own is replaced)."""
    text = re.sub(r"\s{255,}", " " * 255, text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    text = re.sub(r"\t|[ \t]{2,}", " ", text)
    return text.strip()


@contextmanager
def _original_clean() -> Iterator[None]:
    readability_module.clean = _readability_clean
    try:
        yield
    finally:
        readability_module.clean = clean


def test_readability_uses_the_cheap_clean() -> None:
    assert readability_module.clean is readability_fast.clean


@pytest.mark.parametrize("seed", range(5))
def test_clean_matches_readability_on_random_whitespace(seed: int) -> None:
    rng = random.Random(seed)
    pieces = ["a", "word", " ", "  ", "\t", "\n", "\r\n", " \n ", "\u00a0", "\u2003", "é"]
    for _ in range(400):
        n = rng.choice([1, 5, 40, 300])
        text = "".join(rng.choice(pieces) for _ in range(n))
        assert clean(text) == _readability_clean(text), repr(text)


def test_clean_matches_readability_on_a_long_run_of_spaces() -> None:
    text = "a" + " \n" * 300 + "b\t\tc"
    assert clean(text) == _readability_clean(text)


PAGES = {
    "nested divs of prose": "<div><div><div>{p}</div><div>{p}</div></div></div>",
    "a div of inline text only": "<div class='story'><div>{t} <b>bold</b> <a href='/x'>l</a> "
    "{t}</div><div>{t}<br>{t}</div><p>{p}</p></div>",
    "a div holding a pre": "<div><div>{t}<pre>code line</pre></div><p>{p}</p></div>",
    "an svg path in a div": "<div><div><svg><path d='M0 0'/></svg>{t}</div><p>{p}</p></div>",
    "an image in a link": "<div><div><a href='/i'><img src='/i.png'></a>{t}</div>"
    "<p>{p}</p></div>",
    "a param and a picture": "<div><div><picture><source srcset='a.webp'></picture>{t}</div>"
    "<div><object><param name='a' value='b'></object>{t}</div><p>{p}</p></div>",
    "tails and line breaks": "<div><div>{t}<span>s</span> tail {t}<br><br>{t}<em>e</em>"
    "{t}</div><div><p>{p}</p>after {t}</div></div>",
    "tables and lists": "<div><div><table><tr><td>{t}</td></tr></table></div>"
    "<div><ul><li>{t}</li></ul>{t}</div><div><ol><li>{t}</li></ol></div>"
    "<div><dl><dt>a</dt><dd>{t}</dd></dl></div><div><blockquote>{t}</blockquote></div>"
    "<p>{p}</p></div>",
    "unlikely candidates in the story": "<div class='story'><p>{p}</p><pre><span class='menu'>"
    "menu()</span> code</pre><p>{p}</p><div class='sidebar'>{t}</div><p>{p}</p>"
    "<div class='footer'><article>{p}</article></div></div>",
    "unlikely candidates": "<div><div class='sidebar'>{t}</div><div id='comments'><article>"
    "<p>{p}</p></article></div><pre><span class='menu'>x</span></pre>"
    "<div id='footer' class='content'>{t}</div><div class='pager'><code class='rss'>c</code>"
    "</div><div class=''>{t}</div><p>{p}</p></div>",
    "an abbr and an aside": "<div><div><abbr>AB</abbr> {t}</div><div><aside>{t}</aside></div>"
    "<p>{p}</p></div>",
}


@pytest.mark.parametrize("shape", sorted(PAGES))
def test_fast_document_gives_readabilitys_summary(shape: str) -> None:
    text = "Ein Satz mit genug Wörtern, um als Absatz gezählt zu werden, und noch mehr."
    prose = " ".join([text] * 4)
    body = PAGES[shape].format(t=text, p=prose)
    html = f"<html><head><title>T</title></head><body>{body}{body}</body></html>"
    with _original_clean():
        expected = Document(lxml.html.document_fromstring(html)).summary(html_partial=True)
    got = FastDocument(lxml.html.document_fromstring(html)).summary(html_partial=True)
    assert got == expected


def test_describe_formats_only_for_a_debug_log() -> None:
    node = lxml.html.fragment_fromstring("<div class='story' id='main'><p>x</p></div>")
    logger = readability_module.log
    level = logger.level
    try:
        logger.setLevel(logging.INFO)
        assert readability_fast.describe(node) == ""
        logger.setLevel(logging.DEBUG)
        assert readability_fast.describe(node).endswith("#main.story")
    finally:
        logger.setLevel(level)
    assert readability_module.describe is readability_fast.describe
