"""``scrapy parse``: Scrapy's own command; with a spider that takes ``-a url``, the URL to
parse is also its start URL unless ``-a url``/``-a sites`` say otherwise, so the page is not
filtered as off-site and its links are judged as the spider would judge them in a crawl.
A URL that could not be downloaded exits 1."""

from __future__ import annotations

import argparse

from scrapy.commands.parse import Command as ScrapyParseCommand


class Command(ScrapyParseCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and opts.spider and self.crawler_process is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(opts.spider)
            except KeyError:
                spidercls = None
            arguments = getattr(spidercls, "arguments", {})
            if "url" in arguments and not {"url", "sites"} & set(opts.spargs):
                opts.spargs["url"] = args[0]
        super().run(args, opts)
        if len(args) == 1 and not self.first_response and not self.exitcode:
            self.exitcode = 1
