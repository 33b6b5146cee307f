"""Encoding repair on text: ftfy restricted to encoding fixes, so correct text passes unchanged.

ftfy's defaults also straighten curly quotes, expand ligatures, narrow full-width
punctuation, remove control characters and replace lossy sequences with U+FFFD; none of
that is encoding repair, so those fixes are off. Text is fixed line by line, so one broken
line does not stop the repair of another.

Repair kinds (stat keys, ``encoding/repaired/<kind>``):

- ``mojibake``: UTF-8 read in a single-byte charset (and double-encoded UTF-8, "JosÃ©");
- ``c1_controls``: C1 control characters that stand for windows-1252 characters;
- ``spaced_mojibake``: windows-1251 mojibake with spaces added by a machine translator
  (see :mod:`crawler.cleaning.spaced_mojibake`).
"""

from __future__ import annotations

import ftfy

from crawler.cleaning.spaced_mojibake import repair_spaced_mojibake

_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    replace_lossy_sequences=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)


def _ftfy_lines(text: str) -> tuple[str, set[str]]:
    """ftfy's encoding fixes, line by line; returns the text and the kinds of repair."""
    kinds: set[str] = set()
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.isascii():
            out.append(line)
            continue
        fixed, steps = ftfy.fix_and_explain(line, _CONFIG)
        if fixed != line:
            for _action, parameter in steps or ():
                kinds.add("c1_controls" if parameter == "fix_c1_controls" else "mojibake")
        out.append(fixed)
    return "".join(out), kinds


def repair_encoding(text: str) -> tuple[str, list[str]]:
    """Return the repaired text and the kinds of repair made (stat keys; empty if none)."""
    if text.isascii():
        return text, []
    repaired, spaced = repair_spaced_mojibake(text)
    repaired, kinds = _ftfy_lines(repaired)
    if spaced:
        kinds.add("spaced_mojibake")
    return repaired, sorted(kinds)


def repair_html_text(html: str) -> tuple[str, list[str]]:
    """Repair encoding only, on decoded HTML before it is parsed.

    Mojibake made of C1 controls, no-break spaces and soft hyphens is mangled by the HTML
    parser, so it must be repaired here; markup, entities and correct text are untouched.
    Returns the HTML and the kinds of repair (stat keys; empty if none).
    """
    if html.isascii():
        return html, []
    repaired, kinds = _ftfy_lines(html)
    return repaired, sorted(kinds)
