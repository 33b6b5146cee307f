"""The SQLite state store: persistence across instances and process death, and the
skip-before-fetch decisions built on it (freshness, recheck window, fresh runs)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crawler.dates import parse_date
from crawler.extraction.evidence import Evidence
from crawler.spiders.freshness import Freshness
from crawler.state.base import StateStore
from crawler.state.factory import open_state_store
from crawler.state.sqlite_store import FILENAME, SqliteStateStore
from crawler.urlcanon import url_key

HASH_A = "706528a8e68b6199b5a03eb2a9b2ab7fd4265c34"
HASH_B = "0000000000000000000000000000000000000001"
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def test_factory_opens_sqlite_in_state_dir(tmp_path: Path) -> None:
    store = open_state_store({"CRAWLER_STATE_DIR": str(tmp_path / "s")})
    assert isinstance(store, SqliteStateStore)
    store.close()
    assert (tmp_path / "s" / FILENAME).exists()


def test_records_persist_across_instances(tmp_path: Path) -> None:
    store = SqliteStateStore(tmp_path / FILENAME)
    store.mark_exported("news.example/a", HASH_A, "2026-11-20T09:15:00+01:00")
    store.mark_seen("news.example/b")
    store.close()
    again: StateStore = SqliteStateStore(tmp_path / FILENAME)
    a = again.get("news.example/a")
    assert a is not None and a.content_hash == HASH_A
    assert a.published == "2026-11-20T09:15:00+01:00" and a.exported_at
    b = again.get("news.example/b")
    assert b is not None and b.content_hash is None and b.exported_at is None
    assert again.get("news.example/c") is None
    assert len(again) == 2
    again.close()


def test_seen_never_overwrites_exported_and_export_updates(tmp_path: Path) -> None:
    store = SqliteStateStore(tmp_path / FILENAME)
    store.mark_exported("k", HASH_A, None)
    store.mark_seen("k")
    assert store.get("k").content_hash == HASH_A  # type: ignore[union-attr]
    store.mark_exported("k", HASH_B, "2026-11-26")
    assert store.get("k").content_hash == HASH_B  # type: ignore[union-attr]
    store.mark_exported("k2", "not-hex", None)  # other backends' hashes pass through
    assert store.get("k2").content_hash == "not-hex"  # type: ignore[union-attr]
    store.close()


_CHILD = """
import os, sys, time
from crawler.state.sqlite_store import SqliteStateStore
store = SqliteStateStore(sys.argv[1])
store.mark_exported("flushed", "{h}", None)
store.flush()
store.mark_exported("unflushed", "{h}", None)
print("ready", flush=True)
time.sleep(60)
"""


def test_flushed_writes_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / FILENAME
    with subprocess.Popen([sys.executable, "-c", _CHILD.format(h=HASH_A), str(path)],
                          stdout=subprocess.PIPE, text=True) as child:
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=10)
    store = SqliteStateStore(path)
    assert store.get("flushed") is not None
    assert store.get("unflushed") is None  # not flushed: not promised
    store.close()


@pytest.fixture
def store(tmp_path: Path):
    s = SqliteStateStore(tmp_path / FILENAME)
    yield s
    s.close()


def fresh(store: StateStore | None, since: str | None = None) -> Freshness:
    return Freshness(store, parse_date(since), timedelta(days=2), NOW)


def test_unknown_url_is_fetched(store: SqliteStateStore) -> None:
    assert fresh(store).skip_reason("https://n.example/a", Evidence(), candidate=True) is None


def test_exported_old_article_skipped_under_any_variant(store: SqliteStateStore) -> None:
    store.mark_exported(url_key("https://n.example/a"), HASH_A, "2026-11-01T10:00:00Z")
    for variant in ("https://n.example/a", "https://n.example/a/?utm_source=x",
                    "https://www.n.example/a/amp/"):
        assert fresh(store).skip_reason(variant, Evidence(), candidate=False) == "seen"


def test_recent_article_rechecked_within_window(store: SqliteStateStore) -> None:
    store.mark_exported(url_key("https://n.example/a"), HASH_A, "2026-11-26T10:00:00+00:00")
    assert fresh(store).skip_reason("https://n.example/a", Evidence(), candidate=True) is None


def test_newer_lastmod_refetches(store: SqliteStateStore) -> None:
    store.mark_exported(url_key("https://n.example/a"), HASH_A, "2026-01-01")
    later = Evidence(lastmod=datetime.now(UTC) + timedelta(minutes=5))
    earlier = Evidence(lastmod=datetime(2026, 1, 1, tzinfo=UTC))
    assert fresh(store).skip_reason("https://n.example/a", later, candidate=True) is None
    assert fresh(store).skip_reason("https://n.example/a", earlier, candidate=True) == "seen"


def test_seen_non_article_skipped_only_for_candidates(store: SqliteStateStore) -> None:
    store.mark_seen(url_key("https://n.example/section/x"))
    f = fresh(store)
    assert f.skip_reason("https://n.example/section/x", Evidence(), candidate=True) == "seen"
    assert f.skip_reason("https://n.example/section/x", Evidence(), candidate=False) is None


def test_fresh_run_ignores_state(store: SqliteStateStore) -> None:
    store.mark_exported(url_key("https://n.example/a"), HASH_A, "2026-01-01")
    assert fresh(None).skip_reason("https://n.example/a", Evidence(), candidate=True) is None


def test_date_window_skips_old_entries(store: SqliteStateStore) -> None:
    f = fresh(store, since="2026-11-01")
    old = Evidence(published=datetime(2026, 10, 30, tzinfo=UTC))
    new = Evidence(published=datetime(2026, 11, 2, tzinfo=UTC))
    old_lastmod = Evidence(lastmod=datetime(2026, 10, 1, tzinfo=UTC))
    assert f.skip_reason("https://n.example/old", old, candidate=True) == "too_old"
    assert f.skip_reason("https://n.example/old2", old_lastmod, candidate=True) == "too_old"
    assert f.skip_reason("https://n.example/new", new, candidate=True) is None
    assert f.skip_reason("https://n.example/undated", Evidence(), candidate=True) is None
