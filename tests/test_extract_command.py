"""`scrapy extract` on saved pages: HTML, gzipped HTML and WARC, to a file or stdout."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.demo.server import DEMO_SITE
from crawler.schema import schema_errors
from tests.conftest import read_jsonl, run_scrapy

pytestmark = pytest.mark.slow

BRIDGE = DEMO_SITE / "2026/11/20/city-council-approves-new-bridge-over-riverton.html"
LIBRARY = DEMO_SITE / "2026/11/21/riverton-library-reopens-after-flood-repairs.html"
# Extraction in the command's process where the test is about inputs and outputs, not the
# worker pool (the WARC test keeps the default pool; its fork server costs ~0.8 s of CPU).
INLINE = ["-s", "CRAWLER_EXTRACT_WORKERS=0"]
RUSSIAN = DEMO_SITE / "2026/11/24/v-rivertone-otkrylsya-muzey-rechnogo-flota.cp1251.html"


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, body, ctype in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload to a temp file it never closes


def test_warc_records_become_records_under_target_uri(tmp_path: Path) -> None:
    warc = tmp_path / "pages.warc.gz"
    write_warc(warc, [
        ("https://ledger.example/bridge", BRIDGE.read_bytes(), "text/html; charset=utf-8"),
        ("https://ledger.example/ru", RUSSIAN.read_bytes(), "text/html; charset=windows-1251"),
        ("https://ledger.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    ])
    out = tmp_path / "out.jsonl"
    proc = run_scrapy(["extract", str(warc), "-o", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = {r["url"]: r for r in read_jsonl(out)}
    assert set(records) == {"https://ledger.example/bridge", "https://ledger.example/ru"}
    assert records["https://ledger.example/ru"]["headline"] == "В Ривертоне открылся музей речного флота"
    for record in records.values():
        assert schema_errors(record) == []


def test_gzipped_html_with_url_to_stdout(tmp_path: Path) -> None:
    page = tmp_path / "library.html.gz"
    page.write_bytes(gzip.compress(LIBRARY.read_bytes()))
    proc = run_scrapy(["extract", "--url", "https://ledger.example/library", str(page), *INLINE],
                      tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (record,) = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert record["url"] == "https://ledger.example/library"
    assert "Edith Marsh" in record["articleBody"]
    assert "Sign up for our free newsletter" not in record["articleBody"]


def test_bad_inputs_are_counted_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "broken.warc.gz").write_bytes(b"\x1f\x8b this is not gzip")
    (tmp_path / "empty.html").write_bytes(b"")
    out = tmp_path / "out.jsonl"
    proc = run_scrapy(
        ["extract", str(tmp_path / "notes.txt"), str(tmp_path / "broken.warc.gz"),
         str(tmp_path / "empty.html"), str(BRIDGE), "-o", str(out), "-s", "LOG_LEVEL=INFO",
         *INLINE],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = read_jsonl(out)
    # every page read gets a record; an empty file holds no page: counted, not recorded
    assert len(records) == 1
    verdicts = sorted(r["metadata"].get("verdict", "") for r in records)
    assert verdicts == [""]
    assert all(schema_errors(r) == [] for r in records)
    assert "'extract/unreadable/unsupported_file': 1" in proc.stderr
    assert "'extract/unreadable/warc_without_html': 1" in proc.stderr
    assert "'extract/unreadable/empty_file': 1" in proc.stderr


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    warc = tmp_path / "pages.warc.gz"
    write_warc(warc, [(f"https://ledger.example/{i}", BRIDGE.read_bytes(), "text/html")
                      for i in range(5)])
    leader, follower = os.openpty()
    cmd = [sys.executable, "-m", "scrapy.cmdline", "extract", str(warc), "-o",
           str(tmp_path / "o.jsonl"), "-s", "CRAWLER_PROGRESS_BAR_MIN_BYTES=0",
           "-s", f"CRAWLER_STATE_DIR={tmp_path}"]
    proc = subprocess.run(cmd, cwd=ROOT, stderr=follower, stdout=subprocess.DEVNULL,
                          timeout=120, check=False)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    assert proc.returncode == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "extract: 100% [" + "#" * 30 + "]" in screen


def test_capital_o_writes_the_file_as_in_scrapy_crawl(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("stale line\n", "utf-8")
    proc = run_scrapy(["extract", str(BRIDGE), "-O", str(out), *INLINE], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == ""  # the records went to the file, not to stdout
    (record,) = read_jsonl(out)  # overwritten: the stale line is gone
    assert record["articleBody"]
