"""Links a page offers for discovery: anchors and feed autodiscovery, absolutised.

News pages carry hundreds of links that are the same on every page of a site (a mega-menu,
footer link farms). Absolutising one costs ~0.1 ms (``urljoin`` + ``safe_url_string``), so a
400-link menu cost more than trafilatura. :class:`KnownLinks`, kept by a long-lived process
(an extraction worker), makes a link string met before on the site cost one dictionary
lookup, and lets the worker return only the links the site's earlier pages did not: the crawl
process then decides on each menu link once per worker, not once per page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement
from w3lib.url import safe_url_string

_FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)
_SKIP_PREFIXES = ("#", "javascript:", "mailto:", "tel:", "data:")
MAX_LINKS = 2000  # a page with more is a trap or a sitemap in disguise
MAX_REMEMBERED = 100_000
"""Entries :class:`KnownLinks` keeps per table before it starts afresh: memory stays bounded
on sites with endless distinct links (the cost of forgetting is one page's worth of joins)."""


@dataclass
class Links:
    """What a page links to. With a :class:`KnownLinks`, only links new to the site."""

    anchors: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    known: int = 0
    """Links left out because this process returned them for an earlier page of the site."""


@dataclass
class KnownLinks:
    """A process's memory of the links it has met, per site (scheme and host).

    ``resolved`` maps (what the href is relative to, href) to the absolute URL, or to "" for
    an href that yields none; ``returned`` holds the URLs already handed out per site.
    :func:`page_links` reads both; :meth:`remember` records a page's links once the page's
    result is on its way (a page that never reaches the crawl must not hide its links).
    """

    resolved: dict[tuple[str, str], str] = field(default_factory=dict)
    returned: dict[str, set[str]] = field(default_factory=dict)
    by_origin: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per base origin, raw href attribute -> what ``resolved`` gives, for the hrefs whose URL
    depends on nothing of the base but its origin (absolute, ``//host``, ``/path``, skipped
    schemes): a menu link met before costs one lookup of the attribute as the page has it."""
    _size: int = 0
    _by_origin_size: int = 0

    def seen(self, site: str) -> set[str]:
        return self.returned.get(site, set())

    def remember(self, site: str, links: Links) -> None:
        urls = self.returned.setdefault(site, set())
        before = len(urls)
        urls.update(links.anchors)
        urls.update(links.feeds)
        self._size += len(urls) - before
        if self._size > MAX_REMEMBERED:
            self.returned.clear()
            self._size = 0
        if len(self.resolved) > MAX_REMEMBERED:
            self.resolved.clear()

    def _grew(self, entries: int) -> None:
        """``by_origin`` has its own bound: it also holds hrefs ``resolved`` never sees
        (``javascript:``, fragments), and one entry per origin for an absolute href."""
        self._by_origin_size += entries
        if self._by_origin_size > MAX_REMEMBERED:
            self.by_origin.clear()
            self._by_origin_size = 0


def page_links(tree: HtmlElement, base_url: str, known: KnownLinks | None = None) -> Links:
    """Anchors and feed links, http(s) only, fragments removed, de-duplicated in page order.

    With ``known``, hrefs met before are resolved from its table and links it has returned
    for the same site are left out (counted in ``Links.known``).
    """
    base = _base_href(tree, base_url)
    keys = _BaseKeys(base)
    resolved = known.resolved if known is not None else {}
    # hrefs whose URL depends only on the base's origin, by their raw attribute value
    by_href = known.by_origin.setdefault(keys.origin, {}) if known is not None else {}
    returned = known.seen(site_of(base_url)) if known is not None else frozenset()
    out = Links()
    anchors, feeds = out.anchors, out.feeds
    on_page: set[str] = set()
    count, known_hrefs = 0, len(by_href)
    for el in tree.iter("a", "link"):
        raw = el.get("href")
        if raw is None:
            continue
        rel = el.get("rel")
        target = anchors if rel is None and el.tag == "a" else _target(el, rel, anchors, feeds)
        if target is None:
            continue
        url = by_href.get(raw)
        if url is None:
            url = _resolve(raw, base, keys, resolved, by_href if known is not None else None)
        if not url or url in on_page:
            continue
        on_page.add(url)
        if url in returned:
            out.known += 1
        else:
            target.append(url)
        if target is anchors:
            count += 1
            if count >= MAX_LINKS:
                break
    if known is not None:
        known._grew(len(by_href) - known_hrefs)
    return out


def _target(el: HtmlElement, rel: str | None, anchors: list[str], feeds: list[str]
            ) -> list[str] | None:
    """Where a link with a ``rel`` (or a ``<link>``) goes: feeds, anchors, or nowhere."""
    if el.tag == "link":
        if (rel is None or "alternate" not in rel.lower()
                or (el.get("type") or "").lower() not in _FEED_TYPES):
            return None
        return feeds
    if rel is not None and "nofollow" in rel.lower().split():
        return None
    return anchors


def _resolve(raw: str, base: str, keys: _BaseKeys, resolved: dict[tuple[str, str], str],
             by_href: dict[str, str] | None) -> str:
    """The URL of the href attribute ``raw`` ("" for none), through ``resolved``; written to
    ``by_href`` too when it depends on nothing of the base but its origin."""
    href = raw.strip()
    if not href or href.startswith(_SKIP_PREFIXES):
        url = ""
    else:
        key = (keys.for_href(href), href)
        found = resolved.get(key)
        url = found if found is not None else _absolute(base, href)
        resolved[key] = url
        if not _origin_wide(href):
            return url
    if by_href is not None:
        by_href[raw] = url
    return url


def site_of(url: str) -> str:
    """The part of a page URL its links are remembered under: scheme and host."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class _BaseKeys:
    """What an href's absolute form depends on besides itself, as a short string.

    ``urljoin`` reads nothing of the base for an absolute href, the scheme for ``//host``,
    the origin for ``/path``, the whole base (less its fragment) for ``?query``, and the
    base's directory for a relative path (``..`` and ``.`` resolve within it). Two pages of
    one site then share the entries of every href but the directory-relative ones of
    different directories.
    """

    def __init__(self, base: str) -> None:
        parts = urlsplit(base)
        self.scheme = parts.scheme.lower()
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.full = base.split("#", 1)[0]
        self.directory = self.origin + parts.path[: parts.path.rfind("/") + 1]

    def for_href(self, href: str) -> str:
        lower = href[:8].lower()
        if lower.startswith(("http://", "https://")):
            return ""
        if href.startswith("//"):
            return self.scheme
        if href.startswith("/"):
            return self.origin
        if href.startswith("?"):
            return self.full
        # a relative path, or another scheme (urljoin ignores the base for those too)
        return self.directory


def _origin_wide(href: str) -> bool:
    """Does ``href`` (stripped) resolve from the base's origin alone: absolute http(s),
    ``//host`` or ``/path``? (Not from the key's value: a directory or full base can equal
    the origin string on one page and not on the next.)"""
    return href.startswith("/") or href[:8].lower().startswith(("http://", "https://"))


# An absolute http(s) URL that urljoin and safe_url_string return unchanged: a lowercase
# host of plain labels (no IDNA "xn--", no port or user), a path of characters neither
# quotes, without dot segments, and an optional non-empty query of the same characters less
# the apostrophe (quoted in queries). ~93 % of the links on the shared benchmark pages;
# checking for it costs ~1 µs, the two calls ~40 µs.
_PLAIN_SEGMENT = r"(?:/(?!\.)[A-Za-z0-9_~,;:=@!$&'()*+-]*(?:\.[A-Za-z0-9_~,;:=@!$&'()*+-]+)*)"
_PLAIN_URL = re.compile(
    r"https?://(?!xn--)[a-z0-9][a-z0-9-]{0,62}(?:\.(?!xn--)[a-z0-9][a-z0-9-]{0,62})+"
    + _PLAIN_SEGMENT + r"+/?(?:\?[A-Za-z0-9._~=&/,;:@!$()*+-]+)?"
)


def _absolute(base: str, href: str) -> str:
    """The absolute http(s) URL ``href`` names from ``base``, without fragment; "" if none."""
    plain = href.split("#", 1)[0]
    if _PLAIN_URL.fullmatch(plain):
        return plain
    try:
        joined = urljoin(base, href)
        plain = joined.split("#", 1)[0]
        if _PLAIN_URL.fullmatch(plain):
            return plain
        url = safe_url_string(joined).split("#", 1)[0]
    except ValueError:
        return ""
    return url if urlsplit(url).scheme in {"http", "https"} else ""


def _base_href(tree: HtmlElement, url: str) -> str:
    base = tree.find(".//base")
    href = base.get("href") if base is not None else None
    return urljoin(url, href) if href else url
