"""``scrapy extract [--url URL] [-o FILE] PATH...``: extraction and pipelines on saved pages."""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.spiders.saved_pages import SavedPagesSpider


class Command(ScrapyCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[--url URL] [-o FILE] PATH..."

    def short_desc(self) -> str:
        return "Extract articles from saved .html(.gz) or WARC files to JSON Lines"

    def long_desc(self) -> str:
        return (
            "Runs the crawl's extraction and item pipelines on saved pages, without fetching. "
            "PATH is an .html/.htm file (optionally .gz) or a WARC/WARC.gz file (each HTML "
            "response record becomes one record under its WARC-Target-URI). Writes JSON "
            "Lines to stdout, or to FILE with -o. Every input page gets a record: one that "
            "a crawl would drop (not an article, too short) carries the reason in "
            "metadata.verdict."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="URL to record for a lone HTML file")
        # -O as in `scrapy crawl`: here -o already overwrites (a file of one run's records).
        parser.add_argument("-o", "-O", "--output", metavar="FILE",
                            help="write JSON Lines to FILE (overwritten)")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        # Quieter than a crawl: the output is the point. -s LOG_LEVEL=… still wins.
        self.settings.set("LOG_LEVEL", "WARNING", priority="project")
        super().process_options(args, opts)
        if not args:
            raise UsageError("give at least one PATH")
        target = opts.output or "stdout:"
        # stdout cannot be overwritten (Scrapy warns if asked to): overwrite files only.
        feeds = {target: {"format": "jsonlines", "encoding": "utf-8",
                          "overwrite": bool(opts.output)}}
        assert self.settings is not None
        self.settings.set("FEEDS", feeds, priority="cmdline")
        # one record per input page: what a crawl would drop goes out with metadata.verdict
        self.settings.set("CRAWLER_EXPORT_REJECTED", True, priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        crawler = self.crawler_process.create_crawler(SavedPagesSpider)
        self.crawler_process.crawl(crawler, paths=args, url=opts.url)
        self.crawler_process.start()
        stats = crawler.stats.get_stats() if crawler.stats is not None else {}
        if self.crawler_process.bootstrap_failed or not stats.get("pages/read"):
            self.exitcode = 1  # no input could be read (each reason was logged)
