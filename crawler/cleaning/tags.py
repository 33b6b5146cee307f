"""Tag lines: "Tags: a, b, c" anywhere, and a bare line of category words in the trailing
chrome ("Miscellanea USA a meeting Russia World Special Projects").

The bare form is contextual (a block rule): it fires only for a short line without sentence
punctuation, mostly of capitalised words, that sits in the page's tail where every later
non-blank line is chrome, next to a line another rule removed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crawler.cleaning.base import alternation, short_pattern_rule

TAG_WORDS = (
    "tags?",
    "tagged(?: with)?",
    "topics",
    "keywords",
    "filed under",
    "categories",
    "теги",
    "тэги",
    "метки",
    "ключевые слова",
    "теґи",
    "мітки",
    "ключові слова",
    "schlagwörter",
    "schlagworte",
    "stichwörter",
    "themen",
    "étiquettes",
    "mots-clés",
    "mots clés",
    "etiquetas",
    "palabras clave",
    "temas",
    "etiketlər",
    "teqlər",
    "etiketler",
)

TAGS_PREFIX = short_pattern_rule(400, alternation(TAG_WORDS) + r"\s*:\s*\S.*")
"""A "Tags: …" line."""

_WORD = re.compile(r"\S+")
_PUNCT = re.compile(r"[.,:;!?\"“”«»„()\[\]]")
_MIN_WORDS, _MAX_WORDS = 3, 12
_MIN_CAPITALISED = 0.6


def looks_like_tags(line: str) -> bool:
    """A short unpunctuated line whose words are mostly capitalised."""
    if len(line) > 120 or _PUNCT.search(line):
        return False
    words = _WORD.findall(line)
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised / len(words) >= _MIN_CAPITALISED


def tag_line_block(lines: Sequence[str], marks: Sequence[str | None]) -> list[int]:
    """Indexes of bare tag lines in the trailing chrome (see the module docstring)."""
    found: list[int] = []
    tail_is_chrome = True
    next_marked = False
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line:
            continue
        if marks[i] is not None:
            next_marked = True
            continue
        if not tail_is_chrome:
            break
        prev_marked = _previous_marked(lines, marks, i)
        if looks_like_tags(line) and (prev_marked or next_marked):
            found.append(i)
            next_marked = True
            continue
        tail_is_chrome = False
    return found


def _previous_marked(lines: Sequence[str], marks: Sequence[str | None], i: int) -> bool:
    for j in range(i - 1, -1, -1):
        if lines[j]:
            return marks[j] is not None
    return False
