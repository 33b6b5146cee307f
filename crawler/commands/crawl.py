"""``scrapy crawl``: Scrapy's own command, plus what a user expects of it here.

* bad input (a spider argument, a setting, the sites file) stops the crawl before it starts
  with one line on stderr and exit code 2, no traceback;
* an ``-a`` name the spider does not know is warned about, with the known ones listed, and
  ``scrapy crawl -h`` lists every spider's arguments;
* a crawl that fetched nothing because every download failed (a start URL where nothing
  listens) exits 1 with one line saying so, not 0;
* with ``CRAWLER_MONITOR_FAILED_EXIT`` set (e.g. 3), a crawl whose monitors failed exits
  with that code and one line naming the findings, so cron or CI sees a site break
  (off by default: Scrapy exits 0 for a finished crawl, and spidermon's actions notify);
* it is the only command that keeps crash-safe resume state (``CRAWLER_COMMAND``; see
  :mod:`crawler.resume`): ``scrapy shell``, ``parse``, ``check``… leave none behind.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from scrapy.commands import ScrapyHelpFormatter
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.project import get_project_settings

from crawler.arguments import arguments_help, unknown_arguments
from crawler.exceptions import BadCrawlInput

logger = logging.getLogger(__name__)
EXIT_BAD_INPUT = 2  # as Scrapy's own usage errors
EXIT_FAILED = 1


class _KeepLines(ScrapyHelpFormatter):
    """Scrapy's help layout, with the description's lines kept (one argument a line)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "".join(indent + line for line in text.splitlines(keepends=True))


class Command(ScrapyCrawlCommand):
    default_settings = {**ScrapyCrawlCommand.default_settings, "CRAWLER_COMMAND": "crawl"}

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.formatter_class = _KeepLines

    def long_desc(self) -> str:
        lines = [self.short_desc(), ""]
        try:
            loader = get_spider_loader(get_project_settings())
            spiders = [loader.load(name) for name in loader.list()]
        except Exception:
            spiders = []
        for spider in spiders:
            arguments = getattr(spider, "arguments", None)
            if arguments:
                lines += [f"Arguments of the {spider.name} spider:", arguments_help(arguments),
                          ""]
        return "\n".join(lines)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)  # Scrapy's usage errors
            return
        assert self.crawler_process is not None and self.settings is not None
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            raise UsageError(f"Spider not found: {args[0]}", print_help=False) from None
        try:
            _check(spidercls, opts.spargs, self.settings)
        except BadCrawlInput as exc:
            print(f"scrapy crawl {args[0]}: {exc}", file=sys.stderr)
            self.exitcode = EXIT_BAD_INPUT
            return
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = EXIT_FAILED
            return
        failure = nothing_fetched(crawler)
        if failure:
            print(f"scrapy crawl {args[0]}: {failure}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
            return
        code = self.settings.getint("CRAWLER_MONITOR_FAILED_EXIT")
        findings = monitors_failed(crawler)
        if code and findings:
            print(f"scrapy crawl {args[0]}: {findings}", file=sys.stderr)
            self.exitcode = code


def _check(spidercls: Any, spargs: dict[str, Any], settings: Any) -> None:
    known = getattr(spidercls, "arguments", None)
    if known is not None:
        unknown = unknown_arguments(known, spargs)
        if unknown:
            logger.warning("unknown argument%s %s (ignored); the %s spider takes: %s "
                           "(scrapy crawl -h explains them)", "s" if len(unknown) > 1 else "",
                           ", ".join(unknown), spidercls.name, ", ".join(known))
    check = getattr(spidercls, "check_arguments", None)
    if check is not None:
        check({k: str(v) for k, v in spargs.items()}, settings)


def nothing_fetched(crawler: Crawler) -> str | None:
    """Why a crawl that finished got nothing at all (every download failed), or None."""
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    if stats.get("finish_reason") != "finished" or stats.get("pages/fetched"):
        return None
    failed = {k.removeprefix("pages/failed/"): v for k, v in stats.items()
              if k.startswith("pages/failed/")}
    if not failed:
        return None
    reasons = ", ".join(f"{name} {count}" for name, count in sorted(failed.items()))
    return f"nothing could be fetched ({reasons}): check the start URLs"


def monitors_failed(crawler: Crawler) -> str | None:
    """What the crawl's monitors found (``monitors/failed/…`` stats), or None."""
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    findings = sorted(k.removeprefix("monitors/failed/") for k in stats
                      if k.startswith("monitors/failed/"))
    if not findings:
        return None
    shown = ", ".join(findings[:5]) + (f" and {len(findings) - 5} more" if len(findings) > 5
                                       else "")
    return f"{len(findings)} monitor finding{'s' if len(findings) > 1 else ''}: {shown}"
