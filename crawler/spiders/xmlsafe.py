"""Parse untrusted XML (sitemaps, feeds) safely: no entities, no network, bounded size."""

from __future__ import annotations

import gzip
import io
import zlib

from lxml import etree

MAX_XML_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed


class XmlTooLarge(ValueError):
    """The document (after decompression) is larger than allowed."""


def maybe_gunzip(body: bytes, limit: int = MAX_XML_BYTES) -> bytes:
    """Decompress gzip bodies, refusing to inflate past ``limit`` (gzip bombs)."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
            while chunk := f.read(65536):
                out.write(chunk)
                if out.tell() > limit:
                    raise XmlTooLarge(f"gzip body inflates past {limit} bytes")
    except (OSError, EOFError, zlib.error) as exc:
        raise ValueError(f"broken gzip: {exc}") from exc
    return out.getvalue()


def parse_xml(body: bytes) -> etree._Element | None:
    """Root element, or None if the bytes are not XML. Entities are never expanded."""
    if len(body) > MAX_XML_BYTES:
        raise XmlTooLarge(f"XML body of {len(body)} bytes")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, recover=True,
        load_dtd=False, dtd_validation=False,
    )
    try:
        root = etree.fromstring(body.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return root


def local_name(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""
