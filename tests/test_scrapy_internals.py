"""The Scrapy internals we read (crawler/scrapy_internals.py) are still where we read them.

Run this file on a new Scrapy version before raising the bound in pyproject.toml."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.scrapy_internals import HoldCheck, hold_check, wake_engine
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



# A crawl holding one item in a pipeline: hold_check() must say "not idle" while a download
# is in flight (the server answers only once three such checks were made), "idle" once only
# the held item is left, and "closing" once the engine closes the spider.
HOLD = """
import json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from scrapy import Request, Spider
from scrapy.crawler import CrawlerProcess
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.task import LoopingCall
from crawler.scrapy_internals import finish_scraper_close, hold_check

gate = threading.Event()
seen = {"downloading": [], "after": [], "closing": False}

class Slow(BaseHTTPRequestHandler):
    def do_GET(self):
        gate.wait(60)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
threading.Thread(target=server.serve_forever, daemon=True).start()

class Hold:
    def __init__(self, crawler):
        self.crawler, self.held, self.phase, self.loop = crawler, None, "downloading", None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.loop = LoopingCall(self.tick)
        self.loop.start(0.05, now=False)

    def close_spider(self):
        self.loop.stop()

    async def process_item(self, item):
        if item.get("hold"):
            self.held = Deferred()
            await maybe_deferred_to_future(self.held)
        return item

    def tick(self):
        if self.phase == "released":  # an item from start() needs the close re-checked
            seen["finished_close"] = finish_scraper_close(self.crawler)
            self.phase = "done"
        if self.held is None:
            return
        check = hold_check(self.crawler, 1)
        if self.phase == "downloading":
            seen["downloading"].append(check.idle)
            if len(seen["downloading"]) == 3:
                self.phase = "after"
                gate.set()
        elif self.phase == "after":
            seen["after"].append(check.idle)
            if check.idle:
                self.phase = "closing"
                deferred_from_coro(self.crawler.engine.close_spider_async(reason="probe"))
        elif check.closing:
            seen["closing"] = True
            self.phase = "released"
            held, self.held = self.held, None
            held.callback(None)

class Probe(Spider):
    name = "probe"

    async def start(self):
        yield {"hold": True}
        yield Request(f"http://127.0.0.1:{server.server_address[1]}/slow", callback=self.parse)

    def parse(self, response):
        return [{"page": 1}]  # not a generator: Scrapy reads a generator's source

out = sys.argv[1]
process = CrawlerProcess({"FEEDS": {out + "/hold.jsonl": {"format": "jsonlines"}},
                          "ITEM_PIPELINES": {"__main__.Hold": 100}, "LOG_LEVEL": "ERROR",
                          "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False})
crawler = process.create_crawler(Probe)
process.crawl(crawler)
process.start()
server.shutdown()
seen["finish_reason"] = crawler.stats.get_value("finish_reason")
print(json.dumps(seen))
"""


@pytest.mark.slow
def test_hold_check_inside_a_running_crawl(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", HOLD, str(tmp_path)], capture_output=True,
                          env=child_env(), text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["downloading"] == [False, False, False]
    assert seen["after"][-1] is True and not any(seen["after"][:-1])
    assert seen["closing"] is True
    assert seen["finished_close"] is True
    assert seen["finish_reason"] == "probe"
    lines = (tmp_path / "hold.jsonl").read_text("utf-8").splitlines()
    assert sorted(lines) == ['{"hold": true}', '{"page": 1}']


def test_hold_check_without_an_engine() -> None:
    class NoEngine:
        engine = None

    assert hold_check(NoEngine(), 3) == HoldCheck()  # type: ignore[arg-type]
