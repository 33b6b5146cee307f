"""Every regex of the cleaning package, and every rule, stays fast on 1 MB adversarial input."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import crawler.cleaning
from crawler.cleaning import RULES, clean_body, clean_headline
from crawler.cleaning.base import patterns_of
from crawler.cleaning.encoding import repair_encoding
from crawler.cleaning.spaced_mojibake import repair_spaced_mojibake

# Not a speed target (benchmarks/ measure speed): a ceiling that tells linear from
# super-linear with a wide margin on a busy shared machine. Linear rules take well under 3 s
# on 1 MB even there; a quadratic regex on 1 MB takes minutes (about 10^12 steps) and is
# still far past this ceiling on 1/10 of the input.
LIMIT_SECONDS = 20.0
SIZE = 1_000_000

ADVERSARIAL = {
    "a": "a" * SIZE,
    "read_also": "Read also " * (SIZE // 10),
    "spaces": " " * SIZE,
    "digits": "1" * SIZE,
    "digits_spaces": "1 " * (SIZE // 2),
    "digits_commas": "1,2 " * (SIZE // 4),
    "share_spaces": "share" + " " * SIZE + "!",
    "photo": "Photo " * (SIZE // 6),
    "mojibake": "Р " * (SIZE // 2),
    "mojibake_pairs": "Р ° " * (SIZE // 4),
    "slashes": "a/" * (SIZE // 2),
    "colons": "Read also on " + "x" * SIZE + ":",
    "capitals": "Word " * (SIZE // 5),
}


def _all_patterns() -> list[tuple[str, re.Pattern[str], bool]]:
    """(name, pattern, used with search) for every regex in the package's modules: bare
    compiled patterns are searched, patterns behind line rules are full-matched."""
    found: list[tuple[str, re.Pattern[str], bool]] = []
    for info in pkgutil.iter_modules(crawler.cleaning.__path__):
        module = importlib.import_module(f"crawler.cleaning.{info.name}")
        for name, value in vars(module).items():
            candidates = value if isinstance(value, list | tuple) else [value]
            for item in candidates:
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found.append((f"{info.name}.{name}", item, True))
                elif callable(item):
                    found.extend((f"{info.name}.{name}", p, False) for p in patterns_of(item))
    return found


PATTERNS = _all_patterns()


def _timed(func: object, text: str) -> float:
    start = time.perf_counter()
    func(text)  # type: ignore[operator]
    return time.perf_counter() - start


def test_patterns_were_found() -> None:
    names = {name for name, _, _ in PATTERNS}
    assert {"lead_ins.LEAD_IN", "spaced_mojibake.RUN", "appeals._CUES"} <= names


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("name", "pattern", "searched"), PATTERNS, ids=[n for n, *_ in PATTERNS])
@pytest.mark.parametrize("kind", list(ADVERSARIAL))
def test_pattern_linear(name: str, pattern: re.Pattern[str], searched: bool, kind: str) -> None:
    text = ADVERSARIAL[kind]
    if searched:
        assert _timed(pattern.search, text) < LIMIT_SECONDS, name
    assert _timed(pattern.fullmatch, text) < LIMIT_SECONDS, name
    assert _timed(pattern.match, text) < LIMIT_SECONDS, name


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("name", "rule"), RULES, ids=[n for n, _ in RULES])
@pytest.mark.parametrize("kind", list(ADVERSARIAL))
def test_rule_fast(name: str, rule: object, kind: str) -> None:
    assert _timed(rule, ADVERSARIAL[kind]) < LIMIT_SECONDS, name


@pytest.mark.timeout(240)
@pytest.mark.parametrize("kind", list(ADVERSARIAL))
def test_whole_pipeline_fast(kind: str) -> None:
    text = ADVERSARIAL[kind]
    assert _timed(clean_body, text) < LIMIT_SECONDS
    assert _timed(repair_spaced_mojibake, text) < LIMIT_SECONDS
    assert _timed(repair_encoding, text) < LIMIT_SECONDS * 2
    assert _timed(clean_headline, text) < LIMIT_SECONDS


@pytest.mark.timeout(240)
@pytest.mark.parametrize("kind", ["read_also", "capitals", "photo"])
def test_many_lines_fast(kind: str) -> None:
    text = ADVERSARIAL[kind].replace(" ", "\n")
    assert _timed(clean_body, text) < LIMIT_SECONDS * 2
