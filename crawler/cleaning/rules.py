"""Line rules: each a name and a predicate over one stripped line (True = chrome).

The helpers live in :mod:`crawler.cleaning.base`, the rules in one module per family; this
module re-exports the names of its first version.
"""

from __future__ import annotations

from crawler.cleaning.base import LineRule, pattern_rule
from crawler.cleaning.counters import REQUEST_COUNTER

__all__ = ["REQUEST_COUNTER", "LineRule", "pattern_rule"]
