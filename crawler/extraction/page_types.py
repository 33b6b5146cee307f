"""What crosses between the crawl process and an extraction worker: a page in, its result out.

A module of its own, importing nothing of extraction's libraries: the crawl process builds
:class:`PageInput` and reads :class:`PageResult` but never extracts, so it need not import
trafilatura, readability and the language model (~1 s of CPU and ~60 MB at every start).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawler.items import Article


@dataclass(frozen=True)
class PageInput:
    """A fetched or saved page."""

    url: str
    body: bytes
    declared_encoding: str | None = None
    want_links: bool = True


@dataclass
class PageResult:
    """What a page yielded. ``reason`` is why it is not an article (a stat key), else None."""

    article: Article | None
    reason: str | None
    links: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    known_links: int = 0
    """Links left out of ``links``/``feeds``: returned before for an earlier page of the site."""
    encoding: str | None = None
    encoding_repair: str | None = None
    """How the bytes were decoded when the declared charset was wrong or missing."""
    html_repairs: list[str] = field(default_factory=list)
    """Kinds of mojibake repaired in the decoded HTML before parsing."""
    pruned: Counter[str] = field(default_factory=Counter)
