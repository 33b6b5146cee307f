"""Which links to follow, and in what order: article-like URLs first, traps never."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

_ARTICLE_HINTS = (
    re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])[/-]"),
    re.compile(r"/[a-z0-9]+(?:-[a-z0-9]+){3,}(?:\.html?)?/?$", re.IGNORECASE),
    re.compile(r"[/-]\d{5,}(?:\.html?)?/?$"),
)
_SECTION_HINT = re.compile(
    r"/(?:news|world|politics|business|section|category|topics?|archive|page)(?:/|$)", re.I
)
_SKIP_EXT = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|pdf|zip|gz|mp[34]|avi|mov|css|js|woff2?|ttf|exe|dmg)$",
    re.IGNORECASE,
)
_SKIP_PATH = re.compile(
    r"/(?:login|signin|register|account|cart|print|share|wp-admin)(?:/|$)", re.IGNORECASE
)
_SESSION_KEYS = frozenset({"sid", "sessionid", "session_id", "phpsessid", "jsessionid"})
MAX_URL_LENGTH = 500
MAX_QUERY_PARAMS = 4

ARTICLE_PRIORITY = 10
SECTION_PRIORITY = 5
OTHER_PRIORITY = 0


def skip_reason(url: str) -> str | None:
    """Why a link is not worth fetching (a stat key), or None."""
    parts = urlsplit(url)
    if len(url) > MAX_URL_LENGTH:
        return "url_too_long"
    if _SKIP_EXT.search(parts.path):
        return "not_a_page"
    if _SKIP_PATH.search(parts.path):
        return "utility_page"
    query = parse_qsl(parts.query, keep_blank_values=True)
    if len(query) > MAX_QUERY_PARAMS:
        return "query_too_long"
    if any(k.lower() in _SESSION_KEYS for k, _ in query) or ";jsessionid=" in parts.path.lower():
        return "session_id"
    return None


def link_priority(url: str) -> int:
    """Scrapy request priority: article-like URLs before section pages before the rest."""
    path = urlsplit(url).path
    if any(p.search(path) for p in _ARTICLE_HINTS):
        return ARTICLE_PRIORITY
    if _SECTION_HINT.search(path):
        return SECTION_PRIORITY
    return OTHER_PRIORITY
