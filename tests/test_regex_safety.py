"""Every regular expression that runs on page text, every cleaning rule and the cleaning
functions finish on 200 KB (1 MB on request) of adversarial input (no catastrophic backtracking).

No test here asserts a time: a linear pattern takes milliseconds on 200 KB, a quadratic one
~(2*10^5)^2 = 4*10^10 steps (many minutes), an exponential one never ends, so a hang ceiling
far above the linear case (``HANG_SECONDS``, pytest-timeout) tells them apart on any machine.
How long each check takes is printed by ``benchmarks/regex_safety.py``.

Patterns are collected by introspection from ``crawler.extraction``, ``crawler.spiders`` and
``crawler.cleaning`` (compiled ``re.Pattern`` objects, also inside tuples, lists and dicts, and
the patterns behind the cleaning line rules, which are only full-matched). They run in a child
process so that a pattern that never finishes cannot hang the suite: the child reports each
check as it starts and ends, and the parent names the one it was stuck on.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import select
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from crawler.cleaning import RULES, clean_body, clean_headline
from crawler.cleaning.base import patterns_of
from crawler.cleaning.encoding import repair_encoding
from crawler.cleaning.spaced_mojibake import repair_spaced_mojibake
from tests.conftest import ROOT

PACKAGES = ("crawler.extraction", "crawler.spiders", "crawler.cleaning")
# 200 KB rather than 1 MB keeps the sweep (every pattern x every input x three operations)
# to about a minute on a busy machine; REGEX_SAFETY_SIZE=1000000 runs the full-size sweep.
SIZE = int(os.environ.get("REGEX_SAFETY_SIZE", "200000"))
STARTUP_SECONDS = 120.0
# A check still running after this long is a hang (see the docstring), killed and named.
HANG_SECONDS = 60.0
# Found by this test, owned by another module; fixing them is the owners' call.
# Regexes known to be slow, excluded from the sweep (name -> why). Empty: keep it so.
KNOWN_SLOW: dict[str, str] = {}

ADVERSARIAL = {
    "a": "a" * SIZE,
    "spaces": " " * SIZE,
    "newlines": "\n" * SIZE,
    "digits": "1" * SIZE,
    "words": "word " * (SIZE // 5),
    "dots": ". " * (SIZE // 2),
    "tags": "<a " * (SIZE // 3),
    "angles": "<" * SIZE,
    "url": "http://" + "a." * (SIZE // 2),
    "slashes": "a/" * (SIZE // 2),
    "dashes": "a-" * (SIZE // 2),
    "nbsp": "\u00a0" * SIZE,
    "cyrillic": "Р° " * (SIZE // 3),
    "colon_tail": "Read also " + "x" * SIZE + ":",
    "mixed": "aA1!, " * (SIZE // 6),
    # aimed at the cleaning rules
    "read_also": "Read also " * (SIZE // 10),
    "digits_spaces": "1 " * (SIZE // 2),
    "digits_commas": "1,2 " * (SIZE // 4),
    "share_spaces": "share" + " " * SIZE + "!",
    "photo": "Photo " * (SIZE // 6),
    "mojibake": "Р " * (SIZE // 2),
    "mojibake_pairs": "Р ° " * (SIZE // 4),
    "colons": "Read also on " + "x" * SIZE + ":",
    "capitals": "Word " * (SIZE // 5),
}
# ``match`` is left out where ``search`` would run: search tries a match at position 0 first.
# ``search`` itself is left out where ``sub`` runs: sub scans the same start positions in the
# same order with the same engine, so up to search's first match it does exactly search's
# work (and then goes on): a search that backtracks badly makes sub backtrack the same way.
# Running both only timed the same scan twice (about half of the sweep's CPU).
SEARCHED = ("fullmatch", "sub")
FULL_MATCHED = ("match", "fullmatch")  # line rules full-match one stripped line


def _patterns_in(value: object) -> Iterator[re.Pattern]:
    if isinstance(value, re.Pattern):
        yield value
    elif isinstance(value, list | tuple | frozenset | set):
        for item in value:
            yield from _patterns_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _patterns_in(item)


def collect() -> dict[str, re.Pattern]:
    """``module.NAME[i]`` -> pattern, for every module of the packages."""
    return {name: pattern for name, (pattern, _) in collect_with_ops().items()}


def collect_with_ops() -> dict[str, tuple[re.Pattern, tuple[str, ...]]]:
    """``module.NAME[i]`` -> (pattern, the operations to run): bare patterns are full-matched
    and substituted (which covers search, see ``SEARCHED``); patterns behind a line rule (a callable) are full-matched only."""
    found: dict[str, tuple[re.Pattern, tuple[str, ...]]] = {}
    seen: set[int] = set()
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{info.name}")
            for name, value in vars(module).items():
                for i, pattern in enumerate(_patterns_in(value)):
                    if id(pattern) not in seen:
                        seen.add(id(pattern))
                        found[f"{module.__name__}.{name}[{i}]"] = (pattern, SEARCHED)
            for name, value in vars(module).items():
                if callable(value) and not isinstance(value, type):
                    for i, pattern in enumerate(patterns_of(value)):
                        if id(pattern) not in seen:
                            seen.add(id(pattern))
                            found[f"{module.__name__}.{name}[{i}]"] = (pattern, FULL_MATCHED)
    return found


def _inputs(pattern: re.Pattern) -> Iterator[tuple[str, str | bytes]]:
    for label, text in ADVERSARIAL.items():
        yield label, text if isinstance(pattern.pattern, str) else text.encode("utf-8")


def probe(only: list[str], skip: list[str]) -> None:
    """Child process: run each (pattern, input, operation), one JSON line per event (with
    its seconds, which ``benchmarks/regex_safety.py`` prints; the test reads only events)."""
    for name, (pattern, ops) in collect_with_ops().items():
        if name in skip or (only and name not in only):
            continue
        for label, text in _inputs(pattern):
            for op in ops:
                print(json.dumps({"start": [name, label, op]}), flush=True)
                begin = time.perf_counter()
                if op == "sub":
                    pattern.sub(text[:0], text)
                else:
                    getattr(pattern, op)(text)
                seconds = time.perf_counter() - begin
                print(json.dumps({"done": [name, label, op], "s": seconds}), flush=True)


def run_probe(only: list[str], skip: list[str]) -> list[str]:
    """Run :func:`probe` in children; a check still running after ``HANG_SECONDS`` is
    killed, named, and the probe restarted without that pattern. Returns every hung check."""
    hung: list[str] = []
    skip = list(skip)
    while True:
        stuck = _one_child(only, skip)
        if stuck is None:
            return hung
        hung.append(f"{'/'.join(stuck)}: still running after {HANG_SECONDS:.0f} s")
        skip.append(stuck[0])


def _one_child(only: list[str], skip: list[str]) -> list[str] | None:
    code = f"from tests.test_regex_safety import probe; probe({only!r}, {skip!r})"
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    current: list[str] | None = None
    pending = b""
    wait = STARTUP_SECONDS  # importing the packages comes first
    try:
        while True:
            if not select.select([fd], [], [], wait)[0]:
                return current or ["(startup)", "-", "-"]
            chunk = os.read(fd, 1 << 16)  # raw reads: no buffered lines hidden from select
            if not chunk:
                break
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                event = json.loads(line)
                current = event.get("start")
            wait = HANG_SECONDS
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    assert proc.returncode in (0, -9), f"probe failed: {proc.returncode}"
    return None


def test_patterns_are_collected() -> None:
    patterns = collect()
    assert len(patterns) > 20
    assert any(k.startswith("crawler.spiders.") for k in patterns)
    assert any(k.startswith("crawler.extraction.") for k in patterns)
    assert any(k.startswith("crawler.cleaning.") for k in patterns)
    assert set(KNOWN_SLOW) <= set(patterns)
    # bare patterns and patterns behind line rules are both found
    names = {k.rsplit("[", 1)[0] for k in patterns}
    assert {"crawler.cleaning.lead_ins.LEAD_IN", "crawler.cleaning.spaced_mojibake.RUN",
            "crawler.cleaning.appeals._CUES"} <= names


@pytest.mark.slow
@pytest.mark.timeout(900)  # the whole sweep's own hang ceiling; each check has HANG_SECONDS
def test_every_regex_finishes_on_adversarial_input() -> None:
    hung = run_probe([], list(KNOWN_SLOW))
    assert hung == [], "regexes that do not finish on adversarial input:\n" + "\n".join(hung)


@pytest.mark.timeout(HANG_SECONDS)
@pytest.mark.parametrize(("name", "rule"), RULES, ids=[n for n, _ in RULES])
@pytest.mark.parametrize("kind", list(ADVERSARIAL))
def test_rule_finishes(name: str, rule: object, kind: str) -> None:
    # A 200 KB run of one token is no single chrome line: every rule answers, and "no".
    assert rule(ADVERSARIAL[kind]) is False, name  # type: ignore[operator]


@pytest.mark.timeout(HANG_SECONDS)
@pytest.mark.parametrize("kind", list(ADVERSARIAL))
def test_cleaning_functions_finish(kind: str) -> None:
    text = ADVERSARIAL[kind]
    assert len(clean_body(text).text) <= len(text)
    assert len(repair_spaced_mojibake(text)) <= len(text)
    assert len(repair_encoding(text)[0]) <= len(text)
    assert len(clean_headline(text)[0]) <= len(text)


@pytest.mark.timeout(HANG_SECONDS)
@pytest.mark.parametrize("kind", ["read_also", "capitals", "photo"])
def test_many_lines_finish(kind: str) -> None:
    text = ADVERSARIAL[kind].replace(" ", "\n")
    assert len(clean_body(text).text) <= len(text)
