"""``scrapy extract`` on inputs it cannot read: a reason per input, a summary line, exit 1 when
no input could be read, never a traceback (real commands, run as subprocesses)."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_scrapy
from tests.test_extract_command import BRIDGE, LIBRARY, write_warc

pytestmark = pytest.mark.slow


def extract(tmp_path: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    result = run_scrapy(["extract", *map(str, paths), "-s", "CRAWLER_EXTRACT_WORKERS=0"],
                        tmp_path, timeout=90)
    assert "Traceback" not in result.stderr
    return result


def summary(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if "extract: " in line]
    assert len(lines) == 1, result.stderr[-2000:]
    return lines[0]


def truncated_warc(tmp_path: Path, cut: int) -> Path:
    warc = tmp_path / f"cut{cut}.warc.gz"
    write_warc(warc, [(f"https://site.example/{n}", page.read_bytes(), "text/html")
                      for n, page in enumerate([BRIDGE, LIBRARY, BRIDGE])])
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - cut])
    return warc


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "words"), [
    (lambda d: d / "missing.html", ["no such file", "missing.html"]),
    (lambda d: d, ["a directory"]),
    (lambda d: write(d / "empty.html", b""), ["empty file"]),
    (lambda d: write(d / "bin.html", b"\x00\x01\x02" * 100), ["binary data"]),
    (lambda d: write(d / "cut.html.gz", gzip.compress(BRIDGE.read_bytes())[:-40]),
     ["cannot read", "cut.html.gz"]),
])
def test_unreadable_input_fails_with_its_reason(tmp_path: Path, make, words) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = make(inputs)
    result = extract(tmp_path, path)
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stdout == ""
    reasons = [line for line in result.stderr.splitlines() if "ERROR" in line]
    assert len(reasons) == 1 and all(w in reasons[0] for w in words), result.stderr[-2000:]
    assert "1 could not be read" in summary(result)


@pytest.mark.parametrize("cut", [30, 1500])
def test_truncated_warc_is_named(tmp_path: Path, cut: int) -> None:
    warc = truncated_warc(tmp_path, cut)
    result = extract(tmp_path, warc, tmp_path / "missing.html")
    assert result.returncode == 0  # the pages before the cut were read
    assert "truncated WARC" in result.stderr or "broken WARC" in result.stderr
    assert "no such file" in result.stderr
    assert "2 could not be read" in summary(result)
