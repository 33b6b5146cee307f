"""Cyrillic UTF-8 read as windows-1251, then given stray spaces by a machine translator.

"канал в" stored as UTF-8 and read as windows-1251 is "РєР°РЅР°Р» РІ"; ftfy repairs that.
A machine translator then treated "°" and "»" as punctuation and spaced them:
"РєР ° РЅР ° Р »РІ". ftfy cannot see through the spaces, so this module finds runs of
lead characters ("Р", "С" = bytes D0, D1) each followed by a continuation character (a
windows-1251 character of a byte 80–BF), allowing one stray space inside or between pairs,
and re-decodes them:

- a space between a lead and its continuation is always stray (the pair is one letter);
- a space after a letter-like continuation ("є", "І"…) is a word space and is kept;
- a space after a punctuation-like continuation ("°", "»", "·"…) is usually stray (the
  translator spaced the "punctuation"), but a word may also end there ("а" is "Р°"), and a
  translator that took "»" for an opening quote moved the word space that followed it
  ("Р» РІ" became "Р »РІ"). Without a dictionary this cannot be decided in general; a word
  space is put (back) only when the next word is a one-letter preposition or conjunction
  ("в", "с", "и", "з"…), otherwise the letters are joined. Words may therefore come out
  joined ("каналв") or split before a one-letter word in rare cases.

The run is replaced only when it has at least two pairs, a space between a lead and its
continuation (the translator's mark; unspaced mojibake is left to ftfy) and decodes to
Cyrillic letters only.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_LEADS = {"Р": 0xD0, "С": 0xD1}
_CONTINUATIONS = {
    ch: byte
    for byte in range(0x80, 0xC0)
    if (ch := bytes([byte]).decode("cp1251", errors="ignore")) and ch != " "
}
_CONT_CLASS = "".join(re.escape(c) for c in _CONTINUATIONS)
RUN = re.compile(f"[РС] ?[{_CONT_CLASS}](?: ?[РС] ?[{_CONT_CLASS}])+")
"""Candidate runs: deterministic (leads, continuations and the space are disjoint)."""

_INNER_SPACE = re.compile("[РС] ")
_ONE_LETTER_WORDS = frozenset("вкуосиаяйіз")


class _Pair(NamedTuple):
    letter: str
    punct: bool
    inner: bool
    after: bool

    @property
    def keeps_space(self) -> bool:
        """A space after a letter-like continuation is a word space."""
        return self.after and not self.punct


def _pairs(run: str) -> list[_Pair]:
    """The run as lead+continuation pairs, with the spaces inside and after each."""
    pairs: list[_Pair] = []
    i = 0
    while i < len(run):
        lead = run[i]
        inner = run[i + 1] == " "
        cont = run[i + 2] if inner else run[i + 1]
        i += 3 if inner else 2
        after = i < len(run) and run[i] == " "
        i += 1 if after else 0
        letter = bytes([_LEADS[lead], _CONTINUATIONS[cont]]).decode("utf-8", errors="replace")
        pairs.append(_Pair(letter, not cont.isalpha(), inner, after))
    return pairs


def _rebuild(pairs: list[_Pair]) -> str | None:
    """The repaired text of a run, or None when it is not clean Cyrillic."""
    out: list[str] = []
    for k, pair in enumerate(pairs):
        if not ("\u0400" <= pair.letter <= "\u04ff" and pair.letter.isalpha()):
            return None
        out.append(pair.letter)
        if pair.keeps_space or _word_space_lost(pairs, k):
            out.append(" ")
    return "".join(out)


def _word_space_lost(pairs: list[_Pair], k: int) -> bool:
    """A spaced punctuation-like pair followed by a one-letter word (see module docstring)."""
    pair = pairs[k]
    if not (pair.punct and (pair.after or pair.inner)) or k + 1 >= len(pairs):
        return False
    following = pairs[k + 1]
    one_letter = following.keeps_space or k + 2 == len(pairs)
    return one_letter and following.letter in _ONE_LETTER_WORDS


def _damaged(run: str) -> bool:
    """A space between a lead and its continuation: only a translator puts one there."""
    return _INNER_SPACE.search(run) is not None


# "вЂ" + a continuation is U+2000–U+203F read as windows-1251: a closing one ("”", "’",
# "…") after a spaced punctuation-like pair took the translator's stray space with it.
_CLOSING = frozenset("”’…›")
_PUNCT_TAIL = re.compile(f" вЂ([{_CONT_CLASS}])")


def _stray_space_before_closing(text: str, end: int, pairs: list[_Pair]) -> bool:
    """The run ends in a punctuation-like pair and " вЂ?" follows, "?" a closing mark."""
    match = _PUNCT_TAIL.match(text, end)
    if not match or not pairs[-1].punct:
        return False
    mark = bytes([0xE2, 0x80, _CONTINUATIONS[match.group(1)]]).decode("utf-8", "replace")
    return mark in _CLOSING


def repair_spaced_mojibake(text: str) -> tuple[str, int]:
    """Repair spaced windows-1251 mojibake; returns the text and the number of runs fixed."""
    fixed = 0
    out: list[str] = []
    pos = 0
    for match in RUN.finditer(text):
        run = match.group(0)
        if not _damaged(run):
            continue
        pairs = _pairs(run)
        repaired = _rebuild(pairs)
        if repaired is None:
            continue
        fixed += 1
        out.append(text[pos : match.start()])
        out.append(repaired)
        pos = match.end()
        if _stray_space_before_closing(text, pos, pairs):
            pos += 1  # ftfy then repairs "вЂќ" itself
    out.append(text[pos:])
    return "".join(out), fixed
