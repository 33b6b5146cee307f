"""``scrapy list``: the spiders a user runs with ``scrapy crawl`` (not internal ones such as
``saved_pages``, behind ``scrapy extract``, which set ``listed = False``)."""

from __future__ import annotations

import argparse

from scrapy.commands.list import Command as ScrapyListCommand
from scrapy.spiderloader import get_spider_loader


class Command(ScrapyListCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        loader = get_spider_loader(self.settings)
        for name in sorted(loader.list()):
            if getattr(loader.load(name), "listed", True):
                print(name)
