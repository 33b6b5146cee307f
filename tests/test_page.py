"""process_page: any bytes in, a verdict out; never an exception."""

from __future__ import annotations

import pytest

from crawler.demo.server import DEMO_SITE
from crawler.extraction import PageInput, process_page

BRIDGE = (DEMO_SITE / "2026/11/20/city-council-approves-new-bridge-over-riverton.html").read_bytes()
URL = "https://ledger.example/2026/11/20/city-council-approves-new-bridge"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "not_html"),
        (b"<html><body><p>Too short to be a story.</p></body></html>", "body_too_short"),
        (b"<html><head><title>x</title></head><body></body></html>", "no_body"),
    ],
)
def test_bad_pages_get_a_reason(body: bytes, reason: str) -> None:
    result = process_page(PageInput(URL, body))
    assert result.article is None
    assert result.reason == reason


def test_good_page_yields_article_and_links() -> None:
    result = process_page(PageInput(URL, BRIDGE, "utf-8"))
    assert result.reason is None and result.article is not None
    assert result.article.headline == "City council approves new bridge over the Riverton"
    assert any(link.endswith("/section/local/") for link in result.links)
    assert result.feeds == ["https://ledger.example/feed.xml"]


def test_truncated_page_still_extracted() -> None:
    cut = BRIDGE[: len(BRIDGE) * 2 // 3]
    result = process_page(PageInput(URL, cut, "utf-8"))
    assert result.article is not None
    assert "cable-stayed bridge" in (result.article.articleBody or "")


def test_undecodable_bytes_do_not_raise() -> None:
    body = BRIDGE.replace(b"Riverton city council", b"Riverton \xff\xfe\xfa council")
    result = process_page(PageInput(URL, body, "utf-8"))
    assert result.article is not None


def test_nul_bytes_removed_not_fatal() -> None:
    body = BRIDGE.replace(b"<p>The Riverton city council", b"<p>\x00The Riverton\x00 city council")
    result = process_page(PageInput(URL, body, "utf-8"))
    assert result.article is not None
    assert "\x00" not in (result.article.articleBody or "")
    assert "The Riverton city council" in (result.article.articleBody or "")


def test_deep_nesting_gets_an_ordinary_verdict() -> None:
    deep = b"<div>" * 10_000 + b"<p>" + b"word " * 200 + b"</p>" + b"</div>" * 10_000
    result = process_page(PageInput(URL, b"<html><body>" + deep + b"</body></html>"))
    # lxml may or may not keep text that deep; either way no extractor may have crashed.
    assert result.reason in {None, "no_body", "body_too_short"}


def test_want_links_false_collects_none() -> None:
    result = process_page(PageInput(URL, BRIDGE, "utf-8", want_links=False))
    assert result.links == [] and result.feeds == []


def test_double_encoded_utf8_repaired_before_parsing() -> None:
    story = "José’s café on the quay reopened – with crème brûlée – after the flood. " * 8
    mojibake = story.encode("utf-8").decode("cp1252")
    page = BRIDGE.decode("utf-8").replace(
        "<p>The project will cost", f"<p>{mojibake}</p><p>The project will cost")
    result = process_page(PageInput(URL, page.encode("utf-8"), "utf-8"))
    assert result.html_repairs
    assert result.article is not None
    assert "José’s café on the quay reopened – with crème brûlée" in (result.article.articleBody or "")


def test_extraction_bug_keeps_links_and_gives_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    import crawler.extraction.page as page_module

    def broken(*args: object, **kwargs: object) -> None:
        raise AssertionError("a bug in an extractor")

    monkeypatch.setattr(page_module, "extract_from_tree", broken)
    result = process_page(PageInput(URL, BRIDGE, "utf-8"))
    assert result.reason == "extraction_error"
    assert result.article is None
    assert any(link.endswith("/section/local/") for link in result.links)
