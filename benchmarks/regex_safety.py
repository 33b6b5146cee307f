"""How long every page-text regex, cleaning rule and cleaning function takes on the
adversarial inputs of ``tests/test_regex_safety.py`` (the test only checks that each finishes).

    .venv/bin/python benchmarks/regex_safety.py              # 200 KB inputs
    REGEX_SAFETY_SIZE=1000000 .venv/bin/python benchmarks/regex_safety.py --top 30

Prints the slowest checks, seconds each (CPU time of this process, so other jobs on the
machine move it little), and the total.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.cleaning import RULES, clean_body, clean_headline
from crawler.cleaning.encoding import repair_encoding
from crawler.cleaning.spaced_mojibake import repair_spaced_mojibake
from tests.test_regex_safety import ADVERSARIAL, SIZE, collect_with_ops


def _cpu(func: Callable[[], object]) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15, help="slowest checks to print")
    args = parser.parse_args()
    timings: list[tuple[float, str]] = []
    for name, (pattern, ops) in collect_with_ops().items():
        for label, text in ADVERSARIAL.items():
            subject: str | bytes = text if isinstance(pattern.pattern, str) else text.encode()
            for op in ops:
                if op == "sub":
                    call = lambda p=pattern, s=subject: p.sub(s[:0], s)  # noqa: E731
                else:
                    call = lambda p=pattern, s=subject, o=op: getattr(p, o)(s)  # noqa: E731
                timings.append((_cpu(call), f"{name} {label} {op}"))
    functions: list[tuple[str, Callable[[str], object]]] = [
        *((f"rule {n}", r) for n, r in RULES), ("clean_body", clean_body),
        ("repair_spaced_mojibake", repair_spaced_mojibake), ("repair_encoding", repair_encoding),
        ("clean_headline", clean_headline)]
    for fname, func in functions:
        for label, text in ADVERSARIAL.items():
            timings.append((_cpu(lambda f=func, t=text: f(t)), f"{fname} {label}"))
    timings.sort(reverse=True)
    print(f"{len(timings)} checks on {SIZE:,}-character inputs, "
          f"{sum(s for s, _ in timings):.1f} s CPU in all; slowest:")
    for seconds, what in timings[:args.top]:
        print(f"  {seconds:8.3f} s  {what}")


if __name__ == "__main__":
    main()
