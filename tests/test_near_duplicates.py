"""The MinHash index: its estimates track true Jaccard, it is reproducible, it keeps order."""

from __future__ import annotations

import random
import subprocess
import sys

import numpy as np

from crawler.pipelines.near_duplicates import NearDuplicateIndex, shingle_hashes

VOCABULARY = [f"w{i}" for i in range(5000)]


def words(seed: int, n: int = 400) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(n)]


def jaccard(a: str, b: str) -> float:
    x, y = set(shingle_hashes(a).tolist()), set(shingle_hashes(b).tolist())
    return len(x & y) / len(x | y)


def edited(base: list[str], changes: int, seed: int) -> str:
    """``base`` with ``changes`` words replaced, spread evenly (each breaks 5 shingles)."""
    rng = random.Random(seed)
    out = list(base)
    for k in range(changes):
        out[(k * len(out)) // changes] = rng.choice(VOCABULARY) + "x"
    return " ".join(out)


def test_shingles_are_distinct_sorted_and_casefolded() -> None:
    grams = shingle_hashes("One two three four five one two three four five")
    assert grams.tolist() == sorted(set(grams.tolist()))
    assert grams.size == 5  # 6 windows, one repeated
    assert np.array_equal(grams, shingle_hashes("ONE two three FOUR five one two three four five"))
    assert shingle_hashes("").size == 0


def test_estimates_follow_true_jaccard() -> None:
    index = NearDuplicateIndex(0.8)
    errors = []
    for seed in range(40):
        base = words(seed)
        a, b = " ".join(base), edited(base, 3 + seed % 20, seed)
        sig_a, sig_b = index.signature(shingle_hashes(a)), index.signature(shingle_hashes(b))
        estimate = float(np.mean(sig_a == sig_b))
        errors.append(abs(estimate - jaccard(a, b)))
    # 64 permutations: standard error ~0.06 at J = 0.5; the mean error is well under it.
    assert float(np.mean(errors)) < 0.06
    assert max(errors) < 0.2


def test_found_above_threshold_and_not_below() -> None:
    found_high = found_low = 0
    for seed in range(30):
        index = NearDuplicateIndex(0.8)
        base = words(1000 + seed)
        index.first_similar("https://a/original", " ".join(base))
        high, low = edited(base, 4, seed), edited(base, 40, seed)
        assert jaccard(" ".join(base), high) > 0.9 and jaccard(" ".join(base), low) < 0.5
        found_high += index.first_similar("https://b/high", high) == "https://a/original"
        found_low += index.first_similar("https://b/low", low) is not None
    assert found_high == 30
    assert found_low == 0


def test_earliest_url_wins_and_urls_are_recorded_once() -> None:
    index = NearDuplicateIndex(0.8)
    base = words(7)
    body = " ".join(base)
    assert index.first_similar("https://a/1", body) is None
    assert index.first_similar("https://a/1", body) is None  # the same URL again: not a dup
    assert index.first_similar("https://b/2", edited(base, 2, 1)) == "https://a/1"
    assert index.first_similar("https://c/3", edited(base, 3, 2)) == "https://a/1"


def test_many_bodies_grow_the_store() -> None:
    index = NearDuplicateIndex(0.8)
    for i in range(200):
        assert index.first_similar(f"https://a/{i}", " ".join(words(5000 + i, 60))) is None
    assert index.first_similar("https://z/copy", " ".join(words(5000 + 150, 60))) == "https://a/150"


def test_signatures_are_the_same_in_another_process() -> None:
    body = " ".join(words(3))
    code = ("import sys; from crawler.pipelines.near_duplicates import NearDuplicateIndex, "
            "shingle_hashes; i = NearDuplicateIndex(0.8); "
            "print(i.signature(shingle_hashes(sys.stdin.read())).tolist())")
    out = subprocess.run([sys.executable, "-c", code], input=body, capture_output=True,
                         text=True, check=True, timeout=60).stdout
    here = NearDuplicateIndex(0.8).signature(shingle_hashes(body)).tolist()
    assert out.strip() == str(here)
