"""Dates found in sitemaps and feeds: parse, reject the unusable, and compare to a window.

Sitemaps use W3C datetime (``2026-11-20``, ``2026-11-20T09:15:00+01:00``), RSS uses
RFC 822 (``Fri, 20 Nov 2026 09:15:00 +0100``), Atom and JSON Feed RFC 3339.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# Clocks and time zones differ: a date up to this far ahead is not "in the future".
FUTURE_TOLERANCE = timedelta(hours=26)
MAX_DATE_CHARS = 64


def parse_date(text: str | None) -> datetime | None:
    """An aware datetime (naive values taken as UTC), or None if ``text`` is no date."""
    if not text:
        return None
    text = text.strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None or parsed.year < 1990:  # 1970 and 0001 are placeholders, not dates
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class DateEvidence:
    """One date as evidence: ``value`` when usable, else ``problem`` (a stat key)."""

    value: datetime | None
    problem: str | None = None


def check_date(text: str | None, now: datetime) -> DateEvidence:
    """Parse ``text``; a date that cannot be parsed or lies in the future is a problem."""
    if not text:
        return DateEvidence(None)
    parsed = parse_date(text)
    if parsed is None:
        return DateEvidence(None, "unparseable")
    if parsed > now + FUTURE_TOLERANCE:
        return DateEvidence(None, "future")
    return DateEvidence(parsed)


def iso(value: datetime) -> str:
    """ISO 8601 with seconds and the value's own offset (the record's date format)."""
    return value.isoformat(timespec="seconds")


def window_start(since: str | None, days: str | float | None, now: datetime) -> datetime | None:
    """The oldest publication time a crawl wants: ``since`` (a date) or ``days`` back.

    Raises ValueError for a value that is not a date / number: a typo in ``-a since=``
    must stop the crawl rather than silently crawl everything.
    """
    starts = []
    if since:
        parsed = parse_date(str(since))
        if parsed is None:
            raise ValueError(f"since={since!r} is not a date (use e.g. 2026-11-01)")
        starts.append(parsed)
    if days not in (None, ""):
        starts.append(now - timedelta(days=float(days)))
    return max(starts) if starts else None
