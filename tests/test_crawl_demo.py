"""End to end: `scrapy crawl news` on the demo site served on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.demo.server import DEMO_SITE, SiteServer, serve
from crawler.schema import schema_errors
from tests.conftest import read_jsonl, run_scrapy

ARTICLE_PATHS = {
    "/2026/11/20/city-council-approves-new-bridge-over-riverton.html",
    "/2026/11/21/riverton-library-reopens-after-flood-repairs.html",
    "/2026/11/22/farmers-market-moves-to-old-railway-station.html",
    "/2026/11/23/school-robotics-team-wins-national-final.html",
    "/2026/11/24/v-rivertone-otkrylsya-muzey-rechnogo-flota.cp1251.html",
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[dict], SiteServer, str, Path]]:
    tmp_path = tmp_path_factory.mktemp("crawl")
    out = tmp_path / "feed.jsonl"
    with serve(DEMO_SITE) as site:
        proc = run_scrapy(
            ["crawl", "news", "-a", f"url={site.base_url}/", "-O", str(out),
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO",
             "-s", "CRAWLER_PROGRESS_INTERVAL=0.2"],
            tmp_path,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        yield read_jsonl(out), site, proc.stderr, out


def test_every_article_exported_once_and_nothing_else(crawl) -> None:
    records, site, _, _ = crawl
    paths = [r["url"].removeprefix(site.base_url) for r in records]
    assert sorted(paths) == sorted(ARTICLE_PATHS)


def test_records_validate_against_schema(crawl) -> None:
    records, _, _, _ = crawl
    for record in records:
        assert schema_errors(record) == [], record["url"]


def test_legacy_encoding_article_decoded(crawl) -> None:
    records, _, _, _ = crawl
    (ru,) = [r for r in records if "cp1251" in r["url"]]
    assert ru["headline"] == "В Ривертоне открылся музей речного флота"
    assert "штурвал парохода «Святой Николай»" in ru["articleBody"]
    assert ru["inLanguage"] == "ru"
    assert "\ufffd" not in ru["articleBody"]


def test_metadata_fields(crawl) -> None:
    records, _, _, _ = crawl
    by_path = {r["url"].rsplit("/", 1)[-1]: r for r in records}
    bridge = by_path["city-council-approves-new-bridge-over-riverton.html"]
    assert bridge["headline"] == "City council approves new bridge over the Riverton"
    assert bridge["authors"] == [{"name": "Maria Okafor"}]
    assert bridge["datePublished"] == "2026-11-20T09:15:00+01:00"
    assert bridge["siteName"] == "The Riverton Ledger"
    assert bridge["metadata"]["dateDownloaded"].endswith("Z")
    market = by_path["farmers-market-moves-to-old-railway-station.html"]
    assert market["authors"] == [{"name": "Lucía Fernández"}, {"name": "Peter Grant"}]


def test_chrome_is_gone(crawl) -> None:
    records, _, _, _ = crawl
    for record in records:
        body = record["articleBody"]
        for chrome in ("Share on Facebook", "Sign up for our free newsletter", "All rights reserved",
                       "More from the Ledger", "requests in 1,228 seconds", "Breaking: Weather"):
            assert chrome not in body, (chrome, record["url"])


def test_robots_txt_obeyed(crawl) -> None:
    _, site, _, _ = crawl
    assert not [p for p in site.requests if p.startswith("/private/")]


def test_non_articles_counted_by_reason(crawl) -> None:
    _, _, log, _ = crawl
    assert "'pages/not_article/" in log
    assert "'pages/article': 5" in log


def test_progress_lines_logged(crawl) -> None:
    _, _, log, _ = crawl
    assert "progress: " in log and "articles exported" in log


def test_summary_file_beside_feed(crawl) -> None:
    records, _, log, feed = crawl
    summary = json.loads(feed.with_name("feed.stats.json").read_text("utf-8"))
    assert summary["articles_exported"] == len(records) == 5
    assert summary["finish_reason"] == "finished"
    assert summary["not_article"]  # reasons, by count
    assert summary["coverage"]["headline"] == 1.0
    assert 0 < summary["coverage"]["authors"] <= 1.0
    assert "summary: " in log
