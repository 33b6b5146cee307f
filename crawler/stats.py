"""Stats keys built in one place: ``<prefix>/<what>/<name>``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from scrapy.statscollectors import StatsCollector

if TYPE_CHECKING:  # scrapy.crawler is heavy; only its type is needed here
    from scrapy.crawler import Crawler

_UNSAFE = re.compile(r"[^a-zA-Z0-9_.:-]+")


@lru_cache(maxsize=65536)  # the same few hundred keys are built millions of times in a long crawl
def stat_key(prefix: str, *parts: str) -> str:
    """``stat_key("chrome", "removed", "lead_in")`` -> ``"chrome/removed/lead_in"``."""
    return "/".join([prefix, *(_UNSAFE.sub("_", p) for p in parts)])


def inc_stat(stats: StatsCollector | None, prefix: str, *parts: str, count: int = 1) -> None:
    if stats is not None and count:
        stats.inc_value(stat_key(prefix, *parts), count)


def inc_counts(stats: StatsCollector | None, prefix: str, counts: Mapping[str, int]) -> None:
    """Add every ``name: n`` of a counter under ``prefix/name``."""
    for name, count in counts.items():
        inc_stat(stats, prefix, name, count=count)


RESUMED_STAT = "resume/resumed"
"""Set to 1 by the resume scheduler (:mod:`crawler.resume.scheduler`) when this run continues
an interrupted crawl (before any feed opens: the scheduler opens before the spider_opened
signal). Read here, not from crawler.resume, so that crawler.export (which resume imports)
can ask without an import cycle."""


def is_resumed(crawler: Crawler) -> bool:
    """Does this run continue an interrupted crawl?"""
    return crawler.stats is not None and bool(crawler.stats.get_value(RESUMED_STAT))
