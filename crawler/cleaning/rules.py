"""Line rules: each a name and a predicate over one stripped line (True = chrome)."""

from __future__ import annotations

import re
from collections.abc import Callable

LineRule = Callable[[str], bool]


def pattern_rule(*patterns: str) -> LineRule:
    """A rule that fires when any of the (case-insensitive) patterns matches the whole line."""
    compiled = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return lambda line: compiled.fullmatch(line) is not None


REQUEST_COUNTER = pattern_rule(r"\d[\d,.\s]*\s+requests?\s+in\s+\d[\d,.]*\s+seconds?\.?")
