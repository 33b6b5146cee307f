"""Exact and near duplicates across URLs and sites: marked duplicateOf (or dropped)."""

from __future__ import annotations

import random

import pytest
from scrapy.utils.test import get_crawler

from crawler.exceptions import DuplicateArticle
from crawler.items import Article
from crawler.pipelines.duplicates import DuplicatesPipeline, NearDuplicateIndex
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings

_VOCABULARY = ("tide harbour council vote bridge river market school budget ferry storm light "
               "keeper museum ticket price union talk deal fleet crew winter summer")
WORDS = _VOCABULARY.split()


def story(seed: int, sentences: int = 30) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "."
            for _ in range(sentences)]


def build(**settings):
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(**settings))
    crawler.stats.open_spider()
    return DuplicatesPipeline.from_crawler(crawler), crawler.stats


def art(url: str, sentences: list[str]) -> Article:
    return Article(url=url, headline="H", articleBody="\n".join(sentences))


def test_near_duplicate_across_sites_marked_with_first_url() -> None:
    pipe, stats = build()
    original = story(1)
    edited = [*original[:-2], "The agency added a line.", "And another one at the end."]
    first = pipe.process_item(art("https://a.example/story", original))
    second = pipe.process_item(art("https://b.example/syndicated", edited))
    assert first.duplicateOf is None
    assert second.duplicateOf == "https://a.example/story"
    assert stats.get_value("duplicates/near") == 1


def test_different_stories_not_marked() -> None:
    pipe, stats = build()
    for i in range(20):
        item = pipe.process_item(art(f"https://a.example/{i}", story(100 + i)))
        assert item.duplicateOf is None
    assert stats.get_value("duplicates/near") is None


def test_exact_duplicate_marked_and_hash_set() -> None:
    pipe, stats = build()
    pipe.process_item(art("https://a.example/1", story(2)))
    dup = pipe.process_item(art("https://a.example/1?utm_source=x", story(2)))
    assert dup.duplicateOf == "https://a.example/1"
    assert len(dup.metadata["contentHash"]) == 40
    assert stats.get_value("duplicates/exact") == 1


def test_drop_setting_drops_near_duplicates() -> None:
    pipe, _ = build(CRAWLER_DROP_DUPLICATES=True)
    pipe.process_item(art("https://a.example/1", story(3)))
    with pytest.raises(DuplicateArticle, match=r"near duplicate of https://a\.example/1"):
        pipe.process_item(art("https://b.example/2", [*story(3)[:-1], "A new last line."]))


def test_short_bodies_and_disabled_threshold() -> None:
    index = NearDuplicateIndex(0.8)
    assert index.first_similar("https://a/1", "too short to judge") is None
    assert index.first_similar("https://a/2", "too short to judge") is None
    pipe, _ = build(CRAWLER_NEAR_DUPLICATE_THRESHOLD=0)
    assert pipe.near is None
