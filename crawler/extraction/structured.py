"""Read the page's own metadata: JSON-LD, OpenGraph and ``<meta>`` tags.

Returns plain values; choosing between sources is :mod:`crawler.extraction.metadata`'s job.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
    }
)


@dataclass
class PageMeta:
    """Metadata found in markup, before any choice between sources."""

    jsonld: dict[str, Any] = field(default_factory=dict)
    """The first JSON-LD object whose @type is an article type (empty if none)."""
    meta: dict[str, str] = field(default_factory=dict)
    """``<meta property|name|itemprop>`` contents, lower-cased keys, first value wins."""
    meta_all: dict[str, list[str]] = field(default_factory=dict)
    """Every value of repeatable meta tags (``article:tag``, ``article:author``)."""
    canonical: str | None = None
    html_lang: str | None = None
    title_tag: str | None = None
    has_article_element: bool = False
    itemprop_dates: dict[str, str] = field(default_factory=dict)
    """``datePublished``/``dateModified`` from microdata on any element (``content`` or
    ``datetime``), lower-cased keys; ``<meta itemprop>`` is in :attr:`meta` already."""
    time_datetimes: list[str] = field(default_factory=list)
    """``datetime`` of ``<time>`` elements, in document order (publication time first when the
    element says so by class or itemprop)."""


def read_page_meta(tree: HtmlElement) -> PageMeta:
    """Collect JSON-LD, meta tags, canonical link, ``<html lang>`` and ``<title>``."""
    pm = PageMeta()
    pm.jsonld = _first_article_jsonld(tree)
    for el in tree.iterfind(".//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content:
            pm.meta.setdefault(key, content)
            pm.meta_all.setdefault(key, []).append(content)
    for el in tree.iterfind(".//link"):
        if (el.get("rel") or "").strip().lower() == "canonical" and el.get("href"):
            pm.canonical = el.get("href", "").strip()
            break
    pm.html_lang = (tree.get("lang") or tree.get("xml:lang") or "").strip() or None
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        pm.title_tag = " ".join(title.text_content().split())
    pm.has_article_element = tree.find(".//article") is not None
    _read_dates(tree, pm)
    return pm


# every element with an itemprop, its value tested in Python: an XPath that compares the
# value on each element of the page cost twice as much (~0.5 ms a heavy page)
_ITEMPROP = XPath("descendant-or-self::*[@itemprop]")


def _read_dates(tree: HtmlElement, pm: PageMeta) -> None:
    for el in _ITEMPROP(tree):
        if el.get("itemprop") not in ("datePublished", "dateModified"):
            continue
        value = (el.get("content") or el.get("datetime") or "").strip()
        if value:
            pm.itemprop_dates.setdefault(el.get("itemprop", "").lower(), value)
    published: list[str] = []
    others: list[str] = []
    for el in tree.iter("time"):
        value = (el.get("datetime") or "").strip()
        if not value:
            continue
        marks = f"{el.get('class') or ''} {el.get('itemprop') or ''}".lower()
        (published if "publish" in marks else others).append(value)
    pm.time_datetimes = published + others


def _first_article_jsonld(tree: HtmlElement) -> dict[str, Any]:
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text_content() or "", strict=False)
        except (ValueError, RecursionError):
            continue
        nodes = list(_walk_jsonld(data))
        for obj in nodes:
            if _is_article_type(obj.get("@type")):
                return _resolve_refs(obj, {n["@id"]: n for n in nodes if isinstance(
                    n.get("@id"), str) and len(n) > 1})
    return {}


_REF_FIELDS = ("author", "publisher", "image", "creator")


def _resolve_refs(obj: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Replace ``{"@id": ...}`` references (Yoast-style ``@graph``) by the nodes they name."""
    out = dict(obj)
    for key in _REF_FIELDS:
        value = out.get(key)
        if isinstance(value, list):
            out[key] = [_deref(v, by_id) for v in value]
        elif value is not None:
            out[key] = _deref(value, by_id)
    return out


def _deref(value: Any, by_id: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict) and set(value) == {"@id"}:
        return by_id.get(value["@id"], value)
    return value


def _walk_jsonld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Yield every dict in a JSON-LD document (``@graph`` and lists included), bounded."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            yield from _walk_jsonld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk_jsonld(graph, depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _walk_jsonld(main, depth + 1)


def _is_article_type(value: Any) -> bool:
    types = value if isinstance(value, list) else [value]
    return any(isinstance(t, str) and t.split("/")[-1] in ARTICLE_TYPES for t in types)
