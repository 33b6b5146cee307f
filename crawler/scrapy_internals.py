"""The Scrapy internals this project relies on, each behind one function, so that a Scrapy
upgrade is checked in one place: run ``tests/test_scrapy_internals.py`` on the new version,
then raise the bound in ``pyproject.toml``.

Checked on Scrapy 2.15.2 and 2.19.0 (``CHECKED_ON``; 2.14 lacks an exception we import).
Each function degrades to "not available" rather than raising when the internal it reads
has moved, and the tests fail then.

``request_to_dict`` (``Request.to_dict`` without its ``inspect.getmembers`` cost) copies an
internal format; ``tests/test_resume_request_dict.py`` compares it with Scrapy's own
``to_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FeedExporter, FileFeedStorage
from scrapy.utils.reactor import CallLaterOnce

CHECKED_ON = ("2.15.2", "2.19.0")


def wake_engine(engine: Any) -> bool:
    """Make the engine ask its scheduler for requests now; False if it could not.

    The engine pulls from the scheduler after each of its own events and otherwise only on
    a 5 s heartbeat; requests that another worker put in a shared queue are no event here.
    Scrapy has no public call for this: ``ExecutionEngine._slot.nextcall`` is the
    ``CallLaterOnce`` that ``engine.crawl()`` schedules after queueing a request."""
    nextcall = getattr(getattr(engine, "_slot", None), "nextcall", None)
    if not isinstance(nextcall, CallLaterOnce):
        return False
    nextcall.schedule()
    return True


@dataclass(frozen=True)
class HoldCheck:
    """What a pipeline holding items needs to know (see :func:`hold_check`)."""

    closing: bool = False  # the engine is closing the spider: it waits for held items
    idle: bool = False  # nothing else left to do: no progress until held items go
    scraper_load: float = 0.0  # response bytes in the scraper / SCRAPER_SLOT_MAX_ACTIVE_SIZE


def hold_check(crawler: Crawler, held: int) -> HoldCheck:
    """Whether a crawl can go on while ``held`` items wait inside an item pipeline.

    A pending item keeps its response in the scraper slot, so the spider never goes idle
    and a closing engine waits for it (``Scraper.close_spider_async`` waits for an idle
    slot). Reads ``ExecutionEngine._slot.closing`` (set when closing starts),
    ``engine._start`` (start requests not all consumed), the scheduler's
    ``has_pending_requests()``, ``Downloader.active``, and the scraper ``Slot``'s
    ``queue``, ``active``, ``itemproc_size``, ``active_size``, ``max_active_size``.
    ``idle``: nothing downloads, nothing can be fetched (no request left, or the engine
    backs out), and no response or item is in the scraper beyond the ``held`` ones.
    Checked on Scrapy 2.19.0 only (not yet on 2.15.2, unlike the functions above)."""
    engine: Any = crawler.engine  # private attributes below: checked by the tests
    try:
        slot, scraper = engine._slot, engine.scraper.slot
        if slot is None or scraper is None:
            return HoldCheck()  # not open yet, or closed
        if slot.closing is not None or not engine.running:
            return HoldCheck(closing=True)
        load = scraper.active_size / max(1, scraper.max_active_size)
        fetchable = (engine._start is not None
                     or slot.scheduler.has_pending_requests())
        fetchable = fetchable and not engine.needs_backout()
        busy = (bool(engine.downloader.active) or fetchable
                or bool(scraper.queue) or len(scraper.active) > held
                or scraper.itemproc_size > held)
    except AttributeError:  # moved in this Scrapy version: the pipeline's timeout still works
        return HoldCheck()
    return HoldCheck(idle=not busy, scraper_load=load)


def finish_scraper_close(crawler: Crawler) -> bool:
    """Let a closing scraper see that its last items are done; False if it could not.

    The scraper re-checks whether it may close (``Scraper._check_if_closing``) when a
    response is done, not when an item without a response (yielded by ``start()``) leaves
    the pipelines: such an item released while the spider closes would keep the close
    waiting forever. Calling it again is harmless (it fires only once the slot is idle).
    Checked on Scrapy 2.19.0 only."""
    check: Any = getattr(getattr(crawler, "engine", None), "scraper", None)
    check = getattr(check, "_check_if_closing", None)
    scraper_slot = getattr(getattr(crawler.engine, "scraper", None), "slot", None)
    if not callable(check) or scraper_slot is None or scraper_slot.closing is None:
        return False
    if scraper_slot.closing.called:
        return True
    check()
    return True


def feed_uris(crawler: Crawler) -> list[str]:
    """The URIs of the feeds this crawl writes, with their ``%(name)s``/``%(time)s``
    parameters filled in (empty before the spider opens, or without feeds).

    Only the ``FeedExporter``'s slots know the rendered URIs (``FeedExporter.slots``, each
    ``FeedSlot.uri``); the ``FEEDS`` setting has the templates only."""
    exporter = crawler.get_extension(FeedExporter)
    slots = getattr(exporter, "slots", None) or []
    return [uri for slot in slots if isinstance(uri := getattr(slot, "uri", None), str)]


def stored_feed_paths(crawler: Crawler) -> list[Path]:
    """Local files of the feeds this crawl stored: a feed that got no item is not stored
    (unless ``store_empty``), and the path is the storage's own, which a resumed crawl may
    have moved beside the requested one. Reads ``FeedSlot.itemcount``, ``store_empty``,
    ``batch_id`` and ``storage``."""
    exporter = crawler.get_extension(FeedExporter)
    out = []
    for slot in getattr(exporter, "slots", None) or []:
        stored = getattr(slot, "itemcount", 0) or (
            getattr(slot, "store_empty", False) and getattr(slot, "batch_id", 1) == 1
        )
        storage = getattr(slot, "storage", None)
        if stored and isinstance(storage, FileFeedStorage):
            out.append(Path(storage.path))
    return out


def request_to_dict(request: Request, spider: Any) -> dict[str, Any]:
    """``request.to_dict(spider=spider)`` without its cost: Scrapy finds the callback's name
    with ``inspect.getmembers(spider)`` on every call (~0.3 ms, twice a request). A copy of
    ``Request.to_dict``'s format (an internal): ``tests/test_resume_request_dict.py`` compares
    the two. The resume frontier stores requests this way."""
    callback, errback = request.callback, request.errback
    names = (_method_name(spider, callback), _method_name(spider, errback))
    if (callable(callback) and names[0] is None) or (callable(errback) and names[1] is None):
        return request.to_dict(spider=spider)  # not a plain bound method: Scrapy's own way
    data: dict[str, Any] = {"url": request.url, "callback": names[0], "errback": names[1],
                            "headers": dict(request.headers)}
    for attr in request.attributes:
        data.setdefault(attr, getattr(request, attr))
    if type(request) is not Request:
        data["_class"] = f"{type(request).__module__}.{type(request).__name__}"
    return data


def _method_name(spider: Any, func: Any) -> str | None:
    """The spider attribute name of a bound method of ``spider``, else None."""
    if not callable(func):
        return func if isinstance(func, str) else None
    name = getattr(getattr(func, "__func__", None), "__name__", None)
    if getattr(func, "__self__", None) is not spider or name is None:
        return None
    bound = getattr(spider, name, None)
    return name if getattr(bound, "__func__", None) is func.__func__ else None
