"""The unit of work a worker process runs: raw page bytes -> verdict, article, links.

Inputs and outputs are plain picklable dataclasses so the function can run in a process pool.
"""

from __future__ import annotations

import logging
from datetime import datetime

from crawler.cleaning.encoding import repair_html_text
from crawler.extraction.article import extract_from_tree, parse_html
from crawler.extraction.decode import decode_body
from crawler.extraction.links import KnownLinks, Links, page_links, site_of
from crawler.extraction.options import ExtractOptions
from crawler.extraction.page_types import PageInput, PageResult

_BINARY_SNIFF = 1024
logger = logging.getLogger(__name__)

__all__ = ["PageInput", "PageResult", "process_page"]  # the page types live in page_types


def process_page(
    page: PageInput, options: ExtractOptions | None = None, now: datetime | None = None,
    known: KnownLinks | None = None,
) -> PageResult:
    """Decode, parse, collect links, extract. Never raises for any input bytes.

    ``known``: this process's memory of the site's links (see :class:`KnownLinks`); with it,
    only links new to the site are returned, and they are remembered.
    """
    if not page.body.strip():
        return PageResult(None, "empty")
    if _looks_binary(page.body):
        return PageResult(None, "not_html")
    decoded = decode_body(page.body, page.declared_encoding)
    # Some mojibake (C1 controls, NBSP, soft hyphens) is mangled by the parser: repair first.
    html, html_repairs = repair_html_text(decoded.text.replace("\x00", ""))
    tree = parse_html(html)
    if tree is None:
        return PageResult(None, "unparsable_html", encoding=decoded.encoding)
    links = page_links(tree, page.url, known) if page.want_links else Links()
    try:
        result = extract_from_tree(tree, page.url, options, now, html)
    except Exception:  # a bug on one page must not cost its links or the crawl
        logger.exception("extraction failed on %s", page.url)
        result = None
    if known is not None:  # only now: a page that never returns must not hide its links
        known.remember(site_of(page.url), links)
    if result is None:
        return PageResult(None, "extraction_error", links=links.anchors, feeds=links.feeds,
                          known_links=links.known, encoding=decoded.encoding)
    article = result.article
    if article is not None:
        article.metadata["encoding"] = decoded.encoding
    return PageResult(
        article=article,
        reason=None if article else result.verdict.reason,
        links=links.anchors,
        feeds=links.feeds,
        known_links=links.known,
        encoding=decoded.encoding,
        encoding_repair=decoded.repair,
        html_repairs=html_repairs,
        pruned=result.pruned,
    )


def _looks_binary(body: bytes) -> bool:
    """NUL-heavy or control-heavy prefixes are not text (images, archives served as HTML)."""
    head = body[:_BINARY_SNIFF]
    controls = len(head.translate(None, _NOT_CONTROL))  # in C: a loop in Python took ~50 µs
    return controls > len(head) * 0.1


_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))
