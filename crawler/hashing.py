"""The body hash shared by the duplicates and the incremental pipelines (and recorded in the
state store): one definition, so that "same body" means the same thing everywhere."""

from __future__ import annotations

import hashlib


def content_hash(body: str) -> str:
    """SHA-1 of the whitespace-normalised body: the record's ``metadata.contentHash``."""
    normalised = " ".join(body.split()).casefold()
    return hashlib.sha1(normalised.encode("utf-8"), usedforsecurity=False).hexdigest()
