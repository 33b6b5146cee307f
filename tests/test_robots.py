"""robots.txt once per host: the spider reads ``Sitemap:`` lines from the parser Scrapy's
RobotsTxtMiddleware built, relative ones joined; no second fetch of robots.txt."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.demo.server import SiteServer, serve
from crawler.spiders.robots import SitemapRobotParser, host_sitemaps, robots_url
from tests.conftest import read_jsonl, run_scrapy
from tests.helpers.site import article_path, write_site

PROBES = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml")
ROBOTS = b"""User-agent: *
Disallow: /private/
Sitemap: /maps/news.xml
sitemap: https://news.example/abs.xml
Sitemap: maps/other.xml
Sitemap: /maps/news.xml
Sitemap: javascript:alert(1)
"""


def test_sitemap_lines_joined_to_the_robots_url() -> None:
    parser = SitemapRobotParser(ROBOTS, None)
    assert parser.sitemaps("http://127.0.0.1:8080/robots.txt") == [
        "http://127.0.0.1:8080/maps/news.xml",
        "https://news.example/abs.xml",
        "http://127.0.0.1:8080/maps/other.xml",
    ]
    assert not parser.allowed("http://127.0.0.1:8080/private/x.html", "bot")
    assert parser.allowed("http://127.0.0.1:8080/2026/a.html", "bot")


def test_no_sitemap_lines() -> None:
    assert SitemapRobotParser(b"User-agent: *\nAllow: /\n", None).sitemaps(
        "https://a.example/robots.txt") == []
    assert SitemapRobotParser(b"", None).sitemaps("https://a.example/robots.txt") == []


def test_robots_url() -> None:
    assert robots_url("https://a.example:8443/news/today?x=1") == "https://a.example:8443/robots.txt"


class LateMiddleware:
    """Like RobotsTxtMiddleware to a request that waited alongside another: None at first."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.calls = 0

    async def robot_parser(self, request: Any) -> Any:
        self.calls += 1
        return None if self.calls == 1 else self.parser


def test_host_sitemaps_asks_again_after_a_none() -> None:
    middleware = LateMiddleware(SitemapRobotParser(ROBOTS, None))
    found = asyncio.run(host_sitemaps(middleware, "http://h.example/news/"))  # type: ignore[arg-type]
    assert found[0] == "http://h.example/maps/news.xml"
    assert middleware.calls == 2


def test_host_sitemaps_when_robots_failed() -> None:
    middleware = LateMiddleware(None)
    assert asyncio.run(host_sitemaps(middleware, "http://h.example/")) == []  # type: ignore[arg-type]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[SiteServer, str]]:
    """A site whose last article is linked from nowhere: only a relative ``Sitemap:`` line
    of robots.txt leads to it."""
    root = tmp_path / "site"
    write_site(root, 4)
    hidden = article_path(3)
    section = root / "section" / "p0.html"
    section.write_text(section.read_text("utf-8").replace(f'href="{hidden}"', 'href="/"'),
                       "utf-8")
    (root / "maps").mkdir()
    (root / "maps" / "news.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>BASE{hidden}</loc></url></urlset>", "utf-8")
    # The feed probes wait for robots.txt alongside the start page: Disallowed, none is sent.
    disallow = "".join(f"Disallow: {path}\n" for path in PROBES)
    (root / "robots.txt").write_text(f"User-agent: *\n{disallow}Sitemap: /maps/news.xml\n",
                                     "utf-8")
    with serve(root) as server:
        yield server, hidden


@pytest.mark.slow
@pytest.mark.parametrize("obey", [True, False])  # off: the spider fetches robots.txt itself
def test_robots_fetched_once_and_relative_sitemap_followed(site, tmp_path: Path,
                                                           obey: bool) -> None:
    server, hidden = site
    out = tmp_path / "feed.jsonl"
    proc = run_scrapy(["crawl", "news", "-a", f"url={server.base_url}/", "-O", str(out),
                       "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                       # feed probes on: they wait for robots.txt alongside the spider
                       "-s", f"ROBOTSTXT_OBEY={obey}"],
                      tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert server.requests.count("/robots.txt") == 1, server.requests
    probed = [path for path in server.requests if path in PROBES]
    assert sorted(probed) == ([] if obey else sorted(PROBES)), server.requests
    assert "/maps/news.xml" in server.requests
    exported = {r["url"].removeprefix(server.base_url) for r in read_jsonl(out)}
    assert exported == {article_path(i) for i in range(4)}
    assert hidden in exported
