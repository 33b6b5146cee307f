"""The only module that calls trafilatura: one options object in, plain values out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import trafilatura
import trafilatura.metadata
from htmldate import find_date
from lxml.html import HtmlElement

from crawler.extraction.options import ExtractOptions


@dataclass
class TrafilaturaResult:
    """Body and metadata as trafilatura saw them; fields are None when it found nothing."""

    text: str | None
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    description: str | None
    image: str | None
    language: str | None
    tags: list[str]
    categories: list[str]
    headings: tuple[str, ...] = ()
    """Texts trafilatura marked as headings (``<head>``) in the body it kept."""


def run_trafilatura(
    tree: HtmlElement | str, url: str, options: ExtractOptions, with_metadata: bool = True,
    fallback: bool | None = None,
) -> TrafilaturaResult | None:
    """Run ``bare_extraction`` with our fixed choice of options.

    With a second opinion, trafilatura runs in fast mode by default: its own fallbacks
    (readability, jusText) would duplicate the work the merge does, at the same cost again.
    ``fallback=True`` asks for them: the caller does so where the fast body and the second
    opinion disagree. trafilatura works on its own copy of ``tree``.
    """
    fast = options.second_opinion if fallback is None else not fallback
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        favor_precision=options.favor_precision,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=with_metadata,
        deduplicate=False,
    )
    if doc is None:
        return None
    return _result(doc)


def guess_author(tree: HtmlElement) -> str | None:
    """trafilatura's DOM byline heuristics (about 10 ms a page: ask only when needed)."""
    try:
        author = trafilatura.metadata.extract_author(tree)
    except Exception:  # a heuristic guess; never worth losing the page over
        return None
    return str(author) if author else None


def guess_date(tree: HtmlElement, url: str) -> str | None:
    """htmldate's reading of the page (its dates in text and markup), fast mode."""
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception:  # a heuristic guess; never worth losing the page over
        return None
    return str(found) if found else None


def _headings(doc: Any) -> tuple[str, ...]:
    """The body's ``<head>`` texts: subheadings are short lines the merge would otherwise
    judge as chrome; trafilatura saw them as headings of the story."""
    body = getattr(doc, "body", None)
    if body is None:
        return ()
    return tuple(text for el in body.iter("head")
                 if (text := " ".join("".join(el.itertext()).split())))


def _result(doc: Any) -> TrafilaturaResult:
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return TrafilaturaResult(
        headings=_headings(doc),
        text=data.get("text") or None,
        title=data.get("title") or None,
        author=data.get("author") or None,
        date=data.get("date") or None,
        sitename=data.get("sitename") or None,
        description=data.get("description") or None,
        image=data.get("image") or None,
        language=data.get("language") or None,
        tags=_as_list(data.get("tags")),
        categories=_as_list(data.get("categories")),
    )


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]
