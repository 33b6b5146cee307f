"""Fill the state store with a million URLs; print insert and lookup rates and peak RSS.

    .venv/bin/python benchmarks/state_store.py            # 1,000,000 URLs, SQLite backend
    .venv/bin/python benchmarks/state_store.py -n 200000  # smaller

URLs are generated on the fly (never held in a list) so that the RSS measured is the
store's. Keys go through ``url_key`` as in a crawl; rates include that canonicalisation.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.state.factory import open_state_store
from crawler.urlcanon import url_key

FLUSH_EVERY = 10_000
HASH = "706528a8e68b6199b5a03eb2a9b2ab7fd4265c34"


def url(i: int) -> str:
    return (f"https://www.news{i % 50}.example/2026/{i % 12 + 1:02d}/{i % 28 + 1:02d}/"
            f"story-number-{i}-about-the-council.html?utm_source=feed")


def key(i: int) -> str:
    return f"news{i % 50}.example/2026/{i % 12 + 1:02d}/{i % 28 + 1:02d}/story-{i}.html"


def canon_rate(n: int = 100_000) -> float:
    start = time.perf_counter()
    for i in range(n):
        url_key(url(i))
    return n / (time.perf_counter() - start)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=1_000_000, help="URLs to insert")
    parser.add_argument("--lookups", type=int, default=200_000, help="lookups (half hits)")
    args = parser.parse_args()
    rss_before = peak_rss_mib()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_state_store({"CRAWLER_STATE_DIR": tmp})
        start = time.perf_counter()
        for i in range(args.n):
            if i % 2:
                store.mark_seen(key(i))
            else:
                store.mark_exported(key(i), HASH, "2026-11-20T09:15:00+01:00")
            if i % FLUSH_EVERY == FLUSH_EVERY - 1:
                store.flush()
        store.flush()
        insert_s = time.perf_counter() - start
        rng = random.Random(1)
        start = time.perf_counter()
        hits = 0
        for j in range(args.lookups):
            i = rng.randrange(args.n) if j % 2 else args.n + rng.randrange(args.n)
            hits += store.get(key(i)) is not None
        lookup_s = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
        count = len(store)
        store.close()
    print(f"urls: {count:,}  (hits {hits:,} of {args.lookups:,} lookups, expected "
          f"{args.lookups // 2:,})")
    print(f"insert: {args.n / insert_s:,.0f} URLs/s ({insert_s:.1f} s, flush every "
          f"{FLUSH_EVERY:,})")
    print(f"lookup: {args.lookups / lookup_s:,.0f} lookups/s ({lookup_s:.1f} s)")
    print(f"url_key canonicalisation: {canon_rate():,.0f} URLs/s")
    print(f"peak RSS: {peak_rss_mib():.0f} MiB (interpreter + imports before filling: "
          f"{rss_before:.0f} MiB); files on disk: {size:.0f} MiB")


if __name__ == "__main__":
    main()
