"""readability-lxml's ``Document`` with three of its hot spots done cheaply, same output.

On ScrapingHub pages readability cost ~5 ms a page (``benchmarks/extraction_profile.py``),
and two pieces of it were most of that, for a reason of form, not of substance:

* its ``clean`` (whitespace collapsing, asked for the text length of every candidate
  paragraph) runs three ``re.sub`` calls by pattern string each time, where most texts need
  none of them: ~2 ms a page;
* ``transform_misused_divs_into_paragraphs`` tests every ``<div>`` for block children by
  serialising all its children to a string and searching it for ``<div``, ``<p``…: a page
  with deep ``<div>`` nesting is serialised once per level (~1.4 ms a page);
* its unlikely-candidate pass formats and searches a string for every element (most have
  neither class nor id) and compiles two XPath expressions for each match.

Each is replaced by a test that give the same answer (``tests/test_readability_fast.py``
holds them to readability's own on pages of every shape), so readability's text does not
change. readability-lxml is Apache-2.0; the candidate test and the div pass's second loop
are its code.
"""

from __future__ import annotations

import logging
import re

import readability.readability as _readability
from lxml import etree
from lxml.etree import tounicode
from lxml.html import HtmlElement, fragment_fromstring
from readability import Document

# readability's patterns, each anchored at the start of a run of whitespace: the leftmost
# match of either always starts there (its greedy tail ends the run), and a scan that tried
# every position inside a long run would be quadratic in it
_LONG_SPACE = re.compile(r"(?<!\s)\s{255,}")
_NEWLINES = re.compile(r"(?<!\s)\s*\n\s*")
_SPACES = re.compile(r"\t|[ \t]{2,}")


def clean(text: str) -> str:
    """readability's ``clean``: each substitution only where it can match (tests in C)."""
    if len(text) >= 255:
        text = _LONG_SPACE.sub(" " * 255, text)
    if "\n" in text:
        text = _NEWLINES.sub("\n", text)
    if "\t" in text or "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


# readability's functions look ``clean`` and ``describe`` up in their module at each call
# (``text_length``, the scoring and sanitising methods): replaced there, every caller gets
# the cheap one. The output is the same, so no other user of readability in the process is
# affected.
_readability.clean = clean

_describe = _readability.describe


def describe(node: HtmlElement, depth: int = 1) -> str:
    """readability's ``describe`` where its debug lines are logged, else nothing: it formats
    a description of every scored candidate into a debug message whether or not the message
    is logged (~0.5 ms a page)."""
    if _readability.log.isEnabledFor(logging.DEBUG):
        return str(_describe(node, depth))
    return ""


_readability.describe = describe

# readability's divToPElementsRe, ``<(blockquote|dl|div|img|ol|p|pre|table|ul)`` searched in
# the serialised children: it matches exactly where a descendant's tag starts so (comments,
# the only other raw markup in a serialisation, are gone before readability runs: see
# second_opinion._Readability._parse)
_BLOCK_PREFIXES = ("blockquote", "dl", "div", "img", "ol", "p", "table", "ul")
_INLINE_TAGS = frozenset({"a", "b", "cite", "code", "em", "font", "i", "small", "span",
                          "strong", "sub", "sup", "u"})


def _holds_block(elem: HtmlElement) -> bool:
    return any(isinstance(d.tag, str) and d.tag.lower().startswith(_BLOCK_PREFIXES)
               for d in elem.iterdescendants())


# Only an element with a class or an id can be an unlikely candidate: readability tests the
# string "<class> <id>", a lone space for the others. XPath finds them, and the two ancestry
# tests are compiled once, not at each candidate.
_NAMED = etree.XPath(".//*[@class or @id]")
_IN_CODE = etree.XPath("ancestor-or-self::pre | ancestor-or-self::code")
_HOLDS_MAIN = etree.XPath("descendant-or-self::main | descendant-or-self::article"
                          " | descendant-or-self::math")


class FastDocument(Document):
    """``readability.Document`` whose div pass tests tag names instead of serialising, and
    whose unlikely-candidate pass looks only at elements with a class or an id."""

    def remove_unlikely_candidates(self) -> None:
        unlikely = _readability.REGEXES["unlikelyCandidatesRe"]
        maybe = _readability.REGEXES["okMaybeItsACandidateRe"]
        for elem in _NAMED(self.html):
            s = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
            # readability-lxml 0.9's test, unchanged (its debug line left out)
            if (unlikely.search(s) and not maybe.search(s) and elem.tag not in ("html", "body")
                    and not _IN_CODE(elem) and not _HOLDS_MAIN(elem)):
                elem.drop_tree()

    def transform_misused_divs_into_paragraphs(self) -> None:
        for elem in self.tags(self.html, "div"):
            # a <div> that holds no block element is a paragraph
            if not _holds_block(elem):
                elem.tag = "p"
        # readability-lxml 0.9's second loop, unchanged
        for elem in self.tags(self.html, "div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = fragment_fromstring("<p/>")
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p
            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if (child.tag not in _INLINE_TAGS
                        or _readability.REGEXES["divToPElementsRe"].search(
                            tounicode(child, method="html"))):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = fragment_fromstring("<p/>")
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = fragment_fromstring("<p/>")
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()
