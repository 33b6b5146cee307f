"""Evidence from sitemap and feed entries (:class:`crawler.extraction.evidence.Evidence`),
checked when the entry is read and carried to the page in ``request.meta[META_KEY]``."""

from __future__ import annotations

from datetime import datetime

from crawler.dates import check_date
from crawler.extraction.evidence import Evidence
from crawler.spiders.sitemaps import Entry

META_KEY = "evidence"


def entry_evidence(entry: Entry, now: datetime) -> Evidence:
    """Check an entry's dates; unparseable or future dates become ``problems``."""
    published = check_date(entry.published, now)
    lastmod = check_date(entry.lastmod, now)
    problems = [f"{name}_{d.problem}" for name, d in (("published", published),
                                                      ("lastmod", lastmod)) if d.problem]
    return Evidence(published.value, lastmod.value, entry.title or None, entry.keywords,
                    problems)
