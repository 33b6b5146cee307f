"""JSON Lines exporter that omits absent fields (see ``crawler.record.to_record``)."""

from __future__ import annotations

from typing import Any

from scrapy.exporters import JsonLinesItemExporter

from crawler.record import to_record


class ArticleJsonLinesExporter(JsonLinesItemExporter):
    """Scrapy's JSON Lines exporter; absent values are omitted, non-ASCII written as is."""

    def __init__(self, file: Any, **kwargs: Any) -> None:
        kwargs.setdefault("ensure_ascii", False)
        super().__init__(file, **kwargs)

    def export_item(self, item: Any) -> None:
        super().export_item(to_record(item))
