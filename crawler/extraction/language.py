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
SAMPLE_CHARS = 800
OVERRIDE_PROBABILITY = 0.99
OVERRIDE_MIN_CHARS = 500
"""A declared language is replaced only by a near-certain guess on a long text: templates
declare one language for a whole site, and some sites publish in two."""
"""Enough text for a stable guess; classification cost grows with the length."""


@lru_cache(maxsize=1)
def _identifier() -> Any:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when short or unsure."""
    guess = _guess(text)
    return guess[0] if guess and guess[1] >= MIN_PROBABILITY else None


def choose_language(declared: str | None, text: str | None) -> str | None:
    """The page's declared language, unless missing or contradicted by a confident guess."""
    guess = _guess(text)
    if guess is None:
        return declared
    code, probability = guess
    if declared is None:
        return code if probability >= MIN_PROBABILITY else None
    confident = probability >= OVERRIDE_PROBABILITY and len(text or "") >= OVERRIDE_MIN_CHARS
    return code if confident and code != declared else declared


def _guess(text: str | None) -> tuple[str, float] | None:
    if not text or len(text.strip()) < MIN_CHARS:
        return None
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return (str(code), float(probability)) if len(code) == 2 else None


def warm_up() -> None:
    """Load the model now (worker start, benchmark warm-up) rather than on the first page."""
    _identifier()
