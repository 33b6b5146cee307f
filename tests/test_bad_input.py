"""Bad input to ``scrapy crawl news``: one line naming the problem, a non-zero exit code, no
traceback, and nothing written (real commands, run as subprocesses)."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest

from tests.conftest import python_tracebacks, run_scrapy

pytestmark = pytest.mark.slow

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CRAWLER_EXTRACT_WORKERS=0"]


def crawl(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    feed = tmp_path / "out.jsonl"
    return run_scrapy(["crawl", "news", *args, "-O", str(feed), *FAST], tmp_path, timeout=90)


def reason_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("scrapy crawl news:")]


def assert_refused(result: subprocess.CompletedProcess[str], tmp_path: Path, *words: str,
                   code: int = 2) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == code, output[-2000:]
    assert python_tracebacks(output) == []
    lines = reason_lines(result)
    assert len(lines) == 1, output[-2000:]
    for word in words:
        assert word in lines[0]
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize(("args", "words"), [
    (["-a", "url=notaurl"], ["'notaurl'", "not a URL"]),
    (["-a", "url=ftp://x"], ["'ftp://x'", "http"]),
    (["-a", "url=http://site.example/", "-s", "CRAWLER_MAX_PAGES_PER_SITE=abc"],
     ["CRAWLER_MAX_PAGES_PER_SITE", "'abc'", "whole number"]),
    (["-a", "url=http://site.example/", "-a", "since=yesterday"], ["since", "'yesterday'"]),
    (["-a", "url=http://site.example/", "-a", "days=two"], ["days", "'two'"]),
    (["-a", "sites=does-not-exist.toml"], ["not found", "does-not-exist.toml"]),
])
def test_bad_argument_is_one_line_and_exit_2(tmp_path: Path, args: list[str],
                                             words: list[str]) -> None:
    assert_refused(crawl(tmp_path, *args), tmp_path, *words)


@pytest.mark.parametrize(("text", "words"), [
    ("[[site]\nname = ", ["not valid TOML"]),
    ('[[site]]\nname = "x"\n', ["needs a name and start URLs"]),
    ('[[site]]\nname = "x"\nstart = ["gopher://x/"]\n', ["'gopher://x/'", "http"]),
    ("# no sites\n", ["no [[site]] entry"]),
])
def test_malformed_sites_file(tmp_path: Path, text: str, words: list[str]) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text(text, "utf-8")
    assert_refused(crawl(tmp_path, "-a", f"sites={sites}"), tmp_path, str(sites), *words)


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_start_url_where_nothing_listens_fails(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/"
    out = tmp_path / "output"
    result = run_scrapy(["crawl", "news", "-a", f"url={url}", *FAST,
                         "-s", f"CRAWLER_DEFAULT_FEED={out}/%(name)s/%(time)s.jsonl"],
                        tmp_path, timeout=90)
    assert_refused(result, tmp_path, "nothing could be fetched", code=1)
    assert not out.exists()  # no empty default feed, no stats file
    assert "'finish_reason': 'finished'" in result.stderr
    assert "download failed: " + url in result.stderr
    assert f"download failed: {url}robots.txt" not in result.stderr  # not a page: quiet


def test_unknown_argument_is_warned_with_the_known_ones(tmp_path: Path) -> None:
    result = crawl(tmp_path, "-a", "url=notaurl", "-a", "colour=red")
    warning = [line for line in result.stderr.splitlines() if "unknown argument" in line]
    assert len(warning) == 1 and "colour" in warning[0]
    assert "url, sites, since, days, fresh" in warning[0]
    assert result.returncode == 2  # and the bad url still stops it


def test_help_lists_the_spider_arguments(tmp_path: Path) -> None:
    result = run_scrapy(["crawl", "news", "-h"], tmp_path)
    assert result.returncode == 0
    assert "Arguments of the news spider" in result.stdout
    for name in ("url", "sites", "since", "days", "fresh"):
        assert f"-a {name}=" in result.stdout
