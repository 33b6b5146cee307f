"""The report page and the ``scrapy report`` command, without a browser."""

from __future__ import annotations

import json
from pathlib import Path

from crawler.report.model import run_from_summary
from crawler.report.render import render_report
from tests.conftest import run_scrapy


def summary(failure: str | None = None, domain: str = "news.example") -> dict:
    stats: dict[str, object] = {f"site/{domain}/discovered": 10, f"site/{domain}/fetched": 8,
                                f"site/{domain}/articles": 5, f"site/{domain}/items": 5,
                                f"site/{domain}/outcome/exported": 5,
                                f"site/{domain}/coverage/authors": 0.2}
    if failure:
        stats[f"monitors/failed/coverage/{domain}/authors"] = failure
    return {"finish_reason": "finished", "duration_seconds": 1.0, "pages_fetched": 8,
            "articles_exported": 5, "stats": stats}


def test_failures_come_first_and_text_is_escaped() -> None:
    html = render_report([run_from_summary("run", summary("site <b>x</b>: authors 0.9 → 0.2",
                                                          domain="<script>"))])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.index('id="monitors"') < html.index("Overview")
    assert "site &lt;b&gt;x&lt;/b&gt;: authors 0.9 → 0.2" in html
    assert "1 failing monitor check" in html


def test_passing_run_says_so() -> None:
    html = render_report([run_from_summary("run", summary())])
    assert "All monitors passed." in html and "failing" not in html


def test_report_command_rebuilds_and_refuses_bad_input(tmp_path: Path) -> None:
    stats = tmp_path / "feed.stats.json"
    stats.write_text(json.dumps(summary()), "utf-8")
    proc = run_scrapy(["report", str(stats)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "feed.report.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    missing = run_scrapy(["report", str(tmp_path / "nope.stats.json")], tmp_path)
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [
        f"report: {tmp_path / 'nope.stats.json'}: cannot read (FileNotFoundError: [Errno 2] "
        f"No such file or directory: '{tmp_path / 'nope.stats.json'}')"]
    assert "Traceback" not in missing.stderr
