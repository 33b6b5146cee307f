"""RSS 2.0 / RSS 1.0 (RDF) / Atom / JSON Feed entries."""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from crawler.spiders.sitemaps import Entry
from crawler.spiders.xmlsafe import local_name

FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
MAX_FEED_ITEMS = 5000
# Commas, objects and arrays in a JSON body: ~1 per 50 bytes in a text-heavy feed at
# DOWNLOAD_MAXSIZE (8 MB); a million values parse into ~80 MB.
MAX_JSON_VALUES = 1_000_000


def read_xml_feed(root: etree._Element) -> list[Entry] | None:
    """Entries of an RSS/Atom/RDF feed, or None if the root is not a feed.

    A whole-tree reader (small documents, the reference in tests and benchmarks); the
    spider reads incrementally with :func:`crawler.spiders.listings.read_listing`.
    """
    if local_name(root) not in FEED_ROOTS:
        return None
    entries = []
    for el in root.iter():
        if local_name(el) in {"item", "entry"}:
            entry = _xml_item(el)
            if entry:
                entries.append(entry)
            if len(entries) >= MAX_FEED_ITEMS:
                break
    return entries


def _xml_item(el: etree._Element) -> Entry | None:
    link = title = date = updated = None
    keywords: list[str] = []
    for sub in el:
        name = local_name(sub)
        if name == "link":
            href = sub.get("href")
            rel = sub.get("rel", "alternate")
            if href and rel == "alternate":
                link = link or href.strip()
            elif sub.text and sub.text.strip():
                link = link or sub.text.strip()
        elif name == "guid" and sub.get("isPermaLink", "true") == "true" and sub.text:
            link = link or (sub.text.strip() if sub.text.strip().startswith("http") else None)
        elif name == "title" and sub.text:
            title = " ".join(sub.text.split())
        elif name in {"pubdate", "published", "date", "issued"} and sub.text:
            date = date or sub.text.strip()
        elif name in {"updated", "modified"} and sub.text:
            updated = sub.text.strip()
        elif name in {"category", "subject"}:
            term = sub.get("term") or sub.text or ""  # Atom: term=; RSS, Dublin Core: text
            if term.strip():
                keywords.append(" ".join(term.split()))
    return Entry(link, updated, date, title, tuple(keywords)) if link else None


class JsonTooLarge(ValueError):
    """The JSON body holds more values than a feed needs (each costs ~60 bytes parsed)."""


def read_json_feed(body: bytes) -> list[Entry] | None:
    """Entries of a JSON Feed (jsonfeed.org), or None if the body is not one.

    Raises :class:`JsonTooLarge` before parsing a body of more than ``MAX_JSON_VALUES``
    values: 8 MB of ``{},`` parse into 2.7 M dicts (200 MB).
    """
    values = body.count(b",") + body.count(b"{") + body.count(b"[")  # an upper bound
    if values > MAX_JSON_VALUES:
        raise JsonTooLarge(f"JSON body of up to {values} values > {MAX_JSON_VALUES}")
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        return None
    items = data.get("items")
    entries = []
    for item in items[:MAX_FEED_ITEMS] if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            entries.append(Entry(item["url"], _str(item.get("date_modified")),
                                 _str(item.get("date_published")), _str(item.get("title")),
                                 _tags(item.get("tags"))))
    return entries


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _tags(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(t.strip() for t in value if isinstance(t, str) and t.strip())
