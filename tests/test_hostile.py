"""Hostile input, round two: endless headers, retry-then-redirect off the site, a bad URL
in a sitemap, DNS answers that change between the check and the connection."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.middlewares.addresses import PrivateAddressMiddleware, RefusedAddress
from crawler.middlewares.boundary import OffsiteRequest, SiteBoundaryMiddleware
from crawler.middlewares.download import AddressGuard, HeadersTooLarge, _limited_parser
from crawler.spiders.linkscore import FanoutLimiter, url_pattern
from crawler.spiders.news import NewsSpider
from crawler.urlcanon import url_key
from tests.conftest import project_settings, read_jsonl, run_scrapy
from tests.faultsite import serve_fault_site
from tests.faultsite.server import GOOD_FIRST
from tests.test_fault_site import parse_stats

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CRAWLER_EXTRACT_WORKERS=1", "-s", "DOWNLOAD_TIMEOUT=10"]
# Extraction in the crawl process, for the crawls about requests and links rather than
# memory (a worker keeps extraction's memory out of memusage; the pool's fork server costs
# each crawl ~0.8 s of CPU).
FAST_INLINE = [*FAST[:4], "-s", "CRAWLER_EXTRACT_WORKERS=0", *FAST[6:]]


# --- endless headers -------------------------------------------------------------------------


@pytest.mark.slow
def test_endless_headers_dropped_within_memory(tmp_path: Path) -> None:
    with serve_fault_site() as (site, _, _):
        proc = run_scrapy(["crawl", "news", "-a", f"url={site.base_url}/broken/endless-headers.html",
                           *FAST, "-s", "MEMUSAGE_ENABLED=True",
                           "-s", "MEMUSAGE_CHECK_INTERVAL_SECONDS=0.2"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats = parse_stats(proc.stderr)
    assert stats.get("security/dropped/headers_too_large", 0) >= 1, proc.stderr[-3000:]
    assert stats.get("pages/failed/HeadersTooLarge", 0) == 1  # not retried
    growth = stats["memusage/max"] - stats["memusage/startup"]
    assert growth < 100 * 1024 * 1024


@pytest.mark.parametrize(("lines", "max_bytes", "max_lines"), [(7, 10_000, 6), (7, 40, 1000)])
def test_header_parser_stops_at_the_limits(lines: int, max_bytes: int, max_lines: int) -> None:
    parser = _limited_parser(max_bytes, max_lines).__new__(_limited_parser(max_bytes, max_lines))
    parser.state, parser._partialHeader = "HEADER", None
    received: list[bytes] = []
    parser.headerReceived = lambda name, value: received.append(name)  # type: ignore[method-assign]
    with pytest.raises(HeadersTooLarge):
        for i in range(lines):
            parser.lineReceived(b"X-A%d: b" % i)
    assert len(received) < lines


# --- the site boundary ------------------------------------------------------------------------


def boundary(domains: list[str]) -> SiteBoundaryMiddleware:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings())
    crawler.spider = NewsSpider.from_crawler(crawler, url=" ".join(f"https://{d}/" for d in domains))
    mw = SiteBoundaryMiddleware.from_crawler(crawler)
    mw.spider_opened(crawler.spider)
    return mw


@pytest.mark.parametrize("url", ["https://evil.example/x", "https://n.example.evil.example/",
                                 "http://127.0.0.2:8080/news/story.html"])
def test_dont_filter_request_offsite_refused(url: str) -> None:
    mw = boundary(["n.example"])
    with pytest.raises(OffsiteRequest):
        mw.process_request(Request(url, dont_filter=True, meta={"allow_offsite": True}))
    assert mw.stats.get_value("security/refused/offsite") == 1


@pytest.mark.parametrize("url", ["https://n.example/a", "https://www.n.example/b"])
def test_on_site_request_passes(url: str) -> None:
    assert boundary(["n.example"]).process_request(Request(url, dont_filter=True)) is None


@pytest.mark.slow
def test_retry_then_redirect_never_reaches_the_other_host(tmp_path: Path) -> None:
    """503, retry (dont_filter), 302 to another host: as a start URL and as a sitemap entry,
    with the address guard relaxed so that the other host stands for a public one."""
    out = tmp_path / "feed.jsonl"
    with serve_fault_site() as (site, other, _):
        other_host = other.base_url.removeprefix("http://")
        starts = f"{site.base_url}/broken/retry-then-offsite.html {site.base_url}/offsite-sitemap.xml"
        proc = run_scrapy(["crawl", "news", "-a", f"url={starts}", "-O", str(out), *FAST_INLINE,
                           "-s", f"CRAWLER_ALLOWED_PRIVATE_HOSTS={other_host}"], tmp_path)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert site.hits["/broken/retry-then-offsite.html"] == 2, proc.stderr[-3000:]
        assert site.hits["/broken/sitemap-retry-offsite.html"] == 2, proc.stderr[-3000:]
        assert other.log == []
    stats = parse_stats(proc.stderr)
    assert stats.get("security/refused/offsite", 0) >= 2
    # The bad-port entry listed first did not cost the sitemap its other entries.
    assert stats.get("links/skipped/bad_url", 0) == 1
    assert site.hits[GOOD_FIRST] == 1
    urls = [r["url"] for r in read_jsonl(out)]
    assert f"{site.base_url}{GOOD_FIRST}" in urls  # listed after the bad entry
    assert all(u.startswith(site.base_url) for u in urls)


# --- one bad URL in a sitemap or feed --------------------------------------------------------


@pytest.fixture
def spider(tmp_path: Path):
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(
        CRAWLER_STATE_DIR=str(tmp_path), CRAWLER_EXTRACT_WORKERS=0))
    crawler.stats.open_spider()
    spider = NewsSpider.from_crawler(crawler, url="https://n.example/")
    yield spider
    spider._close_pool()


async def collect(spider: NewsSpider, body: bytes, ctype: str) -> list[str]:
    url = "https://n.example/sitemap.xml"
    response = Response(url, body=body, headers={"Content-Type": ctype},
                        request=Request(url, meta={"site": "n.example"}))
    return [r.url async for r in spider.parse(response) if isinstance(r, Request)]


@pytest.mark.parametrize("bad", ["https://n.example:99999/2026/11/20/bad-port-story.html",
                                 "https://[n.example/2026/11/20/broken-bracket-story.html"])
def test_one_bad_url_in_a_sitemap_loses_nothing_else(spider: NewsSpider, bad: str) -> None:
    good = [f"https://n.example/2026/11/2{i}/story-number-{i}-here.html" for i in range(4)]
    locs = [good[0], bad, *good[1:]]
    body = ("<urlset>" + "".join(f"<url><loc>{u}</loc></url>" for u in locs)
            + "</urlset>").encode()
    response = Response("https://n.example/sitemap.xml", body=body,
                        request=Request("https://n.example/sitemap.xml", meta={"site": "n.example"}))
    assert [r.url for r in spider._parse_xml(response, spider.sites["n.example"])] == good
    assert spider.crawler.stats.get_value("links/skipped/bad_url") == 1


def test_one_bad_url_in_a_json_feed_loses_nothing_else(spider: NewsSpider) -> None:
    items = [{"url": "https://n.example/2026/11/20/first-story-here-now.html"},
             {"url": "https://n.example:70000/2026/11/20/bad-port-story.html"},
             {"url": "https://n.example/2026/11/21/second-story-here-now.html"}]
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
    urls = asyncio.run(collect(spider, body, "application/feed+json"))
    assert urls == [items[0]["url"], items[2]["url"]]


# --- the address actually connected to -------------------------------------------------------


def test_connected_address_checked() -> None:
    guard = AddressGuard({("127.0.0.1", 8000)})
    assert guard.refusal(("127.0.0.1", 8000), ("127.0.0.1", 8000)) is None  # a start host
    assert guard.refusal(("news.example", 80), ("93.184.215.14", 80)) is None
    # The name said public when checked; the connection went to a private address.
    assert guard.refusal(("news.example", 80), ("10.0.0.7", 80)) == "private"
    assert guard.refusal(("news.example", 80), ("127.0.0.1", 8000)) is None  # allowed peer
    assert guard.refusal(("news.example", 80), ("127.0.0.1", 9000)) == "loopback"


@pytest.mark.slow
def test_private_peer_refused_at_connection(tmp_path: Path) -> None:
    """With the resolve-first middleware off (as if DNS had said "public"), links to a private
    port are still refused when the connection is made, before anything is sent."""
    mws = json.dumps({"crawler.middlewares.addresses.PrivateAddressMiddleware": None})
    with serve_fault_site() as (site, other, private):
        proc = run_scrapy(["crawl", "news", "-a", f"url={site.base_url}/ssrf.html", *FAST_INLINE,
                           "-s", f"DOWNLOADER_MIDDLEWARES={mws}", "-s", "DEPTH_LIMIT=2"],
                          tmp_path)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert site.hits["/broken/to-private.html"] == 1
        assert private.log == [] and other.log == []
    stats = parse_stats(proc.stderr)
    assert stats.get("security/refused_at_connection/loopback", 0) >= 2, proc.stderr[-3000:]


def test_address_verdict_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter([["93.184.215.14"], ["10.0.0.7"]])
    monkeypatch.setattr("crawler.middlewares.addresses.resolve", lambda host, port: next(answers))
    now = [0.0]
    mw = PrivateAddressMiddleware(None, set(), ttl=60, clock=lambda: now[0])

    async def fetch() -> None:
        from twisted.internet import defer

        monkeypatch.setattr("crawler.middlewares.addresses.deferToThread",
                            lambda f, *a: defer.succeed(f(*a)))
        await mw.process_request(Request("https://rebind.example/a"))
        now[0] = 30
        await mw.process_request(Request("https://rebind.example/b"))  # cached: public
        now[0] = 61
        with pytest.raises(RefusedAddress):
            await mw.process_request(Request("https://rebind.example/c"))

    asyncio.run(fetch())


# --- XML amplification -----------------------------------------------------------------------


@pytest.mark.slow
def test_big_xml_read_in_bounded_memory(tmp_path: Path) -> None:
    """A 50,000-entry sitemap (the protocol's limit, all read) and 70 KB of gzip inflating to
    8 M elements (stopped at the limit) cost under 100 MB, and the crawl goes on: an article
    listed after them is exported."""
    out = tmp_path / "feed.jsonl"
    with serve_fault_site() as (site, _, _):
        starts = " ".join(f"{site.base_url}{p}"
                          for p in ["/big-sitemap.xml", "/url-bomb.xml.gz", GOOD_FIRST])
        proc = run_scrapy(["crawl", "news", "-a", f"url={starts}", "-a", "since=2026-01-01",
                           "-O", str(out), *FAST, "-s", "MEMUSAGE_ENABLED=True",
                           "-s", "MEMUSAGE_CHECK_INTERVAL_SECONDS=0.1",
                           "-s", "CRAWLER_PROBE_FEEDS=False"], tmp_path)
        fetched_old = [p for p in site.hits if "story-number" in p]
    assert proc.returncode == 0, proc.stderr[-3000:]
    stats = parse_stats(proc.stderr)
    assert f"{site.base_url}{GOOD_FIRST}" in [r["url"] for r in read_jsonl(out)]
    assert fetched_old == []  # 2020 entries skipped by the date window, before fetching
    assert (stats["memusage/max"] - stats["memusage/startup"]) < 100 * 1024 * 1024
    assert stats.get("discovery/truncated/entry_limit") == 1, proc.stderr[-3000:]
    assert stats.get("discovery/entries/sitemap", 0) >= 50_000


# --- trap fan-out ----------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "pattern"), [
    ("https://n.example/2026/11/20/harbour-story.html", "n.example/2026/11/20/*"),
    ("https://n.example/news/a8f3c9d2e1/story.html", "n.example/news/*/*"),
    ("https://n.example/article/1234567/x?id=9&page=2", "n.example/article/*/*?id&page"),
    ("https://n.example/", "n.example/*"),
])
def test_url_pattern(url: str, pattern: str) -> None:
    assert url_pattern(url) == pattern


def test_fanout_caps() -> None:
    limiter = FanoutLimiter(per_pattern=5, per_page=3)
    limiter.new_page(start=True)
    got = [limiter.refuse(f"https://n.example/a/{i}-story.html") for i in range(7)]
    assert got == [None] * 5 + ["pattern_fanout"] * 2  # a start page: no per-page cap
    limiter.new_page(start=False)
    got = [limiter.refuse(f"https://n.example/b/{i}-story.html") for i in range(5)]
    assert got == [None] * 3 + ["page_fanout"] * 2


@pytest.mark.parametrize("param", ["token", "nonce", "s", "_", "cb"])
def test_volatile_parameters_canonicalised_away(param: str) -> None:
    assert url_key(f"https://n.example/page.html?{param}=8f3a1b&id=3") == "n.example/page.html?id=3"


@pytest.mark.slow
def test_trap_fanout_bounded(tmp_path: Path) -> None:
    """Every page links 50 new article-like URLs one level deeper, or the same page under
    fresh tokens: the caps bound what is fetched long before the page budget."""
    with serve_fault_site() as (site, _, _):
        starts = f"{site.base_url}/fanout/0/start.html {site.base_url}/tokens/page.html?token=1"
        proc = run_scrapy(["crawl", "news", "-a", f"url={starts}", *FAST_INLINE,
                           "-s", "CRAWLER_MAX_URLS_PER_PATTERN=10",
                           "-s", "CRAWLER_MAX_NEW_LINKS_PER_PAGE=5", "-s", "DEPTH_LIMIT=3",
                           "-s", "CRAWLER_MAX_PAGES_PER_SITE=200",
                           "-s", "CRAWLER_PROBE_FEEDS=False"], tmp_path)
        fanout = sum(n for p, n in site.hits.items() if p.startswith("/fanout/"))
        tokens = sum(n for p, n in site.hits.items() if p.startswith("/tokens/"))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert fanout <= 1 + 10 * 3  # the start page, then at most 10 a level
    assert tokens == 1
    stats = parse_stats(proc.stderr)
    assert stats.get("links/skipped/pattern_fanout", 0) > 0
    assert stats.get("links/skipped/page_fanout", 0) > 0
