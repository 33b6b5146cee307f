"""Hand-written pages with their expected record: one test per field and per text snippet.

Each ``tests/fixtures/extraction/<name>.html`` has a ``<name>.json`` next to it::

    {"url": ..., "fields": {<Article field>: <expected value>},
     "with": [snippets the body must contain], "without": [snippets it must not contain]}

"without" snippets are matched line by line where they equal a whole headline, so a repeated
headline line is caught even though the words may occur inside another sentence.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from crawler.extraction import extract_article
from crawler.extraction.article import ExtractionResult

FIXTURES = Path(__file__).parent / "fixtures" / "extraction"
NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)  # fixed "crawl time": future dates are judged by it


def _specs() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(FIXTURES.glob("*.json"))}


@cache
def _extract(name: str) -> ExtractionResult:
    spec = _specs()[name]
    html = (FIXTURES / f"{name}.html").read_text("utf-8")
    return extract_article(html, spec["url"], now=NOW)


def _cases(key: str) -> list[Any]:
    out = []
    for name, spec in _specs().items():
        items = spec[key].items() if key == "fields" else spec[key]
        out += [pytest.param(name, item, id=f"{name}-{str(item)[:40]}") for item in items]
    return out


def test_fixtures_exist() -> None:
    assert len(_specs()) >= 3


@pytest.mark.parametrize(("name", "field"), _cases("fields"))
def test_field(name: str, field: tuple[str, Any]) -> None:
    key, expected = field
    article = _extract(name).article
    assert article is not None, _extract(name).verdict
    assert getattr(article, key) == expected


@pytest.mark.parametrize(("name", "snippet"), _cases("with"))
def test_body_has(name: str, snippet: str) -> None:
    article = _extract(name).article
    assert article is not None and article.articleBody
    assert snippet in article.articleBody


@pytest.mark.parametrize(("name", "snippet"), _cases("without"))
def test_body_lacks(name: str, snippet: str) -> None:
    article = _extract(name).article
    assert article is not None and article.articleBody
    lines = article.articleBody.split("\n")
    assert snippet not in lines, "whole line present"
    # a snippet that is a whole sentence of chrome must not appear anywhere either
    if len(snippet.split()) > 1 and snippet not in _specs()[name]["fields"].values():
        assert snippet not in article.articleBody
