"""robots.txt is fetched once per host, by Scrapy's ``RobotsTxtMiddleware``; the spider reads
its ``Sitemap:`` lines from the parser that middleware already built.

``RobotsForEveryWaiter`` is that middleware with one fix: in Scrapy 2.15.2 to 2.19.0 (asyncio
reactor), of the requests to a host that wait while its robots.txt downloads, only the first
gets the parser; the others get None and are sent unchecked (a Disallowed feed probe was
fetched). Twisted's ``Deferred.asFuture`` consumes the result it hands over.

``SitemapRobotParser`` is Scrapy's Protego parser (``ROBOTSTXT_PARSER``) that also gives
the ``Sitemap:`` URLs, relative ones joined to the robots.txt URL (RFC 9309 asks for
absolute URLs; sites write ``Sitemap: /sitemap.xml`` anyway, and crawlers follow it).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.robotstxt import ProtegoRobotParser, RobotParser


class RobotsForEveryWaiter(RobotsTxtMiddleware):
    """``RobotsTxtMiddleware`` whose every request waiting for robots.txt gets its parser."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        if parser is None:
            # None from the wait above is either a failed robots.txt (stored as None) or the
            # consumed result: the parser is stored by now, and this call returns it at once.
            parser = await super().robot_parser(request)
        return parser


class SitemapRobotParser(ProtegoRobotParser):
    """``ProtegoRobotParser`` with the robots.txt's ``Sitemap:`` lines."""

    def sitemaps(self, robots_url: str) -> list[str]:
        """The ``Sitemap:`` URLs in file order, joined to ``robots_url``, each once."""
        joined = (urljoin(robots_url, url.strip()) for url in self.rp.sitemaps)
        return list(dict.fromkeys(u for u in joined if urlsplit(u).scheme in {"http", "https"}))


def robots_url(url: str) -> str:
    """``https://host/robots.txt`` for any URL of the host."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def robots_middleware(crawler: Crawler) -> RobotsTxtMiddleware | None:
    """Scrapy's robots.txt middleware, or None when ``ROBOTSTXT_OBEY`` is off."""
    return crawler.get_downloader_middleware(RobotsTxtMiddleware)


async def host_sitemaps(middleware: RobotsTxtMiddleware, url: str) -> list[str]:
    """The ``Sitemap:`` URLs of ``url``'s host, from the parser the middleware holds for it
    (it fetches robots.txt now if no request to the host has made it do so yet, and never
    twice). Empty when robots.txt could not be fetched or another parser is configured."""
    request = Request(url)
    parser: Any = await middleware.robot_parser(request)
    if parser is None:  # Scrapy's own middleware: see RobotsForEveryWaiter; ask again
        parser = await middleware.robot_parser(request)
    if not isinstance(parser, SitemapRobotParser):
        return []
    return parser.sitemaps(robots_url(url))
