"""Crash-safe resume: kill -9 a crawl at seeded random points, run the same command again,
and reconcile the feeds against the site: every article exactly once, no partial line."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from crawler.demo.server import serve
from crawler.export.recovery import feed_dirs, recover_part
from crawler.export.storage import PART_SUFFIX, AtomicFileFeedStorage
from tests.conftest import ROOT, child_env, read_jsonl
from tests.helpers.site import write_site

pytestmark = pytest.mark.slow

# 150 articles: three kill points drawn from [10, 130) still land in three different runs
# (each resumed run must write more lines before its kill); 300 only doubled the extraction.
ARTICLES = 150
SEED = 20261127


def crawl_command(base_url: str, out: Path, state: Path) -> list[str]:
    return [sys.executable, "-m", "scrapy.cmdline", "crawl", "news", "-a", f"url={base_url}/",
            # -s FEEDS, not -o: Scrapy merges -o with the project's default feed.
            "-s", "FEEDS=" + json.dumps({f"{out}/%(time)s.jsonl": {"format": "jsonlines"}}),
            "-s", f"CRAWLER_STATE_DIR={state}", "-s", "CRAWLER_EXTRACT_WORKERS=1",
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=INFO"]


def _feed_files(out: Path) -> list[Path]:
    # JSON Lines feeds and JSON arrays being written (one record a line in both).
    return [*out.glob("*.jsonl*"), *out.glob(f"*.json{PART_SUFFIX}")]


def lines_written(out: Path) -> int:
    total = 0
    for path in _feed_files(out):
        try:
            total += path.read_bytes().count(b"\n")
        except FileNotFoundError:  # renamed under us
            continue
    return total


class LineCounter:
    """:func:`lines_written`, polled every 10 ms while a crawl runs, reading only the bytes
    appended since the last poll (re-reading every whole feed 100 times a second costs CPU
    that grows with the feed). A file that shrank or was replaced is counted afresh."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.seen: dict[Path, tuple[int, int, int]] = {}  # path -> (inode, offset, lines)

    def __call__(self) -> int:
        now: dict[Path, tuple[int, int, int]] = {}
        for path in _feed_files(self.out):
            try:
                with path.open("rb") as fh:
                    inode = os.fstat(fh.fileno()).st_ino
                    old_inode, offset, lines = self.seen.get(path, (inode, 0, 0))
                    if old_inode != inode or os.fstat(fh.fileno()).st_size < offset:
                        offset, lines = 0, 0
                    fh.seek(offset)
                    data = fh.read()
            except FileNotFoundError:  # renamed under us
                continue
            now[path] = (inode, offset + len(data), lines + data.count(b"\n"))
        self.seen = now
        return sum(lines for _, _, lines in now.values())


def run_until(cmd: list[str], out: Path, log: Path, kill_at: int | None, *,
              sig: int = signal.SIGKILL, timeout: float = 180,
              when: Callable[[], bool] | None = None) -> int:
    """Run the crawl; send ``sig`` once the feeds hold ``kill_at`` lines (or, given ``when``,
    once ``when()`` is true). The exit code."""
    env = child_env()
    counted = LineCounter(out)
    armed = kill_at is not None or when is not None
    with log.open("ab") as log_fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log_fh, stderr=log_fh)
        deadline = time.monotonic() + timeout
        try:
            while proc.poll() is None and time.monotonic() < deadline:
                if armed and (when() if when is not None else counted() >= (kill_at or 0)):
                    proc.send_signal(sig)
                    armed = False
                time.sleep(0.01)
            return proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def reconcile(out: Path, base_url: str, expected: set[str]) -> None:
    assert not list(out.glob(f"*{PART_SUFFIX}")), "a finished crawl leaves no part file"
    seen: Counter[str] = Counter()
    for feed in sorted(out.glob("*.jsonl")):
        data = feed.read_bytes()
        assert not data or data.endswith(b"\n"), f"truncated last line in {feed}"
        seen.update(r["url"].removeprefix(base_url) for r in read_jsonl(feed))
    assert set(seen) == expected, (len(set(seen)), len(expected))
    assert [k for k, n in seen.items() if n > 1] == []


def test_sigkill_three_times_then_resume_exports_every_article_once(tmp_path: Path) -> None:
    expected = write_site(tmp_path / "site", ARTICLES)
    out, state, log = tmp_path / "out", tmp_path / "state", tmp_path / "crawl.log"
    rng = random.Random(SEED)
    kill_points = sorted(rng.sample(range(10, ARTICLES - 20), 3))
    with serve(tmp_path / "site") as site:
        cmd = crawl_command(site.base_url, out, state)
        for point in kill_points:
            code = run_until(cmd, out, log, point)
            assert code == -signal.SIGKILL, log.read_text()[-3000:]
            assert lines_written(out) < ARTICLES
        assert run_until(cmd, out, log, None) == 0, log.read_text()[-3000:]
    text = log.read_text()
    assert text.count("Resuming crawl") == 3
    assert "'finish_reason': 'finished'" in text
    reconcile(out, site.base_url, expected)


def test_sigint_then_resume(tmp_path: Path) -> None:
    expected = write_site(tmp_path / "site", 120)
    out, state, log = tmp_path / "out", tmp_path / "state", tmp_path / "crawl.log"
    with serve(tmp_path / "site") as site:
        cmd = crawl_command(site.base_url, out, state)
        assert run_until(cmd, out, log, 30, sig=signal.SIGINT) == 0
        assert "'finish_reason': 'shutdown'" in log.read_text()
        assert run_until(cmd, out, log, None) == 0
    assert "Resuming crawl" in log.read_text()
    reconcile(out, site.base_url, expected)


def test_recover_part_cuts_partial_line_and_renames(tmp_path: Path) -> None:
    part = tmp_path / f"feed.jsonl{PART_SUFFIX}"
    part.write_bytes(b'{"url": "a"}\n{"url": "b"}\n{"url": "c", "hea')
    recovered = recover_part(part)
    assert recovered is not None
    final, records = recovered
    assert final == tmp_path / "feed.jsonl"
    assert not part.exists()
    assert final.read_bytes() == b'{"url": "a"}\n{"url": "b"}\n'
    assert [r["url"] for r in records] == ["a", "b"]


def test_recover_part_leaves_a_live_feed_alone(tmp_path: Path) -> None:
    storage = AtomicFileFeedStorage(str(tmp_path / "live.jsonl"))
    file = storage.open(None)  # type: ignore[arg-type]
    file.write(json.dumps({"url": "x"}).encode() + b"\n")
    assert recover_part(storage.part_path) is None
    storage.store(file)
    assert (tmp_path / "live.jsonl").read_bytes() == b'{"url": "x"}\n'


def test_feed_dirs_cut_templates(tmp_path: Path) -> None:
    uris = [f"{tmp_path}/%(name)s/%(time)s.jsonl", f"file://{tmp_path}/x/%(batch_id)d/a.jl",
            "s3://bucket/%(name)s.jl"]
    assert feed_dirs(uris, "news") == [tmp_path / "news", tmp_path / "x"]
