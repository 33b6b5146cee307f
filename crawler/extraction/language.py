"""Detect a body's language when the page does not declare one.

py3langid ships its model inside the package (no download at runtime); it is loaded once per
process, on first use.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

MIN_CHARS = 40
"""Shorter texts are too ambiguous to call."""
MIN_PROBABILITY = 0.8
"""Below this normalised probability the guess is withheld: no value beats a wrong one."""
SAMPLE_CHARS = 3000
"""Enough text for a stable guess; classification cost grows with the length."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when short or unsure."""
    if not text or len(text.strip()) < MIN_CHARS:
        return None
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    if probability < MIN_PROBABILITY or len(code) != 2:
        return None
    return str(code)


def warm_up() -> None:
    """Load the model now (worker start, benchmark warm-up) rather than on the first page."""
    _identifier()
