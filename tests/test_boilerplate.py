"""Learned site boilerplate: threshold, story repeats, persistence, site keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.cleaning import boilerplate as bp
from crawler.cleaning.boilerplate import BoilerplateStore, is_frequent, normalise_line
from crawler.cleaning.sites import site_key

SITE = "example.com"
FOOTER = "Example News is published by Example Media. All rights reserved."
CORRECTION = "Correction: an earlier version of this story misstated the minister's name."


def _story(i: int) -> str:
    """A body of unique story lines (letters, not digits: digits normalise alike)."""
    tag = "".join(chr(97 + int(d)) for d in f"{i:04d}")
    return "\n".join(f"Story {tag} paragraph {chr(97 + j)} says something." for j in range(4))


def _feed(store: BoilerplateStore, count: int, start: int = 0) -> list[list[tuple[str, str]]]:
    removed = []
    for i in range(start, start + count):
        extra = f"\n{CORRECTION}" if i in (3, 7) else ""
        body = f"{_story(i)}\n{FOOTER}{extra}"
        removed.append(store.filter(SITE, f"https://www.{SITE}/news/{i}", body)[1])
    return removed


def test_recurring_line_removed_after_threshold() -> None:
    with BoilerplateStore(None) as store:
        removed = _feed(store, 30)
    first_removal = next(i for i, r in enumerate(removed) if r)
    assert first_removal == bp.MIN_SITE_PAGES - 1
    assert all(r == [("site_boilerplate", FOOTER)] for r in removed[first_removal:])


def test_line_on_two_pages_survives() -> None:
    with BoilerplateStore(None) as store:
        _feed(store, 50)
        assert not store.is_boilerplate(SITE, CORRECTION)
        assert store.is_boilerplate(SITE, FOOTER)
        text, _ = store.filter(SITE, "https://www.example.com/x", f"{CORRECTION}\n{FOOTER}")
    assert text == CORRECTION


def test_other_site_unaffected() -> None:
    with BoilerplateStore(None) as store:
        _feed(store, 30)
        assert not store.is_boilerplate("other.org", FOOTER)


def test_same_url_counted_once() -> None:
    with BoilerplateStore(None) as store:
        for _ in range(30):
            store.filter(SITE, "https://www.example.com/same", FOOTER)
        assert store.site_pages(SITE) == 1
        assert not store.is_boilerplate(SITE, FOOTER)


def test_persists_across_instances(tmp_path: Path) -> None:
    with BoilerplateStore(tmp_path / "state") as store:
        _feed(store, 20)
    assert (tmp_path / "state" / bp.FILENAME).exists()
    with BoilerplateStore(tmp_path / "state") as again:
        text, removed = again.filter(SITE, "https://www.example.com/new", f"{_story(99)}\n{FOOTER}")
    assert removed == [("site_boilerplate", FOOTER)]
    assert text == _story(99)


def test_normalisation() -> None:
    assert normalise_line("  Page   12 of 30 ") == normalise_line("page 7 of 31")
    assert normalise_line("") is None
    assert normalise_line("x" * (bp.MAX_LINE_CHARS + 1)) is None


@pytest.mark.parametrize(
    ("line_pages", "site_pages", "expected"),
    [
        (4, 10, False),
        (5, 10, True),
        (5, 9, False),
        (5, 30, False),
        (8, 30, True),
        (200, 10_000, True),
    ],
)
def test_threshold(line_pages: int, site_pages: int, expected: bool) -> None:
    assert is_frequent(line_pages, site_pages) is expected


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.forumdaily.com/en/x", "forumdaily.com"),
        ("http://news.bbc.co.uk/a", "bbc.co.uk"),
        ("http://127.0.0.1:8000/x", "127.0.0.1"),
        ("http://localhost/a", "localhost"),
    ],
)
def test_site_key_offline(url: str, key: str) -> None:
    assert site_key(url) == key
