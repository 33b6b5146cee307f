"""Dates of sitemaps and feeds: parsed and checked by :mod:`crawler.dates`, the one date
module (kept here so the spiders' imports read as before)."""

from crawler.dates import (
    FUTURE_TOLERANCE,
    MAX_DATE_CHARS,
    DateEvidence,
    check_date,
    iso,
    parse_date,
    window_start,
)

__all__ = ["FUTURE_TOLERANCE", "MAX_DATE_CHARS", "DateEvidence", "check_date", "iso",
           "parse_date", "window_start"]
