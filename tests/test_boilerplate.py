"""Learned site boilerplate: threshold, story repeats, persistence, site keys."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crawler.cleaning import boilerplate as bp
from crawler.cleaning.boilerplate import BoilerplateStore, is_frequent, normalise_line
from crawler.cleaning.site_names import site_key

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


def _fresh_sum(state: Path) -> tuple[int, bool]:
    with BoilerplateStore(state) as fresh:
        return fresh.site_pages(SITE), fresh.is_boilerplate(SITE, FOOTER)


def test_two_stores_on_one_dir_add_up(tmp_path: Path) -> None:
    """Two processes sharing a state directory: both contribute, neither overwrites."""
    state = tmp_path / "state"
    first, second = BoilerplateStore(state), BoilerplateStore(state)
    for i in range(0, 12, 2):
        first.filter(SITE, f"https://www.{SITE}/news/{i}", f"{_story(i)}\n{FOOTER}")
        second.filter(SITE, f"https://www.{SITE}/news/{i + 1}", f"{_story(i + 1)}\n{FOOTER}")
        if i == 4:
            first.commit()
    assert first.site_pages(SITE) == second.site_pages(SITE) == 6
    first.close()
    second.close()
    assert _fresh_sum(state) == (12, True)


def test_page_seen_by_two_stores_counted_once(tmp_path: Path) -> None:
    state = tmp_path / "state"
    first, second = BoilerplateStore(state), BoilerplateStore(state)
    url = f"https://www.{SITE}/news/shared"
    assert first.observe(SITE, url, [FOOTER])
    assert second.observe(SITE, url, [FOOTER])  # not yet in the file: pending in both
    first.close()
    second.close()  # finds the page in the file and does not add its counts again
    assert _fresh_sum(state) == (1, False)
    with BoilerplateStore(state) as again:
        assert not again.observe(SITE, url, [FOOTER])  # seen in an earlier run
        assert again.site_pages(SITE) == 1


def test_writes_are_batched(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with BoilerplateStore(state) as store:
        _feed(store, bp.FLUSH_EVERY - 1)
        assert _fresh_sum(state)[0] == 0  # nothing written yet
        _feed(store, 1, start=bp.FLUSH_EVERY - 1)
        assert _fresh_sum(state)[0] == bp.FLUSH_EVERY


def test_flush_after_seconds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bp, "FLUSH_SECONDS", 0.0)
    state = tmp_path / "state"
    with BoilerplateStore(state) as store:
        _feed(store, 3)
        assert _fresh_sum(state)[0] == 3


def test_prune_drops_single_page_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bp, "PRUNE_EVERY", 20)
    state = tmp_path / "state"
    with BoilerplateStore(state) as store:
        _feed(store, 20)
        assert store.is_boilerplate(SITE, FOOTER)
        assert not store.is_boilerplate(SITE, CORRECTION)
        with sqlite3.connect(state / bp.FILENAME) as db:
            assert db.execute("SELECT min(pages), count(*) FROM lines").fetchone() == (2, 2)
    assert _fresh_sum(state) == (20, True)
