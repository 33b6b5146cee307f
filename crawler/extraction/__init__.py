"""Article extraction: (html, url) -> Article. No Scrapy import anywhere in this package.

The entry points are :func:`extract_article` (already-decoded HTML) and
:func:`process_page` (raw bytes from a response or a saved file: decode, judge, extract,
collect links), which is what worker processes run.

The names are loaded on first use (PEP 562): the crawl process imports this package for the
page types and options only, and must not pay for trafilatura, readability and the language
model, which only the workers run (~1 s of CPU and ~60 MB at every start).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crawler.extraction.article import ExtractionResult, extract_article
    from crawler.extraction.options import ExtractOptions
    from crawler.extraction.page import process_page
    from crawler.extraction.page_types import PageInput, PageResult

_HOMES = {
    "ExtractOptions": "crawler.extraction.options",
    "ExtractionResult": "crawler.extraction.article",
    "PageInput": "crawler.extraction.page_types",
    "PageResult": "crawler.extraction.page_types",
    "extract_article": "crawler.extraction.article",
    "process_page": "crawler.extraction.page",
}

__all__ = [
    "ExtractOptions",
    "ExtractionResult",
    "PageInput",
    "PageResult",
    "extract_article",
    "process_page",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value  # looked up once
    return value
