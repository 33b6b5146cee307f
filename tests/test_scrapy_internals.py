"""The Scrapy internals we read (crawler/scrapy_internals.py) are still where we read them.

Run this file on a new Scrapy version before raising the bound in pyproject.toml."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.scrapy_internals import wake_engine
from tests.conftest import child_env

# A crawl of no pages: at the first idle it reports what the internals give, then closes.
CRAWL = """
import json, sys
from scrapy import Spider, signals
from scrapy.crawler import CrawlerProcess
from crawler.scrapy_internals import feed_uris, wake_engine

seen = {}

class Probe(Spider):
    name = "probe"

    async def start(self):
        yield {"n": 1}

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        return spider

    def idle(self):
        seen["woken"] = wake_engine(self.crawler.engine)
        seen["uris"] = feed_uris(self.crawler)

out = sys.argv[1]
process = CrawlerProcess({"FEEDS": {out + "/%(name)s-feed.jsonl": {"format": "jsonlines"}},
                          "LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False})
process.crawl(Probe)
process.start()
print(json.dumps(seen))
"""


@pytest.mark.slow
def test_internals_inside_a_running_crawl(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CRAWL, str(tmp_path)], capture_output=True, env=child_env(),
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["woken"] is True
    assert [Path(uri.removeprefix("file://")) for uri in seen["uris"]] == [
        tmp_path / "probe-feed.jsonl"]
    assert (tmp_path / "probe-feed.jsonl").read_text("utf-8").strip() == '{"n": 1}'


def test_wake_engine_without_an_open_engine() -> None:
    class Closed:
        _slot = None

    assert wake_engine(Closed()) is False
    assert wake_engine(object()) is False

