"""Exact and near-duplicate articles: wire copies and syndicated reprints, found with MinHash LSH (datasketch).

Each article's text becomes a set of word 5-grams ("shingles") and a MinHash signature of it
(:func:`signature`, computed where the article is coded, so workers share the cost). The run's single writer
then asks a :class:`Deduplicator`, article by article in input order, whether an earlier canonical article
has the same text (same content hash: ``exact``) or an estimated Jaccard similarity of shingles at or over
the threshold (``near``); such an article is linked to the canonical one and not counted again (see
:mod:`tacitus.scale.merge`). Because the decision depends only on the articles before it in input order, it
is the same whatever the number of workers, and after a restart (the index is rebuilt from the store).

Memory: the index keeps the signatures of the most recent ``window`` canonical articles (default 200,000,
about two days of world news; reprints follow their original within hours), ~1 KB each.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from tacitus.store.schema import Duplicate

NUM_PERM = 128
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.7  # a reprint with a new byline and a changed sentence or two still passes
DEFAULT_WINDOW = 200_000
SEED = 1
SCHEME = "affine32"  # uint32 values: half the memory of 64-bit ones, and collision-free permutations

_WORD = re.compile(r"\w+", re.UNICODE)
# The permutations depend only on (NUM_PERM, SEED): make them once per process, not once per article.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The word ``size``-grams of a text, lowercased, punctuation and spacing ignored."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signature(text: str) -> bytes:
    """The MinHash signature of a text's shingles, as bytes (what the store keeps)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_TEMPLATE.permutations, scheme=SCHEME)
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype("<u4").tobytes()


def minhash_of(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype="<u4").astype(_TEMPLATE.hashvalues.dtype)
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, permutations=_TEMPLATE.permutations, scheme=SCHEME)


@dataclass
class Canonical:
    minhash: MinHash
    content_hash: str | None
    order: int


class Deduplicator:
    """Which earlier canonical article, if any, a new article repeats."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, window: int = DEFAULT_WINDOW) -> None:
        self.threshold = threshold
        self.window = window
        # The index only proposes candidates, each then checked against the threshold: tune it for recall (a
        # lower threshold, false negatives weighed heavier), so that a reprint just over the threshold is found.
        self.lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM, weights=(0.2, 0.8))
        self.canonicals: OrderedDict[str, Canonical] = OrderedDict()
        self.by_hash: dict[str, str] = {}
        self._order = 0

    @classmethod
    def from_store(cls, store, threshold: float = DEFAULT_THRESHOLD, window: int = DEFAULT_WINDOW) -> Deduplicator:
        """The index as it stood after the last article stored (so a resumed run decides as an unbroken one)."""
        dedup = cls(threshold, window)
        for article_id, content_hash, data in store.signatures(last=window):
            dedup.add(article_id, content_hash, data)
        return dedup

    def add(self, article_id: str, content_hash: str | None, data: bytes) -> None:
        """Index a canonical article, forgetting the oldest beyond the window."""
        if article_id in self.canonicals:
            return
        minhash = minhash_of(data)
        self.lsh.insert(article_id, minhash)
        self.canonicals[article_id] = Canonical(minhash, content_hash, self._order)
        self._order += 1
        if content_hash:
            self.by_hash.setdefault(content_hash, article_id)
        while len(self.canonicals) > self.window:
            old_id, old = self.canonicals.popitem(last=False)
            self.lsh.remove(old_id)
            if old.content_hash and self.by_hash.get(old.content_hash) == old_id:
                del self.by_hash[old.content_hash]

    def match(self, article_id: str, content_hash: str | None, data: bytes) -> Duplicate | None:
        """The duplicate link of an article, or None when it is new (the caller then :meth:`add`-s it)."""
        if content_hash and (canonical := self.by_hash.get(content_hash)) and canonical != article_id:
            return Duplicate(article_id, canonical, "exact", 1.0)
        minhash = minhash_of(data)
        best: tuple[float, int, str] | None = None
        for candidate in self.lsh.query(minhash):
            if candidate == article_id:
                continue
            entry = self.canonicals[candidate]
            similarity = minhash.jaccard(entry.minhash)
            # The most similar; among equals the earliest, so the answer never depends on set order.
            if similarity >= self.threshold and (best is None or (-similarity, entry.order) < (-best[0], best[1])):
                best = (similarity, entry.order, candidate)
        if best is None:
            return None
        return Duplicate(article_id, best[2], "near", round(best[0], 4))

    def check(self, article_id: str, content_hash: str | None, data: bytes) -> Duplicate | None:
        """:meth:`match`, then index the article when it is new."""
        duplicate = self.match(article_id, content_hash, data)
        if duplicate is None:
            self.add(article_id, content_hash, data)
        return duplicate
