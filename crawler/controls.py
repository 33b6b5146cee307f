"""Control characters in page-controlled text: removed from records, escaped in the log.

A page can put NUL, ESC (terminal escape sequences), BEL or bidi overrides (U+202E turns
"txt.exe" into "exe.txt" on screen) in its headline, body or URL. None of them is text:
records keep tab and newline only, and the log shows the others escaped.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from typing import Any

from itemadapter import ItemAdapter

# C0 except tab and newline, DEL, C1, bidi embeddings/overrides (U+202A-E) and isolates
# (U+2066-9). Left-to-right/right-to-left marks (U+200E/F) stay: RTL text needs them.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and newline kept)."""
    return CONTROLS.sub("", text)


def escape_controls(text: str) -> str:
    """``text`` with each control character shown as ``\\xNN`` / ``\\uNNNN``."""
    return CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def strip_item_controls(item: Any) -> Counter[str]:
    """Remove control characters from every string of ``item`` (in nested lists and dicts
    too); returns how many were removed per top-level field."""
    adapter = ItemAdapter(item)
    removed: Counter[str] = Counter()
    for name, value in adapter.items():
        cleaned, count = _strip(value)
        if count:
            adapter[name] = cleaned
            removed[name] += count
    return removed


def _strip(value: Any) -> tuple[Any, int]:
    if isinstance(value, str):
        cleaned = CONTROLS.sub("", value)
        return cleaned, len(value) - len(cleaned)
    if isinstance(value, list):
        pairs = [_strip(v) for v in value]
        return [v for v, _ in pairs], sum(n for _, n in pairs)
    if isinstance(value, dict):
        pairs_d = {k: _strip(v) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs_d.items()}, sum(n for _, n in pairs_d.values())
    return value, 0


class EscapeControlsFilter(logging.Filter):
    """Log records with control characters escaped (URLs, headlines, drop reasons)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if CONTROLS.search(message):
            record.msg, record.args = escape_controls(message), None
        return True


class EscapeControlsInLog:
    """Extension: the filter on the log handlers Scrapy installed (the root logger's)."""

    def __init__(self) -> None:
        for handler in logging.root.handlers:
            if not any(isinstance(f, EscapeControlsFilter) for f in handler.filters):
                handler.addFilter(EscapeControlsFilter())

    @classmethod
    def from_crawler(cls, crawler: Any) -> EscapeControlsInLog:
        return cls()
