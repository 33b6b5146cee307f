"""End to end: crawls of loopback test sites. A site whose byline markup changes between two
runs fails the authors coverage monitor, with before/after figures in the log, the stats file,
the report and a configured notification; a site of walls counts each page under its
outcome and exports its paywalled teasers flagged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawler.demo.server import running, serve
from crawler.report.model import load_run
from crawler.report.render import render_report
from tests.conftest import read_jsonl, run_scrapy
from tests.test_incremental_crawl import prose

pytestmark = pytest.mark.slow

SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
            "-s", "CRAWLER_EXTRACT_WORKERS=0", "-s", "CRAWLER_PROBE_FEEDS=False",
            "-s", "LOG_LEVEL=INFO"]
ARTICLES = 6
BYLINE = '<p class="byline">By <a rel="author" href="/author/ada-quay">Ada Quay</a></p>'
# The redesign: the same name, in markup no byline rule knows.
REDESIGNED = '<div class="meta-line"><span data-role="contributor">Ada Quay</span> · 5 min</div>'
FIXTURES = Path(__file__).parent / "fixtures" / "outcomes"


def write_site(root: Path, byline: str) -> None:
    """A home page linking ARTICLES stories whose only author is in the byline markup."""
    links = []
    for i in range(ARTICLES):
        path = f"2026/11/2{i}/quay-story-number-{i}.html"
        links.append(f'<li><a href="/{path}">Quay story number {i}</a></li>')
        ld = {"@context": "https://schema.org", "@type": "NewsArticle",
              "headline": f"Quay story number {i}", "inLanguage": "en",
              "datePublished": f"2026-11-2{i}T09:00:00+00:00"}
        body = "\n".join(f"<p>{p}</p>" for p in prose(500 + i))
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<title>Quay story number {i}</title><meta property="og:type" content="article">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body><main>'
            f'<article><h1>Quay story number {i}</h1>{byline}<div class="story-body">{body}'
            "</div></article></main></body></html>", "utf-8")
    (root / "index.html").write_text(
        f"<html><head><title>Quay News</title></head><body><ul>{''.join(links)}</ul></body></html>",
        "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", "utf-8")


def crawl(base_url: str, tmp_path: Path, name: str, *extra: str,
          exitcode: int = 0) -> tuple[str, Path]:
    out = tmp_path / f"{name}.jsonl"
    proc = run_scrapy(["crawl", "news", "-a", f"url={base_url}/", "-O", str(out), *SETTINGS,
                       *extra], tmp_path, timeout=90)
    assert proc.returncode == exitcode, proc.stderr[-3000:]
    return proc.stderr, out


def test_byline_redesign_fails_the_authors_monitor(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_site(root, BYLINE)
    sent = tmp_path / "notifications.txt"
    notify = ["-s", "CRAWLER_MONITOR_FAILED_ACTIONS=tests.helpers.monitor_action.RecordFailures",
              "-s", f"TEST_MONITOR_ACTION_FILE={sent}", "-s", "CRAWLER_MONITOR_FAILED_EXIT=3"]
    with serve(root) as site:
        log1, feed1 = crawl(site.base_url, tmp_path, "run1", *notify)  # nothing failed: 0
        assert not sent.exists()  # nothing failed, nothing sent
        write_site(root, REDESIGNED)
        log2, feed2 = crawl(site.base_url, tmp_path, "run2", "-a", "fresh=1", *notify,
                            exitcode=3)
    assert "scrapy crawl news: 1 monitor finding: coverage/127.0.0.1/authors" in log2
    assert all(r.get("authors") == [{"name": "Ada Quay"}] for r in read_jsonl(feed1))
    assert len(read_jsonl(feed2)) == ARTICLES
    assert "monitors/failed/" not in (tmp_path / "run1.stats.json").read_text("utf-8")

    line = "site 127.0.0.1: authors coverage 1.00 → 0.00 since the last run"
    assert [x for x in log2.splitlines() if "ERROR" in x and x.endswith(line)], log2[-3000:]
    assert " ERROR: " not in log1
    stats = json.loads((tmp_path / "run2.stats.json").read_text("utf-8"))["stats"]
    assert stats["monitors/failed/coverage/127.0.0.1/authors"] == line
    assert stats["site/127.0.0.1/coverage/authors"] == 0.0
    assert stats["site/127.0.0.1/coverage_before/authors"] == 1.0
    # other fields did not move: no finding for them
    assert [k for k in stats if k.startswith("monitors/failed/")] == [
        "monitors/failed/coverage/127.0.0.1/authors"]
    report = (tmp_path / "run2.report.html").read_text("utf-8")
    failures = report.split('id="monitors"')[1].split("</section>")[0]
    assert line in failures and "failing" in failures
    assert line in sent.read_text("utf-8")  # the configured action ran

    # the comparison `scrapy report run1.stats.json run2.stats.json` writes (command tested
    # in tests/test_report.py)
    html = render_report([load_run(tmp_path / "run1.stats.json"),
                          load_run(tmp_path / "run2.stats.json")])
    assert "Runs compared" in html and "run1" in html and line in html


PAGES = {
    "/2026/11/20/lifeboat-crew-rescues-two-kayakers.html": (200, "free_article.html"),
    "/2026/11/20/dredging-plan-for-the-eastern-channel.html": (200, "paywalled_jsonld.html"),
    "/2026/11/20/ferry-fares-rise-for-the-winter.html": (200, "paywalled_container.html"),
    "/2026/11/20/harbour-budget-vote-delayed.html": (403, "blocked_challenge_403.html"),
    "/2026/11/20/storm-closes-coast-road.html": (429, "rate_limited_429.html"),
    "/2026/11/20/museum-gallery-opens.html": (200, "blocked_interstitial_200.html"),
    "/2026/11/20/school-regatta-results.html": (200, "needs_javascript.html"),
    "/2026/11/20/market-roof-repaired.html": (200, "consent_wall.html"),
}


class WallsHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/":
            links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in PAGES)
            status, body = 200, f"<html><body><ul>{links}</ul></body></html>".encode()
        elif path == "/robots.txt":
            status, body = 200, b"User-agent: *\nAllow: /\n"
        elif path in PAGES:
            status, name = PAGES[path]
            body = (FIXTURES / name).read_bytes()
        else:
            status, body = 404, b"<html><body>Not found</body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@contextmanager
def walls_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), WallsHandler)
    with running(server):
        yield f"http://127.0.0.1:{server.server_address[1]}"


def test_walls_are_counted_under_their_outcomes(tmp_path: Path) -> None:
    with walls_site() as base:
        _, feed = crawl(base, tmp_path, "walls", "-s", "CRAWLER_MONITOR_MIN_PAGES=5")
    stats = json.loads((tmp_path / "walls.stats.json").read_text("utf-8"))["stats"]
    outcome = {k.removeprefix("site/127.0.0.1/outcome/"): v for k, v in stats.items()
               if k.startswith("site/127.0.0.1/outcome/")}
    assert outcome.get("blocked") == 3  # a 403 challenge, a 429, a challenge page served 200
    assert outcome.get("paywalled") == 2
    assert outcome.get("needs_javascript") == 1
    assert outcome.get("consent_wall") == 1
    assert outcome.get("exported") == 1
    records = {r["url"].removeprefix(base): r for r in read_jsonl(feed)}
    assert set(records) == {p for p, (_, name) in PAGES.items()
                            if name in ("free_article.html", "paywalled_jsonld.html",
                                        "paywalled_container.html")}
    for path, record in records.items():
        flagged = PAGES[path][1].startswith("paywalled")
        assert record.get("isAccessibleForFree") is (False if flagged else None), path
        assert record["articleBody"]  # the teaser the page gave
    pages = sum(outcome.values())
    assert stats["monitors/failed/share/127.0.0.1/blocked"] == (
        f"site 127.0.0.1: blocked share {3 / pages:.2f} (3 of {pages} pages), above 0.10")
