"""A feed being written is never visible under its final name."""

from __future__ import annotations

from pathlib import Path

from scrapy import Spider

from crawler.export.storage import PART_SUFFIX, AtomicFileFeedStorage


def test_written_as_part_then_renamed(tmp_path: Path) -> None:
    final = tmp_path / "sub" / "feed.jsonl"
    storage = AtomicFileFeedStorage(str(final), feed_options={"overwrite": True})
    f = storage.open(Spider("s"))
    f.write(b'{"a": 1}\n')
    assert not final.exists()
    assert Path(str(final) + PART_SUFFIX).exists()
    storage.store(f)
    assert final.read_bytes() == b'{"a": 1}\n'
    assert not Path(str(final) + PART_SUFFIX).exists()


def test_append_mode_appends_to_existing_feed(tmp_path: Path) -> None:
    final = tmp_path / "feed.jsonl"
    final.write_bytes(b'{"old": 1}\n')
    storage = AtomicFileFeedStorage(str(final), feed_options={"overwrite": False})
    f = storage.open(Spider("s"))
    f.write(b'{"new": 2}\n')
    assert final.read_bytes() == b'{"old": 1}\n'
    storage.store(f)
    assert final.read_bytes() == b'{"old": 1}\n{"new": 2}\n'
