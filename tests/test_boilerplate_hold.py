"""A site's first records are held until its learned boilerplate is known, then stripped
like its last; every held record comes out once, whatever lets it go."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from crawler.cleaning.boilerplate import MIN_SITE_PAGES
from crawler.items import Article
from crawler.pipelines import chrome
from crawler.pipelines.chrome import ChromeStripPipeline
from crawler.pipelines.holding import CAP, IDLE, THRESHOLD, TIMEOUT, HoldingPen
from crawler.scrapy_internals import HoldCheck
from crawler.spiders.news import NewsSpider
from tests.conftest import project_settings

TAGLINE = "The Riverton Ledger: independent news from the valley since 1921."


def story(i: int) -> str:
    tag = "".join(chr(97 + int(d)) for d in f"{i:04d}")  # letters: digits normalise alike
    return "\n".join(f"Story {tag} paragraph {chr(97 + j)} tells the council news." for j in range(5))


class Outcome:
    """What became of one item sent through the pipeline."""

    def __init__(self, result: Any) -> None:
        self.item: Any = None
        self.held = not isinstance(result, Article)
        if self.held:  # a coroutine: run it on Deferreds (no reactor needed)
            Deferred.fromCoroutine(result).addCallback(self._done)
        else:
            self.item = result

    def _done(self, item: Any) -> None:
        self.item = item


@pytest.fixture
def pipeline(tmp_path, monkeypatch) -> Any:
    # Outside a running crawl, await the Deferred itself (no asyncio loop to adapt it to).
    monkeypatch.setattr(chrome, "maybe_deferred_to_future", lambda d: d)

    def build(**settings: Any) -> tuple[ChromeStripPipeline, Any]:
        settings = {"CRAWLER_STATE_DIR": str(tmp_path), "CRAWLER_LEARN_BOILERPLATE": True,
                    **settings}
        crawler = get_crawler(NewsSpider, settings_dict=project_settings(**settings))
        crawler.stats.open_spider()
        return ChromeStripPipeline.from_crawler(crawler), crawler.stats

    return build


def send(pipe: ChromeStripPipeline, i: int, site: str = "ledger.com") -> Outcome:
    body = f"{story(i)}\n{TAGLINE}"
    return Outcome(pipe.process_item(Article(url=f"https://www.{site}/news/{i}",
                                             articleBody=body)))


def test_first_record_as_clean_as_the_last(pipeline) -> None:
    pipe, stats = pipeline()
    outcomes = [send(pipe, i) for i in range(30)]
    pipe.close()
    assert [o.held for o in outcomes] == [True] * (MIN_SITE_PAGES - 1) + [False] * 21
    assert all(o.item is not None for o in outcomes)
    assert [o.item.articleBody for o in outcomes] == [story(i) for i in range(30)]
    assert stats.get_value("boilerplate/held") == MIN_SITE_PAGES - 1
    assert stats.get_value(f"boilerplate/released/{THRESHOLD}") == MIN_SITE_PAGES - 1
    assert stats.get_value("chrome/removed/site_boilerplate") == 30


def test_without_holding_the_first_records_leak(pipeline) -> None:
    pipe, _ = pipeline(CRAWLER_BOILERPLATE_HOLD=0)
    outcomes = [send(pipe, i) for i in range(30)]
    pipe.close()
    leaked = [i for i, o in enumerate(outcomes) if TAGLINE in o.item.articleBody]
    assert leaked == list(range(MIN_SITE_PAGES - 1))


def test_sites_are_held_apart(pipeline) -> None:
    pipe, _ = pipeline()
    small = [send(pipe, i, "smallnews.com") for i in range(3)]
    big = [send(pipe, i, "bignews.com") for i in range(12)]
    assert all(o.item is not None for o in big)
    assert all(o.item is None for o in small)  # its site is not known yet
    pipe.close()
    assert [o.item.articleBody for o in small] == [f"{story(i)}\n{TAGLINE}" for i in range(3)]


@pytest.mark.parametrize(("check", "reason"), [
    (HoldCheck(idle=True), "idle"),
    (HoldCheck(closing=True), "close"),
])
def test_tick_releases_everything_when_the_crawl_waits_on_it(pipeline, monkeypatch, check,
                                                               reason) -> None:
    pipe, stats = pipeline()
    monkeypatch.setattr(chrome, "hold_check", lambda crawler, held: check)
    outcomes = [send(pipe, i) for i in range(4)]
    assert all(o.item is None for o in outcomes)
    pipe.tick()
    assert [o.item.articleBody for o in outcomes] == [f"{story(i)}\n{TAGLINE}" for i in range(4)]
    assert stats.get_value(f"boilerplate/released/{reason}") == 4


def test_tick_keeps_records_while_the_crawl_goes_on(pipeline, monkeypatch) -> None:
    pipe, _ = pipeline()
    monkeypatch.setattr(chrome, "hold_check", lambda crawler, held: HoldCheck())
    outcomes = [send(pipe, i) for i in range(4)]
    pipe.tick()
    assert all(o.item is None for o in outcomes)
    pipe.close()
    assert all(o.item is not None for o in outcomes)


def test_memory_pressure_releases_the_oldest_quarter(pipeline, monkeypatch) -> None:
    pipe, stats = pipeline()
    monkeypatch.setattr(chrome, "hold_check", lambda crawler, held: HoldCheck(scraper_load=0.9))
    outcomes = [send(pipe, i, f"site{i}.com") for i in range(8)]
    pipe.tick()
    assert [o.item is not None for o in outcomes] == [True, True] + [False] * 6
    assert stats.get_value("boilerplate/released/memory") == 2
    pipe.close()


def test_total_cap_releases_the_oldest(pipeline) -> None:
    pipe, stats = pipeline(CRAWLER_BOILERPLATE_HOLD=3)
    outcomes = [send(pipe, i, f"site{i}.com") for i in range(5)]
    assert [o.item is not None for o in outcomes] == [True, True, False, False, False]
    assert stats.get_value(f"boilerplate/released/{CAP}") == 2
    pipe.close()


def test_broken_state_file_holds_nothing(pipeline) -> None:
    pipe, stats = pipeline()
    pipe.boilerplate._db.close()  # as if the file vanished under us
    outcome = send(pipe, 0, "freshnews.com")  # a site not loaded yet: its load fails
    assert not outcome.held
    assert outcome.item.articleBody == f"{story(0)}\n{TAGLINE}"
    assert stats.get_value("chrome/boilerplate_unavailable") == 1


# --- the pen alone ---------------------------------------------------------------------


def released(deferreds: list[Deferred[str]]) -> list[str | None]:
    out: list[str | None] = [None] * len(deferreds)
    for i, d in enumerate(deferreds):
        d.addCallback(lambda reason, i=i: out.__setitem__(i, reason))
    return out


def test_pen_timeout_releases_only_the_old() -> None:
    now = [0.0]
    pen = HoldingPen(per_site=9, total=100, max_seconds=60, clock=lambda: now[0])
    first = released([pen.hold("a"), pen.hold("b")])
    now[0] = 30.0
    second = released([pen.hold("a")])
    now[0] = 60.0
    assert pen.release_expired() == 2
    assert first == [TIMEOUT, TIMEOUT]
    assert second == [None]
    assert len(pen) == 1 and pen.held("a") == 1 and pen.held("b") == 0


def test_pen_per_site_cap() -> None:
    pen = HoldingPen(per_site=2, total=100, max_seconds=60)
    out = released([pen.hold("a"), pen.hold("a"), pen.hold("b"), pen.hold("a")])
    assert out == [CAP, None, None, None]
    assert pen.release_site("a") == 2
    assert out == [CAP, THRESHOLD, None, THRESHOLD]
    assert pen.release_all(IDLE) == 1
    assert out[2] == IDLE and len(pen) == 0


def test_pen_consistent_when_a_waiter_holds_again() -> None:
    pen = HoldingPen(per_site=9, total=100, max_seconds=60)
    again: list[Deferred[str]] = []
    pen.hold("a").addCallback(lambda _reason: again.append(pen.hold("a")))
    pen.hold("a")
    assert pen.release_site("a") == 2
    assert len(pen) == 1 and pen.held("a") == 1
