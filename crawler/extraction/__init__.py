"""Article extraction: (html, url) -> Article. No Scrapy import anywhere in this package.

The entry points are :func:`extract_article` (already-decoded HTML) and
:func:`process_page` (raw bytes from a response or a saved file: decode, judge, extract,
collect links), which is what worker processes run.
"""

from crawler.extraction.article import ExtractionResult, extract_article
from crawler.extraction.options import ExtractOptions
from crawler.extraction.page import PageInput, PageResult, process_page

__all__ = [
    "ExtractOptions",
    "ExtractionResult",
    "PageInput",
    "PageResult",
    "extract_article",
    "process_page",
]
