"""Scrapy's own commands work with the ``news`` spider and leave no resume state behind:
``scrapy parse``, ``shell``, ``check``, ``list`` (real commands, run as subprocesses)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer, serve
from tests.conftest import python_tracebacks, run_scrapy
from tests.helpers.site import write_site

pytestmark = pytest.mark.slow

ARTICLE = "/2026/11/20/story-number-0001.html"


@pytest.fixture
def small_site(tmp_path: Path) -> Iterator[SiteServer]:
    write_site(tmp_path / "site", 3)
    with serve(tmp_path / "site") as server:
        yield server


# `scrapy parse` itself wraps an async-generator callback in a Deferred and then warns that
# callbacks returning Deferreds are deprecated (Scrapy 2.19): Scrapy's own deprecation, not
# ours. PYTHONWARNINGS cannot name Scrapy's warning class (it is read before any import), so
# these commands run with warnings shown, not raised.
SCRAPY_DEPRECATIONS = "default"


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    result = run_scrapy([*args, "-s", "CRAWLER_EXTRACT_WORKERS=0",
                         "-s", f"CRAWLER_DEFAULT_FEED={tmp_path}/output/%(name)s/%(time)s.jsonl"],
                        tmp_path, timeout=90, warnings=SCRAPY_DEPRECATIONS)
    assert python_tracebacks(result.stdout + result.stderr) == [], result.stderr[-3000:]
    assert not (tmp_path / "state" / "resume").exists(), "only `scrapy crawl` keeps resume state"
    assert not (tmp_path / "output").exists(), "nothing exported: no feed, no stats file"
    return result


def test_parse_an_article(small_site: SiteServer, tmp_path: Path) -> None:
    result = run(["parse", "--spider", "news", small_site.base_url + ARTICLE], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "# Scraped Items" in result.stdout
    assert "'headline': 'Story number 1:" in result.stdout
    assert "KeyError" not in result.stderr


def test_parse_unreachable_url_exits_non_zero(tmp_path: Path) -> None:
    result = run(["parse", "--spider", "news", "http://127.0.0.1:9/x.html",
                  "-s", "RETRY_ENABLED=False"], tmp_path)
    assert result.returncode == 1


def test_shell_on_a_start_host(small_site: SiteServer, tmp_path: Path) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(f'[[site]]\nname = "local"\nstart = ["{small_site.base_url}/"]\n', "utf-8")
    code = "print('SITE', spider.site_of(response).name, len(list(spider.parse_robots(response))))"
    result = run(["shell", "--spider", "news", small_site.base_url + "/robots.txt", "-c", code,
                  "-s", f"CRAWLER_SITES_FILE={sites}"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "SITE local" in result.stdout


def test_check_and_list(tmp_path: Path) -> None:
    checked = run(["check", "news"], tmp_path)
    assert checked.returncode == 0, checked.stderr[-3000:]
    listed = run(["list"], tmp_path)
    assert listed.stdout.split() == ["news"]  # saved_pages is `scrapy extract`'s, not listed
