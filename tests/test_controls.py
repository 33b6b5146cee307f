"""Control characters: out of every text field of a record, escaped in the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from crawler.controls import (
    EscapeControlsFilter,
    escape_controls,
    strip_controls,
    strip_item_controls,
)
from crawler.items import Article
from tests.conftest import read_jsonl, run_scrapy
from tests.faultsite import pages
from tests.test_extract_command import write_warc

HOSTILE = "Harbour\x00 pier\x1b[31m closes\x07 \u202eparis\u202c \u2066x\u2069\x85\x7f"


def test_strip_controls_keeps_tab_newline_and_text() -> None:
    assert strip_controls(HOSTILE) == "Harbour pier[31m closes paris x"
    text = "Line one\n\tLine two \u200f\u05e9\u05dc\u05d5\u05dd \u00e9\u00e8 \u4e2d\u6587"
    assert strip_controls(text) == text  # RTL marks, accents, CJK untouched


def test_escape_controls_shows_every_one() -> None:
    assert escape_controls("a\x1b[2Jb\u202ec\nd") == "a\\x1b[2Jb\\u202ec\nd"


def test_item_fields_stripped_and_counted() -> None:
    item = Article(url="https://n.example/a", headline=HOSTILE, articleBody="Body\x00 text\n",
                   authors=[{"name": "Ada\x1b Fielding"}], keywords=["Port\u202e", "Pier"])
    removed = strip_item_controls(item)
    assert item.headline == "Harbour pier[31m closes paris x"
    assert item.articleBody == "Body text\n"
    assert item.authors == [{"name": "Ada Fielding"}] and item.keywords == ["Port", "Pier"]
    assert removed == {"headline": 9, "articleBody": 1, "authors": 1, "keywords": 1}


def test_log_filter_escapes_arguments() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "dropped %s (%d)",
                               ("https://n.example/\x1b]0;pwned\x07", 3), None)
    assert EscapeControlsFilter().filter(record)
    assert record.getMessage() == "dropped https://n.example/\\x1b]0;pwned\\x07 (3)"


@pytest.mark.slow
def test_extract_strips_records_and_escapes_the_log(tmp_path: Path) -> None:
    html = pages.article_html("story", HOSTILE, 1)  # in <title>, <h1> and JSON-LD
    html = html.replace("Report 1-0.", "Report\x00 \x1b[2J one\u202e.")
    warc = tmp_path / "pages.warc.gz"
    write_warc(warc, [
        ("https://n.example/2026/11/20/story.html", html.encode(), "text/html; charset=utf-8"),
        ("https://n.example/\x1b]0;pwned\x07/short\u202e.html", b"<html><body><p>x</p></body></html>",
         "text/html; charset=utf-8"),
    ])
    out = tmp_path / "out.jsonl"
    proc = run_scrapy(["extract", str(warc), "-o", str(out), "-s", "LOG_LEVEL=INFO"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (record,) = [r for r in read_jsonl(out) if "story" in r["url"]]
    for field in ("headline", "articleBody"):
        assert strip_controls(record[field]) == record[field]
    assert "Harbour pier" in record["headline"]
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr and "\u202e" not in proc.stderr
    assert "record/controls_removed/articleBody" in proc.stderr
