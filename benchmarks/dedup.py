"""Near-duplicate detection: quality on real texts with known edits, and cost at scale.

Quality (benchmarks/_dedup_corpus.py: EUvsDisinfo texts and edited copies; threshold chosen on
``dev``, reported on ``test``): documents streamed in a shuffled order through
``faro.ingest.dedup.DuplicateIndex``; pairwise precision, recall and F1 over same-group links,
recall per kind of edit; baseline in the same run: exact duplicates after case and whitespace
folding (a hash of the normalised text).

Cost: the median time to check (look up and store) a real document in an index already holding
``--stored`` documents (random signatures: the lookup cost of the structure at that size), the
resident memory per stored document, and the same for datasketch's own ``MinHashLSH`` (same
signatures, threshold and bands) at ``--baseline-stored`` documents.

    python benchmarks/dedup.py [--stored 1000000] [--baseline-stored 100000] [--json]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import itertools
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _dedup_corpus import KINDS, halves
from _report import emit
from faro.ingest.dedup import BANDS, NUM_PERM, ROWS, THRESHOLD, DuplicateIndex

_SPACE = re.compile(r"\s+")


def _links(groups: list[object]) -> set[tuple[int, int]]:
    members: dict[object, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        members[group].append(i)
    return {pair for found in members.values() for pair in itertools.combinations(found, 2)}


def _quality(docs: list[tuple[str, int, str]], group_of: Callable[[int, str], object]
             ) -> dict[str, float]:
    found = [group_of(i, text) for i, (text, _, _) in enumerate(docs)]
    gold, guessed = _links([g for _, g, _ in docs]), _links(found)
    hits = len(gold & guessed)
    precision = hits / len(guessed) if guessed else 1.0
    recall = hits / len(gold)
    out = {"precision": round(precision, 4), "recall": round(recall, 4),
           "f1": round(2 * precision * recall / (precision + recall), 4)}
    original_group = {g: found[i] for i, (_, g, kind) in enumerate(docs) if kind == "original"}
    for kind in KINDS:
        copies = [i for i, (_, _, k) in enumerate(docs) if k == kind]
        out[f"recall_{kind}"] = round(
            sum(found[i] == original_group[docs[i][1]] for i in copies) / len(copies), 4)
    return out


def _faro_groups(threshold: float) -> Callable[[int, str], object]:
    index = DuplicateIndex(threshold)

    def group_of(i: int, text: str) -> object:
        found = index.check(str(i), text)
        return found.key if found else str(i)

    return group_of


def _exact_groups() -> Callable[[int, str], object]:
    first: dict[str, str] = {}

    def group_of(i: int, text: str) -> object:
        digest = hashlib.sha1(_SPACE.sub(" ", text.lower()).strip().encode()).hexdigest()
        return first.setdefault(digest, str(i))

    return group_of


def _rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def _random_signatures(count: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, (count, NUM_PERM), np.uint32)


def _median_ms(call: Callable[[Any], object], items: list[Any], runs: int = 3) -> float:
    """Median over ``runs`` of the mean milliseconds of ``call`` per item."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for item in items:
            call(item)
        times.append((time.perf_counter() - started) / len(items) * 1000)
    return round(statistics.median(times), 4)


def _cost_faro(stored: int, texts: list[str]) -> dict[str, float]:
    gc.collect()
    before = _rss_mb()
    index = DuplicateIndex()
    started = time.perf_counter()
    for first in range(0, stored, 100_000):
        block = _random_signatures(min(100_000, stored - first), first)
        index.extend([f"r{first + j}" for j in range(len(block))], block)
    build = time.perf_counter() - started
    per_doc = (_rss_mb() - before) * 2**20 / stored
    signatures = [index.signature(t) for t in texts]
    lookups = _median_ms(index.find, signatures)
    started = time.perf_counter()
    for j, text in enumerate(texts):
        index.check(f"t{j}", text)
    check = (time.perf_counter() - started) / len(texts) * 1000
    return {"build_per_s": round(stored / build), "lookup_ms": lookups,
            "check_ms": round(check, 4), "bytes_per_doc": round(per_doc)}


def _cost_datasketch(stored: int, texts: list[str]) -> dict[str, float]:
    from datasketch import LeanMinHash, MinHashLSH

    gc.collect()
    before = _rss_mb()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    started = time.perf_counter()
    for first in range(0, stored, 100_000):
        block = _random_signatures(min(100_000, stored - first), first)
        for j, sig in enumerate(block):
            lsh.insert(f"r{first + j}", LeanMinHash(seed=1, hashvalues=sig, scheme="affine32"),
                       check_duplication=False)
    build = time.perf_counter() - started
    per_doc = (_rss_mb() - before) * 2**20 / stored
    index = DuplicateIndex()
    hashes = [LeanMinHash(seed=1, hashvalues=index.signature(t), scheme="affine32")
              for t in texts]
    lookups = _median_ms(lsh.query, hashes)
    return {"build_per_s": round(stored / build), "lookup_ms": lookups,
            "bytes_per_doc": round(per_doc)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--baseline-stored", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sets = halves()
    result: dict[str, object] = {"benchmark": "dedup", "threshold": THRESHOLD}
    for name, docs in sets.items():
        result[f"{name}_documents"] = len(docs)
        for key, value in _quality(docs, _faro_groups(THRESHOLD)).items():
            result[f"{name}_{key}"] = value
        exact = _quality(docs, _exact_groups())
        result[f"{name}_baseline_exact_f1"] = exact["f1"]
        result[f"{name}_baseline_exact_recall"] = exact["recall"]
    texts = [text for text, _, _ in sets["test"][:2000]]
    ours = _cost_faro(args.stored, texts)
    theirs = _cost_datasketch(args.baseline_stored, texts)
    result.update({"stored": args.stored, **{f"faro_{k}": v for k, v in ours.items()},
                   "baseline_stored": args.baseline_stored,
                   **{f"datasketch_lsh_{k}": v for k, v in theirs.items()},
                   "memory_ratio_vs_datasketch": round(
                       ours["bytes_per_doc"] / max(1, theirs["bytes_per_doc"]), 3)})
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
