"""Bytes -> text, catching charsets that lie.

Order of trust:

1. A byte-order mark.
2. Strict UTF-8, when the bytes are valid UTF-8 and contain non-ASCII: a page in a
   single-byte charset is practically never valid UTF-8 by accident, whatever the header
   says ("windows-1252" declared over UTF-8 bytes is the most common lie).
3. The declared charset (HTTP header, then ``<meta charset>``), decoded strictly, with the
   WHATWG aliases browsers use ("iso-8859-1" means windows-1252, "iso-8859-9"
   windows-1254…). A Latin single-byte decode whose letters are mostly non-ASCII
   ("Ïðèâåò") is Cyrillic or Greek under a wrong label and goes to detection.
4. Detection with charset-normalizer. Detectors are weak between the Latin code pages
   (Turkish comes out as iso8859-10, French as cp1250), so a Latin guess is re-ranked by
   :func:`best_latin`: the code page whose non-ASCII letters fit one language's alphabet.

``Decoded.repair`` names what was done (a stat key) or is None when the declaration was
right: ``charset_mismatch`` (declared, but wrong), ``charset_detected`` (nothing declared
and not UTF-8), ``undecodable`` (nothing fitted; decoded with replacement characters).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_DETECT_BYTES = 200_000
_MIN_LETTERS = 40
_MOSTLY_FOREIGN = 0.4
_LATIN_MARGIN = 0.2

WHATWG_ALIASES = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}
"""Labels browsers decode with a superset (WHATWG Encoding Standard)."""

LATIN_CODEPAGES = ("cp1252", "cp1250", "cp1254", "cp1257", "iso8859-2", "iso8859-15")
"""Latin single-byte code pages re-ranked by :func:`best_latin`, preferred first on ties."""
_LATIN_LIKE = frozenset(
    (*LATIN_CODEPAGES, "iso8859-3", "iso8859-4", "iso8859-9", "iso8859-10", "iso8859-13",
     "iso8859-14", "iso8859-16", "mac-roman", "mac-latin2", "cp850", "cp437")
)  # fmt: skip

ALPHABETS = {
    "tr": "çğıöşüâîûÇĞİÖŞÜÂÎÛ",
    "de": "äöüßÄÖÜéÉ",
    "fr": "àâæçéèêëîïôœùûüÿÀÂÇÉÈÊÎÔŒÙÛ«»",
    "es": "áéíñóúüÁÉÍÑÓÚÜ¿¡",
    "pt": "áâãàçéêíóôõúÁÂÃÀÇÉÊÍÓÔÕÚ",
    "it": "àèéìíòóùÀÈÉÌÒÙ",
    "nordic": "åæøäöéÅÆØÄÖ",
    "is": "áðéíóúýþæöÁÐÉÍÓÚÝÞÆÖ",
    "pl": "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",
    "cs": "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ",
    "sk": "áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ",
    "hu": "áéíóöőúüűÁÉÍÓÖŐÚÜŰ",
    "hr": "čćđšžČĆĐŠŽ",
    "ro": "ăâîșțşţĂÂÎȘȚŞŢ",
    "baltic": "āčēģīķļņšūžąęėįųĀČĒĢĪĶĻŅŠŪŽĄĘĖĮŲõäöüÕÄÖÜ",
}
"""Non-ASCII letters of languages written in Latin single-byte code pages."""


@dataclass(frozen=True)
class Decoded:
    """Decoded page text, the codec used, and the repair made (stat key) or None."""

    text: str
    encoding: str
    repair: str | None


def normalise_encoding(name: str | None) -> str | None:
    """A Python codec name for a declared charset, or None if unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def sniff_meta_charset(body: bytes) -> str | None:
    """The charset named by a ``<meta>`` tag in the first 4 KB, if any."""
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_body(body: bytes, declared: str | None = None) -> Decoded:
    """Decode page bytes; never raises."""
    bom = _decode_bom(body)
    if bom is not None:
        return bom
    header_enc = _browser_codec(normalise_encoding(declared))
    meta_enc = _browser_codec(normalise_encoding(sniff_meta_charset(body)))
    label = header_enc or meta_enc
    if not body.isascii():
        utf8 = _strict(body, "utf-8")
        if utf8 is not None:
            return Decoded(utf8, "utf-8", _mismatch(label, "utf-8"))
    for enc in dict.fromkeys(e for e in (header_enc, meta_enc) if e):
        text = _strict(body, enc)
        if text is not None and not _misread_as_latin(text, enc):
            better = _better_latin(body, text, enc)
            chosen = better or enc
            final = text if better is None else body.decode(chosen)
            return Decoded(final, chosen, _mismatch(label, chosen))
    if body.isascii():
        return Decoded(body.decode("ascii"), "utf-8" if label is None else label, None)
    return _detect(body, label)


def _browser_codec(enc: str | None) -> str | None:
    return WHATWG_ALIASES.get(enc, enc) if enc else None


def _mismatch(label: str | None, used: str) -> str | None:
    return None if label is None or label == used else "charset_mismatch"


def _strict(body: bytes, enc: str) -> str | None:
    try:
        return body.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_bom(body: bytes) -> Decoded | None:
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if body.startswith(bom):
            return Decoded(body[len(bom) :].decode(enc, "replace"), enc, None)
    return None


# Long ASCII runs (scripts, styles, markup) drown the few non-ASCII bytes a detector needs:
# a Chinese page with 50 KB of script before its text came out as a Latin code page. Runs are
# shortened to their first byte (it may be the trail byte of a double-byte character; no
# lead byte is ASCII, so nothing after it can be) before detection.
_ASCII_RUN = re.compile(rb"([\x00-\x7f])[\x00-\x7f]{63,}")


def dense_sample(body: bytes) -> bytes:
    """The bytes a detector should see: non-ASCII text with the ASCII between it shortened."""
    return _ASCII_RUN.sub(rb"\1 ", body)[:_DETECT_BYTES]


def _detect(body: bytes, label: str | None) -> Decoded:
    best = from_bytes(dense_sample(body)).best()
    repair = "charset_mismatch" if label else "charset_detected"
    if best is None or not best.encoding:
        return Decoded(body.decode("utf-8", "replace"), "utf-8", "undecodable")
    enc = normalise_encoding(best.encoding) or "utf-8"
    if enc in _LATIN_LIKE:
        enc = best_latin(body) or enc
    return Decoded(body.decode(enc, "replace"), enc, repair)


def _letters(text: str) -> tuple[int, list[str]]:
    """The number of letters and the non-ASCII letters of ``text``."""
    letters = [c for c in text if c.isalpha()]
    return len(letters), [c for c in letters if not c.isascii()]


def _misread_as_latin(text: str, enc: str) -> bool:
    """A Latin single-byte decode that is mostly non-ASCII letters: not a Latin language."""
    if enc not in _LATIN_LIKE:
        return False
    total, foreign = _letters(text[:_DETECT_BYTES])
    return total >= _MIN_LETTERS and len(foreign) / total > _MOSTLY_FOREIGN


def alphabet_fit(text: str) -> float:
    """The largest share of non-ASCII letters that one language's alphabet explains
    (1.0 when there are none)."""
    _total, foreign = _letters(text)
    if not foreign:
        return 1.0
    return max(sum(1 for c in foreign if c in abc) for abc in ALPHABETS.values()) / len(foreign)


def best_latin(body: bytes) -> str | None:
    """The Latin code page under which the bytes read most like one language, or None if
    none decodes them."""
    sample = body[:_DETECT_BYTES]
    scored: list[tuple[float, int, str]] = []
    for rank, enc in enumerate(LATIN_CODEPAGES):
        text = _strict(sample, enc)
        if text is not None:
            scored.append((alphabet_fit(text), -rank, enc))
    return max(scored)[2] if scored else None


def _better_latin(body: bytes, text: str, enc: str) -> str | None:
    """A Latin code page clearly better than the declared Latin one, else None."""
    if enc not in _LATIN_LIKE:
        return None
    fit = alphabet_fit(text[:_DETECT_BYTES])
    if fit >= 1.0 - _LATIN_MARGIN:
        return None
    best = best_latin(body)
    if best is None or best == enc:
        return None
    return best if alphabet_fit(_strict(body, best) or "") >= fit + _LATIN_MARGIN else None
