"""The crawl's spidermon monitors. Each runs one check of :mod:`crawler.monitoring.checks`;
a failing one logs one ERROR line per site and field or outcome (before → after), records
it in the stats (``monitors/failed/<monitor>/<site>/<subject>``, so it lands in the stats
file beside the feed and in the report) and fails, so that spidermon's actions run."""

from __future__ import annotations

import logging
from typing import Any

from spidermon import Monitor, monitors

from crawler.monitoring.checks import (
    Finding,
    Thresholds,
    article_findings,
    coverage_findings,
    error_findings,
    share_findings,
    site_facts,
)
from crawler.sites import site_domain

logger = logging.getLogger("crawler.monitoring")


def thresholds(settings: Any) -> Thresholds:
    """The thresholds from the crawl's settings."""
    return Thresholds(
        coverage_floor={k: float(v) for k, v in
                        settings.getdict("CRAWLER_MONITOR_COVERAGE_FLOOR").items()},
        coverage_drop=settings.getfloat("CRAWLER_MONITOR_COVERAGE_DROP"),
        min_items=settings.getint("CRAWLER_MONITOR_MIN_ITEMS"),
        min_pages=settings.getint("CRAWLER_MONITOR_MIN_PAGES"),
        max_share={k: float(v) for k, v in
                   settings.getdict("CRAWLER_MONITOR_MAX_SHARE").items()},
        max_error_rate=settings.getfloat("CRAWLER_MONITOR_MAX_ERROR_RATE"),
    )


class CrawlMonitor(Monitor):
    """Base: the crawl's stats, settings and spider; findings logged, recorded, failed."""

    data: Any

    def setUp(self) -> None:
        crawler = self.data.crawler
        if self.data.spider.name not in crawler.settings.getlist("CRAWLER_MONITOR_SPIDERS"):
            self.skipTest("not a monitored spider")
        self.crawler = crawler
        self.thresholds = thresholds(crawler.settings)
        self.sites = site_facts(crawler.stats.get_stats())

    def report(self, findings: list[Finding]) -> None:
        for finding in findings:
            logger.error(finding.message)
            self.crawler.stats.set_value(
                f"monitors/failed/{finding.monitor}/{finding.site}/{finding.subject}",
                finding.message)
        self.crawler.stats.inc_value("monitors/checks")
        if findings:
            self.crawler.stats.inc_value("monitors/failing", len(findings))
            self.fail("\n".join(f.message for f in findings))


@monitors.name("Field coverage per site")
class FieldCoverageMonitor(CrawlMonitor):
    """headline, articleBody, datePublished, authors and inLanguage per site: above a floor,
    and not fallen against the site's recent runs."""

    @monitors.name("coverage above the floor and not fallen")
    def test_coverage(self) -> None:
        self.report(coverage_findings(self.sites, self.thresholds))


@monitors.name("Articles per site")
class ArticlesPerSiteMonitor(CrawlMonitor):
    """Every site crawled gave at least one article."""

    @monitors.name("at least one article per site")
    def test_articles(self) -> None:
        spider_sites = getattr(self.data.spider, "sites", {})
        expected = {site_domain(url) for site in spider_sites.values() for url in site.start}
        self.report(article_findings(self.sites, expected))


@monitors.name("Walls and failures per site")
class WallShareMonitor(CrawlMonitor):
    """The share of blocked, paywalled, needs-JavaScript, consent-wall and failed pages."""

    @monitors.name("share of each outcome under its limit")
    def test_shares(self) -> None:
        self.report(share_findings(self.sites, self.thresholds))


@monitors.name("Errors")
class ErrorRateMonitor(CrawlMonitor):
    """ERROR lines in the log per fetched page."""

    @monitors.name("error rate under its limit")
    def test_error_rate(self) -> None:
        self.report(error_findings(self.crawler.stats.get_stats(), self.thresholds))
