"""Which links to follow, and in what order: article-like URLs first, then sections and
archive pages (bounded pagination), traps never."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

_ARTICLE_HINTS = (
    re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])[/-]"),  # /2026/11/20/slug
    re.compile(r"/[^/]*[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.[a-z]{3,5})?/?$", re.IGNORECASE),  # slug
    re.compile(r"[/-]a?\d{5,}(?:\.html?)?/?$"),  # numeric article id
    re.compile(r"/(?:article|story|stories|news|post)s?/[^/]+\.html?$", re.IGNORECASE),
)
_SECTION_HINT = re.compile(
    r"/(?:news|world|politics|business|economy|sport|sports|culture|tech|science|opinion|"
    r"local|section|sections|category|categories|topics?|archive|archives|latest|page)(?:/|$)",
    re.IGNORECASE,
)
# Tags, authors and search results list articles too, but repeat what sections list.
_LOW_VALUE = re.compile(r"/(?:tags?|authors?|search|label)(?:/|$)", re.IGNORECASE)
_SKIP_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|pdf|zip|gz|mp[34]|avi|mov|css|js|woff2?|ttf|exe|dmg)$",
    re.IGNORECASE,
)
_SKIP_PATH = re.compile(
    r"/(?:login|signin|register|account|cart|print|share|wp-admin|wp-json|cdn-cgi)(?:/|$)",
    re.IGNORECASE,
)
_PAGE_IN_PATH = re.compile(r"/(?:page|p|seite|pagina|strona)/(\d+)/?$", re.IGNORECASE)
_PAGE_PARAMS = frozenset({"page", "p", "pg", "paged", "pagenum", "page_num", "start"})
_SESSION_KEYS = frozenset({"sid", "sessionid", "session_id", "phpsessid", "jsessionid"})
MAX_URL_LENGTH = 500
MAX_QUERY_PARAMS = 4
MAX_ARCHIVE_PAGES = 10

ARTICLE_PRIORITY = 10
SECTION_PRIORITY = 5
PAGINATION_PRIORITY = 3
OTHER_PRIORITY = 0


def page_number(url: str) -> int | None:
    """The archive page a URL shows (``/page/3``, ``?page=3``), or None if not paginated."""
    parts = urlsplit(url)
    match = _PAGE_IN_PATH.search(parts.path)
    if match:
        return int(match.group(1))
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_PARAMS and value.isdigit():
            return int(value)
    return None


def skip_reason(url: str, max_archive_pages: int = MAX_ARCHIVE_PAGES) -> str | None:
    """Why a link is not worth fetching (a stat key), or None.

    ``max_archive_pages`` bounds archive pagination (0: unbounded).
    """
    parts = urlsplit(url)
    if len(url) > MAX_URL_LENGTH:
        return "url_too_long"
    if _SKIP_EXT.search(parts.path) and not parts.path.lower().endswith(".xml.gz"):
        return "not_a_page"  # but sitemap.xml.gz is a sitemap
    if _SKIP_PATH.search(parts.path):
        return "utility_page"
    return _query_reason(url, max_archive_pages)


def _query_reason(url: str, max_archive_pages: int) -> str | None:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if len(query) > MAX_QUERY_PARAMS:
        return "query_too_long"
    if any(k.lower() in _SESSION_KEYS for k, _ in query) or ";jsessionid=" in parts.path.lower():
        return "session_id"
    page = page_number(url)
    if max_archive_pages and page is not None and page > max_archive_pages:
        return "pagination_limit"
    return None


def link_priority(url: str) -> int:
    """Scrapy request priority: article-like URLs before section pages before the rest."""
    path = urlsplit(url).path
    if page_number(url) is not None:
        return PAGINATION_PRIORITY
    if _LOW_VALUE.search(path):
        return OTHER_PRIORITY
    if any(p.search(path) for p in _ARTICLE_HINTS):
        return ARTICLE_PRIORITY
    if _SECTION_HINT.search(path):
        return SECTION_PRIORITY
    return OTHER_PRIORITY


def is_article_like(url: str) -> bool:
    """Whether the URL's shape says "article" (such URLs are skipped once exported)."""
    return link_priority(url) == ARTICLE_PRIORITY


# --- trap fan-out ------------------------------------------------------------------------
# A short number is a date part or a page number (kept: /2026/11/20/ is a day's pattern);
# a long one, or a segment mixing letters and digits, is an id that changes per URL.
_VARIABLE_SEGMENT = re.compile(r"^(?:\d{5,}|(?=[^/]*\d)(?=[^/]*[a-z])[a-z0-9_-]{6,})$",
                               re.IGNORECASE)


def url_pattern(url: str) -> str:
    """The shape a trap repeats: host, path with ids and the last segment as ``*``,
    and the query's parameter names (not values)."""
    parts = urlsplit(url)
    segments = parts.path.strip("/").split("/")
    shape = ["*" if _VARIABLE_SEGMENT.match(s) else s for s in segments[:-1]]
    names = sorted({k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    query = "?" + "&".join(names) if names else ""
    return f"{(parts.hostname or '').lower()}/{'/'.join([*shape, '*'])}{query}"


class FanoutLimiter:
    """New link URLs admitted per path pattern (whole crawl) and per parent page.

    Calendars, ever-new article-like links and random parameters otherwise run until the
    site's page budget. Only links found in pages count: sitemap and feed entries are the
    site's own list of what exists. A start page has no per-page cap.
    """

    def __init__(self, per_pattern: int, per_page: int) -> None:
        self.per_pattern = per_pattern
        self.per_page = per_page
        self.patterns: dict[str, int] = {}
        self._page_new = 0
        self._page_capped = False

    def new_page(self, *, start: bool) -> None:
        """Links that follow come from one new parent page."""
        self._page_new = 0
        self._page_capped = bool(self.per_page) and not start

    def refuse(self, url: str) -> str | None:
        """None (and the URL is counted), or the stat name of the cap it hits."""
        if self._page_capped and self._page_new >= self.per_page:
            return "page_fanout"
        pattern = url_pattern(url)
        seen = self.patterns.get(pattern, 0)
        if self.per_pattern and seen >= self.per_pattern:
            return "pattern_fanout"
        self.patterns[pattern] = seen + 1
        self._page_new += 1
        return None
