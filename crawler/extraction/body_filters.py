"""Line filters that need the page, not just the text: they run before the cleaning rules.

* A leading line that repeats the headline is not body (the record has ``headline``).
* A short line whose whole text is the text of one link on the page is navigation: related
  headlines, "Comments", "CLICK HERE TO GET THE APP", "More:". Prose paragraphs are never one
  link. Bare URLs are kept: a line that *is* a URL (or an e-mail address) is usually a cited
  source or a contact. A short lead-in
  before a headline-long link ("Read more: <link>") does not save the line. In-page anchors
  (``href="#…"``: tables of contents, footnotes) do not count: they repeat story lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urldefrag, urljoin

from lxml import etree
from lxml.html import HtmlElement

_WORD = re.compile(r"\w+")
_BARE_URL = re.compile(r"^\S*(?:://|www\.)\S*$|^[^\s@]+@[^\s@]+\.\w+$")  # or an e-mail
_LEAD_IN = re.compile(r"^\W*([^:\W][^:]{0,30}):\s*(.+?)\W*$")
MAX_LINK_LINE_TOKENS = 20
MIN_LEAD_IN_LINK_TOKENS = 3
"""A link after a short lead-in is a related headline only with at least this many words."""
MAX_LINE_CHARS = 400
"""Longer lines are prose even when linked (a linked quote, a pull paragraph)."""


def line_key(text: str) -> str:
    """Case- and punctuation-insensitive identity of a line."""
    return " ".join(_WORD.findall(text.lower()))


# A site's menus and link farms repeat the same link texts on every page: in a long-lived
# process (an extraction worker) their keys are computed once, then looked up. Bounded, so
# a site of endless distinct links does not grow the process.
_link_text_key = lru_cache(maxsize=20_000)(line_key)


def link_keys(tree: HtmlElement) -> set[str]:
    """Keys of every short link text in ``tree`` (call after pruning, before readability)."""
    keys: set[str] = set()
    for a in tree.iter("a"):
        if (a.get("href") or "").startswith("#"):
            continue  # in-page anchors (a table of contents, footnotes) name story lines
        # text_content() is an XPath string() call; an anchor without children holds its
        # whole text in .text (half the cost of this function on menu-heavy pages)
        key = _link_text_key(a.text_content() if len(a) else (a.text or ""))
        if key and key.count(" ") < MAX_LINK_LINE_TOKENS:
            keys.add(key)
    return keys


def drop_headline_repeat(body: str | None, titles: Iterable[str | None]) -> str | None:
    """Remove leading lines that repeat one of ``titles`` (headline, og:title, <title>)."""
    if not body:
        return body
    keys = {line_key(t) for t in titles if t}
    keys.discard("")
    lines = body.split("\n")
    while lines and line_key(lines[0]) in keys:
        lines.pop(0)
    return "\n".join(lines) or None


def drop_link_lines(body: str | None, links: set[str]) -> str | None:
    """Remove short lines that are exactly the text of a link on the page."""
    if not body or not links:
        return body
    kept = [line for line in body.split("\n") if not _is_link_line(line, links)]
    return "\n".join(kept) or None


def _is_link_line(line: str, links: set[str]) -> bool:
    if len(line) > MAX_LINE_CHARS:  # also keeps the regexes below linear in practice
        return False
    key = line_key(line)
    if not key or key.count(" ") >= MAX_LINK_LINE_TOKENS:
        return False
    if key in links and not _BARE_URL.match(line.strip()):
        return True
    # "Read more: <link>", "SEE ALSO: <link>", "[Related: <link>]": a short lead-in, a link
    # A one- or two-word link after a label ("Earcuff: Zoeca", "Photo: Reuters") is a named
    # thing in the story, not a related headline.
    lead = _LEAD_IN.match(line)
    if not lead or len(lead.group(1).split()) > 3:
        return False
    target = line_key(lead.group(2))
    return target.count(" ") >= MIN_LEAD_IN_LINK_TOKENS - 1 and target in links


# Anchors whose href has a fragment, found in C: most of a page's anchors have none, and
# reading each one's href in Python cost ~1 ms a menu-heavy page.
_FRAGMENT_ANCHORS = etree.XPath("descendant-or-self::a[contains(@href, '#')]")


def anchor_keys(tree: HtmlElement, url: str) -> set[str]:
    """Keys of link texts that point into the page itself with a full URL and a fragment
    (``https://site/story.html#section-2``): a table of contents written with absolute
    links names the story's own subheadings, which :func:`drop_link_lines` must keep, as it
    does for ``href="#…"`` (see :func:`link_keys`)."""
    page = urldefrag(url)[0].rstrip("/")
    keys: set[str] = set()
    for a in _FRAGMENT_ANCHORS(tree):
        href = (a.get("href") or "").strip()
        if href.startswith("#"):
            continue
        target, fragment = urldefrag(urljoin(url, href))
        if fragment and target.rstrip("/") == page:
            key = line_key(a.text_content())
            if key:
                keys.add(key)
    return keys
