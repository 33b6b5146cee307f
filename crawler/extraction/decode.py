"""Bytes -> text, catching charsets that lie.

Decode strictly with the declared charset (HTTP header, then ``<meta charset>``); when that
fails, or nothing is declared, detect with charset-normalizer. The returned ``repair`` names
what was done (a stat key) or is None when the declaration was right.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
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
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_body(body: bytes, declared: str | None = None) -> Decoded:
    """Decode page bytes; never raises."""
    if body.startswith(codecs.BOM_UTF8):
        return Decoded(body[3:].decode("utf-8", "replace"), "utf-8", None)
    header_enc = normalise_encoding(declared)
    meta_enc = normalise_encoding(sniff_meta_charset(body))
    for enc in (header_enc, meta_enc):
        if enc is None:
            continue
        try:
            return Decoded(body.decode(enc), enc, None)
        except UnicodeDecodeError:
            continue
    if header_enc is None and meta_enc is None:
        try:
            return Decoded(body.decode("utf-8"), "utf-8", None)
        except UnicodeDecodeError:
            pass
    best = from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        repair = "charset_mismatch" if (header_enc or meta_enc) else "charset_detected"
        return Decoded(body.decode(best.encoding, "replace"), best.encoding, repair)
    return Decoded(body.decode("utf-8", "replace"), "utf-8", "undecodable")
