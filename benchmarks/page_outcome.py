"""What the page-outcome detector costs, and what it finds on the dev sets (all articles).

    .venv/bin/python benchmarks/page_outcome.py            # both dev sets in ../shared/bench
    .venv/bin/python benchmarks/page_outcome.py -n 50      # the first 50 pages of each

For each page: extraction (``process_page``, what the workers run) and then
``detect_outcome`` in the crawl process, both timed in this one run, so the detector's cost
is printed beside extraction's. Also the outcomes found: every dev page is an article, so a
``blocked``/``needs_javascript``/``consent_wall`` here is a false alarm; ``paywalled`` is
what the page's own markup says (isAccessibleForFree: false).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.extraction import PageInput, process_page
from crawler.extraction.outcome import PageFacts, detect_outcome

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "data"


def pages(folder: Path, limit: int) -> list[bytes]:
    files = sorted(p for p in folder.rglob("*") if p.suffix in {".html", ".htm", ".gz"})
    out = []
    for path in files[:limit or None]:
        raw = path.read_bytes()
        out.append(gzip.decompress(raw) if path.suffix == ".gz" else raw)
    return out


def measure(name: str, bodies: list[bytes]) -> None:
    extract_s = detect_s = 0.0
    found: Counter[str] = Counter()
    articles = 0
    for body in bodies:
        url = "https://news.example/2026/11/20/story.html"
        start = time.perf_counter()
        result = process_page(PageInput(url, body, None, want_links=False))
        extract_s += time.perf_counter() - start
        chars = len(result.article.articleBody or "") if result.article else None
        articles += chars is not None
        start = time.perf_counter()
        wall = detect_outcome(PageFacts(url, 200, body, chars))
        detect_s += time.perf_counter() - start
        found[f"{wall.outcome}/{wall.evidence}" if wall else "none"] += 1
    n = max(1, len(bodies))
    print(f"{name}: {len(bodies)} pages ({articles} extracted as articles), mean "
          f"{sum(map(len, bodies)) / n / 1024:.0f} KB")
    print(f"  extraction {extract_s / n * 1000:.2f} ms/page, detector {detect_s / n * 1000:.3f} "
          f"ms/page ({detect_s / max(extract_s, 1e-9) * 100:.1f}% of extraction)")
    print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in found.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=0, help="pages per set (0: all)")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"no dev sets at {DATA}")
    for name in ("scrapinghub", "trafilatura-eval"):
        if (DATA / name).is_dir():
            measure(name, pages(DATA / name, args.n))


if __name__ == "__main__":
    main()
