"""Encoding repair on text: ftfy restricted to encoding fixes, so correct text passes unchanged.

ftfy's defaults also straighten curly quotes, expand ligatures and narrow full-width
punctuation; none of that is encoding damage, so those fixes are off.
"""

from __future__ import annotations

import ftfy

_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)


def repair_encoding(text: str) -> tuple[str, list[str]]:
    """Return the repaired text and the kinds of repair made (stat keys; empty if none)."""
    fixed = ftfy.fix_text(text, _CONFIG)
    return fixed, (["mojibake"] if fixed != text else [])
