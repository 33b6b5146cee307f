"""The related-headline list under a "Read also on X:" header.

After a line that is only a related-block header (:data:`~crawler.cleaning.lead_ins.
RELATED_HEADER`), the following non-blank lines are removed while they are title-like (see
:func:`title_like`). The list ends at the first line that is not title-like (the story
resumes), at a line another rule removed, or at the end of the text. A list longer than
:data:`MAX_ITEMS` is left alone: that is not a related block but something we do not know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crawler.cleaning.lead_ins import RELATED_HEADER

MAX_ITEMS = 12
MAX_TITLE_CHARS = 200
_WORDS = re.compile(r"\S+")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZА-ЯЁІЇЄҐ]")
_BAD_END = re.compile(r"[.,;:][\"'”»’)]*$")


def title_like(line: str) -> bool:
    """A headline-shaped line: 2–30 words, at most 200 characters, one sentence, not ending
    in "." "," ";" or ":" even inside closing quotes ("..." "…" and "?" are fine)."""
    if len(line) > MAX_TITLE_CHARS or _SENTENCE_BREAK.search(line):
        return False
    if _BAD_END.search(line) and not line.endswith("..."):
        return False
    return 2 <= len(_WORDS.findall(line)) <= 30


def related_list_block(lines: Sequence[str], marks: Sequence[str | None]) -> list[int]:
    """Indexes of the headline lines under each related-block header."""
    found: list[int] = []
    for i, line in enumerate(lines):
        if line and RELATED_HEADER(line):
            found.extend(_items_after(lines, marks, i + 1))
    return found


def _items_after(lines: Sequence[str], marks: Sequence[str | None], start: int) -> list[int]:
    items: list[int] = []
    for j in range(start, len(lines)):
        line = lines[j]
        if not line:
            continue
        if marks[j] is not None or not title_like(line):
            break
        items.append(j)
    return items if len(items) <= MAX_ITEMS else []
