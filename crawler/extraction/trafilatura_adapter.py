"""The only module that calls trafilatura: one options object in, plain values out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import trafilatura
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


def run_trafilatura(
    tree: HtmlElement | str, url: str, options: ExtractOptions
) -> TrafilaturaResult | None:
    """Run ``bare_extraction`` with our fixed choice of options."""
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=options.favor_precision,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        deduplicate=False,
    )
    if doc is None:
        return None
    data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return TrafilaturaResult(
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
