"""Sitemaps and feeds read incrementally: the same entries as a whole-tree read, limits
counted, entities never expanded."""

from __future__ import annotations

import gzip

import pytest

from crawler.spiders import listings
from crawler.spiders.listings import read_listing
from crawler.spiders.sitemaps import read_sitemap
from crawler.spiders.syndication import JsonTooLarge, read_json_feed, read_xml_feed
from crawler.spiders.xmlsafe import parse_xml
from tests.faultsite import pages
from tests.test_discovery import ATOM, INDEX, NEWS_SITEMAP, RSS


@pytest.mark.parametrize("body", [NEWS_SITEMAP, INDEX, gzip.compress(INDEX)])
def test_sitemap_entries_as_a_whole_tree_read(body: bytes) -> None:
    expected = read_sitemap(parse_xml(gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body))
    listing = read_listing(body)
    assert expected is not None and listing.kind == expected.kind
    assert listing.entries == expected.entries and listing.stopped is None


@pytest.mark.parametrize("body", [RSS, ATOM])
def test_feed_entries_as_a_whole_tree_read(body: bytes) -> None:
    listing = read_listing(body)
    assert listing.kind == "feed" and listing.entries == read_xml_feed(parse_xml(body))


def test_entry_limit_stops_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crawler.spiders.sitemaps.MAX_SITEMAP_ENTRIES", 10)
    body = b"<urlset>" + b"".join(b"<url><loc>https://n.example/%d</loc></url>" % i
                                  for i in range(25)) + b"</urlset>"
    listing = read_listing(body)
    assert [e.url for e in listing.entries] == [f"https://n.example/{i}" for i in range(10)]
    assert listing.stopped == "entry_limit"
    exactly = b"<urlset>" + b"<url><loc>https://n.example/x</loc></url>" * 10 + b"</urlset>"
    assert read_listing(exactly).stopped is None  # at the limit, nothing was left out


def test_feed_item_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crawler.spiders.syndication.MAX_FEED_ITEMS", 3)
    items = b"".join(b"<item><link>https://n.example/%d</link></item>" % i for i in range(9))
    listing = read_listing(b"<rss><channel>" + items + b"</channel></rss>")
    assert len(listing.entries) == 3 and listing.stopped == "entry_limit"


def test_url_bomb_stops_at_the_entry_limit() -> None:
    listing = read_listing(pages.url_bomb(200_000))
    assert listing.kind == "urlset" and listing.entries == []
    assert listing.stopped == "entry_limit"


def test_one_huge_entry_stops_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listings, "MAX_ENTRY_ELEMENTS", 50)
    body = (b"<urlset><url><loc>https://n.example/a</loc></url><url>" + b"<x/>" * 100
            + b"</url><url><loc>https://n.example/b</loc></url></urlset>")
    listing = read_listing(body)
    assert [e.url for e in listing.entries] == ["https://n.example/a"]
    assert listing.stopped == "entry_too_large"


def test_element_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listings, "MAX_XML_ELEMENTS", 100)
    body = b"<rss><channel>" + b"<junk/>" * 500 + b"</channel></rss>"
    assert read_listing(body).stopped == "element_limit"


def test_read_elements_are_freed() -> None:
    """Each closed entry leaves the tree with everything before it (the parser may have read
    a chunk ahead: those later siblings are freed in their turn)."""
    seen: list[int] = []
    original = listings.release

    def spy(el):  # type: ignore[no-untyped-def]
        original(el)
        if el.getparent() is not None:
            seen.append(len(list(el.itersiblings(preceding=True))) + len(el))

    listings.release = spy
    try:
        body = b"<urlset>" + b"<url><loc>https://n.example/x</loc></url>" * 1000 + b"</urlset>"
        assert len(read_listing(body).entries) == 1000
    finally:
        listings.release = original
    assert len(seen) >= 1000 and max(seen) == 0


def test_inflate_cap_and_broken_gzip(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("crawler.spiders.xmlsafe.MAX_XML_BYTES", 1000)
    listing = read_listing(gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>"))
    assert listing.kind == "unreadable" and "1000" in listing.error
    assert read_listing(b"\x1f\x8b\x08\x00garbage").kind == "unreadable"


@pytest.mark.parametrize(("body", "kind"), [(b"<?xml version='1.0'?>\n<<<< &&&", "malformed"),
                                            (b"", "malformed"),
                                            (b"<html><body/></html>", "unknown")])
def test_not_a_listing(body: bytes, kind: str) -> None:
    assert read_listing(body).kind == kind


def test_entities_never_expanded() -> None:
    xxe = pages.XXE_SITEMAP.format(base="https://n.example", other="https://o.example").encode()
    for entry in read_listing(xxe).entries:
        assert "root:" not in entry.url and "o.example" not in entry.url
    bomb = pages.BILLION_LAUGHS.format(base="https://n.example").encode()
    listing = read_listing(bomb)
    assert listing.kind == "feed"
    assert all("lol" not in e.url and len(e.url) < 100 for e in listing.entries)


def test_json_feed_of_millions_of_values_refused_before_parsing() -> None:
    body = b'{"version":"https://jsonfeed.org/version/1","items":[' + b"{}," * 2_700_000 + b"{}]}"
    with pytest.raises(JsonTooLarge):
        read_json_feed(body)
    # A text-heavy feed of the same size is read: commas in prose are far fewer.
    prose = "The harbour authority said, on Monday, that the pier would close. " * 120
    items = ",".join(f'{{"url": "https://n.example/{i}", "content_text": "{prose}"}}'
                     for i in range(1000))
    feed = f'{{"version": "https://jsonfeed.org/version/1.1", "items": [{items}]}}'.encode()
    assert len(feed) > 7_900_000 and len(read_json_feed(feed) or []) == 1000
