"""Item -> exported record: one place that decides how absent values look (omitted)."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter


def to_record(item: Any) -> dict[str, Any]:
    """A plain dict of the item with every None / empty value left out."""
    return {k: v for k, v in ItemAdapter(item).items() if v not in (None, "", [], {})}
