"""Where feeds usually are, when a home page does not announce them."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

# Tried once per site for start URLs that are home pages (WordPress, Hugo, Jekyll, Ghost…).
FEED_PATHS = ("/feed", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml")
# Missing probes are expected: handled in the callback, counted, never logged as errors.
PROBE_MISSING_STATUSES = [401, 403, 404, 410]


def is_home_page(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in {"", "/"} and not parts.query


def probe_urls(url: str) -> list[str]:
    """The usual feed URLs of the site ``url`` is on."""
    parts = urlsplit(url)
    return [urlunsplit((parts.scheme, parts.netloc, path, "", "")) for path in FEED_PATHS]
