"""The page that started the project (../shared/seed), wrapped in <p> markup, through
`scrapy extract`. Runs only where ../shared exists (CI and developer machines)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from tests.conftest import SHARED, read_jsonl, run_scrapy

SEED = SHARED / "seed" / "forumdaily-blinken-lavrov.txt"
URL = "https://www.forumdaily.com/en/blinken-and-lavrov-met-for-the-first-time-since-the-war/"
FIRST_STORY = "US Secretary of State Anthony Blinken and Russian Foreign Minister"
LAST_STORY = "two days after Moscow ended up invading Ukraine on February 24, 2022."
CHROME = [
    " - ForumDaily",
    "automatically translated into English by Google Translate",
    "Переклад цього матеріалу українською",
    "Bu məqalə Google Translate servisi",
    "Photo: IStock",
    "On the subject:",
    "You may be interested in:",
    "Read also on ForumDaily",
    "Scientists believe that soon people will have wings",
    "Ten states with $1 million in retirement savings",
    "Who should not study: 6 specialties",
    "The most popular US national parks",
    "TikTok will ban children and teens",
    "Miscellanea USA a meeting Russia World Special Projects",
    "Subscribe to ForumDaily on Google News",
    "support us donate",
    "1074 requests in 1,228 seconds",
]

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SEED.exists(), reason="no ../shared/seed")]


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("seed")
    lines = SEED.read_text("utf-8").splitlines()
    paras = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines[1:] if line.strip())
    page = tmp / "seed.html"
    page.write_text(f"<html><head><title>{html.escape(lines[0])}</title></head>"
                    f"<body>{paras}</body></html>", "utf-8")
    out = tmp / "out.jsonl"
    proc = run_scrapy(["extract", "--url", URL, str(page), "-o", str(out)], Path(tmp))
    assert proc.returncode == 0, proc.stderr[-2000:]
    (rec,) = read_jsonl(out)
    return rec


def story_paragraphs() -> list[str]:
    text = SEED.read_text("utf-8")
    start, end = text.index(FIRST_STORY), text.index(LAST_STORY) + len(LAST_STORY)
    return [p.strip() for p in text[start:end].split("\n") if p.strip() and p.strip() != "Photo: IStock"
            and not p.startswith(("On the subject:", "You may be interested in:"))]


def test_every_story_paragraph_kept(record: dict) -> None:
    body = record["articleBody"]
    missing = [p[:60] for p in story_paragraphs() if p not in body]
    assert missing == []


def test_every_chrome_line_gone(record: dict) -> None:
    body = record["articleBody"]
    assert [c for c in CHROME if c in body] == []


def test_headline_without_site_suffix(record: dict) -> None:
    assert record["headline"] == "Blinken and Lavrov met for the first time since the start of the war in Ukraine"
