"""Choose each metadata field from the page's evidence: JSON-LD, then OpenGraph/meta, then
trafilatura's guesses. Values are normalised to the record's formats (see ``crawler.items``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.extraction.structured import PageMeta
from crawler.extraction.trafilatura_adapter import TrafilaturaResult

# Separators sites put between a headline and their name: "Story - Site", "Story | Site".
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—:•·»]|::)\s+")
_BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di|door|av|af)\s+", re.IGNORECASE)
_FUTURE_SLACK = timedelta(days=1)


@dataclass
class Metadata:
    """Normalised metadata fields; None when the page gave no usable evidence."""

    headline: str | None = None
    canonical_url: str | None = None
    authors: list[str] | None = None
    date_published: str | None = None
    date_modified: str | None = None
    language: str | None = None
    description: str | None = None
    image: str | None = None
    site_name: str | None = None
    keywords: list[str] | None = None


def choose_metadata(
    url: str, pm: PageMeta, traf: TrafilaturaResult | None, now: datetime | None = None
) -> Metadata:
    """Pick every field from the best available source."""
    ld, meta = pm.jsonld, pm.meta
    site = _text(ld_name(ld.get("publisher"))) or meta.get("og:site_name") or (
        traf.sitename if traf else None
    )
    raw_title = (
        _text(ld.get("headline"))
        or meta.get("og:title")
        or meta.get("twitter:title")
        or (traf.title if traf else None)
        or pm.title_tag
    )
    now = now or datetime.now(UTC)
    return Metadata(
        headline=strip_site_suffix(raw_title, site, url) if raw_title else None,
        canonical_url=_absolute(url, pm.canonical or meta.get("og:url")),
        authors=_authors(ld, pm, traf, site),
        date_published=first_valid_date(
            [ld.get("datePublished"), meta.get("article:published_time"),
             meta.get("datepublished"), meta.get("date"), meta.get("dc.date"),
             traf.date if traf else None],
            now,
        ),
        date_modified=first_valid_date(
            [ld.get("dateModified"), meta.get("article:modified_time"),
             meta.get("datemodified"), meta.get("og:updated_time")],
            now,
        ),
        language=language_code(
            _text(ld.get("inLanguage")) or pm.html_lang or meta.get("og:locale")
            or meta.get("content-language") or (traf.language if traf else None)
        ),
        description=_text(ld.get("description")) or meta.get("og:description")
        or meta.get("description") or (traf.description if traf else None),
        image=_absolute(url, _image(ld.get("image")) or meta.get("og:image")
                        or meta.get("twitter:image") or (traf.image if traf else None)),
        site_name=site or None,
        keywords=_keywords(ld, pm, traf),
    )


def metadata_complete(meta: Metadata) -> bool:
    """Did the page's structured data give every field trafilatura's heuristics could add?"""
    return bool(meta.headline and meta.date_published and meta.authors)


def strip_site_suffix(title: str, site: str | None, url: str) -> str:
    """Drop a trailing (or leading) site name: "Story - ForumDaily" -> "Story"."""
    title = " ".join(title.split())
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = _site_tokens(site, url)
    last, first = parts[-1], parts[0]
    if _looks_like_site(last, names):
        return _TITLE_SEPARATORS.split(title, maxsplit=len(parts) - 2)[0].strip() if len(
            parts) > 2 else first.strip()
    if _looks_like_site(first, names):
        return title[len(first):].lstrip(" -|–—:•·»").strip()
    return title


def _site_tokens(site: str | None, url: str) -> set[str]:
    host = urlsplit(url).hostname or ""
    labels = [lab for lab in host.split(".") if lab not in {"www", "m", "amp", "edition"}]
    tokens = {_squash(lab) for lab in labels[:-1]} if len(labels) > 1 else set()
    if site:
        tokens.add(_squash(site))
    return {t for t in tokens if len(t) >= 3}


def _looks_like_site(part: str, names: set[str]) -> bool:
    squashed = _squash(part)
    if not squashed or len(part.split()) > 6:
        return False
    return any(n in squashed or squashed in n for n in names)


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def first_valid_date(candidates: list[Any], now: datetime) -> str | None:
    """The first candidate that parses as ISO 8601 and is not in the future.

    The page's own UTC offset is kept: converting to UTC can move the day.
    """
    for value in candidates:
        parsed = parse_date(value)
        if parsed is None:
            continue
        iso, moment = parsed
        if moment <= now + _FUTURE_SLACK:
            return iso
    return None


def parse_date(value: Any) -> tuple[str, datetime] | None:
    """Parse an ISO-8601-like string; return (normalised ISO text, aware datetime)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", value.strip()) \
        else value.strip()
    text = re.sub(r"(\.\d+)?Z$", r"\1+00:00", text)
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.year < 1990:
        return None
    if moment.tzinfo is None:
        if "T" not in text:
            return moment.date().isoformat(), moment.replace(tzinfo=UTC)
        return moment.isoformat(), moment.replace(tzinfo=UTC)
    return moment.isoformat(), moment


def language_code(value: str | None) -> str | None:
    """"en-US" / "en_GB" / "ru" -> ISO 639-1 "en" / "ru"; None if not a 2-letter code."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def _authors(
    ld: dict[str, Any], pm: PageMeta, traf: TrafilaturaResult | None, site: str | None
) -> list[str] | None:
    names: list[str] = []
    raw = ld.get("author")
    for item in raw if isinstance(raw, list) else [raw]:
        names.extend(_split_names(ld_name(item)))
    if not names:
        for value in pm.meta_all.get("author", []) + pm.meta_all.get("article:author", []):
            if not value.startswith("http"):
                names.extend(_split_names(value))
    if not names and traf and traf.author:
        names.extend(_split_names(traf.author))
    site_key = _squash(site or "")
    out: list[str] = []
    for name in names:
        if name and _squash(name) != site_key and name not in out:
            out.append(name)
    return out or None


def _split_names(value: str | None) -> list[str]:
    if not value:
        return []
    value = _BY_PREFIX.sub("", " ".join(value.split()))
    parts = re.split(r"\s*(?:;|,|\band\b|&|\|)\s*", value)
    return [p.strip() for p in parts if 1 < len(p.strip()) <= 80 and not p.startswith("http")]


def ld_name(value: Any) -> str | None:
    """A JSON-LD Person/Organization's ``name``, or a bare string."""
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list) and value:
        return ld_name(value[0])
    return _text(value)


def _image(value: Any) -> str | None:
    if isinstance(value, list) and value:
        return _image(value[0])
    if isinstance(value, dict):
        return _text(value.get("url") or value.get("contentUrl"))
    return _text(value)


def _keywords(ld: dict[str, Any], pm: PageMeta, traf: TrafilaturaResult | None) -> list[str] | None:
    raw = ld.get("keywords")
    values: list[str] = []
    if isinstance(raw, str):
        values = raw.split(",")
    elif isinstance(raw, list):
        values = [str(v) for v in raw]
    values += pm.meta_all.get("article:tag", [])
    if not values and pm.meta.get("keywords"):
        values = pm.meta["keywords"].split(",")
    if not values and traf:
        values = traf.tags
    out: list[str] = []
    for v in (" ".join(v.split()) for v in values):
        if v and v not in out:
            out.append(v)
    return out or None


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _absolute(base: str, href: str | None) -> str | None:
    if not href:
        return None
    joined = urljoin(base, href.strip())
    return joined if joined.startswith(("http://", "https://")) else None
