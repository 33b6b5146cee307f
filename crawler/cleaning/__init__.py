"""Text-level cleaning of extracted bodies (no Scrapy import).

``RULES`` is the ordered tuple of named line rules; :func:`clean_body` applies them and
reports each removed line with the rule that removed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.cleaning.rules import REQUEST_COUNTER, LineRule

RULES: tuple[tuple[str, LineRule], ...] = (("request_counter", REQUEST_COUNTER),)


@dataclass
class CleanResult:
    """The cleaned body and the removed lines as (rule name, line)."""

    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)


def clean_body(text: str, language: str | None = None) -> CleanResult:
    """Drop every line a rule names as chrome. ``language`` may narrow the rules tried."""
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    for line in text.split("\n"):
        stripped = line.strip()
        name = next((n for n, rule in RULES if rule(stripped)), None)
        if name is None:
            kept.append(line)
        else:
            removed.append((name, stripped))
    return CleanResult("\n".join(kept), removed)
