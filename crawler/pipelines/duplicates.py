"""Duplicates within a crawl, across URLs and sites: the same body (exact: SHA-1 of the
normalised text) or nearly the same body (MinHash LSH over word 5-shingles, Jaccard at
least ``CRAWLER_NEAR_DUPLICATE_THRESHOLD``) is marked ``duplicateOf`` the URL first seen,
or dropped with ``CRAWLER_DROP_DUPLICATES``.

The index lives for one crawl (a fresh run starts empty): across runs, the incremental
state already keeps an unchanged article from being exported twice.
"""

from __future__ import annotations

import hashlib
import zlib
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH
from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from crawler.exceptions import DuplicateArticle
from crawler.stats import inc_stat

NUM_PERM = 64
LSH_MARGIN = 0.2
SHINGLE_WORDS = 5
MIN_SHINGLES = 20  # a body this short has too few shingles for a meaningful estimate


def content_hash(body: str) -> str:
    """SHA-1 of the whitespace-normalised body: the record's ``metadata.contentHash``."""
    normalised = " ".join(body.split()).casefold()
    return hashlib.sha1(normalised.encode("utf-8"), usedforsecurity=False).hexdigest()


def shingle_hashes(body: str, size: int = SHINGLE_WORDS) -> list[int]:
    """Distinct 32-bit hashes of the word ``size``-grams of the casefolded body.

    Deterministic (crc32 per word, combined and mixed in numpy) and vectorised: building and
    sha1-hashing a string per shingle, as datasketch does by default, cost ~2 ms a page.
    """
    words = body.casefold().split()
    if not words:
        return []
    per_word = np.array([zlib.crc32(w.encode("utf-8")) for w in words], dtype=np.uint64)
    count = max(1, len(words) - size + 1)
    acc = np.zeros(count, dtype=np.uint64)
    for k in range(min(size, len(words))):
        acc = (acc * _MULT + per_word[k:k + count]) & _MASK
    acc = (acc * _GOLDEN) & _MASK  # mix: crc32 alone is linear, and MinHash wants spread
    acc ^= acc >> np.uint64(15)
    return np.unique(acc).tolist()


_MULT = np.uint64(1_000_003)
_GOLDEN = np.uint64(0x9E3779B1)
_MASK = np.uint64(0xFFFFFFFF)


class NearDuplicateIndex:
    """MinHash LSH: ``first_similar(url, body)`` returns the earliest URL whose body is
    nearly the same (estimated Jaccard >= threshold), else records this one."""

    def __init__(self, threshold: float, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        # Candidates from a lower LSH threshold, confirmed on the signatures: banding at the
        # threshold itself misses ~1 pair in 10 just above it.
        self.lsh = MinHashLSH(threshold=max(0.5, threshold - LSH_MARGIN), num_perm=num_perm)
        # Built once and shared: datasketch otherwise draws the permutations per signature.
        template = MinHash(num_perm=num_perm)
        self.permutations, self.scheme = template.permutations, template.scheme
        self.signatures: dict[str, MinHash] = {}
        self.order: dict[str, int] = {}

    def first_similar(self, url: str, body: str) -> str | None:
        grams = shingle_hashes(body)
        if len(grams) < MIN_SHINGLES:
            return None
        # hashfunc=int passes the precomputed shingle hashes through.
        sig = MinHash(num_perm=self.num_perm, hashfunc=int,
                      permutations=self.permutations, scheme=self.scheme)
        sig.update_batch(grams)
        # LSH candidates can be false positives: confirm on the signature.
        similar = [u for u in self.lsh.query(sig)
                   if u != url and self.signatures[u].jaccard(sig) >= self.threshold]
        if similar:
            return min(similar, key=self.order.__getitem__)
        if url not in self.signatures:
            self.lsh.insert(url, sig)
            self.signatures[url] = sig
            self.order[url] = len(self.order)
        return None


class DuplicatesPipeline:
    """Sets ``metadata.contentHash``, and ``duplicateOf`` to the first URL seen with the same
    or nearly the same body."""

    def __init__(self, stats: StatsCollector, drop: bool, near_threshold: float) -> None:
        self.stats = stats
        self.drop = drop
        self.first_url: dict[str, str] = {}
        self.near = NearDuplicateIndex(near_threshold) if 0 < near_threshold <= 1 else None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DuplicatesPipeline:
        assert crawler.stats is not None
        settings = crawler.settings
        return cls(crawler.stats, settings.getbool("CRAWLER_DROP_DUPLICATES"),
                   settings.getfloat("CRAWLER_NEAR_DUPLICATE_THRESHOLD", 0.8))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        body = adapter.get("articleBody")
        if not body:
            return item
        url = adapter["url"]
        digest = content_hash(body)
        adapter["metadata"] = {**(adapter.get("metadata") or {}), "contentHash": digest}
        first = self.first_url.setdefault(digest, url)
        kind = "exact"
        if first == url:
            kind = "near"
            first = (self.near.first_similar(url, body) if self.near else None) or url
        if first != url:
            inc_stat(self.stats, "duplicates", kind)
            if self.drop:
                raise DuplicateArticle(f"{kind} duplicate of {first}")
            adapter["duplicateOf"] = first
        return item
