"""Resume is scoped to its crawl: an interrupted crawl of site A is resumed by the same
command only, never inside a crawl of site B; ``-a fresh=1`` starts it over; commands other
than ``scrapy crawl`` keep no resume state."""

from __future__ import annotations

import signal
import sys
from collections import Counter
from pathlib import Path

import pytest

from crawler.demo.server import serve
from crawler.resume.scheduler import crawl_fingerprint
from crawler.sites import sites_from_urls
from crawler.spiders.news import NewsSpider
from tests.conftest import python_tracebacks, read_jsonl
from tests.helpers.site import write_site
from tests.test_resume import run_until

ARTICLES = 150


def spider(**arguments: str) -> NewsSpider:
    news = NewsSpider(**arguments)
    news.sites = {s.name: s for s in sites_from_urls(arguments.get("url", "http://a.example/"))}
    return news


def test_fingerprint_is_the_crawl_not_the_run() -> None:
    base = crawl_fingerprint(spider(url="http://a.example/", days="2"))
    assert crawl_fingerprint(spider(url="http://a.example/", days="2")) == base
    assert crawl_fingerprint(spider(url="http://a.example/", days="2", fresh="1")) == base
    assert crawl_fingerprint(spider(url="http://a.example/", days="2", _job="j1")) == base
    assert crawl_fingerprint(spider(url="http://b.example/", days="2")) != base
    assert crawl_fingerprint(spider(url="http://a.example/", days="3")) != base
    assert crawl_fingerprint(spider(url="http://a.example/")) != base


def command(base_url: str, feed: Path, state: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "scrapy.cmdline", "crawl", "news", "-a", f"url={base_url}/",
            *extra, "-O", str(feed), "-s", f"CRAWLER_STATE_DIR={state}",
            "-s", "CRAWLER_EXTRACT_WORKERS=1", "-s", "DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]


def run(cmd: list[str], out: Path, log: Path, stop_at: int | None) -> str:
    """Run one crawl (SIGINT once ``stop_at`` lines are written); its part of the log."""
    out.mkdir()
    before = log.read_text("utf-8") if log.exists() else ""
    code = run_until(cmd, out, log, stop_at, sig=signal.SIGINT)
    text = log.read_text("utf-8")[len(before):]
    assert code == 0, text[-3000:]
    assert python_tracebacks(text) == []
    return text


@pytest.mark.slow
def test_interrupted_crawl_resumed_only_by_itself(tmp_path: Path) -> None:
    expected_a = write_site(tmp_path / "a", ARTICLES)
    write_site(tmp_path / "b", 5)
    state, log = tmp_path / "state", tmp_path / "crawl.log"
    with serve(tmp_path / "a") as site_a, serve(tmp_path / "b") as site_b:
        def crawl_a(n: int, stop_at: int | None, *extra: str) -> str:
            return run(command(site_a.base_url, tmp_path / f"a{n}" / "out.jsonl", state, *extra),
                       tmp_path / f"a{n}", log, stop_at)

        first = crawl_a(1, 10)
        assert "'finish_reason': 'shutdown'" in first
        other = run(command(site_b.base_url, tmp_path / "b1" / "out.jsonl", state),
                    tmp_path / "b1", log, None)
        assert "Resuming crawl" not in other
        b_urls = {r["url"] for r in read_jsonl(tmp_path / "b1" / "out.jsonl")}
        assert b_urls and all(u.startswith(site_b.base_url) for u in b_urls)

        fresh = crawl_a(2, 10, "-a", "fresh=1")
        assert "Resuming crawl" not in fresh
        assert fresh.count("Starting a fresh crawl") == 1
        resumed = crawl_a(3, None)
    lines = [line for line in resumed.splitlines() if "Resuming crawl" in line]
    assert len(lines) == 1 and f"{site_a.base_url}/" in lines[0], lines
    assert "'finish_reason': 'finished'" in resumed
    def urls(n: int) -> list[str]:
        return [r["url"].removeprefix(site_a.base_url)
                for r in read_jsonl(tmp_path / f"a{n}" / "out.jsonl")]

    # The fresh crawl and its resumption export each article once; what they leave out was
    # exported unchanged by the first run (incremental runs do not export it again).
    seen = Counter(urls(2) + urls(3))
    assert [u for u, k in seen.items() if k > 1] == []
    assert set(seen) | set(urls(1)) == expected_a
