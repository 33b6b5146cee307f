"""The MinHash index: its estimates track true Jaccard, it is reproducible, it keeps order."""

from __future__ import annotations

import random
import subprocess
import sys
from fractions import Fraction
from math import comb

import numpy as np
import pytest

from crawler.pipelines.near_duplicates import (
    NearDuplicateIndex,
    _collision_areas,
    lsh_banding,
    shingle_hashes,
)

# (bands, rows) that datasketch 2.0.0's MinHashLSH chose (``_optimal_param``, weights 0.5/0.5,
# scipy ``quad``) for these num_perm and thresholds, recorded before datasketch was dropped.
DATASKETCH_BANDING = {
    16: {0.3: (8, 2), 0.4: (6, 2), 0.5: (5, 3), 0.6: (4, 4), 0.7: (3, 5), 0.8: (2, 8), 0.9: (1, 15)},
    32: {0.3: (12, 2), 0.4: (10, 3), 0.5: (8, 4), 0.6: (6, 5), 0.7: (5, 6), 0.8: (3, 10), 0.9: (2, 16)},
    64: {0.3: (21, 3), 0.4: (16, 4), 0.5: (14, 4), 0.6: (10, 6), 0.7: (8, 8), 0.8: (5, 11), 0.9: (3, 21)},
    128: {0.3: (37, 3), 0.4: (32, 4), 0.5: (25, 5), 0.6: (18, 7), 0.7: (14, 9), 0.8: (9, 13), 0.9: (5, 25)},
}

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


@pytest.mark.parametrize("num_perm", sorted(DATASKETCH_BANDING))
def test_banding_is_the_one_datasketch_chose(num_perm: int) -> None:
    chosen = {t: lsh_banding(t, num_perm) for t in DATASKETCH_BANDING[num_perm]}
    assert chosen == DATASKETCH_BANDING[num_perm]


def test_banding_weights_move_the_trade_off_as_datasketch_did() -> None:
    # datasketch 2.0.0, threshold 0.6, 64 permutations: fewer rows when false negatives cost
    # more, more rows when false positives do.
    assert lsh_banding(0.6, 64, 0.2, 0.8) == (14, 4)
    assert lsh_banding(0.6, 64, 0.8, 0.2) == (8, 8)


def exact_areas(threshold: Fraction, bands: int, rows: int) -> tuple[Fraction, Fraction]:
    """The two areas in exact arithmetic: (1 - s^r)^b expanded binomially, integrated term
    by term (an independent route to what the quadrature computes)."""
    def miss_integral(x: Fraction) -> Fraction:  # integral of (1 - s^r)^b from 0 to x
        return sum((Fraction(comb(bands, k) * (-1) ** k, rows * k + 1) * x ** (rows * k + 1)
                    for k in range(bands + 1)), Fraction(0))
    below = threshold - miss_integral(threshold)
    above = miss_integral(Fraction(1)) - miss_integral(threshold)
    return below, above


@pytest.mark.parametrize(("bands", "rows"), [(1, 1), (5, 3), (10, 6), (3, 21), (64, 1)])
def test_collision_areas_are_exact(bands: int, rows: int) -> None:
    fp, fn = _collision_areas(0.6, np.array([float(bands)]), np.array([float(rows)]))
    want_fp, want_fn = exact_areas(Fraction(3, 5), bands, rows)
    assert fp[0] == pytest.approx(float(want_fp), abs=1e-12)
    assert fn[0] == pytest.approx(float(want_fn), abs=1e-12)


def test_banding_minimises_the_exact_error() -> None:
    threshold, num_perm = Fraction(3, 5), 24
    errors = {(b, r): sum(exact_areas(threshold, b, r))
              for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)}
    assert lsh_banding(0.6, num_perm) == min(errors, key=errors.__getitem__)


def test_index_bands_from_the_lowered_threshold() -> None:
    index = NearDuplicateIndex(0.8)
    assert (index.bands, index.rows) == lsh_banding(0.6, 64) == (10, 6)


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
