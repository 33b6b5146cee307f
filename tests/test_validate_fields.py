"""Validation never drops an article for a missing optional field, and judges length fairly
across scripts; ``CRAWLER_EXPORT_REJECTED`` exports what a crawl drops, with its verdict."""

from __future__ import annotations

import pytest

from crawler.exceptions import BodyTooShort
from crawler.export.record import to_record
from crawler.extraction import ExtractOptions, extract_article
from crawler.extraction.detect import story_length
from crawler.pipelines.validate import ValidatePipeline
from crawler.schema import schema_errors
from tests.test_pipelines import STORY, article, build


@pytest.mark.parametrize("missing", ["headline", "datePublished", "authors"])
def test_missing_optional_field_is_exported_and_counted(missing: str) -> None:
    pipe, stats = build(ValidatePipeline)
    item = article(**{missing: None})
    assert pipe.process_item(item) is item
    assert stats.get_value(f"fields/missing/{missing}") == 1
    assert schema_errors(to_record(item)) == []


def test_present_fields_are_not_counted_missing() -> None:
    pipe, stats = build(ValidatePipeline)
    pipe.process_item(article(datePublished="2026-11-20T00:00:00+00:00", authors=[{"name": "Ann Lee"}]))
    assert stats.get_value("fields/missing/headline") is None
    assert stats.get_value("fields/missing/datePublished") is None


def test_cjk_length_is_weighted_by_script() -> None:
    chinese = "市议会周二投票批准了新桥建设计划。" * 5  # 85 characters: a short news story
    assert len(chinese) < 200 <= story_length(chinese)
    assert story_length("a" * 85) == 85
    pipe, _ = build(ValidatePipeline)
    assert pipe.process_item(article(articleBody=chinese)).articleBody == chinese
    with pytest.raises(BodyTooShort):
        pipe.process_item(article(articleBody="The council met. " * 5))


def test_export_rejected_marks_instead_of_dropping() -> None:
    pipe, _ = build(ValidatePipeline, CRAWLER_EXPORT_REJECTED=True)
    item = pipe.process_item(article(articleBody="Too short."))
    assert item.metadata["verdict"] == "body_too_short"
    assert schema_errors(to_record(item)) == []


def _page(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def test_story_without_any_headline_is_an_article() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY.split("\n"))
    result = extract_article(_page("", paragraphs), "https://news.example/2026/11/20/bridge")
    assert result.article is not None
    assert result.article.headline is None
    assert "council debated the bridge" in (result.article.articleBody or "")


def test_short_story_marked_as_article_is_kept() -> None:
    brief = ("<p>The council approved the new bridge on Tuesday after a short debate, "
             "with nine votes in favour and two against.</p>")
    url = "https://news.example/briefs/bridge"
    marked = extract_article(_page('<meta property="og:type" content="article">', brief), url)
    assert marked.article is not None and marked.verdict.reason == "marked_short_article"
    unmarked = extract_article(_page("", brief), url)
    assert unmarked.article is None and unmarked.verdict.reason == "body_too_short"
    # ... and validation keeps the marked brief
    pipe, _ = build(ValidatePipeline)
    assert pipe.process_item(marked.article) is marked.article


def test_extract_mode_keeps_non_articles_with_verdict() -> None:
    options = ExtractOptions(require_article=False)
    result = extract_article(_page("", "<p>Login</p>"), "https://news.example/", options)
    assert result.article is not None
    assert result.article.metadata["verdict"] == result.verdict.reason
    assert schema_errors(to_record(result.article)) == []



def test_jsonld_article_body_used_when_the_dom_has_only_a_teaser() -> None:
    # trafilatura reads JSON-LD articleBody when the DOM body is short; this pins it
    story = " ".join(STORY.split("\n"))
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge",'
            f' "articleBody": "{story}"}}</script>')
    teaser = "<p>The council debated the bridge for a long time. Subscribers read on.</p>"
    html = f"<html><head>{head}</head><body><article>{teaser}</article></body></html>"
    result = extract_article(html, "https://news.example/2026/11/20/bridge")
    assert result.article is not None
    assert result.article.articleBody == story
    assert result.article.metadata["bodySource"] == "trafilatura"
