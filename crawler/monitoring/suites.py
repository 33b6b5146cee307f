"""The suite run when a crawl closes (``SPIDERMON_SPIDER_CLOSE_MONITORS``).

Notifications are spidermon actions listed in ``CRAWLER_MONITOR_FAILED_ACTIONS`` (e.g.
``spidermon.contrib.actions.slack.notifiers.SendSlackMessageSpiderFinished`` with its
``SPIDERMON_SLACK_*`` settings); the list is empty by default, so nothing is sent.
"""

from __future__ import annotations

from typing import Any

from scrapy.utils.misc import load_object
from spidermon import MonitorSuite
from spidermon.contrib.scrapy.monitors import FinishReasonMonitor

from crawler.monitoring.monitors import (
    ArticlesPerSiteMonitor,
    ErrorRateMonitor,
    FieldCoverageMonitor,
    WallShareMonitor,
)


class CrawlMonitorSuite(MonitorSuite):
    """Finished normally; errors; articles, field coverage and walls per site."""

    monitors = [FinishReasonMonitor, ErrorRateMonitor, ArticlesPerSiteMonitor,
                FieldCoverageMonitor, WallShareMonitor]

    def __init__(self, *args: Any, crawler: Any = None, **kwargs: Any) -> None:
        actions = []
        if crawler is not None:
            actions = [load_object(path) for path in
                       crawler.settings.getlist("CRAWLER_MONITOR_FAILED_ACTIONS")]
        given = kwargs.get("monitors_failed_actions") or []
        kwargs["monitors_failed_actions"] = [*given, *actions]
        super().__init__(*args, crawler=crawler, **kwargs)
