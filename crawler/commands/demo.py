"""``scrapy demo``: serve the sample news site on 127.0.0.1 and crawl it with ``news``."""

from __future__ import annotations

import argparse

from scrapy.commands import ScrapyCommand

from crawler.demo.server import serve


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_LEVEL": "INFO"}

    def short_desc(self) -> str:
        return "Crawl the bundled sample news site (offline, 127.0.0.1 only) into output/"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        with serve() as server:
            print(f"demo site at {server.base_url}/ ; feed goes to output/news/")
            self.crawler_process.crawl("news", url=f"{server.base_url}/")
            self.crawler_process.start()
