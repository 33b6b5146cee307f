"""Parse untrusted XML (sitemaps, feeds) safely: no entities, no network, bounded size.

:func:`iter_xml` reads incrementally (the caller clears what it has read), so memory follows
one entry, not the document; :func:`parse_xml` builds a whole tree (small documents only).
"""

from __future__ import annotations

import gzip
import io
import struct
import zlib
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree
from scrapy.utils.gz import gunzip

MAX_XML_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
# Entities are never expanded (XXE, billion laughs), no DTD or network is read, and
# libxml2's own limits on text and depth stay on (huge_tree=False).
_SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": False, "recover": True,
         "load_dtd": False, "dtd_validation": False}


class XmlTooLarge(ValueError):
    """The document (after decompression) is larger than allowed."""


def maybe_gunzip(body: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """Decompress gzip bodies (whole, for :func:`parse_xml`), refusing to inflate past
    ``limit`` (gzip bombs): Scrapy's ``gunzip(max_size=)``. The spider reads listings with
    :func:`xml_stream` instead, which inflates as the parser reads."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        return gunzip(body, max_size=limit)
    except (OSError, EOFError, struct.error, zlib.error) as exc:
        raise ValueError(f"broken gzip: {exc}") from exc
    except ValueError as exc:  # Scrapy's (private) "max size exceeded"
        raise XmlTooLarge(f"gzip body inflates past {limit} bytes") from exc


class _CappedReader(io.RawIOBase):
    """A file-like over ``source`` that raises :class:`XmlTooLarge` past ``limit`` bytes."""

    def __init__(self, source: IO[bytes], limit: int) -> None:
        self.source, self.limit, self.total = source, limit, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        try:
            data = self.source.read(size if size and size > 0 else 65536)
        except (OSError, EOFError, zlib.error) as exc:
            raise ValueError(f"broken gzip: {exc}") from exc
        self.total += len(data)
        if self.total > self.limit:
            raise XmlTooLarge(f"XML inflates past {self.limit} bytes")
        return data


def xml_stream(body: bytes, limit: int | None = None) -> IO[bytes]:
    """The body as a stream, inflated as it is read if gzip, never past ``limit`` bytes."""
    limit = MAX_XML_BYTES if limit is None else limit
    source: Any
    if body.startswith(b"\x1f\x8b"):
        source = gzip.GzipFile(fileobj=io.BytesIO(body))
    else:
        source = io.BytesIO(body.lstrip())  # an XML declaration must come first
    return _CappedReader(source, limit)  # type: ignore[return-value]


def iter_xml(body: bytes) -> Iterator[tuple[str, etree._Element]]:
    """("start" | "end", element) events; raises ValueError if too large or broken gzip."""
    yield from etree.iterparse(xml_stream(body), events=("start", "end"), **_SAFE)


def release(el: etree._Element) -> None:
    """Free an element that has been read, and its earlier siblings (iterparse keeps them)."""
    el.clear(keep_tail=False)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def parse_xml(body: bytes) -> etree._Element | None:
    """Root element, or None if the bytes are not XML. Entities are never expanded."""
    if len(body) > MAX_XML_BYTES:
        raise XmlTooLarge(f"XML body of {len(body)} bytes")
    parser = etree.XMLParser(**_SAFE)
    try:
        root = etree.fromstring(body.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local_name(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""
