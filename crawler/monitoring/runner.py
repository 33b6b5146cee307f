"""spidermon, with its result log cut to one line per finding.

spidermon's own result writer logs each failing monitor's whole ``AssertionError``
traceback at ERROR level: a crawl that found one drifting site printed a traceback (and
counted the block as another ERROR line). Our monitors already log one ERROR line per
finding (:meth:`crawler.monitoring.monitors.CrawlMonitor.report`), so failures are not
repeated here; a monitor that *raised* (a bug) gets one ERROR line with its exception.

``Spidermon._run_suites`` is the one place spidermon builds its runner (checked on spidermon
1.27); :class:`QuietSpidermon` replaces it in ``EXTENSIONS``.
"""

from __future__ import annotations

import logging
from typing import Any

from spidermon import settings as spidermon_settings
from spidermon.contrib.scrapy.extensions import Spidermon
from spidermon.contrib.scrapy.runners import SpiderMonitorResult, SpiderMonitorRunner


class _QuietResult(SpiderMonitorResult):
    def log(self, msg: str, level: int = logging.DEBUG) -> None:
        # spidermon logs through Spider.log(), deprecated in the Scrapy we run (a warning, an
        # error where warnings are errors): the spider's logger is the same channel.
        self.spider.logger.log(level, f"[Spidermon] {msg}")

    def write_errors(self) -> None:
        for item in self.step.items_for_status(spidermon_settings.MONITOR.STATUS.ERROR):
            last = str(item.error).strip().splitlines()[-1:] or ["?"]
            self.log(f"monitor {item.item.name} raised: {last[0]}",
                     level=logging.ERROR)


class _QuietRunner(SpiderMonitorRunner):
    def create_result(self) -> _QuietResult:
        return _QuietResult(self.spider)


class QuietSpidermon(Spidermon):
    """spidermon's extension with :class:`_QuietResult` as its result writer."""

    def _run_suites(self, spider: Any, suites: Any) -> None:
        data = self._generate_data_for_spider(spider)
        for suite in suites:
            _QuietRunner(spider=spider).run(suite, **data)
