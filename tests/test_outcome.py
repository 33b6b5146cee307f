"""The page-outcome detector on pages written for these tests (tests/fixtures/outcomes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.extraction import extract_article
from crawler.extraction.outcome import (
    BLOCKED,
    CONSENT_WALL,
    NEEDS_JAVASCRIPT,
    PAYWALLED,
    PageFacts,
    detect_outcome,
)

FIXTURES = Path(__file__).parent / "fixtures" / "outcomes"


def facts(name: str, status: int = 200, url: str = "https://news.example/2026/11/20/story.html"
          ) -> PageFacts:
    body = (FIXTURES / name).read_bytes()
    result = extract_article(body.decode("utf-8"), url)
    chars = len(result.article.articleBody or "") if result.article else None
    return PageFacts(url, status, body, chars)


@pytest.mark.parametrize(("name", "status", "outcome", "evidence"), [
    ("blocked_challenge_403.html", 403, BLOCKED, "challenge_403"),
    ("blocked_challenge_403.html", 503, BLOCKED, "challenge_503"),
    ("rate_limited_429.html", 429, BLOCKED, "rate_limited"),
    ("blocked_interstitial_200.html", 200, BLOCKED, "challenge_page"),
    ("consent_wall.html", 200, CONSENT_WALL, "consent_dialog"),
    ("needs_javascript.html", 200, NEEDS_JAVASCRIPT, "app_shell"),
    ("paywalled_jsonld.html", 200, PAYWALLED, "not_accessible_for_free"),
    ("paywalled_container.html", 200, PAYWALLED, "paywall_container"),
    ("paywalled_prompt.html", 200, PAYWALLED, "subscribe_prompt"),
])
def test_each_detector_names_its_page(name: str, status: int, outcome: str, evidence: str) -> None:
    found = detect_outcome(facts(name, status))
    assert found is not None, name
    assert (found.outcome, found.evidence) == (outcome, evidence)


@pytest.mark.parametrize(("name", "status"), [
    ("free_article.html", 200),  # cookie banner, newsletter "subscribe", <noscript> pixel
    ("listing_page.html", 200),  # a short listing with a cookie notice and a mount point
    ("not_found_404.html", 404),  # "access denied" words do not make a 404 a block
    ("blocked_challenge_403.html", 500),  # a 500 is a failure, not a block
])
def test_ordinary_pages_have_no_wall(name: str, status: int) -> None:
    assert detect_outcome(facts(name, status)) is None


def test_paywalled_pages_still_give_their_teaser() -> None:
    """The paywalled fixtures are articles with text: exported, flagged, body as given."""
    for name in ("paywalled_jsonld.html", "paywalled_container.html", "paywalled_prompt.html"):
        assert facts(name).body_chars, name


def test_a_full_body_is_not_paywalled_by_a_container_alone() -> None:
    page = facts("paywalled_container.html")
    full = PageFacts(page.url, 200, page.body, 5000)
    assert detect_outcome(full) is None


def test_consent_host_after_redirect() -> None:
    page = PageFacts("https://consent.news.example/collect?continue=x", 200, b"<html></html>")
    found = detect_outcome(page)
    assert found is not None and found.outcome == CONSENT_WALL


def test_structured_data_story_is_not_an_app_shell() -> None:
    body = (FIXTURES / "needs_javascript.html").read_bytes().replace(
        b"</head>", b'<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "'
        + b"word " * 100 + b'"}</script></head>')
    assert detect_outcome(PageFacts("https://news.example/a", 200, body)) is None


def test_paywall_plugin_assets_are_not_a_paywall() -> None:
    """A stylesheet or script named after a paywall plugin, on a short free story."""
    page = facts("free_article.html")
    body = page.body.replace(b"</head>", b"<link rel='stylesheet' id='leaky-paywall-css' "
                             b"href='/p.css'><script id='paywall_settings-js'></script></head>")
    assert detect_outcome(PageFacts(page.url, 200, body, 800)) is None
    walled = body.replace(b"</article>", b'<div class="paywall-login">Log in</div></article>')
    found = detect_outcome(PageFacts(page.url, 200, walled, 800))
    assert found is not None and found.evidence == "paywall_container"
