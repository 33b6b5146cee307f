"""Dates: the one place that parses, chooses and writes them (pages, sitemaps, feeds).

Every date the record carries (``datePublished``, ``dateModified``) is written by
:func:`format_date` as ``YYYY-MM-DDTHH:MM:SS+HH:MM``, with the page's own UTC offset
(``+00:00``, never ``Z``). A page that gives only a day, or a time without an offset, is
written with that day and time and ``+00:00``: for those, read the date part.

Evidence for a page's publication date comes from several places, each a
:class:`DateCandidate` with its source: JSON-LD, ``<meta>`` tags, microdata and
``<time>``, the URL path (``/2024/05/17/``), the sitemap or feed that listed the URL, and
htmldate's reading of the page (extensive search, original date). :func:`choose_date`
drops what lies in the future, lets the URL's day (or the day shown in the text) win over
a UTC timestamp that only differs from it by the offset, and picks the day most reliable
sources agree on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from htmldate import find_date

MAX_DATE_CHARS = 80
# Clocks and time zones differ: a date up to this far ahead is not "in the future".
FUTURE_TOLERANCE = timedelta(hours=26)
# UTC offsets in use run from -12:00 to +14:00.
_WEST, _EAST = timedelta(hours=12), timedelta(hours=14)
_EARLIEST_YEAR = 1990  # 1970 and 0001 are placeholders, not dates

SOURCE_WEIGHTS = {
    "jsonld": 3.0, "opengraph": 3.0, "microdata": 3.0, "url": 3.0,
    "meta": 2.0, "time": 2.0, "htmldate": 2.0, "evidence": 2.0, "jsonld_created": 1.0,
}
"""How much a source's word counts when sources disagree on the day. Explicit
publication-date markup and the URL path are the most reliable; generic ``date`` metas,
the first ``<time>`` on the page and htmldate's heuristics less so."""


@dataclass(frozen=True)
class DateCandidate:
    """One reading of a date: the moment, whether the source gave a time and an offset."""

    moment: datetime  # aware; a value without offset is read as UTC
    source: str
    has_time: bool = True
    has_offset: bool = True

    @property
    def day(self) -> date:
        """The day in the page's own terms (its offset, or as written)."""
        return self.moment.date()


def parse_date(text: Any) -> datetime | None:
    """An aware datetime (naive values read as UTC), or None if ``text`` is no date."""
    parsed = parse_candidate(text, "")
    return parsed.moment if parsed else None


def parse_candidate(text: Any, source: str) -> DateCandidate | None:
    """Parse ISO 8601 / W3C datetime, RFC 2822 (feeds) and the JavaScript ``Date`` string
    ("Tue Feb 20 2018 01:00:00 GMT+0100"); the offset the value gives is kept."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    moment = _fromiso(text) or _fromjs(text) or _fromrfc2822(text)
    if moment is None or moment.year < _EARLIEST_YEAR:
        return None
    has_time = bool(re.search(r"\d[T ]\d\d?:\d\d|\d\d:\d\d", text))
    has_offset = moment.tzinfo is not None
    if not has_offset:
        moment = moment.replace(tzinfo=UTC)
    return DateCandidate(moment.replace(microsecond=0), source, has_time, has_offset)


def _fromiso(text: str) -> datetime | None:
    text = re.sub(r"^(\d{4}-\d\d-\d\d)[ T](\d)", r"\1T\2", text)
    text = re.sub(r"T(\d):", r"T0\1:", text)  # "T4:10:00"
    text = re.sub(r"\s+(?=[+-]\d\d:?\d\d$)", "", text)  # "12:00 -0500"
    text = re.sub(r"(?i)z$", "+00:00", text)
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)
    text = re.sub(r"([+-]\d\d)$", r"\1:00", text) if "T" in text else text
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _fromrfc2822(text: str) -> datetime | None:
    if not re.search(r"[A-Za-z]{3},?\s+\d|\d\s+[A-Za-z]{3}\s+\d{4}", text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


_JS_DATE = re.compile(
    r"^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d\d?) (\d{4}) (\d\d:\d\d:\d\d)(?: GMT([+-]\d{4}))?")


def _fromjs(text: str) -> datetime | None:
    match = _JS_DATE.match(text)
    if not match:
        return None
    month, day, year, clock, offset = match.groups()
    return _fromrfc2822(f"{day} {month} {year} {clock} {offset or ''}".strip())


def format_date(moment: datetime, has_time: bool = True) -> str:
    """The record's date form: ``2024-05-17T09:30:00+02:00``; a day alone at midnight."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    if not has_time:
        moment = datetime.combine(moment.date(), time(), UTC)
    return moment.replace(microsecond=0).isoformat()


def iso(value: datetime) -> str:
    """ISO 8601 in the record's form (kept for callers that had it; see format_date)."""
    return format_date(value)


def in_future(candidate: DateCandidate, now: datetime) -> bool:
    """Later than ``now``, allowing for clocks and, where the page gave no offset, for a
    zone up to 14 h ahead of UTC (a bare day may be "today" there)."""
    slack = timedelta(minutes=10) if candidate.has_offset else _EAST
    if not candidate.has_time:
        slack = timedelta(days=1)
    return candidate.moment > now + slack


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


_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)
# "/2017/7/12/": a month and day without their zero, only between slashes (an id such as
# "/2017/712/" is no date)
_URL_DATE_UNPADDED = re.compile(r"/((?:19|20)\d\d)/([1-9]|1[0-2])/([1-9]|[12]\d|3[01])/")


def url_date(url: str) -> str | None:
    """"/2019/11/18/slug", "/20191118/" or "/2019/7/8/" -> "2019-11-18"; None when the path
    has no day."""
    path = urlsplit(url).path
    match = _URL_DATE.search(path) or _URL_DATE_UNPADDED.search(path)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"


def htmldate_candidates(tree: Any, url: str) -> list[DateCandidate]:
    """htmldate's reading of the page (markup and text, extensive search, the original
    rather than the updated date), as a candidate; none when it finds nothing."""
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=True)
    except Exception:  # a heuristic guess; never worth losing the page over
        return []
    return candidates([("htmldate", found)]) if isinstance(found, str) else []


def candidates(values: Iterable[tuple[str, Any]]) -> list[DateCandidate]:
    """Parse (source, raw value) pairs; values that are no date are left out."""
    out = []
    for source, value in values:
        parsed = parse_candidate(value, source)
        if parsed is not None:
            out.append(parsed)
    return out


def choose_date(found: list[DateCandidate], now: datetime) -> DateCandidate | None:
    """The publication date the candidates support best, or None.

    1. Future candidates are dropped.
    2. A timestamp in UTC that is the same instant as one with the page's own offset
       takes that offset (the UTC one is a server's conversion).
    3. The URL's day (else the day in the page's text, as htmldate reads it, when no markup
       candidate gives that day: then htmldate read the markup) wins over a UTC timestamp
       whose day differs only by the offset (the page's own day was converted away): the
       result is that day (midnight, +00:00).
    4. Otherwise the day with the most weight (:data:`SOURCE_WEIGHTS`) wins; on it, the most
       reliable candidate that gives a time, if any, is the result.
    """
    usable = [c for c in found if not in_future(c, now)]
    if not usable:
        return None
    usable = [_local_offset(c, usable) for c in usable]
    # a day the page shows in its own terms (its URL; else the text, as htmldate reads it)
    # htmldate's day is the text's only when no date markup it reads itself (metas,
    # datePublished, <time>) gives that day too: then htmldate read the markup (an updated
    # date, say) and is no independent evidence. dateCreated is no such markup.
    local = next((c for c in usable if c.source == "url"), None) or next(
        (c for c in usable if c.source == "htmldate" and not c.has_time
         and not any(o.day == c.day for o in usable
                     if o.source != "htmldate" and SOURCE_WEIGHTS.get(o.source, 1.0) >= 2)),
        None)
    if local is not None:
        usable = [_local_day(c, local.day) for c in usable]
    weight: dict[date, float] = defaultdict(float)
    for c in usable:
        weight[c.day] += SOURCE_WEIGHTS.get(c.source, 1.0)
    best_day = max(weight, key=lambda d: (weight[d], _first_rank(d, usable)))
    on_day = [c for c in usable if c.day == best_day]
    timed = [c for c in on_day if c.has_time]
    pool = timed or on_day
    return max(pool, key=lambda c: (c.has_offset, SOURCE_WEIGHTS.get(c.source, 1.0),
                                    -usable.index(c)))


def _first_rank(day: date, usable: list[DateCandidate]) -> int:
    """Ties go to the day of the candidate listed first (most explicit source)."""
    return -next(i for i, c in enumerate(usable) if c.day == day)


def _local_offset(c: DateCandidate, others: list[DateCandidate]) -> DateCandidate:
    if not (c.has_offset and c.moment.utcoffset() == timedelta(0)):
        return c
    for other in others:
        offset = other.moment.utcoffset()
        if other.has_offset and offset and other.moment == c.moment:
            return DateCandidate(c.moment.astimezone(timezone(offset)), c.source,
                                 c.has_time, True)
    return c


def _local_day(c: DateCandidate, day: date) -> DateCandidate:
    """``c`` moved to the page's own day when it is a time in UTC whose instant falls on that day
    in some UTC offset (a time with another offset is the page's own clock: it stands)."""
    if c.day == day or not c.has_time or c.moment.utcoffset() != timedelta(0):
        return c
    start = datetime.combine(day, time(), UTC)
    if start - _EAST <= c.moment.astimezone(UTC) < start + timedelta(days=1) + _WEST:
        return DateCandidate(start, c.source, has_time=False, has_offset=True)
    return c
