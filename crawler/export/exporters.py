"""Feed exporters that omit absent fields (see ``crawler.export.record.to_record``), one rule for
every feed format: Scrapy's exporters, each given the record instead of the item. (CSV needs
none: its columns are fixed, and an absent value is an empty cell.)"""

from __future__ import annotations

from typing import Any

from scrapy.exporters import (
    JsonItemExporter,
    JsonLinesItemExporter,
    MarshalItemExporter,
    PickleItemExporter,
    XmlItemExporter,
)

from crawler.export.record import to_record


class ArticleJsonLinesExporter(JsonLinesItemExporter):
    """Scrapy's JSON Lines exporter; absent values are omitted, non-ASCII written as is."""

    def __init__(self, file: Any, **kwargs: Any) -> None:
        kwargs.setdefault("ensure_ascii", False)
        super().__init__(file, **kwargs)

    def export_item(self, item: Any) -> None:
        super().export_item(to_record(item))


class ArticleJsonExporter(JsonItemExporter):
    """``-O out.json``: a JSON array; absent values omitted, never ``null``."""

    def __init__(self, file: Any, **kwargs: Any) -> None:
        kwargs.setdefault("ensure_ascii", False)
        super().__init__(file, **kwargs)

    def export_item(self, item: Any) -> None:
        super().export_item(to_record(item))


class ArticleXmlExporter(XmlItemExporter):
    """XML: an absent field has no element."""

    def export_item(self, item: Any) -> None:
        super().export_item(to_record(item))


class ArticleMarshalExporter(MarshalItemExporter):
    """marshal: absent values omitted."""

    def export_item(self, item: Any) -> None:
        super().export_item(to_record(item))


class ArticlePickleExporter(PickleItemExporter):
    """pickle: absent values omitted."""

    def export_item(self, item: Any) -> None:
        super().export_item(to_record(item))
