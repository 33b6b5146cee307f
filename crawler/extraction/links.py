"""Links a page offers for discovery: anchors and feed autodiscovery, absolutised."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement
from w3lib.url import safe_url_string

_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)
MAX_LINKS = 2000  # a page with more is a trap or a sitemap in disguise


def page_links(tree: HtmlElement, base_url: str) -> tuple[list[str], list[str]]:
    """Return (anchor links, feed links), http(s) only, fragments removed, de-duplicated."""
    base = _base_href(tree, base_url)
    anchors: list[str] = []
    feeds: list[str] = []
    seen: set[str] = set()
    for el in tree.iter("a", "link"):
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        rel = (el.get("rel") or "").lower()
        if el.tag == "link":
            if "alternate" in rel and (el.get("type") or "").lower() in _FEED_TYPES:
                _add(feeds, seen, base, href)
            continue
        if "nofollow" in rel.split():
            continue
        _add(anchors, seen, base, href)
        if len(anchors) >= MAX_LINKS:
            break
    return anchors, feeds


def _add(out: list[str], seen: set[str], base: str, href: str) -> None:
    try:
        url = safe_url_string(urljoin(base, href)).split("#", 1)[0]
    except ValueError:
        return
    if urlsplit(url).scheme in {"http", "https"} and url not in seen:
        seen.add(url)
        out.append(url)


def _base_href(tree: HtmlElement, url: str) -> str:
    base = tree.find(".//base")
    href = base.get("href") if base is not None else None
    return urljoin(url, href) if href else url
