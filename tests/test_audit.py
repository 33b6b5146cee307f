"""``CRAWLER_AUDIT=True`` shows every removal: blocks pruned from the DOM (rule and text) as
well as lines removed by the text rules, such as a ``<p>Views: 1234</p>`` counter inside the
body (a real ``scrapy extract`` run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_scrapy

pytestmark = pytest.mark.slow

STORY = " ".join(f"The harbour council met on Tuesday to discuss repairs to wall {n} and the"
                 " budget that residents approved last spring." for n in range(8))
PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour wall repairs approved</title><meta property="og:type" content="article">
</head><body><article><h1>Harbour wall repairs approved</h1>
<div class="share-buttons">Share on Facebook Share on X</div>
<p>{STORY}</p>
<p>Views: 1234</p>
<p>{STORY.replace("Tuesday", "Wednesday")}</p>
</article></body></html>"""


@pytest.mark.parametrize("audit", [True, False])
def test_audit_shows_pruned_blocks_and_counter_lines(tmp_path: Path, audit: bool) -> None:
    page = tmp_path / "story.html"
    page.write_text(PAGE, "utf-8")
    result = run_scrapy(["extract", str(page), "--url", "https://site.example/2026/11/20/a.html",
                         "-s", f"CRAWLER_AUDIT={audit}", "-s", "CRAWLER_EXTRACT_WORKERS=0"],
                        tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert "Views: 1234" not in record["articleBody"]
    assert "Share on Facebook" not in record["articleBody"]
    if not audit:
        assert "removedLines" not in record
        return
    removed = record["removedLines"]
    assert {"rule": "view_counter", "text": "Views: 1234"} in removed
    assert {"rule": "pruned/share_bar", "text": "Share on Facebook Share on X"} in removed
