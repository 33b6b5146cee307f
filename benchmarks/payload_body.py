"""CPU of reading a story from a big framework payload, beside a bare ``json.loads`` of it.

    .venv/bin/python benchmarks/payload_body.py            # a 5 MB __NEXT_DATA__ store
    .venv/bin/python benchmarks/payload_body.py --mb 1

The page is an app shell (no DOM body) whose ``__NEXT_DATA__`` holds a ~5,000-character story
among many short values (ids, URLs, CSS), the shape of a listing-heavy Next.js store. Printed
from one run: ms for ``json.loads`` alone, for finding the scripts in a parsed tree and for
:func:`prefer_payload` (parse, walk, judge), and their ratio to ``json.loads``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import lxml.html

from crawler.extraction.payload_body import find_payloads, prefer_payload

STORY = " ".join(f"Paragraph {i} tells the readers what the harbour board decided today."
                 for i in range(80))


def store(megabytes: float) -> str:
    items = []
    size = 0
    while size < megabytes * 1_000_000:
        item = {"id": len(items), "url": f"https://news.example/item/{len(items)}",
                "title": f"Item {len(items)}", "css": "margin:0;color:#333", "tags": ["a", "b"]}
        items.append(item)
        size += 130
    return json.dumps({"props": {"pageProps": {"items": items, "article": {"body": STORY}}}})


def best_of(runs: int, func: object) -> float:
    assert callable(func)
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    payload = store(args.mb)
    tree = lxml.html.document_fromstring(
        "<html><body><div id='__next'>Loading</div>"
        f"<script id='__NEXT_DATA__' type='application/json'>{payload}</script></body></html>")
    payloads = find_payloads(tree)
    body, source = prefer_payload(None, "trafilatura", payloads)
    assert body == STORY and source == "payload_next_data", (source, (body or "")[:80])
    loads = best_of(args.runs, lambda: json.loads(payload))
    find = best_of(args.runs, lambda: find_payloads(tree))
    prefer = best_of(args.runs, lambda: prefer_payload(None, "trafilatura", payloads))
    print(f"payload {len(payload) / 1e6:.1f} MB; CPU ms, best of {args.runs}:")
    print(f"  json.loads alone     {loads:8.1f}")
    print(f"  find_payloads        {find:8.1f}  ({find / loads:.2f} x json.loads)")
    print(f"  prefer_payload       {prefer:8.1f}  ({prefer / loads:.2f} x json.loads)")


if __name__ == "__main__":
    main()
