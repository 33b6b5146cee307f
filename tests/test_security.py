"""Security guards: private addresses, file:/data: downloads, feed paths, size limits."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from scrapy.extensions.feedexport import apply_uri_params
from scrapy.utils.test import get_crawler

from crawler.export.uri_params import safe_segment, uri_params
from crawler.middlewares.addresses import decide, host_port, refusal_reason, resolve
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings, read_jsonl, run_scrapy
from tests.faultsite import pages, serve_fault_site
from tests.faultsite.server import GOOD_FIRST

# --- private addresses -----------------------------------------------------------------------

# Extraction in the crawl process: these crawls test addresses and paths, not the worker pool
# (whose fork server costs each crawl ~0.8 s of CPU; tests/test_pool.py, test_crawl_demo.py).
INLINE = ["-s", "CRAWLER_EXTRACT_WORKERS=0"]


@pytest.mark.parametrize(("address", "reason"), [
    ("127.0.0.1", "loopback"),
    ("127.0.0.2", "loopback"),
    ("::1", "loopback"),
    ("::ffff:127.0.0.1", "loopback"),
    ("169.254.169.254", "link_local"),  # cloud metadata
    ("fe80::1", "link_local"),
    ("10.1.2.3", "private"),
    ("172.16.0.1", "private"),
    ("192.168.1.1", "private"),
    ("fd00::1", "private"),
    ("224.0.0.1", "multicast"),
    ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved"),
    ("100.64.0.1", "not_global"),  # carrier-grade NAT: not global
    ("not-an-ip", "unparsable_address"),
])
def test_non_public_addresses_refused(address: str, reason: str) -> None:
    assert refusal_reason(address) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700::1111", "1.1.1.1"])
def test_public_addresses_allowed(address: str) -> None:
    assert refusal_reason(address) is None


def test_one_private_address_taints_a_host() -> None:
    assert decide(["8.8.8.8", "10.0.0.1"]) == "private"
    assert decide(["8.8.8.8"]) is None


def test_localhost_resolves_to_loopback() -> None:
    assert decide(resolve("localhost", 80)) == "loopback"


def test_host_port_defaults() -> None:
    assert host_port("https://Example.com/x") == ("example.com", 443)
    assert host_port("http://127.0.0.1:8080/") == ("127.0.0.1", 8080)
    assert host_port("http://[::1]/") == ("::1", 80)


# --- file: and data: ------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["file", "data", "ftp", "s3"])
def test_local_and_odd_schemes_have_no_download_handler(scheme: str) -> None:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings())
    handlers = crawler.settings.getwithbase("DOWNLOAD_HANDLERS")
    assert handlers[scheme] is None
    assert handlers["http"]


@pytest.mark.slow
@pytest.mark.parametrize("url", ["file://{page}", "data:text/html;base64,{b64}"])
def test_file_and_data_urls_not_downloaded(tmp_path: Path, url: str) -> None:
    page = tmp_path / "2026-11-20-story.html"
    html = pages.article_html("story", "Harbour pier closes for repairs", 1)
    page.write_text(html, "utf-8")
    start = url.format(page=page, b64=base64.b64encode(html.encode()).decode())
    out = tmp_path / "feed.jsonl"
    proc = run_scrapy(["crawl", "news", "-a", f"url={start}", "-O", str(out)], tmp_path)
    # Refused before the crawl starts: only http(s) start URLs (tests/test_bad_input.py).
    assert proc.returncode == 2, proc.stderr[-3000:]
    assert "only http:// and https:// URLs can be crawled" in proc.stderr
    assert not out.exists()
    assert "'pages/fetched'" not in proc.stderr


# --- feed paths -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["../../etc", "/etc/passwd", "a/../../b", "..", "x\x00y",
                                   "..\\..\\win", "", "a" * 1000])
def test_safe_segment_never_leaves_the_directory(value: str) -> None:
    seg = safe_segment(value)
    assert seg and "/" not in seg and "\\" not in seg and "\x00" not in seg
    assert ".." not in seg and len(seg) <= 120
    assert (Path("/out") / seg).resolve().parent == Path("/out")


def test_uri_params_sanitise_every_substituted_value() -> None:
    params = uri_params({"name": "../../etc", "time": "2026-11-27T08-00-00+00-00",
                         "batch_id": 3, "sites": {"a": "b/c"}}, None)
    uri = apply_uri_params("output/%(name)s/%(time)s-%(batch_id)d-%(sites)s.jsonl", params)
    assert uri.startswith("output/etc/2026-11-27T08-00-00+00-00-3-")
    assert uri.count("/") == 2


@pytest.mark.slow
def test_spider_argument_cannot_move_the_feed(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    feeds = f'{{"{out_dir}/%(name)s/%(evil)s.jsonl": {{"format": "jsonlines"}}}}'
    with serve_fault_site() as (site, _, _):
        proc = run_scrapy(["crawl", "news", "-a", f"url={site.base_url}{GOOD_FIRST}",
                           "-a", "name=../../escaped", "-a", "evil=../../../pwned",
                           "-s", f"FEEDS={feeds}", "-s", "DOWNLOAD_DELAY=0", *INLINE], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    written = [p.relative_to(out_dir) for p in out_dir.rglob("*.jsonl")]
    assert written == [Path("escaped/pwned.jsonl")], proc.stderr[-3000:]
    escaped = [p for p in tmp_path.parent.rglob("*pwned*") if not p.is_relative_to(out_dir)]
    assert escaped == []


# --- end to end: redirects and links to private hosts ---------------------------------------


@pytest.mark.slow
def test_private_host_refused_start_host_allowed(tmp_path: Path) -> None:
    """Start on 127.0.0.1:P: that host is fetched; 127.0.0.1 on another port, reached by a
    link or a redirect, is refused after resolution; other hosts are never contacted."""
    out = tmp_path / "feed.jsonl"
    with serve_fault_site() as (site, other, private):
        proc = run_scrapy(["crawl", "news", "-a", f"url={site.base_url}{GOOD_FIRST}",
                           "-O", str(out), "-s", "DOWNLOAD_DELAY=0", *INLINE], tmp_path)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert f"{site.base_url}{GOOD_FIRST}" in [r["url"] for r in read_jsonl(out)]
        proc = run_scrapy(["crawl", "news", "-a", f"url={site.base_url}/ssrf.html",
                           "-s", "DOWNLOAD_DELAY=0", "-s", "DEPTH_LIMIT=2", *INLINE], tmp_path)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert site.hits["/broken/to-private.html"] == 1
        assert private.log == [] and other.log == []
    refused = re.search(r"'security/refused/loopback': (\d+)", proc.stderr)
    assert refused and int(refused.group(1)) >= 2, proc.stderr[-3000:]  # link and redirect
