"""IncrementalPipeline, built through the real settings path: unchanged articles dropped,
changed ones re-exported with dateModified, exports recorded once the feed has them."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.exceptions import AlreadyExported, BodyTooShort
from crawler.items import Article
from crawler.pipelines.incremental import IncrementalPipeline
from crawler.spiders.news import NewsSpider
from crawler.state.sqlite_store import FILENAME, SqliteStateStore
from crawler.urlcanon import url_key
from tests.conftest import project_settings

URL = "https://n.example/2026/11/20/bridge.html"


def run(tmp_path: Path, items: list[Article], **settings) -> tuple[list[Article], list[str]]:
    """One 'crawl': every item through the pipeline; exported ones reported as scraped."""
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(
        CRAWLER_STATE_DIR=str(tmp_path), **settings))
    crawler.stats.open_spider()
    pipe = IncrementalPipeline.from_crawler(crawler)
    exported, dropped = [], []
    for item in items:
        try:
            pipe.process_item(item)
        except AlreadyExported as exc:
            dropped.append(str(exc))
            continue
        pipe.item_scraped(item)
        exported.append(item)
    pipe.close_spider()
    pipe.store.close()
    return exported, dropped


def article(body: str = "The council voted for the bridge. " * 10, url: str = URL) -> Article:
    return Article(url=url, headline="Bridge", articleBody=body,
                   datePublished="2026-11-20T09:15:00+01:00",
                   canonicalUrl=url.split("?", maxsplit=1)[0],
                   metadata={"dateDownloaded": "2026-11-27T08:00:00Z"})


def test_second_run_drops_unchanged(tmp_path: Path) -> None:
    assert len(run(tmp_path, [article()])[0]) == 1
    exported, dropped = run(tmp_path, [article(), article(url=URL + "?utm_source=x")])
    assert exported == [] and len(dropped) == 2


def test_changed_article_reexported_with_date_modified(tmp_path: Path) -> None:
    run(tmp_path, [article()])
    (changed,), _ = run(tmp_path, [article(body="The council reversed its vote. " * 10)])
    assert changed.dateModified == "2026-11-27T08:00:00Z"


def test_same_article_twice_in_one_run_exported_once(tmp_path: Path) -> None:
    exported, dropped = run(tmp_path, [article(), article()])
    assert len(exported) == 1 and len(dropped) == 1


def test_fresh_exports_again_and_still_records(tmp_path: Path) -> None:
    run(tmp_path, [article()])
    assert len(run(tmp_path, [article()], CRAWLER_FRESH=True)[0]) == 1


def test_exports_durable_after_close(tmp_path: Path) -> None:
    run(tmp_path, [article()], CRAWLER_STATE_FLUSH_ITEMS=1000, CRAWLER_STATE_FLUSH_SECONDS=1e9)
    store = SqliteStateStore(tmp_path / FILENAME)
    record = store.get(url_key(URL))
    assert record is not None and record.published == "2026-11-20T09:15:00+01:00"
    store.close()


def test_dropped_items_remembered_as_seen(tmp_path: Path) -> None:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(CRAWLER_STATE_DIR=str(tmp_path)))
    crawler.stats.open_spider()
    pipe = IncrementalPipeline.from_crawler(crawler)
    pipe.item_dropped(article(), BodyTooShort("short"))
    pipe.close_spider()
    record = pipe.store.get(url_key(URL))
    assert record is not None and record.exported_at is None
    assert crawler.stats.get_value("site/n.example/rejected/BodyTooShort") == 1
    pipe.store.close()


def test_off_for_saved_pages(tmp_path: Path) -> None:
    from crawler.spiders.saved_pages import SavedPagesSpider

    crawler = get_crawler(SavedPagesSpider, settings_dict=project_settings(
        CRAWLER_STATE_DIR=str(tmp_path)))
    with pytest.raises(NotConfigured):
        IncrementalPipeline.from_crawler(crawler)


@pytest.mark.parametrize("every", [1, 3])
def test_flush_every_n_items(tmp_path: Path, every: int) -> None:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(
        CRAWLER_STATE_DIR=str(tmp_path), CRAWLER_STATE_FLUSH_ITEMS=every,
        CRAWLER_STATE_FLUSH_SECONDS=1e9))
    crawler.stats.open_spider()
    pipe = IncrementalPipeline.from_crawler(crawler)
    for i in range(3):
        pipe.item_scraped(article(url=f"{URL}?id={i}"))
    other = SqliteStateStore(tmp_path / FILENAME)  # a second connection sees only commits
    assert other.get(url_key(f"{URL}?id=0")) is not None
    other.close()
    pipe.store.close()
