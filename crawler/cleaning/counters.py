"""Counters a page cache or CMS leaves in the page ("1074 requests in 1,228 seconds.",
"Views: 1234")."""

from __future__ import annotations

from crawler.cleaning.base import short_pattern_rule

_NUMBER = r"\d[\d,.]*(?:\s[\d,.]+)*"

REQUEST_COUNTER = short_pattern_rule(
    200,
    _NUMBER + r"\s+(?:requests?|queries|quer(?:y|ies)|запрос\w*|запит\w*|anfragen)"
    r"\s+(?:in|за|от|in\s+nur)\s+" + _NUMBER + r"\s*(?:seconds?|secs?|s|сек\w*|sekunden)\.?",
    r"(?:page|страница|сторінка|seite)\s+(?:generated|сгенерирована|згенерована|generiert)"
    r"\s+(?:in|за)\s+" + _NUMBER + r"\s*(?:seconds?|secs?|s|сек\w*|sekunden)\.?",
)
"""A request / page-generation counter line."""

_VIEWS = (r"(?:views?|page\s+views|просмотр\w*|переглядів|aufrufe|vues|visitas|"
          r"visualizzazioni|wyświetle\w*|görüntülenme)")
VIEW_COUNTER = short_pattern_rule(
    60,
    _VIEWS + r"\s*:?\s*" + _NUMBER,
    _NUMBER + r"\s+" + _VIEWS,
)
"""A view counter standing alone on its line ("Views: 1234", "1,234 views")."""
