"""Distributed crawling on a private redis-server: two `news` workers share one crawl; the
union of their feeds holds every article exactly once, also when one is killed (-9)."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from crawler.demo.server import SiteServer, _Handler, running, serve
from crawler.distributed.keys import CrawlKeys
from crawler.distributed.ledger import RedisLedger
from crawler.export.storage import PART_SUFFIX
from crawler.resume.exportonce import recover_feeds
from tests.conftest import ROOT, child_env, read_jsonl
from tests.helpers.servers import redis_server
from tests.helpers.site import write_site

pytestmark = pytest.mark.slow

ARTICLES = 60
TIMEOUT = 90
PAGE_LATENCY = 0.25  # seconds before a page is answered


class _SlowHandler(_Handler):
    """Pages answer after a delay, as a remote site does. Two workers then share a crawl by
    download capacity: answered at loopback speed, the first worker to parse the sitemap can
    finish every page before the other has polled the queue once."""

    def do_GET(self) -> None:
        if self.path.endswith(".html"):
            time.sleep(PAGE_LATENCY)
        super().do_GET()


@contextmanager
def slow_serve(root: Path) -> Iterator[SiteServer]:
    server = SiteServer(root)
    server.RequestHandlerClass = _SlowHandler
    with running(server):
        yield server


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    with redis_server(tmp_path / "redis") as url:
        yield url


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    server = redis.Redis.from_url(redis_url)
    yield server
    server.close()


def worker(base_url: str, redis_url: str, feed: Path, tmp_path: Path,
           log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "scrapy.cmdline", "crawl", "news", "-a", f"url={base_url}/",
           "-s", "FEEDS=" + json.dumps({str(feed): {"format": "jsonlines"}}),
           # one state dir per worker, as on separate machines (the boilerplate store is local)
           "-s", f"REDIS_URL={redis_url}", "-s", f"CRAWLER_STATE_DIR={tmp_path / feed.stem}",
           "-s", "CRAWLER_EXTRACT_WORKERS=1", "-s", "DOWNLOAD_DELAY=0",
           "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4",
           # a worker takes no more than it can handle soon: loopback downloads take 1 ms,
           # extraction 50 ms, so without a small scraper backlog one worker hoards all
           "-s", "CONCURRENT_REQUESTS=4", "-s", "SCRAPER_SLOT_MAX_ACTIVE_SIZE=20000",
           "-s", "CRAWLER_REDIS_HEARTBEAT_TTL=3", "-s", "CRAWLER_REDIS_IDLE_CLOSE=2"]
    env = child_env()
    with log.open("wb") as log_fh:  # the child keeps its own descriptor
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log_fh, stderr=subprocess.STDOUT)


def wait_all(procs: list[subprocess.Popen[bytes]], timeout: float = TIMEOUT) -> list[int]:
    deadline = time.monotonic() + timeout
    try:
        return [p.wait(timeout=max(0.1, deadline - time.monotonic())) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()


def union(out: Path, base_url: str) -> Counter[str]:
    seen: Counter[str] = Counter()
    for feed in sorted(out.glob("*.jsonl")):
        data = feed.read_bytes()
        assert not data or data.endswith(b"\n"), f"truncated last line in {feed}"
        seen.update(r["url"].removeprefix(base_url) for r in read_jsonl(feed))
    return seen


def assert_exactly_once(seen: Counter[str], expected: set[str]) -> None:
    assert set(seen) == expected, (sorted(expected - set(seen))[:5], sorted(set(seen) - expected)[:5])
    assert [k for k, n in seen.items() if n > 1] == []


def test_two_workers_share_one_crawl(tmp_path: Path, redis_url: str, client: redis.Redis) -> None:
    expected = write_site(tmp_path / "site", ARTICLES)
    out = tmp_path / "out"
    with slow_serve(tmp_path / "site") as site:
        procs = [worker(site.base_url, redis_url, out / f"w{i}.jsonl", tmp_path,
                        tmp_path / f"w{i}.log") for i in (1, 2)]
        codes = wait_all(procs)
    logs = [(tmp_path / f"w{i}.log").read_text() for i in (1, 2)]
    assert codes == [0, 0], logs[0][-2000:] + logs[1][-2000:]
    assert all("The shared crawl is finished" in log for log in logs)
    seen = union(out, site.base_url)
    assert_exactly_once(seen, expected)
    # both did part of the work (one worker alone would not exercise the sharing)
    assert all(read_jsonl(out / f"w{i}.jsonl") for i in (1, 2))
    keys = CrawlKeys("crawler:news")
    assert client.zcard(keys.queue) == 0
    assert client.exists(keys.finished)
    assert not client.keys(f"{keys.base}:processing:*")


def test_killed_worker_loses_and_duplicates_nothing(tmp_path: Path, redis_url: str,
                                                    client: redis.Redis) -> None:
    expected = write_site(tmp_path / "site", ARTICLES)
    out = tmp_path / "out"
    victim_feed = out / "victim.jsonl"
    with serve(tmp_path / "site") as site:
        # The victim starts alone, so it surely holds work when it dies: started together,
        # the first worker to parse the sitemap can take every page before the other polls.
        victim = worker(site.base_url, redis_url, victim_feed, tmp_path, tmp_path / "victim.log")
        part = victim_feed.with_name(victim_feed.name + PART_SUFFIX)
        deadline = time.monotonic() + TIMEOUT
        while victim.poll() is None and time.monotonic() < deadline:
            if part.exists() and part.read_bytes().count(b"\n") >= 5:
                victim.send_signal(signal.SIGKILL)
                break
            time.sleep(0.01)
        assert wait_all([victim]) == [-signal.SIGKILL]
        survivor = worker(site.base_url, redis_url, out / "survivor.jsonl", tmp_path,
                          tmp_path / "survivor.log")
        assert wait_all([survivor]) == [0], (tmp_path / "survivor.log").read_text()[-3000:]
    log = (tmp_path / "survivor.log").read_text()
    assert "is dead: re-queued" in log
    # The survivor, started after the kill, recovered the victim's orphaned feed first.
    assert "Recovered" in log and f"into {victim_feed}" in log
    assert victim_feed.exists() and not part.exists()
    assert read_jsonl(victim_feed)
    # A later recovery finds nothing left to do.
    ledger = RedisLedger(client, CrawlKeys("crawler:news"), "recovery")
    assert recover_feeds([out], ledger) == []
    assert_exactly_once(union(out, site.base_url), expected)
