"""An article exported earlier and then edited, the edit announced by a feed's newer
``<updated>``, is re-fetched and re-exported even when a section page linked it first (the
link marks it as met in this run before the feed, found on that same page, is read)."""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer, serve
from tests.conftest import read_jsonl, run_scrapy
from tests.helpers.site import article_path, write_site

pytestmark = pytest.mark.slow

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test News</title>
<entry><title>Story 0</title><link href="BASE{path}"/><updated>{updated}</updated></entry>
</feed>"""


def write_feed(root: Path, updated: str) -> None:
    (root / "atom.xml").write_text(ATOM.format(path=article_path(0), updated=updated), "utf-8")


def crawl(site: SiteServer, tmp_path: Path, name: str) -> tuple[list[dict], str]:
    out = tmp_path / f"{name}.jsonl"
    # The section page is the only start URL: its links are judged before the feed it
    # announces (a <link rel="alternate">) is fetched.
    result = run_scrapy(["crawl", "news", "-a", f"url={site.base_url}/section/p0.html",
                         "-O", str(out), "-s", "DOWNLOAD_DELAY=0",
                         "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CRAWLER_EXTRACT_WORKERS=0",
                         "-s", "CRAWLER_RECHECK_DAYS=0"], tmp_path, timeout=90)
    assert result.returncode == 0, result.stderr[-3000:]
    return read_jsonl(out), result.stderr


def test_edit_announced_after_the_link_is_refetched(tmp_path: Path) -> None:
    root = tmp_path / "site"
    expected = write_site(root, 3)
    section = root / "section" / "p0.html"
    section.write_text(section.read_text("utf-8").replace(
        "<head>", '<head><link rel="alternate" type="application/atom+xml" href="/atom.xml">'),
        "utf-8")
    write_feed(root, "2026-11-20T09:15:00+01:00")
    with serve(root) as site:
        first, _ = crawl(site, tmp_path, "run1")
        assert {r["url"].removeprefix(site.base_url) for r in first} == expected
        second, _ = crawl(site, tmp_path, "run2")
        assert second == []  # nothing changed, nothing announced
        story = root / article_path(0).lstrip("/")
        story.write_text(story.read_text("utf-8").replace("Paragraph 2 of the story",
                                                          "Corrected paragraph 2 of the story"),
                         "utf-8")
        # The feed dates the edit to the second; the export may have happened earlier in
        # this same second (two short runs), and then the edit is not newer than it. The
        # next whole second is newer than anything before now: wait for it (< 1 s).
        edited = math.floor(time.time()) + 1
        time.sleep(max(0.0, edited - time.time()))
        write_feed(root, datetime.fromtimestamp(edited, UTC).isoformat(timespec="seconds"))
        third, log = crawl(site, tmp_path, "run3")
    assert [r["url"] for r in third] == [site.base_url + article_path(0)]
    assert "Corrected paragraph 2" in third[0]["articleBody"]
    assert "'discovery/refetch_announced_change': 1" in log
