"""Line filters that need the page, not just the text: they run before the cleaning rules.

* A leading line that repeats the headline is not body (the record has ``headline``).
* A short line whose whole text is the text of one link on the page is navigation: related
  headlines, "Comments", "CLICK HERE TO GET THE APP", "More:". Prose paragraphs are never one
  link. Bare URLs are kept: a line that *is* a URL (or an e-mail address) is usually a cited
  source or a contact. A short lead-in
  before a headline-long link ("Read more: <link>") does not save the line. In-page anchors
  (``href="#…"``: tables of contents, footnotes) do not count: they repeat story lines.
  Nor do links written into a paragraph or list item that holds prose of its own beside
  them (see :func:`_inline_in_prose`): a ``<br>`` there can leave the link alone on a line
  ("Base Flying<br>2 minutes from the station"), and it is still the story's text.
* A table row of several cells is data (a row of a comparison table), not a link line.
* A headline-long link text that the page's own description quotes is the story's subject
  (a link post's linked headline), not navigation.
* A list item that links to another site with a text of three words or more names a thing
  the story is about (a deals post's products, a report's sources), not navigation, which
  links to the site itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from courlan import is_external
from lxml import etree
from lxml.html import HtmlElement

_WORD = re.compile(r"\w+")
_BARE_URL = re.compile(r"^\S*(?:://|www\.)\S*$|^[^\s@]+@[^\s@]+\.\w+$")  # or an e-mail
_TABLE_ROW = re.compile(r"^\|(?:[^|]*\|){2,}")  # "| a | b |": a row of two cells or more
_LEAD_IN = re.compile(r"^\W*([^:\W][^:]{0,30}):\s*(.+?)\W*$")
MAX_LINK_LINE_TOKENS = 20
MIN_LEAD_IN_LINK_TOKENS = 3
"""A link after a short lead-in is a related headline only with at least this many words."""
MIN_QUOTED_LINK_TOKENS = 5
"""A link text of this many words that the page's description quotes is story."""
MAX_LINE_CHARS = 400
"""Longer lines are prose even when linked (a linked quote, a pull paragraph)."""
PROSE_BLOCKS = frozenset({"p", "li", "dd", "td", "blockquote"})
"""Blocks whose own text beside a link makes the link part of the story's prose."""
_INLINE = frozenset({"span", "strong", "b", "em", "i", "u", "small", "mark", "abbr", "cite",
                     "code", "font", "sup", "sub", "time", "q", "s", "label", "br"})
MIN_PROSE_WORDS = 3
MIN_PROSE_SHARE = 0.5
"""A link is inline in prose when the block's own words outside links number at least
MIN_PROSE_WORDS and their letters at least this share of the link's letters: "Read more:"
or a date beside a headline link is a label, not prose."""
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_LABEL = re.compile(r"(?<![^\s:])[^\s:]+:")
"""A label ("Listen:", "Download:") before each link of a block is no prose beside them.
A label starts a word: tried inside one, the failing search is quadratic in the word."""


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
        if key and key.count(" ") < MAX_LINK_LINE_TOKENS and not _inline_in_prose(a, key):
            keys.add(key)
    if keys:
        # a link the page's own summary quotes is what the story is about (a link post's
        # linked headline), not navigation: no site summarises a page by its menu. A
        # headline-long quote only: a name or a word ("Ischgl", "Staff Reports") is in
        # many summaries and many menus
        summary = " ".join(line_key(d) for d in _DESCRIPTIONS(tree))
        if summary:
            keys = {key for key in keys if key.count(" ") < MIN_QUOTED_LINK_TOKENS - 1
                    or f" {key} " not in f" {summary} "}
    return keys


_DESCRIPTIONS = etree.XPath(
    "/html/head/meta[@name='description' or @property='og:description'"
    " or @name='twitter:description']"
    "/@content")


def _inline_in_prose(a: HtmlElement, key: str) -> bool:
    """Does ``a`` sit inside a paragraph or list item with prose of its own beside it?

    A menu or related-headline item is the link alone in its block (or with a date or a
    "Read more:" label); a link written into a sentence, or a name followed by a
    description after a ``<br>``, shares its block with more words than it holds itself.
    Only the block's own inline text counts: a teaser paragraph nested in the item (a
    block of its own) does not make the headline link prose.
    """
    parent = a.getparent()
    if parent is None:
        return False
    if not (a.tail or "").strip() and not (parent.text or "").strip() and len(parent) == 1:
        return False  # the common menu item <li><a>…</a></li>: nothing beside the link
    block = parent
    while block is not None and block.tag in _INLINE:
        block = block.getparent()
    if block is None or block.tag not in PROSE_BLOCKS:
        return False
    parts: list[str] = []
    _loose_text(block, parts)
    words = _LETTER_WORD.findall(_LABEL.sub(" ", " ".join(parts)))
    if len(words) < MIN_PROSE_WORDS:
        return False
    return sum(map(len, words)) >= MIN_PROSE_SHARE * len(key.replace(" ", ""))


def _loose_text(el: HtmlElement, parts: list[str]) -> None:
    """Text of ``el`` outside links and outside nested blocks (their tails count)."""
    if el.text and el.tag != "a":
        parts.append(el.text)
    for child in el:
        if child.tag in _INLINE:
            _loose_text(child, parts)
        if child.tail:
            parts.append(child.tail)


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
    if not key or key.count(" ") >= MAX_LINK_LINE_TOKENS or _TABLE_ROW.match(line):
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
    does for ``href="#…"`` (see :func:`link_keys`). So are the texts of list items that link
    to other sites (see :func:`offsite_list_keys`)."""
    page = urldefrag(url)[0].rstrip("/")
    keys = offsite_list_keys(tree, url)
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


# from each link up, not from each list item down: ``li//a`` on a page of nested
# unclosed <li> visits every link once per list item above it (300 ms on one page)
_LIST_LINKS = etree.XPath("descendant-or-self::a[(starts-with(@href, 'http') "
                         "or starts-with(@href, '//')) and ancestor::li]")
MIN_OFFSITE_TOKENS = 3
"""An off-site list link names a thing (a product, a source) with at least this many words;
"Facebook", "Twitter" or "Read on" is a button."""


# The host of an absolute or scheme-relative href, read off the string: what
# ``urlsplit(urljoin(url, href)).netloc`` gives, at a tenth of the cost (a mega-menu holds
# hundreds of list links). Anything else goes the long way: other shapes, hrefs with the
# characters urlsplit removes or checks (tabs and newlines, brackets, non-ASCII hosts).
_ABSOLUTE_HOST = re.compile(r"(?:https?:)?//([^/?#]+)", re.IGNORECASE)


def _host(href: str, url: str) -> str:
    found = _ABSOLUTE_HOST.match(href)
    if found and found.group(1).isascii() and not any(c in href for c in "\t\r\n[]"):
        return found.group(1)
    return urlsplit(urljoin(url, href)).netloc


def offsite_list_keys(tree: HtmlElement, url: str) -> set[str]:
    """Keys of list-item link texts of three words or more that point to another site.

    A site's navigation and related-story lists link to the site itself; a list of links
    to other sites names what the story is about: the products of a deals post, the
    sources of a report, the episodes a podcast's notes cite. Social buttons are one or two
    words (see MIN_OFFSITE_TOKENS). Sites are compared by registered domain
    (``shop.example.com`` is ``example.com``'s own, and so is ``example.org``: one
    publisher's country domains).
    """
    keys: set[str] = set()
    external: dict[str, bool] = {}  # by host: a page's lists link to few hosts, many times
    for a in _LIST_LINKS(tree):
        key = line_key(a.text_content())
        if key.count(" ") < MIN_OFFSITE_TOKENS - 1:
            continue
        try:
            host = _host((a.get("href") or "").strip(), url)
            if host not in external:
                external[host] = bool(host) and is_external(f"http://{host}/", url)
        except ValueError:  # a malformed href ("http://[ccpa-preferences]") links nowhere
            continue
        if external[host]:
            keys.add(key)
    return keys
