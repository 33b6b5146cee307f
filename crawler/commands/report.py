"""``scrapy report [-o FILE] STATS.json [STATS.json ...]``: the crawl report from stats files.

One file rebuilds ``<feed>.report.html`` beside it; several compare the runs (in the order
given, the last one reported in full) in ``<last feed>.compared.report.html`` or ``FILE``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.report.extension import report_path
from crawler.report.model import load_run
from crawler.report.render import render_report


class Command(ScrapyCommand):
    requires_project = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[-o FILE] STATS.json [STATS.json ...]"

    def short_desc(self) -> str:
        return "Build the HTML crawl report from stats files, or compare runs"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give at least one STATS.json (the file beside a feed)")
        runs = []
        for arg in args:
            try:
                runs.append(load_run(Path(arg)))
            except ValueError as exc:
                print(f"report: {exc}", file=sys.stderr)
                self.exitcode = 1
                return
        last = Path(args[-1])
        if opts.output:
            target = Path(opts.output)
        elif len(runs) == 1:
            target = report_path(last)
        else:
            target = last.with_name(last.name.removesuffix(".stats.json")
                                    + ".compared.report.html")
        try:
            target.write_text(render_report(runs), "utf-8")
        except OSError as exc:
            print(f"report: cannot write {target}: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        print(target)
