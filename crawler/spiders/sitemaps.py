"""Sitemaps (urlset, sitemapindex, Google News). robots.txt ``Sitemap:`` lines come from
the robots.txt parser Scrapy already runs (:mod:`crawler.spiders.robots`)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from crawler.spiders.xmlsafe import local_name

MAX_SITEMAP_ENTRIES = 50_000  # the sitemap protocol's own limit per file


@dataclass(frozen=True)
class Entry:
    """A URL listed by a sitemap or feed, with the evidence it came with."""

    url: str
    lastmod: str | None = None
    published: str | None = None
    title: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass
class SitemapDoc:
    """``kind`` is "urlset" or "sitemapindex"; entries are pages or child sitemaps."""

    kind: str
    entries: list[Entry]
    truncated: int = 0
    """Entries past ``MAX_SITEMAP_ENTRIES`` that were not read."""


def read_sitemap(root: etree._Element) -> SitemapDoc | None:
    """Entries of a parsed sitemap, or None if the root is not a sitemap.

    A whole-tree reader (small documents, the reference in tests and benchmarks); the
    spider reads incrementally with :func:`crawler.spiders.listings.read_listing`.
    """
    kind = local_name(root)
    if kind not in {"urlset", "sitemapindex"}:
        return None
    child = "url" if kind == "urlset" else "sitemap"
    elements = [el for el in root if local_name(el) == child]
    entries = [e for e in (_entry(el) for el in elements[:MAX_SITEMAP_ENTRIES]) if e]
    return SitemapDoc(kind, entries, max(0, len(elements) - MAX_SITEMAP_ENTRIES))


def _entry(el: etree._Element) -> Entry | None:
    fields: dict[str, str] = {}
    for sub in el.iter():
        name = local_name(sub)
        if name in {"loc", "lastmod", "publication_date", "title", "keywords"} and sub.text:
            fields.setdefault(name, sub.text.strip())
    loc = fields.get("loc")
    if not loc:
        return None
    kws = tuple(k.strip() for k in fields.get("keywords", "").split(",") if k.strip())
    return Entry(loc, fields.get("lastmod"), fields.get("publication_date"),
                 fields.get("title"), kws)
