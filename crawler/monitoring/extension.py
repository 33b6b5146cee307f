"""Counts what the monitors and the report need and the spider cannot see: the outcome of
every item (exported, unchanged, duplicate, dropped), each site's field coverage, and the
same figures from the site's recent runs (:mod:`crawler.monitoring.history`).

Stats it writes, per site ``site/<domain>/…``: ``items`` (exported), ``outcome/<name>``,
``coverage/<field>``, ``coverage_before/<field>`` and ``coverage_runs/<field>`` (mean share
over the last ``CRAWLER_MONITOR_HISTORY_RUNS`` runs, and how many), ``share_before/<outcome>``.
It must close before spidermon (lower number in ``EXTENSIONS``): the monitors read these.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.exceptions import AlreadyExported, DuplicateArticle
from crawler.export.record import to_record
from crawler.extraction.outcome import (
    DROPPED,
    DUPLICATE,
    EXPORTED,
    FAILED,
    PAYWALLED,
    UNCHANGED,
    WALLS,
)
from crawler.monitoring.checks import MONITORED_FIELDS
from crawler.monitoring.history import History, SiteRun
from crawler.sites import site_domain
from crawler.stats import inc_stat


def item_outcome(item: Any, exception: BaseException | None = None) -> tuple[str, ...]:
    """The outcome of a page whose article reached the pipelines."""
    adapter = ItemAdapter(item)
    if adapter.get("isAccessibleForFree") is False:
        return (PAYWALLED,)  # exported or not, the page was a paywall's teaser
    if exception is None:
        return (DUPLICATE,) if adapter.get("duplicateOf") else (EXPORTED,)
    if isinstance(exception, AlreadyExported):
        return (UNCHANGED,)
    if isinstance(exception, DuplicateArticle):
        return (DUPLICATE,)
    return (DROPPED, type(exception).__name__)


class SiteMonitoring:
    """Item outcomes, per-site coverage and its history (``CRAWLER_MONITORING``)."""

    def __init__(self, stats: StatsCollector, state_dir: Path, *, spiders: list[str],
                 runs: int, keep: int, min_items: int) -> None:
        self.stats = stats
        self.state_dir = state_dir
        self.spiders = spiders
        self.runs = runs
        self.keep = keep
        self.min_items = min_items
        self.history: History | None = None
        self.items: Counter[str] = Counter()
        self.fields: dict[str, Counter[str]] = defaultdict(Counter)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteMonitoring:
        settings = crawler.settings
        if not settings.getbool("CRAWLER_MONITORING"):
            raise NotConfigured
        assert crawler.stats is not None
        ext = cls(crawler.stats, Path(settings.get("CRAWLER_STATE_DIR") or ".state"),
                  spiders=settings.getlist("CRAWLER_MONITOR_SPIDERS"),
                  runs=settings.getint("CRAWLER_MONITOR_HISTORY_RUNS"),
                  keep=settings.getint("CRAWLER_MONITOR_HISTORY_KEEP"),
                  min_items=settings.getint("CRAWLER_MONITOR_MIN_ITEMS"))
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Spider) -> None:
        if spider.name in self.spiders:
            self.history = History.load(self.state_dir / "monitoring" / f"{spider.name}.json")

    def _count(self, item: Any, outcome: tuple[str, ...]) -> None:
        domain = site_domain(ItemAdapter(item).get("url") or "")
        inc_stat(self.stats, "outcome", *outcome)
        inc_stat(self.stats, "site", domain, "outcome", *outcome)

    def item_scraped(self, item: Any) -> None:
        self._count(item, item_outcome(item))
        record = to_record(item)
        domain = site_domain(record.get("url", ""))
        self.items[domain] += 1
        self.fields[domain].update(name for name in MONITORED_FIELDS if name in record)

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        self._count(item, item_outcome(item, exception))

    def item_error(self, item: Any) -> None:
        self._count(item, (FAILED, "item_error"))

    def closed(self, spider: Spider, reason: str) -> None:
        if self.history is None:
            return
        now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        stats = self.stats.get_stats()
        for domain in sorted(self._sites(stats)):
            run = self._site_run(domain, stats, now)
            self._baselines(domain, run)
            if reason == "finished":
                self.history.add(domain, run, self.keep)
        if reason == "finished":
            self.history.save()

    def _sites(self, stats: dict[str, Any]) -> set[str]:
        return {key[5:].partition("/")[0] for key in stats if key.startswith("site/")}

    def _site_run(self, domain: str, stats: dict[str, Any], now: str) -> SiteRun:
        items = self.items[domain]
        self.stats.set_value(f"site/{domain}/items", items)
        coverage = {}
        if items:
            for name in MONITORED_FIELDS:
                coverage[name] = round(self.fields[domain][name] / items, 3)
                self.stats.set_value(f"site/{domain}/coverage/{name}", coverage[name])
        prefix = f"site/{domain}/outcome/"
        outcomes: Counter[str] = Counter()
        for key, value in stats.items():
            if key.startswith(prefix) and isinstance(value, int):
                outcomes[key[len(prefix):].partition("/")[0]] += value
        return SiteRun(now, items, coverage, dict(outcomes))

    def _baselines(self, domain: str, run: SiteRun) -> None:
        """This site's figures in its recent runs, set beside this run's in the stats."""
        assert self.history is not None
        for name in MONITORED_FIELDS:
            base = self.history.baseline(domain, name, self.runs, self.min_items)
            if base is not None:
                self.stats.set_value(f"site/{domain}/coverage_before/{name}", base.share)
                self.stats.set_value(f"site/{domain}/coverage_runs/{name}", base.runs)
        recent = [r for r in self.history.runs.get(domain, []) if sum(r.outcomes.values())]
        recent = recent[-self.runs:]
        if recent:
            for outcome in (*WALLS, FAILED):
                share = sum(r.outcomes.get(outcome, 0) / sum(r.outcomes.values())
                            for r in recent) / len(recent)
                self.stats.set_value(f"site/{domain}/share_before/{outcome}", round(share, 3))
                self.stats.set_value(f"site/{domain}/share_runs/{outcome}", len(recent))
