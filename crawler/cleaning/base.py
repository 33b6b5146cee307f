"""Rule helpers: each rule is a name and a predicate over one stripped line (True = chrome).

Every pattern here must stay linear-time: no nested quantifiers whose alternatives can
match the same characters (``tests/test_cleaning_redos.py`` runs all of them on 1 MB
adversarial strings).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

LineRule = Callable[[str], bool]

FLAGS = re.IGNORECASE | re.UNICODE


def alternation(words: Iterable[str]) -> str:
    """A non-capturing group matching any of ``words`` (regex source), longest first."""
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


def pattern_rule(*patterns: str) -> LineRule:
    """A rule that fires when any of the (case-insensitive) patterns matches the whole line."""
    compiled = re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)
    rule: LineRule = lambda line: compiled.fullmatch(line) is not None  # noqa: E731
    rule.pattern = compiled  # type: ignore[attr-defined]
    return rule


def short_pattern_rule(max_len: int, *patterns: str) -> LineRule:
    """Like :func:`pattern_rule`, but only for lines of at most ``max_len`` characters."""
    inner = pattern_rule(*patterns)
    rule: LineRule = lambda line: len(line) <= max_len and inner(line)  # noqa: E731
    rule.pattern = inner.pattern  # type: ignore[attr-defined]
    return rule


def patterns_of(rule: LineRule) -> list[re.Pattern[str]]:
    """The compiled regexes a rule uses (for the linear-time tests)."""
    found = getattr(rule, "pattern", None)
    if found is None:
        return []
    return list(found) if isinstance(found, tuple | list) else [found]
