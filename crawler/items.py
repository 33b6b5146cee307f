"""The exported record.

Field names and formats follow zyte-common-items' ``Article`` where they overlap, so a
consumer that knows that schema knows ours. Only ``url`` is required.

Absent values: a field whose value is unknown is **omitted** from the JSON Lines record
(never written as ``null`` or ``""``); see ``crawler.export.exporters``.

This module imports nothing from Scrapy: extraction (which runs in worker processes) builds
these items directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Article:
    """One news article, as exported to the feed."""

    url: str
    """The URL the page was fetched from (after redirects)."""

    canonicalUrl: str | None = None
    """The page's ``rel=canonical`` / ``og:url``, absolutised; omitted when unknown."""

    headline: str | None = None
    """The story's title, without a site-name suffix such as `` - ForumDaily``."""

    articleBody: str | None = None
    """The story text: paragraphs separated by a single ``\\n``; no site chrome."""

    authors: list[dict[str, str]] | None = None
    """Authors as ``[{"name": "Jane Doe"}]``: names only (no "By", roles or site name); an
    organisation named as author by the page's JSON-LD is ``{"name": "DER SPIEGEL", "type":
    "Organization"}``."""

    datePublished: str | None = None
    """Publication time, always ``YYYY-MM-DDTHH:MM:SS+HH:MM`` with the page's own UTC offset
    (``+00:00``, never ``Z``); a page that gives only a day: ``T00:00:00+00:00`` (read the
    date part). Never in the future. Written by :func:`crawler.dates.format_date`."""

    dateModified: str | None = None
    """Last-modified time, ISO 8601 (same rules as ``datePublished``)."""

    inLanguage: str | None = None
    """ISO 639-1 code of the body's language (declared by the page or detected)."""

    description: str | None = None
    """The page's summary (``og:description`` / meta description)."""

    mainImage: dict[str, str] | None = None
    """The lead image as ``{"url": "https://…"}``."""

    siteName: str | None = None
    """The publication's name (``og:site_name``, JSON-LD publisher, or the host)."""

    keywords: list[str] | None = None
    """Tags/keywords from the page's metadata."""

    metadata: dict[str, Any] = field(default_factory=dict)
    """Crawl facts: ``dateDownloaded`` (ISO 8601 UTC, ``Z`` suffix) and, when known,
    ``contentHash`` (hex SHA-1 of the body) and ``encoding`` (charset the page was read in)."""

    isAccessibleForFree: bool | None = None
    """schema.org's flag, set to ``false`` when the page is paywalled (its structured data
    says so, a paywall container, or a body cut short at a subscribe prompt): the body is
    then the part the page gave. Omitted otherwise."""

    duplicateOf: str | None = None
    """URL of the first article seen with the same or nearly the same body, if any."""

    removedLines: list[dict[str, str]] | None = None
    """Audit (opt-in, ``CRAWLER_AUDIT=True``): ``[{"rule": name, "text": line}]`` for every
    line the cleaning removed."""
