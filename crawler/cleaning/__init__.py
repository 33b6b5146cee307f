"""Text-level cleaning of extracted bodies (no Scrapy import).

``RULES`` is the ordered tuple of named line rules (one module per family); a line is
removed by the first rule that names it. ``BLOCK_RULES`` then look at the lines in context
(the headline list under a "Read also:" header, a bare tag line in the trailing chrome).
:func:`clean_body` applies both and reports each removed line with the rule that removed
it; rule names are stat keys (``chrome/removed/<rule>``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from crawler.cleaning.ads import AD_LABEL
from crawler.cleaning.appeals import appeal
from crawler.cleaning.base import LineRule
from crawler.cleaning.counters import REQUEST_COUNTER, VIEW_COUNTER
from crawler.cleaning.credits import PHOTO_CREDIT
from crawler.cleaning.lead_ins import LEAD_IN, RELATED_HEADER
from crawler.cleaning.related import related_list_block
from crawler.cleaning.share import READ_MORE_LINK, SHARE_PROMPT
from crawler.cleaning.tags import TAGS_PREFIX, tag_line_block
from crawler.cleaning.titles import clean_headline
from crawler.cleaning.translation import machine_translation

BlockRule = Callable[[Sequence[str], Sequence[str | None]], list[int]]
"""Takes the stripped lines and the rule name already removing each (or None); returns the
indexes it removes."""

RULES: tuple[tuple[str, LineRule], ...] = (
    ("request_counter", REQUEST_COUNTER),
    ("view_counter", VIEW_COUNTER),
    ("ad_label", AD_LABEL),
    ("machine_translation", machine_translation),
    ("photo_credit", PHOTO_CREDIT),
    ("read_more", READ_MORE_LINK),
    ("related_header", RELATED_HEADER),
    ("lead_in", LEAD_IN),
    ("appeal", appeal),
    ("share_prompt", SHARE_PROMPT),
    ("tags", TAGS_PREFIX),
)

BLOCK_RULES: tuple[tuple[str, BlockRule], ...] = (
    ("tag_line", tag_line_block),
    ("related_list", related_list_block),
)


@dataclass
class CleanResult:
    """The cleaned body and the removed lines as (rule name, line)."""

    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)


def clean_body(text: str) -> CleanResult:
    """Drop every line a rule names as chrome (the rules are multilingual: no language).

    When nothing is removed the text is returned unchanged; otherwise runs of blank
    lines left by the removals are collapsed to one and leading/trailing blank lines dropped.
    """
    raw = text.split("\n")
    lines = [line.strip() for line in raw]
    marks: list[str | None] = [_line_rule(line) if line else None for line in lines]
    for name, block_rule in BLOCK_RULES:
        for i in block_rule(lines, marks):
            marks[i] = marks[i] or name
    removed = [(m, lines[i]) for i, m in enumerate(marks) if m is not None]
    if not removed:
        return CleanResult(text, [])
    kept = [line for line, mark in zip(raw, marks, strict=True) if mark is None]
    return CleanResult(_collapse_blank(kept), removed)


def _line_rule(line: str) -> str | None:
    return next((name for name, rule in RULES if rule(line)), None)


def _collapse_blank(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        blank = not line.strip()
        if blank and (not out or not out[-1].strip()):
            continue
        out.append("" if blank else line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


__all__ = ["BLOCK_RULES", "RULES", "BlockRule", "CleanResult", "clean_body", "clean_headline"]
