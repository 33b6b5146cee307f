"""Each pipeline built through the real settings path (get_crawler -> from_crawler)."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from crawler.exceptions import BodyTooShort, DuplicateArticle, SchemaViolation
from crawler.items import Article
from crawler.pipelines.chrome import ChromeStripPipeline
from crawler.pipelines.duplicates import DuplicatesPipeline
from crawler.pipelines.encoding import EncodingRepairPipeline
from crawler.pipelines.validate import ValidatePipeline
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings

STORY = "\n".join(
    f"Paragraph {i}: the council debated the bridge for a long time before the vote." for i in range(6)
)


def build(cls, **settings):
    settings.setdefault("CRAWLER_LEARN_BOILERPLATE", False)
    crawler = get_crawler(NewsSpider, settings_dict=project_settings(**settings))
    crawler.stats.open_spider()
    return cls.from_crawler(crawler), crawler.stats


def article(**fields) -> Article:
    base = {"url": "https://news.example/a-story-about-bridges", "headline": "Bridge approved",
            "articleBody": STORY, "metadata": {"dateDownloaded": "2026-11-27T08:00:00Z"}}
    return Article(**{**base, **fields})


def test_encoding_repairs_mojibake_and_counts() -> None:
    pipe, stats = build(EncodingRepairPipeline)
    item = pipe.process_item(article(headline="JosÃ© wins the vote"))
    assert item.headline == "José wins the vote"
    assert stats.get_value("encoding/repaired/mojibake") == 1


def test_encoding_leaves_correct_text_alone() -> None:
    pipe, stats = build(EncodingRepairPipeline)
    text = "“Quoted” — ﬁne, naïve, Ελληνικά, 「東京」"
    item = pipe.process_item(article(headline=text))
    assert item.headline == text
    assert stats.get_value("encoding/repaired/mojibake") is None


def test_chrome_rule_counted_and_audited() -> None:
    pipe, stats = build(ChromeStripPipeline, CRAWLER_AUDIT=True)
    item = pipe.process_item(article(articleBody=STORY + "\n1074 requests in 1,228 seconds."))
    assert item.articleBody == STORY
    assert stats.get_value("chrome/removed/request_counter") == 1
    assert item.removedLines == [{"rule": "request_counter", "text": "1074 requests in 1,228 seconds."}]


def test_chrome_audit_off_by_default() -> None:
    pipe, _ = build(ChromeStripPipeline)
    item = pipe.process_item(article(articleBody=STORY + "\n5 requests in 2 seconds."))
    assert item.removedLines is None


def test_duplicates_marked_with_first_url() -> None:
    pipe, stats = build(DuplicatesPipeline)
    first = pipe.process_item(article())
    second = pipe.process_item(article(url="https://news.example/amp/a-story-about-bridges"))
    assert first.duplicateOf is None
    assert second.duplicateOf == "https://news.example/a-story-about-bridges"
    assert second.metadata["contentHash"] == first.metadata["contentHash"]
    assert stats.get_value("duplicates/exact") == 1


def test_duplicates_dropped_when_asked() -> None:
    pipe, _ = build(DuplicatesPipeline, CRAWLER_DROP_DUPLICATES=True)
    pipe.process_item(article())
    with pytest.raises(DuplicateArticle):
        pipe.process_item(article(url="https://news.example/copy"))


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"articleBody": "Too short."}, BodyTooShort),
        ({"inLanguage": "english"}, SchemaViolation),
        ({"datePublished": "yesterday"}, SchemaViolation),
    ],
)
def test_validate_drops_with_reason(fields, error) -> None:
    pipe, _ = build(ValidatePipeline)
    with pytest.raises(error):
        pipe.process_item(article(**fields))


def test_validate_passes_good_article() -> None:
    pipe, _ = build(ValidatePipeline)
    item = article(inLanguage="en", datePublished="2026-11-20T09:15:00+01:00")
    assert pipe.process_item(item) is item


WORDS = ["river", "bridge", "council", "market", "library", "school", "robot", "museum", "harbour", "station"]


def unique_story(i: int) -> str:
    """Lines that differ in words, not only digits (digits are folded when learning)."""
    a, b = WORDS[i % 10], WORDS[(i // 10) % 10]
    return "\n".join(f"The {a} and the {b} were discussed, line {w} of a long story {a}{b}."
                     for w in WORDS[:4])


def test_headline_left_to_extraction() -> None:
    # the site-suffix rule runs once, in extraction (tests/test_headlines.py)
    pipe, _stats = build(ChromeStripPipeline)
    item = pipe.process_item(article(url="https://www.forumdaily.com/en/story/",
                                     headline="Blinken and Lavrov met - ForumDaily"))
    assert item.headline == "Blinken and Lavrov met - ForumDaily"


def test_learned_boilerplate_persists_in_state_dir(tmp_path) -> None:
    footer = "Our journalism is funded by readers like you, thank you for that."
    # Held records are tested in tests/test_boilerplate_hold.py: here each item comes back.
    learn = {"CRAWLER_STATE_DIR": str(tmp_path), "CRAWLER_LEARN_BOILERPLATE": True,
             "CRAWLER_BOILERPLATE_HOLD": 0}
    pipe, stats = build(ChromeStripPipeline, **learn)
    for i in range(30):
        body = unique_story(i) + "\n" + footer
        pipe.process_item(article(url=f"https://ledger.example/story-{i}", articleBody=body))
    pipe.close()
    assert stats.get_value("chrome/removed/site_boilerplate") > 0
    fresh, _ = build(ChromeStripPipeline, **learn)
    story = unique_story(77)
    item = fresh.process_item(article(url="https://ledger.example/new",
                                      articleBody=story + "\n" + footer))
    fresh.close()
    assert item.articleBody == story


def test_two_crawls_share_a_state_dir(tmp_path) -> None:
    # Held records are tested in tests/test_boilerplate_hold.py: here each item comes back.
    learn = {"CRAWLER_STATE_DIR": str(tmp_path), "CRAWLER_LEARN_BOILERPLATE": True,
             "CRAWLER_BOILERPLATE_HOLD": 0}
    first, _ = build(ChromeStripPipeline, **learn)
    second, stats = build(ChromeStripPipeline, **learn)
    for i in range(12):
        first.process_item(article(url=f"https://a.example/{i}", articleBody=unique_story(i)))
        second.process_item(article(url=f"https://b.example/{i}", articleBody=unique_story(i)))
    first.close()
    second.close()
    assert stats.get_value("chrome/boilerplate_unavailable") is None


def test_broken_state_file_costs_the_rule_not_the_item(tmp_path) -> None:
    # Held records are tested in tests/test_boilerplate_hold.py: here each item comes back.
    learn = {"CRAWLER_STATE_DIR": str(tmp_path), "CRAWLER_LEARN_BOILERPLATE": True,
             "CRAWLER_BOILERPLATE_HOLD": 0}
    pipe, stats = build(ChromeStripPipeline, **learn)
    pipe.boilerplate._db.close()  # as if the file vanished under us
    item = pipe.process_item(article(articleBody=STORY))
    assert item.articleBody == STORY
    assert stats.get_value("chrome/boilerplate_unavailable") == 1
