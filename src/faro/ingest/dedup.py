"""Near-duplicate documents: syndicated wire copies, reposts and edited versions of one text.

Each text becomes a set of word 3-grams (character 4-grams for scripts written without spaces),
summarised by a MinHash signature (:mod:`datasketch`, :data:`NUM_PERM` permutations), so the
share of equal positions estimates the Jaccard similarity of two texts' sets. Candidates come
from banded locality-sensitive hashing (:data:`BANDS` bands of :data:`ROWS` rows: a pair at
Jaccard 0.5 shares a band with probability 0.99, at 0.3 with 0.7), and a candidate is a
duplicate when the signatures estimate a Jaccard of at least :data:`THRESHOLD`.

Memory is what bounds the index at millions of documents, so it keeps no Python object per
document beyond its key: the band keys live in sorted ``uint64`` runs (a log-structured merge:
recent additions in a small dict, flushed into a run every :data:`_FLUSH_EVERY` documents, runs
of similar size merged, so a lookup searches a few runs and an addition costs O(log n) amortised),
and of each signature only the low 8 bits of every position are kept (b-bit minwise hashing: two
different values agree by chance 1 time in 256, which the estimate corrects). About 630 bytes
per document.

>>> index = DuplicateIndex()
>>> text = ("The minister said on Monday that the new bridge over the river will open in May, "
...         "two years later than planned, because of rising costs.")
>>> index.check("a", text) is None
True
>>> index.check("b", "ROME (Wire) - " + text + " (Reporting by A.)").key
'a'
>>> index.check("c", "Heavy rain is expected across the north of the country this weekend, "
...             "with flooding possible near the coast.") is None
True
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["BANDS", "NUM_PERM", "ROWS", "THRESHOLD", "Duplicate", "DuplicateIndex", "shingles",
           "signature"]

#: Estimated Jaccard similarity of the shingle sets from which two texts are near-duplicates.
#: Chosen on the development half of the benchmark set (benchmarks/dedup.py: EUvsDisinfo texts
#: with known edits): see docs/ingest.md for precision and recall around it.
THRESHOLD = 0.5
#: MinHash permutations, and their split into LSH bands of ROWS rows (BANDS * ROWS of them).
NUM_PERM = 126
ROWS = 3
BANDS = NUM_PERM // ROWS
#: Words per shingle, and characters per shingle for text written without spaces.
SHINGLE_WORDS = 3
SHINGLE_CHARS = 4
#: Documents whose band keys are kept in a dict before they become a sorted run.
_FLUSH_EVERY = 4096
_SEED = 1
_WORD = re.compile(r"\w+")
_SPACELESS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


@dataclass(frozen=True, slots=True)
class Duplicate:
    """The earlier document a text duplicates (the first of its group) and how alike they are
    (estimated Jaccard similarity of their shingle sets)."""

    key: str
    similarity: float


def shingles(text: str) -> set[bytes]:
    """The shingles of ``text``: lower-cased word 3-grams, or character 4-grams (spaces
    removed) when most of its letters belong to scripts written without spaces."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    letters = sum(map(len, words))
    if letters and len(_SPACELESS.findall(lowered)) * 2 > letters:
        joined = "".join(words)
        n = SHINGLE_CHARS
        return {joined[i:i + n].encode() for i in range(max(1, len(joined) - n + 1))}
    n = SHINGLE_WORDS
    return {" ".join(words[i:i + n]).encode() for i in range(max(1, len(words) - n + 1))}


@cache
def _permutations() -> Any:
    """The MinHash permutations every signature shares (seeded: the same in every process)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=zlib.crc32,
                   scheme="affine32").permutations


def signature(text: str) -> npt.NDArray[np.uint32]:
    """The MinHash signature of ``text`` (:data:`NUM_PERM` values), as every
    :class:`DuplicateIndex` computes it."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, scheme="affine32",
                      permutations=_permutations())
    minhash.update_batch(shingles(text))
    return np.asarray(minhash.hashvalues, np.uint32)


class DuplicateIndex:
    """Documents seen so far, to tell whether a new one near-duplicates one of them.

    Keys name documents (a database id, a URL); the first document of a group is the one every
    later duplicate points to.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self._groups: list[str] = []
        """The group (first document's key) of each stored document, by slot."""
        self._signatures = np.zeros((1024, NUM_PERM), np.uint8)
        self._runs: list[tuple[npt.NDArray[np.uint64], npt.NDArray[np.int32]]] = []
        """Sorted band keys and their documents' slots, largest run first."""
        self._recent: dict[int, list[int]] = {}
        self._recent_docs = 0
        self._band_ids = np.arange(BANDS, dtype=np.uint64)

    def __len__(self) -> int:
        return len(self._groups)

    def signature(self, text: str) -> npt.NDArray[np.uint32]:
        """The MinHash signature of ``text`` (:func:`signature`)."""
        return signature(text)

    def check(self, key: str, text: str) -> Duplicate | None:
        """Store ``text`` under ``key`` and return the earlier document it near-duplicates,
        None for a text unlike any seen."""
        signature = self.signature(text)
        found = self.find(signature)
        self.add(key, signature, group=found.key if found else None)
        return found

    def find(self, signature: npt.NDArray[np.uint32]) -> Duplicate | None:
        """The stored document most like ``signature``, if at least :attr:`threshold` alike."""
        keys = self._band_keys(signature)
        slots = []
        for run_keys, run_slots in self._runs:
            left = np.searchsorted(run_keys, keys, "left").tolist()
            right = np.searchsorted(run_keys, keys, "right").tolist()
            slots += [run_slots[a:b] for a, b in zip(left, right, strict=True) if b > a]
        for key in keys.tolist():
            recent = self._recent.get(key)
            if recent:
                slots.append(np.asarray(recent, np.int32))
        if not slots:
            return None
        candidates = np.unique(np.concatenate(slots))
        low = (signature & 0xFF).astype(np.uint8)
        agree = (self._signatures[candidates] == low).mean(axis=1)
        best = int(np.argmax(agree))
        similarity = _debias(float(agree[best]))
        if similarity < self.threshold:
            return None
        return Duplicate(self._groups[int(candidates[best])], round(similarity, 4))

    def add(self, key: str, signature: npt.NDArray[np.uint32], group: str | None = None
            ) -> None:
        """Store a document's signature; ``group``: the key of the document it duplicates."""
        slot = len(self._groups)
        self._groups.append(group or key)
        self._reserve(slot + 1)
        self._signatures[slot] = signature & 0xFF
        for band_key in self._band_keys(signature).tolist():
            self._recent.setdefault(band_key, []).append(slot)
        self._recent_docs += 1
        if self._recent_docs >= _FLUSH_EVERY:
            self._flush()

    def extend(self, keys: Sequence[str], signatures: npt.NDArray[np.uint32],
               groups: Sequence[str | None] | None = None) -> None:
        """:meth:`add` many documents at once (one row of ``signatures`` each), e.g. when
        reloading a store: their band keys become one sorted run."""
        count = len(keys)
        if signatures.shape != (count, NUM_PERM):
            raise ValueError(f"{count} keys need signatures of shape ({count}, {NUM_PERM})")
        self._flush()
        first = len(self._groups)
        self._groups += [g or k for k, g in zip(keys, groups or [None] * count, strict=True)]
        self._reserve(first + count)
        self._signatures[first:first + count] = signatures & 0xFF
        band_keys = self._band_keys(signatures).ravel()
        slots = np.repeat(np.arange(first, first + count, dtype=np.int32), BANDS)
        order = np.argsort(band_keys, kind="stable")
        self._runs.append((band_keys[order], slots[order]))
        self._merge_runs()

    def _reserve(self, size: int) -> None:
        """Room for ``size`` signatures (the array doubles as it fills)."""
        if size > self._signatures.shape[0]:
            grown = np.zeros((max(size, self._signatures.shape[0] * 2), NUM_PERM), np.uint8)
            grown[:len(self._signatures)] = self._signatures
            self._signatures = grown

    def _band_keys(self, signatures: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint64]:
        """One key per band (of one signature, or of each row of several): a hash of the
        band's rows, with the band's number in the low bits."""
        rows = signatures.astype(np.uint64).reshape(*signatures.shape[:-1], BANDS, ROWS)
        mixed = np.zeros(rows.shape[:-1], np.uint64)
        for column in range(ROWS):
            mixed = (mixed * np.uint64(0x100000001B3)) ^ rows[..., column]
        mixed = (mixed * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(26)
        return (mixed << np.uint64(6)) | self._band_ids

    def _flush(self) -> None:
        """Turn the recent additions into a sorted run; merge runs of similar size."""
        if not self._recent:
            return
        keys = np.fromiter((k for k, found in self._recent.items() for _ in found), np.uint64)
        slots = np.fromiter((s for found in self._recent.values() for s in found), np.int32)
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], slots[order]))
        self._recent, self._recent_docs = {}, 0
        self._merge_runs()

    def _merge_runs(self) -> None:
        """Merge the last run into the one before while it is at least half its size."""
        while len(self._runs) > 1 and self._runs[-1][0].size * 2 >= self._runs[-2][0].size:
            (keys_a, slots_a), (keys_b, slots_b) = self._runs[-2], self._runs.pop()
            keys, slots = np.concatenate([keys_a, keys_b]), np.concatenate([slots_a, slots_b])
            # two sorted runs: the stable sort (timsort for 64-bit keys) merges them in one pass
            order = np.argsort(keys, kind="stable")
            self._runs[-1] = (keys[order], slots[order])


def _debias(agree: float) -> float:
    """The Jaccard similarity from the share of equal 8-bit signature positions (unequal
    values agree by chance 1 time in 256)."""
    return max(0.0, (agree - 1 / 256) / (1 - 1 / 256))
