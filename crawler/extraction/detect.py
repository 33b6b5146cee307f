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


# Scripts written without spaces between words carry a word in one to three characters: a
# character of them weighs what a few Latin ones do, so one minimum length is fair to both.
_DENSE_SCRIPT = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  # kana, CJK ideographs
)
_HANGUL = re.compile("[\uac00-\ud7af]")
DENSE_WEIGHT = 3
"""A Chinese or Japanese character counts as this many Latin characters (a word of 1-2
characters against ~6 with its space)."""
HANGUL_WEIGHT = 2
"""A Hangul syllable block (Korean spaces its words; a block is ~2-3 Latin letters)."""
MARKED_SHARE = 0.25
"""A body this share of the minimum is kept when the page marks itself an article."""
MARKED_SHORT = "marked_short_article"
"""The verdict of a short story the page marks as an article (JSON-LD, og:type)."""


def story_length(text: str | None) -> int:
    """Length of ``text`` in Latin-character equivalents (CJK and Hangul weighted)."""
    if not text:
        return 0
    dense = len(_DENSE_SCRIPT.findall(text))
    hangul = len(_HANGUL.findall(text))
    return len(text) + (DENSE_WEIGHT - 1) * dense + (HANGUL_WEIGHT - 1) * hangul


@dataclass(frozen=True)
class Verdict:
    """``is_article`` with the reason: the signal that decided, or why it was rejected."""

    is_article: bool
    reason: str


def judge(  # noqa: PLR0911 - one return per verdict: it reads as the decision table it is
    url: str, pm: PageMeta, body: str | None, min_body_chars: int
) -> Verdict:
    """Decide from markup, URL shape and body length. Rejection reasons are stat keys.

    Length is :func:`story_length` (fair across scripts). A short body on a page that marks
    itself an article (JSON-LD article type, ``og:type`` article) is still one: a brief is
    a story.
    """
    body_len = story_length(body)
    path = urlsplit(url).path or "/"
    og_type = pm.meta.get("og:type", "").lower()
    if body_len == 0:
        return Verdict(False, "no_body")
    if body_len < min_body_chars:
        marked = bool(pm.jsonld) or og_type == "article"
        if marked and body_len >= MARKED_SHARE * min_body_chars:
            return Verdict(True, MARKED_SHORT)
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
