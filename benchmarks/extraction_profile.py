"""Where an extraction worker's CPU goes, per stage, next to ``trafilatura.extract`` alone.

    .venv/bin/python benchmarks/extraction_profile.py                 # heavy pages + ScrapingHub
    .venv/bin/python benchmarks/extraction_profile.py --pages 100 --repeat 3

Times :func:`crawler.extraction.process_page` on the ``--heavy`` pages of
``crawl_throughput.py`` and on the ScrapingHub pages of ``../shared/bench`` (skipped where
that does not exist), one process, CPU time (``time.process_time``), with a worker's memory
of links (:class:`~crawler.extraction.links.KnownLinks`). Each stage is measured by
wrapping the function that does it where ``page.py`` / ``article.py`` call it, so the
profile follows the code: a stage whose function is renamed or gone is reported as absent,
and what no wrapper covers is "other". Prints ms a page per stage (median over
``--repeat`` passes) and trafilatura's own ``extract`` on the same pages in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import crawl_throughput  # noqa: E402

import crawler.extraction.article as article_mod  # noqa: E402
import crawler.extraction.page as page_mod  # noqa: E402
from crawler.extraction import ExtractOptions, PageInput, process_page  # noqa: E402
from crawler.extraction.links import KnownLinks  # noqa: E402

SCRAPINGHUB = ROOT.parent / "shared" / "bench" / "data" / "scrapinghub"

# (stage, module, function): outermost first. Nested wrappers (choose_metadata calls
# nothing wrapped here) would double count, so every entry is a leaf of process_page's work.
STAGES: tuple[tuple[str, ModuleType, str], ...] = (
    ("decode", page_mod, "decode_body"),
    ("decode", page_mod, "repair_html_text"),
    ("parse", page_mod, "parse_html"),
    ("links", page_mod, "page_links"),
    ("metadata", article_mod, "read_page_meta"),
    ("metadata", article_mod, "choose_metadata"),
    ("metadata", article_mod, "dom_metadata"),
    ("prune", article_mod, "prune_chrome"),
    ("trafilatura", article_mod, "run_trafilatura"),
    ("link keys", article_mod, "link_keys"),
    ("readability", article_mod, "readability_opinion"),
    ("merge", article_mod, "merge_bodies"),
    ("merge", article_mod, "line_keys"),
    ("judge", article_mod, "judge"),
    ("language", article_mod, "choose_language"),
    ("body filters", article_mod, "drop_link_lines"),
    ("body filters", article_mod, "drop_headline_repeat"),
)


@contextmanager
def stage_timers(spent: dict[str, float]) -> Iterator[list[str]]:
    """Wrap each stage's function; yield the stages absent from this version of the code."""
    saved: list[tuple[ModuleType, str, Any]] = []
    absent = []
    for stage, module, name in STAGES:
        original = getattr(module, name, None)
        if original is None:
            absent.append(f"{stage} ({name})")
            continue
        saved.append((module, name, original))
        setattr(module, name, _timed(stage, original, spent))
    try:
        yield absent
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def _timed(stage: str, fn: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - start
    return wrapper


def heavy_pages(n: int) -> list[tuple[str, bytes]]:
    base = "http://127.0.0.1:8000"
    return [(base + path, html.encode()) for path, html in
            (crawl_throughput.heavy_page(i, max(n, 100)) for i in range(n))]


def scrapinghub_pages(n: int) -> list[tuple[str, bytes]]:
    truth = json.loads((SCRAPINGHUB / "ground-truth.json").read_text("utf-8"))
    pages = []
    for path in sorted((SCRAPINGHUB / "html").glob("*.html.gz"))[:n]:
        key = path.name.removesuffix(".html.gz")
        url = (truth.get(key) or {}).get("url") or f"https://example.com/{key}"
        pages.append((url, gzip.decompress(path.read_bytes())))
    return pages


def profile(pages: list[tuple[str, bytes]], repeat: int) -> tuple[dict[str, float], float, float]:
    """(ms a page per stage, ms a page of process_page, ms a page of trafilatura.extract)."""
    options = ExtractOptions()
    for url, body in pages[:3]:  # warm imports, models and caches
        process_page(PageInput(url, body, None), options)
        trafilatura.extract(body, url=url)
    passes: list[dict[str, float]] = []
    totals, trafs = [], []
    for _ in range(repeat):
        spent: dict[str, float] = defaultdict(float)
        known = KnownLinks()  # as a worker keeps it: a site's repeated links resolved once
        with stage_timers(spent) as absent:
            start = time.process_time()
            for url, body in pages:
                process_page(PageInput(url, body, None), options, known=known)
            total = time.process_time() - start
        start = time.process_time()
        for url, body in pages:
            trafilatura.extract(body, url=url)
        trafs.append(time.process_time() - start)
        spent["other"] = total - sum(spent.values())
        passes.append(spent)
        totals.append(total)
    if absent:
        print(f"  stages not found in this version: {', '.join(absent)}")
    n = len(pages)
    per_stage = {k: 1000 * statistics.median(p.get(k, 0.0) for p in passes) / n
                 for k in passes[0]}
    return per_stage, 1000 * statistics.median(totals) / n, 1000 * statistics.median(trafs) / n


def report(name: str, pages: list[tuple[str, bytes]], repeat: int) -> None:
    size = sum(len(b) for _, b in pages) / len(pages) / 1024
    stages, total, traf = profile(pages, repeat)
    print(f"{name}: {len(pages)} pages, {size:.0f} KB mean; median of {repeat} passes, "
          f"CPU ms a page; {crawl_throughput.load_average()}")
    for stage, ms in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {stage:<14} {ms:6.2f}  ({100 * ms / total:4.1f} %)")
    print(f"  {'process_page':<14} {total:6.2f}   trafilatura.extract alone {traf:.2f}, "
          f"ratio {total / traf:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    report("heavy pages (crawl_throughput.py --heavy)", heavy_pages(args.pages), args.repeat)
    if SCRAPINGHUB.is_dir():
        report("ScrapingHub pages (../shared/bench)", scrapinghub_pages(args.pages), args.repeat)
    else:
        print(f"ScrapingHub pages: {SCRAPINGHUB} not found, skipped")


if __name__ == "__main__":
    main()
