"""Know when everything a response's callback produced is persisted.

A request handed out by a resumable scheduler carries ``meta[TAGS]`` (what the scheduler
must acknowledge: frontier fingerprints, or Redis queue entries). This spider middleware,
closest to the engine, counts each output of the callback: a request is settled when the
scheduler has recorded (or filtered) it, an item when ``item_scraped`` (the feed line is
written: the feed exporter, an extension, is connected before us), ``item_dropped`` or
``item_error`` fired. Once the callback is exhausted and every output settled, the tags
are passed to ``on_done``. A response whose output was never settled (crash, exception in
the callback, download error) is simply not acknowledged: it is fetched again.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

TAGS = "resume_tags"
"""meta key: list of acknowledgement tags of the request (one per scheduler hand-out)."""
PARENT = "resume_parent"
"""meta key on a child request: token of the response that produced it."""

DoneCallback = Callable[[list[Any]], None]


@dataclass
class _Open:
    tags: list[Any]
    response: Response  # held so that id(response) stays unique while open
    pending: int = 0
    exhausted: bool = False
    items: set[int] = field(default_factory=set)


class OutputTrackerMiddleware:
    """Spider middleware (order 1 or less: it must see the final output)."""

    def __init__(self) -> None:
        self._open: dict[int, _Open] = {}
        self._by_response: dict[int, int] = {}
        self._tokens = itertools.count(1)
        self.on_done: DoneCallback | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutputTrackerMiddleware:
        mw = cls()
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(mw._item_settled, signal=signal)
        return mw

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        tags = response.meta.get(TAGS)
        if not tags or self.on_done is None:
            async for out in result:
                yield out
            return
        token = next(self._tokens)
        entry = _Open(list(tags), response)
        self._open[token] = entry
        self._by_response[id(response)] = token
        async for out in result:
            entry.pending += 1
            if isinstance(out, Request):
                out.meta[PARENT] = token
            yield out
        entry.exhausted = True
        self._maybe_done(token)

    def settle_child(self, token: int | None) -> None:
        """The scheduler recorded (or filtered) a request that carried ``meta[PARENT]``."""
        if token is not None:
            self._settle(token)

    def _item_settled(self, item: Any, response: Response | None = None, **_: Any) -> None:
        if response is not None:
            token = self._by_response.get(id(response))
            if token is not None:
                self._settle(token)

    def _settle(self, token: int) -> None:
        entry = self._open.get(token)
        if entry is not None:
            entry.pending -= 1
            self._maybe_done(token)

    def _maybe_done(self, token: int) -> None:
        entry = self._open[token]
        if entry.exhausted and entry.pending <= 0:
            del self._open[token]
            self._by_response.pop(id(entry.response), None)
            if self.on_done is not None:
                self.on_done(entry.tags)


def tracker_of(crawler: Crawler) -> OutputTrackerMiddleware | None:
    """The crawl's tracker middleware, if enabled in SPIDER_MIDDLEWARES."""
    return crawler.get_spider_middleware(OutputTrackerMiddleware)


def add_tag(request: Request, tag: Any) -> None:
    """Record one more acknowledgement tag on a request handed out by a scheduler."""
    request.meta[TAGS] = [*request.meta.get(TAGS, ()), tag]
