"""A fresh crawl of a site whose tagline no rule names: its first exported article is as
clean as its last (records are held until the site's boilerplate is learned), a lone
article URL is not kept waiting, and a crash while records are held loses none of them."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer, running, serve
from tests.conftest import ROOT, child_env, read_jsonl, run_scrapy
from tests.helpers.tagline_site import TAGLINE, article_path, write_tagline_site

pytestmark = pytest.mark.slow

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CRAWLER_EXTRACT_WORKERS=1", "-s", "CRAWLER_PROBE_FEEDS=False"]


def stat(log: str, name: str) -> int:
    found = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def crawl(tmp_path: Path, url: str, *extra: str) -> tuple[list[dict], str]:
    out = tmp_path / "feed.jsonl"
    result = run_scrapy(["crawl", "news", "-a", f"url={url}", "-O", str(out), *FAST, *extra],
                        tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    return read_jsonl(out), result.stderr


def test_fresh_crawl_first_article_as_clean_as_last(tmp_path: Path) -> None:
    paths = write_tagline_site(tmp_path / "site")
    with serve(tmp_path / "site") as site:
        records, log = crawl(tmp_path, f"{site.base_url}/")
    assert sorted(r["url"].removeprefix(site.base_url) for r in records) == sorted(paths)
    assert [r["url"] for r in records if TAGLINE in r["articleBody"]] == []
    assert stat(log, "boilerplate/held") >= 1
    assert stat(log, "boilerplate/released/threshold") == stat(log, "boilerplate/held")
    assert stat(log, "chrome/removed/site_boilerplate") == len(paths)


def test_without_holding_the_first_articles_leak(tmp_path: Path) -> None:
    # The site is a fair test: without holding, the tagline leaks until it is learned.
    write_tagline_site(tmp_path / "site")
    with serve(tmp_path / "site") as site:
        records, _ = crawl(tmp_path, f"{site.base_url}/", "-s", "CRAWLER_BOILERPLATE_HOLD=0")
    assert TAGLINE in records[0]["articleBody"]
    assert TAGLINE not in records[-1]["articleBody"]


def test_single_article_is_released_when_the_crawl_is_idle(tmp_path: Path) -> None:
    write_tagline_site(tmp_path / "site", articles=1)  # its menu leads to no other story
    with serve(tmp_path / "site") as site:
        records, log = crawl(tmp_path, f"{site.base_url}{article_path(0)}")
    assert [r["url"] for r in records] == [f"{site.base_url}{article_path(0)}"]
    # Let go as soon as nothing else was left to do, not after the hold's timeout.
    assert stat(log, "boilerplate/released/idle") == 1
    assert stat(log, "boilerplate/released/timeout") == 0


class GatedServer(SiteServer):
    """Serves the first ``open_articles`` stories; the others wait until ``gate`` is set."""

    def __init__(self, root: Path, open_articles: int) -> None:
        super().__init__(root)
        self.gate = threading.Event()
        self.open_paths = {article_path(i) for i in range(open_articles)}

    def log_request_path(self, path: str) -> None:
        super().log_request_path(path)
        if path.startswith("/valley/") and path not in self.open_paths:
            self.gate.wait(timeout=120)


def test_crash_while_records_are_held_loses_none(tmp_path: Path) -> None:
    paths = write_tagline_site(tmp_path / "site")
    out, state = tmp_path / "out", tmp_path / "state"
    with running(GatedServer(tmp_path / "site", open_articles=4)) as site:
        cmd = [sys.executable, "-m", "scrapy.cmdline", "crawl", "news",
               "-a", f"url={site.base_url}/", "-s", f"CRAWLER_STATE_DIR={state}",
               "-s", f"FEEDS={{\"{out}/%(time)s.jsonl\": {{\"format\": \"jsonlines\"}}}}",
               "-s", "CRAWLER_BOILERPLATE_HOLD_SECONDS=600", "-s", "LOG_LEVEL=DEBUG",
               # every story requested at once: the gated ones do not block the others
               "-s", "CONCURRENT_REQUESTS=64", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=64",
               *FAST]
        log_path = tmp_path / "first.log"
        with log_path.open("wb") as log_fh:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=child_env(), stdout=log_fh,
                                    stderr=log_fh)
            try:
                # Four stories come, are held (the site is not known yet), and the others
                # wait at the gate: kill the crawl while the four are held.
                while proc.poll() is None and held_in(log_path) < 4:
                    threading.Event().wait(0.05)
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        assert proc.returncode == -signal.SIGKILL, log_path.read_text()[-3000:]
        assert sum(len(read_jsonl(f)) for f in out.glob("*.jsonl*")) == 0
        site.gate.set()
        done = subprocess.run(cmd, cwd=ROOT, env=child_env(), capture_output=True, text=True,
                              timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Resuming crawl" in done.stderr
    records = [r for f in sorted(out.glob("*.jsonl")) for r in read_jsonl(f)]
    urls = [r["url"].removeprefix(site.base_url) for r in records]
    assert sorted(urls) == sorted(paths)  # every story once: none lost, none twice
    assert [u for u, r in zip(urls, records, strict=True) if TAGLINE in r["articleBody"]] == []


def held_in(log_path: Path) -> int:
    """Records held so far, from the pipeline's debug line per held record."""
    return log_path.read_text("utf-8", errors="replace").count("held for learned boilerplate:")
