"""Absent fields are omitted, never ``null``, in every feed format (a real crawl with
``-O out.json -O out.jsonl -O out.xml``); dates parse as full ISO 8601 timestamps."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest

from crawler.demo.server import serve
from tests.conftest import read_jsonl, run_scrapy
from tests.helpers.site import write_site

ARTICLES = 3


@pytest.mark.slow
def test_no_nulls_in_any_format(tmp_path: Path) -> None:
    expected = write_site(tmp_path / "site", ARTICLES)
    feeds = {kind: tmp_path / f"out.{kind}" for kind in ("json", "jsonl", "xml")}
    with serve(tmp_path / "site") as site:
        args = ["crawl", "news", "-a", f"url={site.base_url}/",
                "-s", "CRAWLER_EXTRACT_WORKERS=0", "-s", "DOWNLOAD_DELAY=0",
                "-s", "AUTOTHROTTLE_ENABLED=False"]
        for path in feeds.values():
            args += ["-O", str(path)]
        result = run_scrapy(args, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    records = json.loads(feeds["json"].read_text("utf-8"))
    assert len(records) == len(expected)
    assert "null" not in feeds["json"].read_text("utf-8")
    assert "canonicalUrl" not in records[0] or records[0]["canonicalUrl"]
    for record in records:
        assert None not in record.values()
    assert sorted(records, key=lambda r: r["url"]) == sorted(read_jsonl(feeds["jsonl"]),
                                                              key=lambda r: r["url"])
    for item in ET.parse(feeds["xml"]).getroot():
        assert [child.tag for child in item if not (child.text or len(child))] == []
    # The dates a consumer parses: full timestamps with an offset (pandas' to_datetime reads
    # these the same way; it is not a dependency, so the standard parser checks the form).
    for record in records:
        for name in ("datePublished", "dateModified"):
            if name in record:
                assert datetime.fromisoformat(record[name]).tzinfo is not None, record[name]
