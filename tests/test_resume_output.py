"""``-O`` and resume: the interrupted run's feed is never overwritten, and the same command
finishes the crawl (a JSON Lines feed is continued; a JSON array gets ``out.part2.json``)."""

from __future__ import annotations

import json
import signal
import sys
from collections import Counter
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer, serve
from tests.conftest import read_jsonl
from tests.helpers.site import write_site
from tests.test_resume import run_until

pytestmark = pytest.mark.slow

ARTICLES = 80
STOP_AT = 10
# SIGINT once this many articles were served, not once the feed shows STOP_AT lines: the
# feed reaches the disk in buffered chunks of many records, and on a loaded machine the
# whole site had been exported before 10 lines showed, so the "interrupted" run finished.
# After SIGINT Scrapy still fetches what its downloader holds (CONCURRENT_REQUESTS, 32),
# so the interrupted run exports at most ~20 + 32 of the 80 whatever the load.
SIGNAL_AFTER = 20


def served_articles(site: SiteServer) -> int:
    return sum(1 for path in list(site.requests) if "/story-number-" in path)


def command(base_url: str, output: Path, state: Path) -> list[str]:
    return [sys.executable, "-m", "scrapy.cmdline", "crawl", "news", "-a", f"url={base_url}/",
            "-O", str(output), "-s", f"CRAWLER_STATE_DIR={state}",
            "-s", "CRAWLER_EXTRACT_WORKERS=1", "-s", "DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]


def urls(records: list[dict[str, object]], base_url: str) -> Counter[str]:
    return Counter(str(r["url"]).removeprefix(base_url) for r in records)


def test_overwrite_feed_is_continued_on_resume(tmp_path: Path) -> None:
    expected = write_site(tmp_path / "site", ARTICLES)
    out_dir, log = tmp_path / "out", tmp_path / "crawl.log"
    out_dir.mkdir()
    feed = out_dir / "out.jsonl"
    with serve(tmp_path / "site") as site:
        cmd = command(site.base_url, feed, tmp_path / "state")
        assert run_until(cmd, out_dir, log, None, sig=signal.SIGINT,
                         when=lambda: served_articles(site) >= SIGNAL_AFTER) == 0
        first = read_jsonl(feed)
        assert STOP_AT <= len(first) < ARTICLES
        assert run_until(cmd, out_dir, log, None) == 0, log.read_text()[-3000:]
    text = log.read_text()
    assert "Resuming crawl" in text
    assert f"continuing the feed {feed}" in text
    seen = urls(read_jsonl(feed), site.base_url)
    assert set(seen) == expected
    assert [u for u, n in seen.items() if n > 1] == []
    assert sorted(out_dir.glob("*.jsonl*")) == [feed]


def test_overwrite_json_array_gets_a_second_part(tmp_path: Path) -> None:
    expected = write_site(tmp_path / "site", ARTICLES)
    out_dir, log = tmp_path / "out", tmp_path / "crawl.log"
    out_dir.mkdir()
    feed = out_dir / "out.json"
    with serve(tmp_path / "site") as site:
        cmd = command(site.base_url, feed, tmp_path / "state")
        assert run_until(cmd, out_dir, log, None, sig=signal.SIGINT,
                         when=lambda: served_articles(site) >= SIGNAL_AFTER) == 0
        first = json.loads(feed.read_text("utf-8"))
        assert len(first) < ARTICLES
        assert run_until(cmd, out_dir, log, None) == 0, log.read_text()[-3000:]
    second = out_dir / "out.part2.json"
    assert f"the rest of the crawl goes to {second}" in log.read_text()
    assert json.loads(feed.read_text("utf-8")) == first  # untouched
    seen = urls(first + json.loads(second.read_text("utf-8")), site.base_url)
    assert set(seen) == expected
    assert [u for u, n in seen.items() if n > 1] == []
