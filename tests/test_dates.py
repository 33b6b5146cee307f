"""crawler.dates: one parser, one chooser, one written form for every date of the record."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import lxml.html
import pytest

from crawler.dates import (
    candidates,
    check_date,
    choose_date,
    format_date,
    htmldate_candidates,
    parse_date,
    url_date,
)

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
FORM = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def _choose(*pairs: tuple[str, str | None]) -> tuple[str, str] | None:
    chosen = choose_date(candidates(pairs), NOW)
    return (format_date(chosen.moment, chosen.has_time), chosen.source) if chosen else None


def test_the_url_day_wins_over_a_utc_time_that_only_differs_by_the_offset() -> None:
    # a story of the 17th, its local evening written in UTC as the 18th
    got = _choose(("jsonld", "2020-02-18T02:18:11+00:00"), ("url", url_date(
        "https://x.example/2020/02/17/story")))
    assert got == ("2020-02-17T00:00:00+00:00", "jsonld")


def test_the_day_shown_in_the_text_wins_over_a_utc_time_off_by_the_offset() -> None:
    got = _choose(("jsonld", "2022-05-04T00:44:52Z"), ("htmldate", "2022-05-03"))
    assert got == ("2022-05-03T00:00:00+00:00", "jsonld")


def test_a_utc_time_far_from_the_url_day_is_not_moved() -> None:
    got = _choose(("jsonld", "2020-02-20T02:18:11+00:00"), ("opengraph", "2020-02-20T03:00Z"),
                  ("url", "2020-02-17"))
    assert got is not None and got[0] == "2020-02-20T02:18:11+00:00"


def test_the_page_offset_is_kept_and_a_utc_copy_of_it_takes_it() -> None:
    got = _choose(("opengraph", "2022-05-04T03:37:37+00:00"),
                  ("time", "2022-05-03T23:37:37-04:00"))
    assert got is not None and got[0] == "2022-05-03T23:37:37-04:00"


def test_the_day_most_sources_agree_on_wins() -> None:
    got = _choose(("time", "2019-06-17"), ("meta", "2017-07-12T10:00:00+02:00"),
                  ("htmldate", "2017-07-12"))
    assert got == ("2017-07-12T10:00:00+02:00", "meta")


@pytest.mark.parametrize("future", ["2024-06-03T00:00:00+00:00", "2031-01-01", "2099-12-31T10:00"])
def test_never_a_future_date(future: str) -> None:
    assert _choose(("jsonld", future)) is None
    assert _choose(("jsonld", future), ("url", "2024-05-30")) == (
        "2024-05-30T00:00:00+00:00", "url")


@pytest.mark.parametrize(
    "value",
    ["2024-05-17", "2024-05-17T09:30", "2024-05-17T09:30:00.5Z", "Fri, 17 May 2024 09:30:00 GMT",
     "2024-05-17T09:30:00+0530", "2024-05-17 09:30:00-03"],
)
def test_every_date_is_written_in_one_form(value: str) -> None:
    got = _choose(("jsonld", value))
    assert got is not None and FORM.match(got[0]) and "Z" not in got[0]


def test_htmldate_reads_a_date_the_markup_does_not_give() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><article><h1>Title</h1><p class='date'>Published on 14 March 2023</p>"
        "<p>" + "Some text of the story. " * 20 + "</p></article></body></html>")
    found = htmldate_candidates(tree, "https://x.example/story")
    assert [(c.source, c.day.isoformat()) for c in found] == [("htmldate", "2023-03-14")]


def test_feed_and_sitemap_dates_share_the_parser() -> None:
    assert parse_date("Fri, 20 Nov 2026 09:15:00 +0100") == datetime.fromisoformat(
        "2026-11-20T09:15:00+01:00")
    assert check_date("2031-01-01", NOW).problem == "future"
    assert check_date("yesterday", NOW).problem == "unparseable"


def test_the_pipeline_counts_each_source_and_removes_a_future_date() -> None:
    from crawler.pipelines.dates import DateSourcePipeline
    from tests.test_pipelines import article, build

    pipe, stats = build(DateSourcePipeline)
    meta = {"dateDownloaded": "2026-11-27T08:00:00Z", "dateSource": "jsonld"}
    kept = pipe.process_item(article(datePublished="2024-05-17T09:30:00+02:00", metadata=meta))
    assert kept.datePublished == "2024-05-17T09:30:00+02:00"
    late = pipe.process_item(article(datePublished="2999-01-01T00:00:00+00:00",
                                     metadata=dict(meta)))
    assert late.datePublished is None and late.metadata["dateSource"] == "none"
    assert stats.get_value("dates/source/jsonld") == 1
    assert stats.get_value("dates/source/none") == 1
    assert stats.get_value("dates/future_removed") == 1


@pytest.mark.parametrize(
    ("title", "site", "headline"),
    [
        ("Neue Brücke eröffnet | Stadtanzeiger", "Stadtanzeiger", "Neue Brücke eröffnet"),
        ("Nouveau pont inauguré - Le Courrier du Sud", "Le Courrier du Sud",
         "Nouveau pont inauguré"),
        ("Открыт новый мост — Вести Города", "Вести Города", "Открыт новый мост"),
        ("新大桥通车 - 城市日报", "城市日报", "新大桥通车"),
        ("Neue Brücke eröffnet", "Stadtanzeiger", "Neue Brücke eröffnet"),
    ],
)
def test_a_headline_cut_of_its_site_name_is_counted(title: str, site: str,
                                                      headline: str) -> None:
    from crawler.extraction.article import extract_article
    from crawler.pipelines.dates import DateSourcePipeline
    from tests.test_pipelines import build

    html = (f"<html><head><title>{title}</title><meta property='og:site_name' "
            f"content='{site}'></head><body><article><p>"
            + "Der Gemeinderat hat am Dienstag lange beraten und entschieden. " * 8
            + "</p></article></body></html>")
    article = extract_article(html, "https://news.example/2024/05/17/story").article
    assert article is not None
    assert article.headline == headline
    pipe, stats = build(DateSourcePipeline)
    pipe.process_item(article)
    assert stats.get_value("fields/headline/suffix_removed") == (
        1 if headline != title else None)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/2019/11/18/story", "2019-11-18"),
        ("https://blog.example/home/2017/7/12/unter-uns", "2017-07-12"),
        ("https://blog.example/2021/12/3/", "2021-12-03"),
        ("https://news.example/20191118/story", "2019-11-18"),
        ("https://news.example/2017/712/story", None),
        ("https://news.example/2017/7/story", None),
    ],
)
def test_the_day_in_the_url_path(url: str, day: str | None) -> None:
    assert url_date(url) == day
