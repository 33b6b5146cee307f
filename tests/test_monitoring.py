"""The monitors' checks, the per-site history and the item outcomes, without a crawl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from crawler.exceptions import AlreadyExported, BodyTooShort, DuplicateArticle
from crawler.items import Article
from crawler.monitoring.checks import (
    Thresholds,
    article_findings,
    coverage_findings,
    error_findings,
    share_findings,
    site_facts,
)
from crawler.monitoring.extension import SiteMonitoring, item_outcome
from crawler.monitoring.history import History, SiteRun
from crawler.monitoring.monitors import thresholds
from crawler.monitoring.suites import CrawlMonitorSuite
from crawler.report.model import load_run
from tests.conftest import project_settings

TH = Thresholds(coverage_floor={"headline": 0.9}, coverage_drop=0.2, min_items=5, min_pages=10,
                max_share={"blocked": 0.1}, max_error_rate=0.05)


def stats_for(domain: str = "example.com", items: int = 20, authors: float = 0.05,
              before: float | None = 0.94, runs: int = 5) -> dict[str, object]:
    stats: dict[str, object] = {f"site/{domain}/items": items, f"site/{domain}/articles": items}
    for name, value in {"headline": 1.0, "articleBody": 1.0, "datePublished": 1.0,
                        "authors": authors, "inLanguage": 1.0}.items():
        stats[f"site/{domain}/coverage/{name}"] = value
        if before is not None:
            stats[f"site/{domain}/coverage_before/{name}"] = before if name == "authors" else value
            stats[f"site/{domain}/coverage_runs/{name}"] = runs
    return stats


def test_coverage_drop_names_site_field_before_and_after() -> None:
    findings = coverage_findings(site_facts(stats_for()), TH)
    assert [f.message for f in findings] == [
        "site example.com: authors coverage 0.94 → 0.05 since the last 5 runs"]
    assert (findings[0].before, findings[0].after) == (0.94, 0.05)


def test_small_drop_passes_and_one_run_is_said_so() -> None:
    assert coverage_findings(site_facts(stats_for(authors=0.8)), TH) == []
    (finding,) = coverage_findings(site_facts(stats_for(authors=0.1, runs=1)), TH)
    assert finding.message.endswith("since the last run")


def test_floor_applies_without_history_and_few_items_are_not_judged() -> None:
    stats = stats_for(before=None)
    stats["site/example.com/coverage/headline"] = 0.5
    (finding,) = coverage_findings(site_facts(stats), TH)
    assert finding.message == ("site example.com: headline coverage 0.50, below the floor "
                               "0.90 (20 articles)")
    assert coverage_findings(site_facts(stats_for(items=3)), TH) == []


def test_articles_per_site_counts_known_unchanged_articles() -> None:
    stats = {"site/a.example/articles": 0, "site/a.example/skipped_seen": 4,
             "site/b.example/outcome/blocked": 2}
    findings = article_findings(site_facts(stats), ["a.example", "b.example", "c.example"])
    assert [f.site for f in findings] == ["b.example", "c.example"]
    assert findings[0].message == "site b.example: no article found (2 pages fetched)"


def test_wall_share_with_its_history() -> None:
    stats = {"site/x.example/outcome/blocked": 6, "site/x.example/outcome/exported": 14,
             "site/x.example/share_before/blocked": 0.0, "site/x.example/share_runs/blocked": 3}
    (finding,) = share_findings(site_facts(stats), TH)
    assert finding.message == ("site x.example: blocked share 0.00 → 0.30 since the last 3 "
                               "runs (6 of 20 pages), above 0.10")
    stats["site/x.example/outcome/exported"] = 2  # 8 pages: too few to judge
    assert share_findings(site_facts(stats), TH) == []


def test_error_rate() -> None:
    assert error_findings({"log_count/ERROR": 1, "response_received_count": 100}, TH) == []
    (finding,) = error_findings({"log_count/ERROR": 9, "response_received_count": 100}, TH)
    assert finding.message == "crawl: error rate 0.09 (9 ERROR lines for 100 pages), above 0.05"


def test_history_baseline_keeps_recent_usable_runs(tmp_path: Path) -> None:
    history = History(tmp_path / "monitoring" / "news.json")
    for i, share in enumerate([0.2, 1.0, 0.9, 0.8]):
        history.add("a.example", SiteRun(f"t{i}", 10, {"authors": share}), keep=3)
    history.add("a.example", SiteRun("t9", 2, {"authors": 0.0}), keep=3)  # too few items
    history.save()
    loaded = History.load(history.path)
    assert [r.time for r in loaded.runs["a.example"]] == ["t2", "t3", "t9"]
    base = loaded.baseline("a.example", "authors", last=5, min_items=5)
    assert base is not None and (base.share, base.runs) == (0.85, 2)
    assert loaded.baseline("b.example", "authors", 5, 5) is None


def test_unreadable_history_starts_again(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "news.json"
    path.write_text("{not json", "utf-8")
    assert History.load(path).runs == {}
    assert "unreadable" in caplog.text


@pytest.mark.parametrize(("item", "exc", "outcome"), [
    (Article(url="https://a.example/1"), None, ("exported",)),
    (Article(url="https://a.example/1", duplicateOf="https://a.example/0"), None, ("duplicate",)),
    (Article(url="https://a.example/1", isAccessibleForFree=False), None, ("paywalled",)),
    (Article(url="https://a.example/1"), AlreadyExported("x"), ("unchanged",)),
    (Article(url="https://a.example/1"), DuplicateArticle("x"), ("duplicate",)),
    (Article(url="https://a.example/1"), BodyTooShort("x"), ("dropped", "BodyTooShort")),
])
def test_item_outcomes(item: Article, exc: Exception | None, outcome: tuple[str, ...]) -> None:
    assert item_outcome(item, exc) == outcome


def test_extension_writes_coverage_baselines_and_history(tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict=project_settings(CRAWLER_STATE_DIR=str(tmp_path)))
    assert crawler.stats is not None
    crawler.stats.open_spider()
    ext = SiteMonitoring.from_crawler(crawler)
    spider = type("S", (), {"name": "news"})()
    for run, with_authors in ((1, True), (2, False)):
        crawler.stats.set_value("site/a.example/fetched", 6)
        ext.items.clear()
        ext.fields.clear()
        ext.opened(spider)  # type: ignore[arg-type]
        for i in range(6):
            ext.item_scraped(Article(url=f"https://a.example/{run}/{i}", headline="H",
                                     articleBody="B", authors=[{"name": "N"}] if with_authors
                                     else None))
        ext.closed(spider, "finished")  # type: ignore[arg-type]
    stats = crawler.stats.get_stats()
    assert stats["site/a.example/coverage/authors"] == 0.0
    assert stats["site/a.example/coverage_before/authors"] == 1.0
    assert stats["site/a.example/coverage_runs/authors"] == 1
    saved = json.loads((tmp_path / "monitoring" / "news.json").read_text("utf-8"))
    assert [r["coverage"]["authors"] for r in saved["a.example"]] == [1.0, 0.0]


def test_thresholds_and_actions_come_from_settings() -> None:
    crawler = get_crawler(settings_dict=project_settings(
        CRAWLER_MONITOR_COVERAGE_DROP=0.5,
        CRAWLER_MONITOR_FAILED_ACTIONS=["tests.helpers.monitor_action.RecordFailures"],
        TEST_MONITOR_ACTION_FILE="unused"))
    assert thresholds(crawler.settings).coverage_drop == 0.5
    assert thresholds(crawler.settings).coverage_floor["headline"] == 0.9
    suite = CrawlMonitorSuite(crawler=crawler)
    assert [type(a).__name__ for a in suite.monitors_failed_actions] == ["RecordFailures"]
    default = CrawlMonitorSuite(crawler=get_crawler(settings_dict=project_settings()))
    assert default.monitors_failed_actions == []  # nothing is sent by default


def test_report_model_reads_failures_and_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "out.stats.json"
    stats = {**stats_for(), "monitors/failed/coverage/example.com/authors": "site example.com: x",
             "finish_reason": "shutdown"}
    path.write_text(json.dumps({"finish_reason": "shutdown", "stats": stats}), "utf-8")
    run = load_run(path)
    assert [f.message for f in run.failures] == [
        'crawl: finished with "shutdown", expected "finished"', "site example.com: x"]
    assert run.sites["example.com"].coverage_before["authors"] == 0.94
    bad = tmp_path / "bad.stats.json"
    bad.write_text("[1, 2]", "utf-8")
    with pytest.raises(ValueError, match="not a crawl stats file"):
        load_run(bad)
