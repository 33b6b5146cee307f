"""Read a sitemap or an XML feed incrementally: entries as they close, memory for one entry.

A 70 KB ``.xml.gz`` can inflate to 8 million ``<url/>`` elements, and a whole-tree parse of
an ordinary 7.8 MB sitemap took 577 MB. Here each entry is turned into an :class:`Entry`
when its element closes, then freed; reading stops (counted) at the first of:

* ``MAX_SITEMAP_ENTRIES`` (50,000, the sitemap protocol's limit) or ``MAX_FEED_ITEMS``
  entries: ``entry_limit``;
* ``MAX_ENTRY_ELEMENTS`` elements inside one entry: ``entry_too_large``;
* ``MAX_XML_ELEMENTS`` elements in the document: ``element_limit``;
* ``MAX_XML_BYTES`` inflated bytes: :class:`~crawler.spiders.xmlsafe.XmlTooLarge`.

CPU-bound and blocking: the spider runs :func:`read_listing` in a thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from crawler.spiders import sitemaps, syndication
from crawler.spiders.sitemaps import Entry
from crawler.spiders.xmlsafe import iter_xml, local_name, release

MAX_ENTRY_ELEMENTS = 1000  # a news sitemap <url> has ~10; a feed item a few dozen
MAX_XML_ELEMENTS = 1_500_000  # 50,000 entries of up to 30 elements


@dataclass
class Listing:
    """``kind``: "urlset", "sitemapindex", "feed"; or "unknown" (another XML root),
    "malformed" (no element at all), "unreadable" (too large, broken gzip: see ``error``)."""

    kind: str
    entries: list[Entry] = field(default_factory=list)
    stopped: str | None = None
    """Why reading stopped early (a stat name), or None if the whole document was read."""
    error: str = ""


_SITEMAP_ROOTS = {"urlset": "url", "sitemapindex": "sitemap"}


def read_listing(body: bytes) -> Listing:
    """The entries of a sitemap or an RSS/Atom/RDF feed read from ``body`` (gzip or not)."""
    try:
        return _read(body)
    except ValueError as exc:  # XmlTooLarge, broken gzip
        return Listing("unreadable", error=str(exc))


def _read(body: bytes) -> Listing:
    reader: _Reader | None = None
    try:
        for event, el in iter_xml(body):
            if reader is None:  # the first event: the root decides what the document is
                reader = _Reader.for_root(local_name(el))
                if reader is None:
                    return Listing("unknown")
            if not reader.event(event, el):
                break
    except etree.XMLSyntaxError:
        if reader is not None:  # what was read before the break is kept (as recover=True)
            reader.listing.stopped = "broken_xml"
    return reader.listing if reader is not None else Listing("malformed")


class _Reader:
    """Turns iterparse events into entries, freeing everything outside the open entry."""

    def __init__(self, listing: Listing, entry_tag: str, limit: int,
                 build: Callable[[etree._Element], Entry | None]) -> None:
        self.listing, self.entry_tag, self.limit, self.build = listing, entry_tag, limit, build
        self.depth = self.elements = self.in_entry = self.entries = 0
        self.entry_depth = 0  # depth of the entry element being read; 0: outside any entry

    @classmethod
    def for_root(cls, root: str) -> _Reader | None:
        if root in _SITEMAP_ROOTS:
            return cls(Listing(root), _SITEMAP_ROOTS[root], sitemaps.MAX_SITEMAP_ENTRIES,
                       sitemaps._entry)
        if root in syndication.FEED_ROOTS:
            return cls(Listing("feed"), "", syndication.MAX_FEED_ITEMS, syndication._xml_item)
        return None

    def event(self, event: str, el: etree._Element) -> bool:
        """Handle one event; False once reading must stop (``listing.stopped`` says why)."""
        if event == "start":
            self.listing.stopped = self._start(el)
            return self.listing.stopped is None
        if self.entry_depth == self.depth:  # the entry closes: read it, then free it
            self.entries += 1
            entry = self.build(el)
            if entry is not None:
                self.listing.entries.append(entry)
            self.entry_depth = 0
        if not self.entry_depth:
            release(el)
        self.depth -= 1
        return True

    def _start(self, el: etree._Element) -> str | None:
        self.depth += 1
        self.elements += 1
        if self.elements > MAX_XML_ELEMENTS:
            return "element_limit"
        if self.entry_depth:
            self.in_entry += 1
            return "entry_too_large" if self.in_entry > MAX_ENTRY_ELEMENTS else None
        if self.depth > 1 and _is_entry(el, self.entry_tag, self.depth):
            if self.entries >= self.limit:
                return "entry_limit"
            self.entry_depth, self.in_entry = self.depth, 0
        return None


def _is_entry(el: etree._Element, entry_tag: str, depth: int) -> bool:
    """Sitemap entries are the root's children; feed items may sit in a <channel>."""
    if entry_tag:
        return depth == 2 and local_name(el) == entry_tag
    return local_name(el) in {"item", "entry"}
