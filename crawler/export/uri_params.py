"""``FEED_URI_PARAMS``: spider attributes substituted into feed URIs cannot escape a directory.

Scrapy fills ``%(name)s``-style placeholders in ``FEEDS`` URIs from *every* spider attribute,
and ``-a key=value`` sets spider attributes: ``-a name=../../etc`` would otherwise write the
feed outside ``output/``. Every substituted string value is made a single safe path segment.
"""

from __future__ import annotations

import re
from typing import Any

_UNSAFE = re.compile(r"[^\w.@+=-]+")  # keeps letters of any script, digits, a few marks
_DOTS = re.compile(r"\.{2,}")
MAX_SEGMENT = 120


def safe_segment(value: str) -> str:
    """``value`` as one harmless path segment: no separators, no ``..``, no NUL, not empty."""
    cleaned = _UNSAFE.sub("_", value.replace("\x00", ""))
    cleaned = _DOTS.sub("_", cleaned).strip("._") or "_"
    return cleaned[:MAX_SEGMENT]


def uri_params(params: dict[str, Any], spider: Any = None) -> dict[str, Any]:
    """The ``FEED_URI_PARAMS`` function: sanitise every string parameter Scrapy substitutes."""
    return {k: _safe_value(v) for k, v in params.items()}


def _safe_value(value: Any) -> Any:
    # Numbers stay numbers (``%(batch_id)d``); anything else is formatted with str(), so
    # it is sanitised as the string it would become.
    if isinstance(value, bool | int | float):
        return value
    return safe_segment(value if isinstance(value, str) else str(value))
