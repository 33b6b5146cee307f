"""One options object for extraction, so callers never pass library keywords around."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractOptions:
    """What extraction needs to know; built from settings by the caller."""

    min_body_chars: int = 300
    """Bodies shorter than this do not make a page an article."""

    favor_precision: bool = False
    """trafilatura's precision mode. Off by default: the second opinion buys precision at a
    smaller recall cost (measured on the shared benchmark)."""

    second_opinion: bool = True
    """Merge trafilatura's body with readability-lxml's (see ``second_opinion.py``)."""

    require_article: bool = True
    """When False (``scrapy extract``), a page judged not an article still yields its body."""

    audit: bool = False
    """``CRAWLER_AUDIT``: keep the blocks pruned from the DOM (rule and text) on the article's
    ``removedLines``; the chrome pipeline appends the lines its text rules remove."""
