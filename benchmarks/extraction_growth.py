"""CPU of extracting one page of repeated lines, by page size: the growth must be linear.

    .venv/bin/python benchmarks/extraction_growth.py                # 0.1, 1 and 8 MB
    .venv/bin/python benchmarks/extraction_growth.py --sizes 0.1 1  # skip the 8 MB pages

A page is one kind of line repeated until it reaches the size: ``<li>``, ``<p>`` or ``<a>``,
``--distinct`` different lines (50 by default; 1: every line the same). A quadratic step in
merging repeated lines made a 1 MB page of ``<li>`` cost 123 s. Each page runs in a fresh
process (``process_page``, what an extraction worker runs), so one slow page cannot hide
another. The table prints CPU seconds and, per size step, the growth of bytes and of CPU
(equal growth: linear).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINES = {
    "li": '<li>Harbour notice {i}: the northern pier stays closed for repairs</li>',
    "p": "<p>Harbour notice {i}: the northern pier stays closed for repairs this week.</p>",
    "a": '<a href="/news/notice-{i}.html">Harbour notice {i}: the pier stays closed</a>',
}
WRAP = {"li": ("<ul>", "</ul>"), "p": ("", ""), "a": ("<div>", "</div>")}


def page(kind: str, size: int, distinct: int = 50) -> bytes:
    """An HTML page of ``size`` bytes made of ``distinct`` ``kind`` lines, repeated."""
    head = ("<!DOCTYPE html><html><head><title>Harbour notices</title></head><body><main>"
            + WRAP[kind][0])
    tail = WRAP[kind][1] + "</main></body></html>"
    parts, total, i = [head], len(head) + len(tail), 0
    while total < size:
        line = LINES[kind].format(i=i % distinct) + "\n"
        parts.append(line)
        total += len(line)
        i += 1
    parts.append(tail)
    return "".join(parts).encode()


def cpu_seconds(kind: str, size: int, distinct: int, timeout: float) -> float | None:
    """CPU seconds of ``process_page`` on one page, in a child process (None: timed out)."""
    code = (
        "import sys, time\n"
        "from benchmarks.extraction_growth import page\n"
        "from crawler.extraction import PageInput, process_page\n"
        f"body = page({kind!r}, {size}, {distinct})\n"
        "start = time.process_time()\n"
        "process_page(PageInput('https://n.example/notices', body))\n"
        "print(time.process_time() - start)\n"
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                             text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 8], help="MB")
    parser.add_argument("--distinct", type=int, default=50, help="distinct lines a page")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per page")
    args = parser.parse_args()
    sizes = [int(mb * 1024 * 1024) for mb in args.sizes]
    print(f"{'kind':<5}{'MB':>6}{'CPU s':>10}{'bytes x':>10}{'CPU x':>10}")
    wall = time.perf_counter()
    for kind in LINES:
        previous: tuple[int, float] | None = None
        for size in sizes:
            cpu = cpu_seconds(kind, size, args.distinct, args.timeout)
            shown = f"{cpu:10.2f}" if cpu is not None else f"{'>' + str(args.timeout):>10}"
            growth = ""
            if previous and cpu is not None:
                growth = f"{size / previous[0]:10.1f}{cpu / max(previous[1], 1e-3):10.1f}"
            print(f"{kind:<5}{size / 1024 / 1024:6.1f}{shown}{growth}", flush=True)
            previous = (size, cpu) if cpu is not None else None
    print(f"wall {time.perf_counter() - wall:.0f} s")


if __name__ == "__main__":
    main()
