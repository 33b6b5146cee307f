"""Near-duplicate bodies within one crawl: MinHash signatures over word 5-shingles, banded
for LSH (Broder 1997; Leskovec et al., *Mining of Massive Datasets*, ch. 3).

Everything per body is vectorised in numpy and signatures live in one growing array, so a
body costs ~0.1 ms and ~256 bytes kept: datasketch's per-signature objects cost several
times that in the crawl process, which is the one process every page goes through.
The banding (bands x rows per band) is chosen as datasketch's ``MinHashLSH`` chooses it,
computed here (``lsh_banding``) so that scipy (~140 MB) is not installed for two integers.
"""

from __future__ import annotations

import zlib
from functools import cache

import numpy as np

NUM_PERM = 64
LSH_MARGIN = 0.2
SHINGLE_WORDS = 5
MIN_SHINGLES = 20  # a body this short has too few shingles for a meaningful estimate
_SEED = 20261127

_MULT = np.uint64(1_000_003)
_GOLDEN = np.uint64(0x9E3779B1)
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)


def shingle_hashes(body: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 32-bit hashes (sorted, uint64) of the word ``size``-grams of the casefolded
    body. Deterministic: crc32 per word, combined and mixed in numpy."""
    words = body.casefold().split()
    if not words:
        return np.empty(0, dtype=np.uint64)
    per_word = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64,
                           count=len(words))
    count = max(1, len(words) - size + 1)
    acc = np.zeros(count, dtype=np.uint64)
    for k in range(min(size, len(words))):
        acc = (acc * _MULT + per_word[k:k + count]) & _MASK32
    acc = (acc * _GOLDEN) & _MASK32  # mix: crc32 alone is linear, and MinHash wants spread
    acc ^= acc >> np.uint64(15)
    acc.sort()
    keep = np.empty(acc.size, dtype=bool)
    keep[0] = True
    np.not_equal(acc[1:], acc[:-1], out=keep[1:])
    return acc[keep]


def _collision_areas(threshold: float, bands: np.ndarray, rows: np.ndarray,
                     ) -> tuple[np.ndarray, np.ndarray]:
    """For each (bands, rows): the area under P(share a band | similarity s) for s below
    ``threshold`` (false positives) and above the curve for s above it (false negatives).
    Gauss-Legendre quadrature, exact here: the curves are polynomials of degree
    bands * rows, and n nodes integrate degree < 2n exactly."""
    x, w = np.polynomial.legendre.leggauss(int((bands * rows).max()) // 2 + 1)

    def area(lo: float, hi: float, below: bool) -> np.ndarray:
        s = (hi - lo) / 2 * x + (hi + lo) / 2
        miss = (1 - s[None, :] ** rows[:, None]) ** bands[:, None]  # no band shared
        return (hi - lo) / 2 * ((1 - miss if below else miss) @ w)

    return area(0.0, threshold, True), area(threshold, 1.0, False)


@cache
def lsh_banding(threshold: float, num_perm: int, fp_weight: float = 0.5,
                fn_weight: float = 0.5) -> tuple[int, int]:
    """(bands, rows) with bands * rows <= ``num_perm`` that minimise the weighted sum of the
    false-positive and false-negative areas: the rule of datasketch's ``MinHashLSH``
    (``_optimal_param``, same default weights, same order of ties), which integrates with
    scipy's ``quad``."""
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bands, rows = (np.array(column, dtype=np.float64) for column in zip(*pairs, strict=True))
    false_pos, false_neg = _collision_areas(threshold, bands, rows)
    return pairs[int(np.argmin(false_pos * fp_weight + false_neg * fn_weight))]


class NearDuplicateIndex:
    """``first_similar(url, body)`` returns the earliest URL whose body is nearly the same
    (estimated Jaccard >= ``threshold``), else records this one."""

    def __init__(self, threshold: float, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        # Multiply-shift hashing, (a*x + b) mod 2^64 >> 32 with a odd: universal, and no
        # modulo by a prime per element. One fixed seed: signatures are reproducible.
        rng = np.random.default_rng(_SEED)
        self._a = (rng.integers(0, 2**63, num_perm, dtype=np.uint64) * np.uint64(2)
                   + np.uint64(1))[:, None]
        self._b = rng.integers(0, 2**63, num_perm, dtype=np.uint64)[:, None]
        # Candidates from a lower LSH threshold, confirmed on the signatures: banding at the
        # threshold itself misses ~1 pair in 10 just above it.
        self.bands, self.rows = lsh_banding(max(0.5, threshold - LSH_MARGIN), num_perm)
        self._buckets: list[dict[bytes, list[int]]] = [{} for _ in range(self.bands)]
        self._signatures = np.empty((64, num_perm), dtype=np.uint32)
        self._urls: list[str] = []
        self._known: set[str] = set()

    def signature(self, grams: np.ndarray) -> np.ndarray:
        """The MinHash signature (uint32 per permutation) of a set of shingle hashes."""
        with np.errstate(over="ignore"):  # wrapping mod 2^64 is the point
            mixed = (self._a * grams[None, :] + self._b) >> _SHIFT
        return mixed.min(axis=1).astype(np.uint32)

    def first_similar(self, url: str, body: str) -> str | None:
        grams = shingle_hashes(body)
        if grams.size < MIN_SHINGLES:
            return None
        sig = self.signature(grams)
        keys = [sig[i * self.rows:(i + 1) * self.rows].tobytes() for i in range(self.bands)]
        candidates = {n for band, key in zip(self._buckets, keys, strict=True)
                      for n in band.get(key, ())}
        # LSH candidates can be false positives: confirm on the signatures. Rows are in
        # insertion order, so the smallest index confirmed is the earliest URL.
        for n in sorted(candidates):
            if self._urls[n] != url and self.similarity(sig, n) >= self.threshold:
                return self._urls[n]
        if url not in self._known:
            self._add(url, sig, keys)
        return None

    def similarity(self, sig: np.ndarray, n: int) -> float:
        """Estimated Jaccard similarity of ``sig`` and the ``n``-th recorded body."""
        return float(np.count_nonzero(self._signatures[n] == sig)) / self.num_perm

    def _add(self, url: str, sig: np.ndarray, keys: list[bytes]) -> None:
        n = len(self._urls)
        if n == len(self._signatures):
            self._signatures = np.resize(self._signatures, (2 * n, self.num_perm))
        self._signatures[n] = sig
        self._urls.append(url)
        self._known.add(url)
        for band, key in zip(self._buckets, keys, strict=True):
            band.setdefault(key, []).append(n)
