"""End to end, incremental: the Harbour Gazette fixture site (tests/fixtures/sites/harbour)
crawled three times from a copy in tmp_path. Run 1 exports every article once; run 2 with
nothing changed exports nothing and fetches no article; after k articles are added and one
is edited, run 3 exports exactly those k + 1."""

from __future__ import annotations

import gzip
import json
import math
import random
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crawler.demo.server import SiteServer, serve
from crawler.urlcanon import url_key
from tests.conftest import read_jsonl, run_scrapy

pytestmark = pytest.mark.slow

SITE = Path(__file__).parent / "fixtures" / "sites" / "harbour"
CRAWL_SETTINGS = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                  "-s", "CRAWLER_MAX_ARCHIVE_PAGES=2", "-s", "CRAWLER_EXTRACT_WORKERS=2",
                  "-s", "LOG_LEVEL=INFO"]
# Paths of the articles run 1 must export (a7 is on archive page 3: beyond the bound).
FIRST_RUN = {
    "/2026/10/01/harbour-wall-repairs-finish-early.html",
    "/2026/10/02/fish-market-prices-fall-after-record-catch.html",
    "/2026/10/03/lighthouse-keeper-cottage-opens-to-visitors.html",
    "/2026/10/04/ferry-timetable-changes-for-winter/",
    "/2026/10/05/regatta-returns-after-five-years.html",
    "/2026/10/06/boatyard-apprentices-launch-their-first-dinghy.html",
    "/news/harbour-pilots-strike-ends-after-talks.html",
    "/2026/10/09/new-cold-store-for-the-fishing-fleet.html",
    "/2026/10/10/wire-harbour-wall-repairs-finish-ahead-of-schedule.html",
    "/2025/03/01/old-pier-lamps-restored.html",
}
_VOCABULARY = (
    "harbour council crew vessel tide quay skipper net cargo pier storm fleet lantern dock "
    "trawler engine market winter summer morning evening village island coast beach cliff "
    "gull rope anchor sail mast hull paint timber stone wall bridge road ferry bus school "
    "teacher pupil family neighbour visitor shop baker butcher fisher mayor officer engineer "
    "budget plan report meeting vote delay repair season weather forecast wind rain sun fog "
    "light keeper museum archive photo record history century decade year month week day "
    "ticket price wage contract union talk strike deal agreement surveyor inspector diver"
)
WORDS = _VOCABULARY.split()


def prose(seed: int, paragraphs: int = 6) -> list[str]:
    """Distinct filler paragraphs (random words: no two articles share 5-word shingles)."""
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(4):
            words = [rng.choice(WORDS) for _ in range(rng.randint(10, 16))]
            sentences.append(" ".join(words).capitalize() + ".")
        out.append(" ".join(sentences))
    return out


def article_html(title: str, date: str | None, paragraphs: list[str], canonical: str,
                 links: tuple[str, ...] = ()) -> str:
    """An article page of the fixture site: JSON-LD NewsArticle, byline, body, related links."""
    ld: dict[str, object] = {"@context": "https://schema.org", "@type": "NewsArticle",
                             "headline": title, "author": [{"@type": "Person", "name": "Ada Quay"}],
                             "inLanguage": "en",
                             "publisher": {"@type": "Organization", "name": "The Harbour Gazette"}}
    if date:
        ld["datePublished"] = date
    when = f' · <time datetime="{date}">{date[:10]}</time>' if date else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="{href}">Related story</a></li>' for href in links)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{title} - The Harbour Gazette</title>\n"
        '<meta property="og:type" content="article">'
        '<meta property="og:site_name" content="The Harbour Gazette">\n'
        f'<link rel="canonical" href="{canonical}">\n'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>\n</head><body>\n'
        '<header><a href="/">The Harbour Gazette</a><nav><a href="/section/local/">Local</a> '
        '<a href="/section/world/">World</a></nav></header>\n'
        f'<main><article><h1>{title}</h1><p class="byline">Ada Quay{when}</p>\n'
        f'<div class="story-body">\n{body}\n</div></article>\n'
        f'<aside><ul>{related}</ul></aside></main>\n'
        "<footer><p>© 2026 The Harbour Gazette</p></footer></body></html>\n"
    )


def write_article(root: Path, path: str, title: str, date: str | None, seed: int,
                  **kwargs: object) -> None:
    target = root / path.lstrip("/")
    if path.endswith("/"):
        target = target / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(article_html(title, date, prose(seed), path, **kwargs), "utf-8")  # type: ignore[arg-type]


def publish(root: Path, base: str) -> None:
    """Gzip ``*.xml.gz.src`` into ``*.xml.gz`` with ``BASE`` replaced (gzip bodies are served
    as they are, so the server cannot substitute inside them)."""
    for src in root.rglob("*.xml.gz.src"):
        data = src.read_bytes().replace(b"BASE", base.encode())
        src.with_name(src.name.removesuffix(".src")).write_bytes(gzip.compress(data))


def crawl(site: SiteServer, tmp_path: Path, name: str, *extra: str) -> tuple[list[dict], str]:
    out = tmp_path / f"{name}.jsonl"
    proc = run_scrapy(["crawl", "news", "-a", f"url={site.base_url}/", "-O", str(out),
                       *CRAWL_SETTINGS, *extra], tmp_path, timeout=90)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return read_jsonl(out), proc.stderr


def paths(records: list[dict], site: SiteServer) -> list[str]:
    return sorted(r["url"].removeprefix(site.base_url) for r in records)


def add_articles(root: Path, k: int) -> list[str]:
    """k new articles, listed in the RSS feed (and nowhere else)."""
    added, items = [], []
    for i in range(k):
        path = f"/2026/11/{10 + i}/new-story-number-{i}-from-the-quay.html"
        write_article(root, path, f"New story number {i} from the quay",
                      f"2026-11-{10 + i}T08:00:00+00:00", 1000 + i)
        added.append(path)
        items.append(f"<item><title>New story {i}</title><link>BASE{path}</link>"
                     f"<pubDate>Tue, {10 + i} Nov 2026 08:00:00 +0000</pubDate></item>")
    rss = root / "rss.xml"
    rss.write_text(rss.read_text("utf-8").replace("<channel>", "<channel>" + "".join(items), 1),
                   "utf-8")
    return added


def edit_article(root: Path, path: str) -> None:
    """Change the body of an old article and say so in the sitemap's lastmod."""
    write_article(root, path, "Regatta returns after five years", "2026-10-05T10:00:00+00:00",
                  seed=777)
    sitemap = root / "sitemaps" / "articles.xml"
    # Dated to the second, the edit must be newer than run 1's export, which may fall in the
    # current second when runs are short: the next whole second is (waited for, < 1 s).
    edited = math.floor(time.time()) + 1
    time.sleep(max(0.0, edited - time.time()))
    now = datetime.fromtimestamp(edited, UTC).isoformat(timespec="seconds")
    text = sitemap.read_text("utf-8").replace(
        f"<loc>BASE{path}</loc><lastmod>2026-10-05T10:00:00+00:00</lastmod>",
        f"<loc>BASE{path}</loc><lastmod>{now}</lastmod>")
    assert now in text
    sitemap.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory):
    tmp_path = tmp_path_factory.mktemp("incremental")
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    with serve(root) as site:
        publish(root, site.base_url)
        first, log1 = crawl(site, tmp_path, "run1")
        requests1 = list(site.requests)
        site.requests.clear()
        second, log2 = crawl(site, tmp_path, "run2")
        requests2 = list(site.requests)
        added = add_articles(root, 3)
        edited = "/2026/10/05/regatta-returns-after-five-years.html"
        edit_article(root, edited)
        third, log3 = crawl(site, tmp_path, "run3")
        fresh, _ = crawl(site, tmp_path, "fresh", "-a", "fresh=1")
        yield {"site": site, "first": first, "second": second, "third": third, "fresh": fresh,
               "log1": log1, "log2": log2, "log3": log3, "requests1": requests1,
               "requests2": requests2, "added": added, "edited": edited}


def test_first_run_exports_every_article_once(runs) -> None:
    site = runs["site"]
    got = paths(runs["first"], site)
    keys = [url_key(u) for u in got]
    assert len(keys) == len(set(keys)), got
    # The AMP and tracking-parameter variants count as their canonical article.
    assert {url_key(site.base_url + p) for p in got} == {url_key(site.base_url + p)
                                                         for p in FIRST_RUN}


def test_archive_pagination_bounded(runs) -> None:
    assert not [p for p in runs["requests1"] if "/page/3" in p]
    assert "pagination_limit" in runs["log1"]


def test_feeds_found_by_probe_and_autodiscovery(runs) -> None:
    requests = runs["requests1"]
    assert "/atom.xml" in requests and "/feed.json" in requests
    assert "'discovery/probe/found': 2" in runs["log1"]  # atom.xml, rss.xml


def test_sitemap_evidence_fills_missing_date_and_keeps_no_future(runs) -> None:
    by_path = {r["url"].rsplit("/", 1)[-1]: r for r in runs["first"]}
    pilots = by_path["harbour-pilots-strike-ends-after-talks.html"]
    assert pilots["datePublished"] == "2026-10-07T06:30:00+00:00"
    assert pilots["keywords"] == ["Harbour", "Strike"]
    store = by_path["new-cold-store-for-the-fishing-fleet.html"]
    assert store["datePublished"] == "2026-10-09T12:00:00+00:00"
    assert "'discovery/bad_date/published_future': 1" in runs["log1"]
    assert "'discovery/bad_date/published_unparseable': 1" in runs["log1"]


def test_near_duplicate_marked_not_dropped(runs) -> None:
    by_path = {r["url"].rsplit("/", 1)[-1]: r for r in runs["first"]}
    wall = by_path["harbour-wall-repairs-finish-early.html"]
    wire = by_path["wire-harbour-wall-repairs-finish-ahead-of-schedule.html"]
    marks = {wall.get("duplicateOf"), wire.get("duplicateOf")} - {None}
    assert marks in ({wall["url"]}, {wire["url"]})
    others = [r for r in runs["first"] if r is not wall and r is not wire]
    assert not [r for r in others if "duplicateOf" in r]


def test_bad_sitemaps_counted_not_fatal(runs) -> None:
    log = runs["log1"]
    assert "'discovery/rejected/malformed_xml': 1" in log
    assert "'links/skipped/offsite'" in log


def test_second_run_exports_and_fetches_no_article(runs) -> None:
    assert runs["second"] == []
    fetched = set(runs["requests2"])
    assert not {p for p in FIRST_RUN if p in fetched}, fetched
    line = next(line for line in runs["log2"].splitlines() if "site 127.0.0.1:" in line)
    assert "exported 0" in line and "skipped seen 0" not in line


def test_third_run_exports_added_and_edited_only(runs) -> None:
    site = runs["site"]
    assert paths(runs["third"], site) == sorted([*runs["added"], runs["edited"]])
    (edited,) = [r for r in runs["third"] if r["url"].endswith(runs["edited"])]
    assert edited["dateModified"].endswith("Z")


def test_per_site_summary_logged(runs) -> None:
    line = next(line for line in runs["log3"].splitlines() if "site 127.0.0.1:" in line)
    assert "discovered" in line and "exported 4" in line


def test_fresh_run_ignores_state(runs) -> None:
    site = runs["site"]
    assert len(runs["fresh"]) == len(FIRST_RUN) + len(runs["added"])
    assert {url_key(r["url"]) for r in runs["fresh"]} >= {url_key(site.base_url + p)
                                                           for p in runs["added"]}
