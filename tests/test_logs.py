"""Logs a person can read (real commands): a dropped or unchanged item is one short line, a
missing robots.txt is no "download failed", the summary agrees with the per-site line, the
demo shows progress, ``scrapy extract`` to stdout warns about nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.demo.server import DEMO_SITE, serve
from tests.conftest import run_scrapy
from tests.helpers.site import write_site

pytestmark = pytest.mark.slow


def crawl(base_url: str, tmp_path: Path, name: str) -> str:
    result = run_scrapy(["crawl", "news", "-a", f"url={base_url}/", "-O",
                         str(tmp_path / f"{name}.jsonl"), "-s", "DOWNLOAD_DELAY=0",
                         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CRAWLER_EXTRACT_WORKERS=0",
                         "-s", "CRAWLER_RECHECK_DAYS=100000"], tmp_path, timeout=90)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def test_crawl_logs(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_site(root, 3)
    (root / "robots.txt").unlink()  # 404: the site has none
    with serve(root) as site:
        crawl(site.base_url, tmp_path, "run1")
        log = crawl(site.base_url, tmp_path, "run2")  # re-fetched (recent), unchanged
    dropped = [line for line in log.splitlines() if "Dropped" in line]
    assert len(dropped) == 3, log[-3000:]
    for line in dropped:
        assert "INFO: Dropped (AlreadyExported): http://127.0.0.1:" in line
        assert len(line) < 300
    assert "Article(" not in log
    assert "download failed" not in log and "robots.txt" not in log.split("Dumping")[0]
    fetched = re.search(r"summary: (\d+) pages fetched", log)
    per_site = re.search(r"site 127\.0\.0\.1:.*fetched (\d+)", log)
    assert fetched and per_site and fetched.group(1) == per_site.group(1)


def test_demo_shows_progress(tmp_path: Path) -> None:
    result = run_scrapy(["demo", "-s", "CRAWLER_EXTRACT_WORKERS=0"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "progress: " in result.stderr


def test_extract_to_stdout_warns_about_nothing(tmp_path: Path) -> None:
    page = next(DEMO_SITE.glob("2026/11/20/*.html"))
    result = run_scrapy(["extract", str(page), "-s", "CRAWLER_EXTRACT_WORKERS=0"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.count("\n") == 1
    assert "WARNING" not in result.stderr and "overwrit" not in result.stderr.lower()
