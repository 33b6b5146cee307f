"""Whole pages through repair_encoding + clean_headline + clean_body: our own multilingual
fixture (always run) and the real seed page (skipped only where ../shared/seed is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.cleaning import CleanResult, clean_body, clean_headline
from crawler.cleaning.encoding import repair_encoding

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "cleaning"
SEED_DIR = ROOT.parent / "shared" / "seed"
SEED = SEED_DIR / "forumdaily-blinken-lavrov.txt"
SEED_URL = "https://www.forumdaily.com/en/blinken-and-lavrov-met/"


def _process(raw: str, url: str | None = None) -> tuple[str, CleanResult, list[str]]:
    """The page's first line is its title; the rest is the body."""
    text, kinds = repair_encoding(raw)
    title, _, body = text.partition("\n")
    headline, _ = clean_headline(title, url=url)
    return headline, clean_body(body), kinds


def test_multilingual_fixture() -> None:
    raw = (FIXTURES / "multilingual_page.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / "multilingual_page.expected.json").read_text("utf-8"))
    headline, result, _ = _process(raw)
    assert headline == expected["headline"]
    paragraphs = [p for p in result.text.split("\n") if p.strip()]
    assert paragraphs == expected["kept"]
    assert {line: rule for rule, line in result.removed} == expected["removed"]


SEED_STORY_FIRST = "US Secretary of State Anthony Blinken and Russian Foreign Minister"
SEED_STORY_LAST = "Moscow ended up invading Ukraine on February 24, 2022."
SEED_CHROME = [
    "The article has been automatically translated into English",
    "Переклад цього матеріалу українською мовою",
    "Bu məqalə Google Translate servisi",
    "Photo: IStock",
    "On the subject:",
    "You may be interested in:",
    "Read also on ForumDaily:",
    "Scientists believe that soon people will have wings",
    "Ten states with $1 million in retirement savings to last",
    "Who should not study: 6 specialties",
    "The most popular US national parks",
    "TikTok will ban children and teens",
    "Miscellanea USA a meeting Russia World Special Projects",
    "Subscribe to ForumDaily on Google News",
    "support us",
    "Do you want more important and interesting news",
    "requests in",
    "- ForumDaily",
]


@pytest.fixture(scope="module")
def seed() -> tuple[str, str, CleanResult, list[str]]:
    if not SEED_DIR.exists():
        pytest.skip("../shared/seed is not present")
    raw = SEED.read_text(encoding="utf-8")
    return (raw, *_process(raw, SEED_URL))


def _story_paragraphs(raw: str) -> list[str]:
    lines = [line.strip() for line in raw.split("\n")]
    start = next(i for i, line in enumerate(lines) if line.startswith(SEED_STORY_FIRST))
    end = next(i for i, line in enumerate(lines) if line.endswith(SEED_STORY_LAST))
    chrome = ("On the subject:", "You may be interested in:", "Photo: IStock")
    return [p for p in lines[start : end + 1] if p and not p.startswith(chrome)]


def test_seed_story_kept(seed: tuple[str, str, CleanResult, list[str]]) -> None:
    raw, _headline, result, _ = seed
    story = _story_paragraphs(raw)
    assert len(story) > 30
    kept = [p.strip() for p in result.text.split("\n") if p.strip()]
    assert (
        kept[0]
        == "Blinken and Lavrov met for the first time since the beginning of the war in Ukraine"
    )
    assert kept[1:] == story


def test_seed_chrome_gone(seed: tuple[str, str, CleanResult, list[str]]) -> None:
    _raw, headline, result, _ = seed
    for chrome in SEED_CHROME:
        assert chrome not in result.text, chrome
    assert (
        headline
        == "Blinken and Lavrov met for the first time since the start of the war in Ukraine"
    )
    rules = {rule for rule, _ in result.removed}
    assert {"machine_translation", "photo_credit", "lead_in", "related_header", "related_list",
            "tag_line", "appeal", "request_counter"} <= rules  # fmt: skip


def test_seed_spaced_mojibake_repaired(seed: tuple[str, str, CleanResult, list[str]]) -> None:
    raw, _headline, result, kinds = seed
    assert "РєР ° РЅР ° Р »РІ" in raw
    assert "spaced_mojibake" in kinds
    appeal = next(line for rule, line in result.removed if line.startswith("Do you want"))
    assert "subscribe to our канал в Telegram" in appeal
    assert "GXNUMX" in result.text  # the lost digits are not guessed
