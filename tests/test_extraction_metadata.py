"""Metadata choices: headline suffixes, dates (offsets, future, URL), authors, language."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest

from crawler.cleaning.titles import strip_site_suffix
from crawler.dates import candidates, choose_date, format_date, parse_candidate, url_date
from crawler.extraction.authors import choose_case, clean_authors, split_names
from crawler.extraction.byline import find_bylines
from crawler.extraction.language import choose_language, detect_language
from crawler.extraction.metadata import choose_metadata, language_code
from crawler.extraction.structured import read_page_meta

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Story headline - ForumDaily", None, "https://www.forumdaily.com/a", "Story headline"),
        ("Story headline | The Daily Planet", "The Daily Planet", "https://x.example/a",
         "Story headline"),
        ("Daily Planet: Story headline", "Daily Planet", "https://x.example/a", "Story headline"),
        ("Left - right | Daily Planet", "Daily Planet", "https://x.example/a", "Left - right"),
        ("Opinion | Why roads matter", "Daily Planet", "https://x.example/a",
         "Opinion | Why roads matter"),
        ("Reviews are in — and they are mixed", None, "https://x.example/a",
         "Reviews are in — and they are mixed"),
        ("Quotes &#8216;here&#8217;", None, "https://x.example/a", "Quotes ‘here’"),
    ],
)
def test_strip_site_suffix(title: str, site: str | None, url: str, expected: str) -> None:
    assert strip_site_suffix(title, site, url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-17T09:30:00-05:00", "2024-05-17T09:30:00-05:00"),  # offset kept, not UTC
        ("2024-05-17T23:30:00+09:00", "2024-05-17T23:30:00+09:00"),
        ("2024-05-17T09:30:00.123Z", "2024-05-17T09:30:00+00:00"),
        ("2024-05-17 09:30:00 +0200", "2024-05-17T09:30:00+02:00"),
        ("2024-05-17", "2024-05-17T00:00:00+00:00"),
        ("Fri, 17 May 2024 09:30:00 +0100", "2024-05-17T09:30:00+01:00"),
        ("Tue Feb 20 2018 01:00:00 GMT+0100", "2018-02-20T01:00:00+01:00"),
        ("2022-05-11T4:10:00", "2022-05-11T04:10:00+00:00"),
        ("not a date", None),
        ("1970-01-01T00:00:00Z", None),
    ],
)
def test_parse_and_format_date(value: str, expected: str | None) -> None:
    parsed = parse_candidate(value, "test")
    assert (format_date(parsed.moment, parsed.has_time) if parsed else None) == expected


def _first_valid(values: list[str]) -> str | None:
    chosen = choose_date(candidates(("jsonld", v) for v in values), NOW)
    return format_date(chosen.moment, chosen.has_time) if chosen else None


def test_future_dates_are_rejected() -> None:
    assert _first_valid(["2024-06-03T00:00:00+00:00", "2024-05-30"]) == "2024-05-30T00:00:00+00:00"
    assert _first_valid(["2031-01-01"]) is None


def test_today_in_a_zone_ahead_of_utc_is_not_future() -> None:
    # 2024-06-02 07:00 in UTC+14 is 2024-06-01 17:00 UTC: only an hour or so ahead of NOW
    assert _first_valid(["2024-06-02"]) == "2024-06-02T00:00:00+00:00"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/2023/07/14/slug/", "2023-07-14"),
        ("https://x.example/news/20230714/slug", "2023-07-14"),
        ("https://x.example/news/slug-12345", None),
        ("https://x.example/2023/13/40/slug", None),
    ],
)
def test_url_date(url: str, expected: str | None) -> None:
    assert url_date(url) == expected


def test_date_evidence_order_and_never_crawl_date() -> None:
    html = (
        "<html><head><meta property='article:published_time' content='2099-01-01T00:00:00Z'>"
        "</head><body><time class='published' datetime='2024-05-02T08:00:00+02:00'>x</time>"
        "</body></html>"
    )
    pm = read_page_meta(lxml.html.document_fromstring(html))
    meta = choose_metadata("https://x.example/a", pm, None, NOW)
    assert meta.date_published == "2024-05-02T08:00:00+02:00"
    assert meta.date_source == "time"
    empty = read_page_meta(lxml.html.document_fromstring("<html><body>x</body></html>"))
    assert choose_metadata("https://x.example/a", empty, None, NOW).date_published is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By TOM KRANE, Wire Auto Writer", ["TOM KRANE"]),
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Written by: Jane Doe | Staff Writer", ["Jane Doe"]),
        ("ERIC TALLER Harbor Press", ["ERIC TALLER"]),
        ("JANE ROETrade Weekly", ["JANE ROE"]),
        ("Kevin Jansen and Kevin Moya DAILY HERALD Published 7:07 PM EST Nov 19, 2019",
         ["Kevin Jansen", "Kevin Moya"]),
        ("By Carla ArnoNovember 15, 2019", ["Carla Arno"]),
        ("by Jeff Fonda Monday, November 18, 2019", ["Jeff Fonda"]),
        ("Carla Arno November", ["Carla Arno"]),
        ("April Ryan", ["April Ryan"]),
        ("Fintan Curran. Orbit International", ["Fintan Curran", "Orbit International"]),
        ("Trevor J. Mills", ["Trevor J. Mills"]),
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
        ("Текст Анна Петрова", ["Анна Петрова"]),
        ("Metro Wire Bureau", []),
        ("The Russian and Syrian defense ministries", []),
        ("Media Group for example.com", []),
        ("admin", []),
        ("AFP", []),
        ("https://x.example/author/jane", []),
    ],
)
def test_split_names(raw: str, expected: list[str]) -> None:
    assert split_names(raw) == expected


def test_site_names_are_not_authors() -> None:
    keys = {"dailyplanet", "orbitnews"}
    assert clean_authors(["Jane Doe", "Daily Planet"], keys) == ["Jane Doe"]
    assert clean_authors(["Orbit International"], keys) == []


def test_all_caps_names_take_a_better_cased_spelling() -> None:
    assert choose_case(["TOM KRANE"], ["By Tom Krane"]) == ["Tom Krane"]
    assert choose_case(["MARY O'NEIL-SMITH"], []) == ["Mary O'Neil-Smith"]
    assert choose_case(["Jane Doe"], ["JANE DOE"]) == ["Jane Doe"]


def test_authors_from_jsonld_beat_meta_and_are_cleaned() -> None:
    html = (
        "<html><head><meta name='author' content='Someone Else'>"
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": "
        "[{\"name\": \"By JANE DOE\"}, {\"name\": \"Daily Planet\"}], \"publisher\": "
        "{\"name\": \"Daily Planet\"}}</script></head><body></body></html>"
    )
    pm = read_page_meta(lxml.html.document_fromstring(html))
    assert choose_metadata("https://x.example/a", pm, None, NOW).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    ("value", "expected"), [("en-US", "en"), ("pt_BR", "pt"), ("de", "de"), ("english", None)]
)
def test_language_code(value: str, expected: str | None) -> None:
    assert language_code(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten in "
         "den großen Städten begrenzen soll.", "de"),
        ("El gobierno anunció este martes un nuevo plan para reducir el precio de la "
         "electricidad durante el invierno.", "es"),
        ("The city council voted on Tuesday to approve a budget that raises spending on "
         "road repairs and libraries.", "en"),
        ("Too short", None),
        ("", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


GERMAN = ("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die Mieten in den "
          "großen Städten begrenzen soll. ") * 6
ENGLISH_SHORT = "The city council voted on Tuesday to approve a budget for the roads."


def test_declared_language_is_kept_unless_clearly_wrong() -> None:
    assert choose_language("en", GERMAN) == "de"  # long text, near-certain guess
    assert choose_language("de", GERMAN) == "de"
    assert choose_language("fr", ENGLISH_SHORT) == "fr"  # too short to overrule the page
    assert choose_language(None, ENGLISH_SHORT) == "en"
    assert choose_language("en", None) == "en"


def test_jsonld_author_references_are_resolved() -> None:
    html = (
        "<html><head><script type='application/ld+json'>{\"@graph\": ["
        "{\"@type\": \"Article\", \"author\": {\"@id\": \"#p1\"}},"
        "{\"@type\": \"Person\", \"@id\": \"#p1\", \"name\": \"Yara Quint\"}]}"
        "</script></head><body></body></html>"
    )
    pm = read_page_meta(lxml.html.document_fromstring(html))
    assert choose_metadata("https://x.example/a", pm, None, NOW).authors == ["Yara Quint"]


def test_byline_markup_is_found_outside_comments() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div class='comments'><span class='author'>Guest</span></div>"
        "<p class='byline'>By Ada Lorne</p><div class='author-bio'>Ada writes.</div>"
        "</body></html>"
    )
    assert find_bylines(tree) == ["By Ada Lorne"]
    rel = lxml.html.document_fromstring(
        "<html><body><a rel='author' href='/a'>Ben Okri Vale</a></body></html>"
    )
    assert find_bylines(rel) == ["Ben Okri Vale"]
