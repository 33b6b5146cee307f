"""Sitemaps, feeds, dates as evidence, link scoring, and the spider's handling of bad input."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import Response, TextResponse
from scrapy.utils.test import get_crawler

from crawler.dates import check_date, parse_date, window_start
from crawler.extraction.evidence import Evidence, apply_evidence
from crawler.items import Article
from crawler.spiders.discovery import is_home_page, probe_urls
from crawler.spiders.evidence import entry_evidence
from crawler.spiders.linkscore import (
    ARTICLE_PRIORITY,
    PAGINATION_PRIORITY,
    SECTION_PRIORITY,
    is_article_like,
    link_priority,
    page_number,
    skip_reason,
)
from crawler.spiders.news import NewsSpider
from crawler.spiders.robots import SitemapRobotParser
from crawler.spiders.sitemaps import Entry, read_sitemap
from crawler.spiders.syndication import read_json_feed, read_xml_feed
from crawler.spiders.xmlsafe import XmlTooLarge, maybe_gunzip, parse_xml
from tests.conftest import project_settings

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://n.example/2026/11/26/bridge.html</loc><lastmod>2026-11-26T10:00:00Z</lastmod>
<news:news><news:publication><news:name>N</news:name><news:language>en</news:language>
</news:publication><news:publication_date>2026-11-26T09:15:00+01:00</news:publication_date>
<news:title>Bridge approved</news:title><news:keywords>Bridge, Council ,</news:keywords>
</news:news></url>
<url><loc> https://n.example/plain </loc></url>
<url><lastmod>2026-01-01</lastmod></url>
</urlset>"""
INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://n.example/a.xml.gz</loc><lastmod>2026-11-01</lastmod></sitemap>
<sitemap><loc>https://n.example/b.xml</loc></sitemap></sitemapindex>"""
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>
<item><title>One  story</title><link>https://n.example/one</link>
<pubDate>Thu, 26 Nov 2026 09:00:00 +0100</pubDate><category>Local</category></item>
<item><title>Two</title><guid isPermaLink="true">https://n.example/two</guid></item>
<item><title>No link</title></item></channel></rss>"""
ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
<link rel="self" href="https://n.example/self"/><link href="https://n.example/a"/>
<published>2026-11-26T09:00:00Z</published><updated>2026-11-27T09:00:00Z</updated>
<category term="Tech"/></entry></feed>"""
JSON_FEED = (b'{"version": "https://jsonfeed.org/version/1.1", "items": ['
             b'{"url": "https://n.example/j", "title": "J", "date_published": "2026-11-26T09:00:00Z",'
             b' "tags": ["X", 3]}, {"id": "no-url"}, "junk"]}')


# --- sitemaps ---------------------------------------------------------------------------

def test_news_sitemap_fields() -> None:
    doc = read_sitemap(parse_xml(NEWS_SITEMAP))
    assert doc is not None and doc.kind == "urlset"
    first, plain = doc.entries
    assert first == Entry("https://n.example/2026/11/26/bridge.html", "2026-11-26T10:00:00Z",
                          "2026-11-26T09:15:00+01:00", "Bridge approved", ("Bridge", "Council"))
    assert plain.url == "https://n.example/plain"


def test_sitemap_index_and_gzip() -> None:
    doc = read_sitemap(parse_xml(maybe_gunzip(gzip.compress(INDEX))))
    assert doc is not None and doc.kind == "sitemapindex"
    assert [e.url for e in doc.entries] == ["https://n.example/a.xml.gz", "https://n.example/b.xml"]
    assert doc.entries[0].lastmod == "2026-11-01"


def test_huge_sitemap_truncated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crawler.spiders.sitemaps.MAX_SITEMAP_ENTRIES", 10)
    body = b"<urlset>" + b"".join(b"<url><loc>https://n.example/%d</loc></url>" % i
                                  for i in range(25)) + b"</urlset>"
    doc = read_sitemap(parse_xml(body))
    assert doc is not None and len(doc.entries) == 10 and doc.truncated == 15


def test_gzip_bomb_and_broken_gzip_refused() -> None:
    with pytest.raises(XmlTooLarge):
        maybe_gunzip(gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>"), limit=1000)
    with pytest.raises(ValueError, match="broken gzip"):
        maybe_gunzip(b"\x1f\x8b\x08\x00garbage")


def test_robots_sitemap_lines() -> None:
    text = "User-agent: *\nDisallow: /x\nSitemap: https://n.example/s.xml\nsitemap:https://n.example/t.xml\n"
    sitemaps = SitemapRobotParser(text.encode(), None).sitemaps("https://n.example/robots.txt")
    assert sitemaps == ["https://n.example/s.xml", "https://n.example/t.xml"]


# --- feeds ------------------------------------------------------------------------------

def test_rss_items_with_dates_titles_categories() -> None:
    entries = read_xml_feed(parse_xml(RSS))
    assert entries == [Entry("https://n.example/one", None, "Thu, 26 Nov 2026 09:00:00 +0100",
                             "One story", ("Local",)),
                       Entry("https://n.example/two", None, None, "Two")]


def test_atom_entry_alternate_link() -> None:
    (entry,) = read_xml_feed(parse_xml(ATOM)) or []
    assert entry == Entry("https://n.example/a", "2026-11-27T09:00:00Z", "2026-11-26T09:00:00Z",
                          "A", ("Tech",))


def test_json_feed() -> None:
    assert read_json_feed(JSON_FEED) == [Entry("https://n.example/j", None, "2026-11-26T09:00:00Z",
                                               "J", ("X",))]
    assert read_json_feed(b'{"version": 1}') is None
    assert read_json_feed(b"{not json") is None
    assert read_json_feed(b"[" * 100000 + b"]" * 100000) is None


def test_not_a_feed() -> None:
    assert read_xml_feed(parse_xml(b"<html><body/></html>")) is None


# --- dates and evidence -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "iso"), [
    ("2026-11-20", "2026-11-20T00:00:00+00:00"),
    ("2026-11-20T09:15:00+01:00", "2026-11-20T09:15:00+01:00"),
    ("2026-11-20T09:15:00Z", "2026-11-20T09:15:00+00:00"),
    ("Fri, 20 Nov 2026 09:15:00 +0100", "2026-11-20T09:15:00+01:00"),
    ("Fri, 20 Nov 2026 09:15:00 GMT", "2026-11-20T09:15:00+00:00"),
])
def test_dates_parsed(text: str, iso: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None and parsed.isoformat() == iso


@pytest.mark.parametrize("text", ["yesterday", "2026-13-45", "1970-01-01T00:00:00Z",
                                  "0001-01-01", "9" * 500, "Mon, 99 Foo 2026"])
def test_bad_dates_rejected(text: str) -> None:
    assert parse_date(text) is None
    assert check_date(text, NOW).problem == "unparseable"


def test_future_date_is_a_problem() -> None:
    assert check_date("2099-01-01", NOW).problem == "future"
    assert check_date("2026-11-28T00:00:00Z", NOW).problem is None  # within a day: time zones


def test_window_start() -> None:
    assert window_start("2026-11-01", None, NOW) == datetime(2026, 11, 1, tzinfo=UTC)
    assert window_start(None, "2", NOW) == NOW - timedelta(days=2)
    assert window_start("2026-01-01", 2, NOW) == NOW - timedelta(days=2)  # the later wins
    assert window_start(None, None, NOW) is None
    with pytest.raises(ValueError, match="not a date"):
        window_start("last tuesday", None, NOW)


def test_entry_evidence_keeps_good_dates_and_names_problems() -> None:
    ev = entry_evidence(Entry("https://n.example/x", "garbage", "2099-01-01", "T", ("K",)), NOW)
    assert ev.published is None and ev.lastmod is None
    assert ev.problems == ["published_future", "lastmod_unparseable"]
    assert Evidence.from_meta(ev.to_meta()).title == "T"


def test_evidence_fills_missing_date_headline_keywords() -> None:
    art = Article(url="https://n.example/x")
    ev = Evidence(published=parse_date("2026-11-26T09:15:00+01:00"), title="T", keywords=("K",))
    done = apply_evidence(art, Evidence.from_meta(ev.to_meta()), NOW)
    assert art.datePublished == "2026-11-26T09:15:00+01:00"
    assert art.headline == "T" and art.keywords == ["K"]
    assert done == ["published_from_evidence", "headline_from_evidence", "keywords_from_evidence"]


def test_evidence_never_overrules_page_but_counts_mismatch() -> None:
    art = Article(url="https://n.example/x", datePublished="2026-11-20T09:00:00Z", headline="H")
    done = apply_evidence(art, Evidence(published=parse_date("2026-11-25"), title="T"), NOW)
    assert art.datePublished == "2026-11-20T09:00:00Z" and art.headline == "H"
    assert done == ["published_mismatch"]


def test_future_page_date_removed() -> None:
    art = Article(url="https://n.example/x", datePublished="2099-05-01T00:00:00Z")
    assert apply_evidence(art, Evidence(), NOW) == ["page_date_rejected"]
    assert art.datePublished is None


# --- link scoring -----------------------------------------------------------------------

@pytest.mark.parametrize(("url", "page"), [
    ("https://n.example/news/page/3/", 3), ("https://n.example/archive?page=12", 12),
    ("https://n.example/category/x/p/2", 2), ("https://n.example/news/", None),
])
def test_page_number(url: str, page: int | None) -> None:
    assert page_number(url) == page


def test_pagination_bounded() -> None:
    assert skip_reason("https://n.example/news/page/11/", max_archive_pages=10) == "pagination_limit"
    assert skip_reason("https://n.example/news/page/10/", max_archive_pages=10) is None
    assert skip_reason("https://n.example/news/page/99/", max_archive_pages=0) is None


def test_priorities() -> None:
    assert link_priority("https://n.example/2026/11/20/bridge.html") == ARTICLE_PRIORITY
    assert link_priority("https://n.example/world/council-votes-for-new-bridge") == ARTICLE_PRIORITY
    assert link_priority("https://n.example/politics/") == SECTION_PRIORITY
    assert link_priority("https://n.example/politics/page/2") == PAGINATION_PRIORITY
    assert not is_article_like("https://n.example/tag/bridge-council-vote-news/")
    assert skip_reason("https://n.example/sitemap-news.xml.gz") is None
    assert skip_reason("https://n.example/photo.jpg") == "not_a_page"


def test_feed_probes_for_home_pages_only() -> None:
    assert is_home_page("https://n.example/") and is_home_page("https://n.example")
    assert not is_home_page("https://n.example/news/")
    assert "https://n.example/rss.xml" in probe_urls("https://n.example/")


# --- the spider on bad input ------------------------------------------------------------

@pytest.fixture
def spider(tmp_path: Path):
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(
        CRAWLER_STATE_DIR=str(tmp_path), CRAWLER_EXTRACT_WORKERS=0))
    crawler.stats.open_spider()
    spider = NewsSpider.from_crawler(crawler, url="https://n.example/")
    yield spider
    spider._close_pool()


def xml_response(body: bytes, url: str = "https://n.example/sitemap.xml") -> Response:
    return Response(url, body=body, headers={"Content-Type": "application/xml"},
                    request=Request(url, meta={"site": "n.example"}))


def scheduled(spider: NewsSpider, response: Response) -> list[str]:
    site = spider.sites["n.example"]
    return [r.url for r in spider._parse_xml(response, site)]


def test_malformed_sitemap_counted(spider: NewsSpider) -> None:
    assert scheduled(spider, xml_response(b"<?xml version='1.0'?>\n<<<< &&&")) == []
    assert spider.crawler.stats.get_value("discovery/rejected/malformed_xml") == 1


def test_huge_sitemap_counted(spider: NewsSpider, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crawler.spiders.xmlsafe.MAX_XML_BYTES", 1000)
    body = gzip.compress(b"<urlset>" + b"<url><loc>https://n.example/x</loc></url>" * 100 + b"</urlset>")
    assert scheduled(spider, xml_response(body)) == []
    assert spider.crawler.stats.get_value("discovery/rejected/xml_too_large_or_broken") == 1


def test_offsite_and_bad_dates_counted_not_fatal(spider: NewsSpider) -> None:
    body = b"""<urlset><url><loc>https://evil.example/2026/11/20/a-b-c-d.html</loc></url>
    <url><loc>javascript:alert(1)</loc></url>
    <url><loc>https://n.example/2026/11/20/good-story-here.html</loc><lastmod>soon</lastmod></url>
    <url><loc>https://n.example/2026/11/21/future-story-here.html</loc>
    <lastmod>2199-01-01</lastmod></url></urlset>"""
    urls = scheduled(spider, xml_response(body))
    assert urls == ["https://n.example/2026/11/20/good-story-here.html",
                    "https://n.example/2026/11/21/future-story-here.html"]
    stats = spider.crawler.stats
    assert stats.get_value("links/skipped/offsite") == 1
    assert stats.get_value("links/skipped/scheme") == 1
    assert stats.get_value("discovery/bad_date/lastmod_unparseable") == 1
    assert stats.get_value("discovery/bad_date/lastmod_future") == 1


def test_since_skips_old_entries_before_fetching(tmp_path: Path) -> None:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(
        CRAWLER_STATE_DIR=str(tmp_path), CRAWLER_EXTRACT_WORKERS=0))
    crawler.stats.open_spider()
    spider = NewsSpider.from_crawler(crawler, url="https://n.example/", since="2026-11-01")
    body = b"""<urlset><url><loc>https://n.example/old-story-about-the-bridge</loc>
    <lastmod>2026-10-01</lastmod></url><url><loc>https://n.example/new-story-about-the-bridge</loc>
    <lastmod>2026-11-02</lastmod></url></urlset>"""
    assert scheduled(spider, xml_response(body)) == ["https://n.example/new-story-about-the-bridge"]
    assert crawler.stats.get_value("site/n.example/skipped_too_old") == 1
    spider._close_pool()


def test_unknown_xml_and_binary_feed_bodies(spider: NewsSpider) -> None:
    assert scheduled(spider, xml_response(b"<svg xmlns='http://www.w3.org/2000/svg'/>")) == []
    assert spider.crawler.stats.get_value("discovery/rejected/unknown_xml") == 1
    text = TextResponse("https://n.example/feed", body=b"<rss><channel></channel></rss>",
                        encoding="utf-8", request=Request("https://n.example/feed",
                                                          meta={"site": "n.example"}))
    assert scheduled(spider, text) == []
