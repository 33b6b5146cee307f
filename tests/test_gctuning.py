"""The garbage-collector tuning of the crawl process: frozen start-up objects, a larger
young generation, and a setting that turns it off."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.extensions.gc_tuning import TuneGarbageCollector, tune_gc
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings


@pytest.fixture(autouse=True)
def restore_gc() -> Iterator[None]:
    gc.unfreeze()  # each test starts with nothing frozen, whatever ran before
    before = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*before)


def test_tune_gc_freezes_and_raises_the_young_threshold() -> None:
    assert tune_gc(5000)
    assert gc.get_threshold()[0] == 5000
    assert gc.get_freeze_count() > 1000


def test_zero_changes_nothing() -> None:
    before = gc.get_threshold()
    assert not tune_gc(0)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_extension_tunes_when_the_spider_opens() -> None:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(CRAWLER_GC_THRESHOLD=4321))
    TuneGarbageCollector.from_crawler(crawler)
    assert gc.get_threshold()[0] != 4321  # not at start-up: the crawl is not built yet
    crawler.signals.send_catch_log(signals.spider_opened, spider=None)
    assert gc.get_threshold()[0] == 4321


def test_extension_off_with_zero() -> None:
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(CRAWLER_GC_THRESHOLD=0))
    with pytest.raises(NotConfigured):
        TuneGarbageCollector.from_crawler(crawler)
