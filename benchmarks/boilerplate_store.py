"""CPU per page of the learned-boilerplate store (``BoilerplateStore.filter``).

    .venv/bin/python benchmarks/boilerplate_store.py          # 5,000 pages per run
    .venv/bin/python benchmarks/boilerplate_store.py -n 1000  # smaller

Pages have 30 lines: 20 story lines unique to the page and 10 chrome lines on every page.
Run 1 starts from an empty state directory; run 2 opens a new store on the same directory
(counts learned in run 1 are loaded) and crawls 5,000 new pages of the same site. Times
include opening and closing the store (the final flush), as in a crawl.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.cleaning.boilerplate import BoilerplateStore

SITE = "example.com"
CHROME = [f"Example News footer line {chr(97 + j)}: subscribe, follow, share." for j in range(10)]


def body(i: int) -> str:
    """20 story lines unique to page ``i`` (letters, not digits: digits normalise alike)."""
    tag = "".join(chr(97 + int(d)) for d in f"{i:06d}")
    story = [f"Story {tag} paragraph {chr(97 + j)} reports what happened." for j in range(20)]
    return "\n".join(story[:10] + CHROME + story[10:])


def run(state: Path, start: int, count: int) -> tuple[float, float, int]:
    """µs of CPU and of wall time per page for ``count`` pages from ``start``; lines removed."""
    pages = [(f"https://www.{SITE}/news/{i}", body(i)) for i in range(start, start + count)]
    removed = 0
    cpu, wall = time.process_time(), time.perf_counter()
    with BoilerplateStore(state) as store:
        for url, text in pages:
            removed += len(store.filter(SITE, url, text)[1])
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu / count * 1e6, wall / count * 1e6, removed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=5000, help="pages per run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for label, start in (("run 1 (empty dir)", 0), ("run 2 (same dir)", args.n)):
            cpu, wall, removed = run(Path(tmp), start, args.n)
            print(f"{label}: {cpu:7.1f} µs/page CPU, {wall:7.1f} µs/page wall,"
                  f" {removed} chrome lines removed")


if __name__ == "__main__":
    main()
