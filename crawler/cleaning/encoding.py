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

import re

import ftfy
import ftfy.bad_codecs  # registers the "sloppy-windows-*" codecs used below
from ftfy.chardata import CHARMAP_ENCODINGS

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


def _suspect_pattern() -> re.Pattern[str]:
    """Where UTF-8 read in a single-byte charset must leave a trace: in one code page, a lead
    byte's character followed by as many continuation bytes' characters as it announces
    (or a space, for the no-break space that became one), or a lone C1 control. Built per
    code page from every one ftfy repairs from (latin-1, windows-1250/1251/1252/1253/1254/
    1257, ISO 8859-2, MacRoman, cp437), so the filter covers all it can fix without the
    pairs no code page produces (German "„Über" is no trace); a line without a trace is left
    alone without asking ftfy, which costs ~10 ms a page."""

    def chars(codec: str, start: int, stop: int) -> str:
        found = {bytes([b]).decode(codec, "ignore") for b in range(start, stop)} - {""}
        return "".join(sorted(re.escape(c) for c in found))

    parts = []
    leads = "".join(chars(codec, 0xC2, 0xF5) for codec in CHARMAP_ENCODINGS)
    for codec in CHARMAP_ENCODINGS:
        cont = f"[{chars(codec, 0x80, 0xC0)}]"
        parts += [f"[{chars(codec, 0xC2, 0xE0)}]{cont}", f"[{chars(codec, 0xE0, 0xF0)}]{cont}{{2}}",
                  f"[{chars(codec, 0xF0, 0xF5)}]{cont}{{3}}"]
    # the lookahead lets a position that holds no lead character fail at once
    return re.compile(f"(?=[{leads}])(?:{'|'.join(parts)})" + r"|[ÃÂ] |â€|[\x80-\x9f]")


def _candidate_pattern() -> re.Pattern[str]:
    """A cheap necessary condition for a :data:`_SUSPECT` match: a C1 control, "Ã"/"Â" before
    a space, or one code page's lead character followed by one of its continuation
    characters. It starts with one character class, which ``re`` scans for in C; the
    suspect pattern's lookahead and per-code-page alternatives run at every position and
    cost ~3 ms a page. Neither pattern matches across a newline."""

    def chars(codec: str, start: int, stop: int) -> set[str]:
        return {bytes([b]).decode(codec, "ignore") for b in range(start, stop)} - {""}

    def cls(found: set[str]) -> str:
        return "".join(sorted(re.escape(c) for c in found))

    c1 = {chr(i) for i in range(0x80, 0xA0)}
    firsts = set(c1) | {"Ã", "Â", "â"}
    seconds = [f"(?<=[{cls(c1)}])", "(?<=[ÃÂ]) ", "(?<=â)€"]
    for codec in CHARMAP_ENCODINGS:
        leads = chars(codec, 0xC2, 0xF5)
        firsts |= leads
        seconds.append(f"(?<=[{cls(leads)}])[{cls(chars(codec, 0x80, 0xC0))}]")
    return re.compile(f"[{cls(firsts)}](?:{'|'.join(seconds)})")


def _trace_start_pattern() -> re.Pattern[str]:
    """Where a :data:`_CANDIDATE` or :data:`_SUSPECT` match can start (one character is
    matched, so every such position is found): a C1 control, "Ã"/"Â" before a space, or any
    code page's lead character before any code page's continuation character. One plain
    class first, which ``re`` scans for in C: in Cyrillic or Greek text every letter is some
    code page's lead character, and there the two patterns' alternatives, tried at each
    letter, cost ~25 µs a KB."""

    def chars(start: int, stop: int) -> str:
        found = {bytes([b]).decode(codec, "ignore")
                 for codec in CHARMAP_ENCODINGS for b in range(start, stop)} - {""}
        return "".join(sorted(re.escape(c) for c in found))

    leads, conts, c1 = chars(0xC2, 0xF5), chars(0x80, 0xC0), r"\x80-\x9f"
    return re.compile(f"[{leads}{c1}](?:(?<=[{leads}])(?=[{conts}])|(?<=[ÃÂ])(?= )|(?<=[{c1}]))")


_SUSPECT = _suspect_pattern()
_CANDIDATE = _candidate_pattern()
_TRACE_START = _trace_start_pattern()
_CHUNK = 512


def _search(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> bool:
    """``pattern.search(text, start, end)`` for :data:`_CANDIDATE` and :data:`_SUSPECT`: tried
    only where :data:`_TRACE_START` finds one of their matches can start."""
    stop = len(text) if end is None else end
    return any(pattern.match(text, m.start(), stop)
               for m in _TRACE_START.finditer(text, start, stop))


def _has_candidate(text: str) -> bool:
    """``_CANDIDATE.search(text)``, searched only in the stretches of ``text`` that are not
    ASCII. Every trace starts with a non-ASCII character and is at most two characters
    long, so a chunk that is ASCII up to and including the next chunk's first character
    holds none. ``str.isascii`` tests a chunk in C many times faster than ``re`` scans it
    (a page is mostly markup, and ~9 of 10 of its 512-character chunks are ASCII): ~0.6
    -> ~0.15 ms a ScrapingHub page."""
    for start in range(0, len(text), _CHUNK):
        end = start + _CHUNK + 1
        if not text[start:end].isascii() and _search(_CANDIDATE, text, start, end):
            return True
    return False
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
# A piece of HTML: a tag's start and the text up to the next tag, at most ~2 KB of it (then
# cut after an ASCII space: inline scripts and minified JSON run to hundreds of KB without a
# tag). ASCII spaces only: U+0085 and U+00A0, which re calls spaces, are made of mojibake.
_MARKUP_PIECES = re.compile(r"<?[^<\n]{0,2048}[^<\n\t\r ]*[\t\r ]?\n?")


def _ftfy_lines(text: str, markup: bool = False) -> tuple[str, set[str]]:
    """ftfy's encoding fixes, line by line; returns the text and the kinds of repair.

    ``markup``: ``text`` is HTML, fixed a piece (:data:`_MARKUP_PIECES`) at a time. A
    character's bytes straddle neither a tag nor an ASCII space (the one trace that ends in a
    space, "Ã ", keeps it), so each trace is whole in one piece. Minified pages are one line
    of hundreds of KB, and ftfy's badness test on all of it, asked for one correct "Хё" in
    Russian text, took ~45 ms (on a piece: microseconds).
    """
    kinds: set[str] = set()
    out: list[str] = []
    # split at "\n" only: str.splitlines() also splits at U+0085, a C1 control that
    # mojibake is made of ("Å¼" read as latin-1 twice holds one)
    for line in _LINES.findall(text):
        if line.isascii() or not _search(_SUSPECT, line):
            out.append(line)
        elif markup:
            out.extend(_fixed(piece, kinds) for piece in _MARKUP_PIECES.findall(line))
        else:
            out.append(_fixed(line, kinds))
    return "".join(out), kinds


def _fixed(piece: str, kinds: set[str]) -> str:
    """``piece`` through ftfy where it holds a trace; the kinds of repair added to ``kinds``."""
    if piece.isascii() or not _search(_SUSPECT, piece):
        return piece
    fixed, steps = ftfy.fix_and_explain(piece, _CONFIG)
    if fixed != piece:
        for _action, parameter in steps or ():
            kinds.add("c1_controls" if parameter == "fix_c1_controls" else "mojibake")
    return fixed


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
    if html.isascii() or not _has_candidate(html):  # no line holds a trace
        return html, []
    repaired, kinds = _ftfy_lines(html, markup=True)
    return repaired, sorted(kinds)
