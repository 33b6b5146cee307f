"""What a sitemap or feed said about a URL, and how it fills the extracted article.

Sitemap ``lastmod`` / ``news:publication_date`` / ``news:title`` / ``news:keywords`` and
feed item dates, titles and categories are evidence: the spider uses them before fetching
(date window, changed since exported) and carries them to the page in ``request.meta``;
here they fill what the page itself does not give (``datePublished``, ``headline``,
``keywords``). They never overrule the page, and a date in the future is never used.
No Scrapy here (an extraction module): the evidence travels as a plain dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from crawler.cleaning.titles import strip_site_suffix
from crawler.dates import FUTURE_TOLERANCE, iso, parse_date
from crawler.items import Article

# Page and sitemap disagreeing by more than this is counted (``dates/mismatch``).
MISMATCH_TOLERANCE = timedelta(days=1)


@dataclass
class Evidence:
    """Usable evidence for one URL; ``problems`` are stat keys for what was unusable."""

    published: datetime | None = None
    lastmod: datetime | None = None
    title: str | None = None
    keywords: tuple[str, ...] = ()
    problems: list[str] = field(default_factory=list)

    def to_meta(self) -> dict[str, Any]:
        """A plain dict for ``request.meta`` (survives any request serialisation)."""
        meta: dict[str, Any] = {}
        if self.published:
            meta["published"] = iso(self.published)
        if self.lastmod:
            meta["lastmod"] = iso(self.lastmod)
        if self.title:
            meta["title"] = self.title
        if self.keywords:
            meta["keywords"] = list(self.keywords)
        return meta

    @classmethod
    def from_meta(cls, meta: dict[str, Any] | None) -> Evidence:
        meta = meta or {}
        return cls(parse_date(meta.get("published")), parse_date(meta.get("lastmod")),
                   meta.get("title"), tuple(meta.get("keywords") or ()))


def apply_evidence(article: Article, evidence: Evidence, now: datetime) -> list[str]:
    """Fill gaps in ``article`` from ``evidence``; return stat keys for what was done."""
    done = []
    page_date = parse_date(article.datePublished) if article.datePublished else None
    if article.datePublished and (page_date is None or page_date > now + FUTURE_TOLERANCE):
        done.append("page_date_rejected")  # a future or unreadable page date is no date
        article.datePublished = None
        page_date = None
    if (page_date is not None and evidence.published is not None
            and article.metadata.get("dateSource") == "htmldate"):
        page_date = None  # a date found only by searching the text yields to the publisher's
        done.append("htmldate_replaced_by_evidence")
    if page_date is None and evidence.published is not None:
        article.datePublished = iso(evidence.published)
        article.metadata["dateSource"] = "evidence"
        done.append("published_from_evidence")
    elif (page_date is not None and evidence.published is not None
          and abs(page_date - evidence.published) > MISMATCH_TOLERANCE):
        done.append("published_mismatch")
    if not article.headline and evidence.title:
        article.headline = strip_site_suffix(evidence.title, article.siteName, article.url)
        done.append("headline_from_evidence")
    if not article.keywords and evidence.keywords:
        article.keywords = list(evidence.keywords)
        done.append("keywords_from_evidence")
    return done
