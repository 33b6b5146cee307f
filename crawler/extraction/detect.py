"""Is this page an article? A verdict with a reason, so every rejection can be counted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.extraction.structured import PageMeta

# /2024/05/17/…, /2024-05-17-…, a long hyphenated slug, or a numeric id: article URL shapes.
_DATE_PATH = re.compile(r"/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)")
_SLUG = re.compile(r"/[^/]*[a-z0-9]+(?:-[^/-]+){3,}[^/]*/?$", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"[/-]\d{5,}(?:\.html?)?/?$")
_LISTING_PATH = re.compile(
    r"/(?:tag|tags|category|categories|section|topics?|author|authors|archive|page|search)(?:/|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Verdict:
    """``is_article`` with the reason: the signal that decided, or why it was rejected."""

    is_article: bool
    reason: str


def judge(  # noqa: PLR0911 - one return per verdict: it reads as the decision table it is
    url: str, pm: PageMeta, body: str | None, min_body_chars: int
) -> Verdict:
    """Decide from markup, URL shape and body length. Rejection reasons are stat keys."""
    body_len = len(body or "")
    path = urlsplit(url).path or "/"
    og_type = pm.meta.get("og:type", "").lower()
    if body_len == 0:
        return Verdict(False, "no_body")
    if body_len < min_body_chars:
        return Verdict(False, "body_too_short")
    if pm.jsonld:
        return Verdict(True, "jsonld_article")
    if og_type == "article":
        return Verdict(True, "og_article")
    if og_type in {"website", "profile", "video.other", "product"}:
        return Verdict(False, f"og_type_{og_type.replace('.', '_')}")
    if path == "/" or _LISTING_PATH.search(path):
        return Verdict(False, "listing_url")
    if _DATE_PATH.search(path) or _SLUG.search(path) or _NUMERIC_ID.search(path):
        return Verdict(True, "article_url")
    if pm.has_article_element:
        return Verdict(True, "article_markup")
    return Verdict(False, "no_article_signal")
