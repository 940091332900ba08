"""Matching claims against a large knowledge base, on one core: index build throughput, latency
per claim (single claims and batches of 64), index size and memory at 10k, 100k and 1M entries,
and how each grows with the knowledge base.

Knowledge base: entries recombined from real claims (``_kb_corpus``: CLEF 2020/2021 verified
claims, EUvsDisinfo cases, 10 % in five other languages). Claims matched: a fixed sample of the
CLEF-2020 dev+test and CLEF-2021 dev tweets, through the product's path — ``rank_query`` (social
normalisation, analysis, BM25 first stage, features, reranker; top 10 of 100 candidates). The
first stage alone (``LexicalIndex.candidates``) is timed too, so the reranking share shows.

Build: median of 3 builds at up to 100k entries, one build above (said in the output); the time
to make the synthetic entries is measured on its own and left out. Each size runs in a fresh
subprocess, so peak RSS (``ru_maxrss``) is that size's.

Baseline, in the same subprocess on the same entries: plain bm25s (English stop words and
PyStemmer's English stemmer, claim + title, Lucene BM25 k1=1.2 b=0.75), each raw tweet
tokenised and retrieved on its own, ``k=100``. It retrieves with ``n_threads=0`` (in the calling
thread): ``n_threads=1`` starts a thread pool at every call, which would charge the baseline for
overhead that is not retrieval.

    python benchmarks/match.py [--sizes 10000,100000,1000000] [--queries 500] [--json]
                               [--profile]
"""

from __future__ import annotations

import os

# one core: keep numpy single-threaded
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kb_corpus import DATA, claims_to_match, knowledge_base, missing_data  # noqa: E402

TOP_K = 10
CANDIDATES = 100
BATCH = 64
WARM_UP = 50
TARGETS: dict[str, float] = {"entries": 1_000_000, "p50_ms": 5.0, "p99_ms": 25.0,
                             "build_eps": 20_000.0, "peak_rss_mb": 2048.0}


def _pin_one_core() -> int | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    return len(os.sched_getaffinity(0))


def _ms(ns: Sequence[int] | np.ndarray) -> dict[str, float]:
    a = np.asarray(ns, dtype=np.float64) / 1e6
    return {"p50": float(np.percentile(a, 50)), "p90": float(np.percentile(a, 90)),
            "p99": float(np.percentile(a, 99)), "mean": float(a.mean())}


def _each(fn: Callable[[str], object], texts: Sequence[str]) -> list[int]:
    times = []
    for text in texts:
        start = time.perf_counter_ns()
        fn(text)
        times.append(time.perf_counter_ns() - start)
    return times


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss / 2**20)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _round(value: Any) -> Any:
    if not isinstance(value, float):
        return value
    return round(value) if abs(value) >= 1000 else round(value, 1) if abs(value) >= 10 else \
        round(value, 3)


# -- one size, in its own process -----------------------------------------------------------------


def _faro(size: int, claims: list[str], profile: bool) -> dict[str, Any]:
    from faro.search._features import candidate_features, prepare_query
    from faro.search._index import IndexStamp, LexicalIndex
    from faro.search._matcher import query_text, rank_query
    from faro.search._reranker import default_reranker

    out: dict[str, Any] = {}
    repeats = 3 if size <= 100_000 else 1
    knowledge_base(0)  # reads the sources, once
    making = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _doc in knowledge_base(size):
            pass
        making.append(time.perf_counter() - start)
    out["make_entries_s"] = float(np.median(making))

    builds = []
    index = None
    for _ in range(repeats):
        index = None
        gc.collect()
        start = time.perf_counter()
        index = LexicalIndex.build(knowledge_base(size), IndexStamp("bench", 1))
        builds.append(time.perf_counter() - start)
    assert index is not None
    gc.collect()
    out["build_repeats"] = repeats
    out["build_s"] = float(np.median(builds)) - out["make_entries_s"]
    out["build_eps"] = size / out["build_s"]
    out["rss_mb"] = _rss_mb()
    out["terms"] = len(index.vocab)
    out["postings"] = len(index.main.data)

    reranker = default_reranker()

    def match(text: str) -> object:
        return rank_query(index, reranker, text, "en", k=TOP_K, candidates=CANDIDATES)

    for text in claims[:WARM_UP]:
        match(text)
    single = _ms(_each(match, claims))
    out.update({f"{k}_ms": v for k, v in single.items()})

    # Where a claim's time goes: preparing the query, the first stage, reranking.
    prep, first, rerank, read = [], [], [], []
    for text in claims:
        t0 = time.perf_counter_ns()
        query = prepare_query(query_text(text), "en", index)
        t1 = time.perf_counter_ns()
        cands = index.candidates(query.term_ids, CANDIDATES)
        t2 = time.perf_counter_ns()
        if len(cands):
            reranker.confidence(reranker.score(candidate_features(query, index, cands)))
        t3 = time.perf_counter_ns()
        prep.append(t1 - t0)
        first.append(t2 - t1)
        rerank.append(t3 - t2)
        indptr = index.main.indptr
        read.append(sum(int(indptr[t + 1] - indptr[t]) for t in set(query.term_ids)))
    for name, times in (("prepare", prep), ("first_stage", first), ("rerank", rerank)):
        figures = _ms(times)
        out[f"{name}_p50_ms"], out[f"{name}_p99_ms"] = figures["p50"], figures["p99"]
    out["postings_read_p50"] = int(np.percentile(read, 50))
    out["postings_read_p99"] = int(np.percentile(read, 99))

    batch_ms = []
    for i in range(0, len(claims) - BATCH + 1, BATCH):
        start = time.perf_counter_ns()
        for text in claims[i:i + BATCH]:
            match(text)
        batch_ms.append((time.perf_counter_ns() - start) / 1e6 / BATCH)
    if batch_ms:
        out["batch_ms_per_claim"] = float(np.median(batch_ms))
        out["batch_claims_per_s"] = 1000 / out["batch_ms_per_claim"]

    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for text in claims:
            match(text)
        profiler.disable()
        print(f"\n-- cProfile, {len(claims)} claims at {size:,} entries --", file=sys.stderr)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(18)

    with tempfile.TemporaryDirectory(prefix="faro-bench-") as tmp:
        where = Path(tmp) / "index"
        start = time.perf_counter()
        index.save(where)
        out["save_s"] = time.perf_counter() - start
        out["disk_mb"] = sum(p.stat().st_size for p in where.iterdir()) / 2**20
        index = None
        gc.collect()
        loads = []
        for _ in range(3):
            start = time.perf_counter()
            index = LexicalIndex.load(where)
            loads.append(time.perf_counter() - start)
        out["load_s"] = float(np.median(loads))
        for text in claims[:WARM_UP]:
            match(text)
        loaded = _ms(_each(match, claims))
        out["loaded_p50_ms"], out["loaded_p99_ms"] = loaded["p50"], loaded["p99"]
        index = None
    out["peak_rss_mb"] = _peak_mb()
    gc.collect()
    return out


def _baseline(size: int, claims: list[str]) -> dict[str, Any]:
    import bm25s
    import Stemmer

    from faro.search._index import K1, B

    stemmer = Stemmer.Stemmer("english")
    texts = [f"{doc.main}\n{doc.title}" for doc in knowledge_base(size)]
    start = time.perf_counter()
    tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
    retriever.index(tokens, show_progress=False)
    build_s = time.perf_counter() - start
    del texts, tokens

    def retrieve(text: str) -> object:
        query = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, return_ids=False,
                               show_progress=False)
        return retriever.retrieve(query, k=CANDIDATES, n_threads=0, show_progress=False)

    for text in claims[:WARM_UP]:
        retrieve(text)
    figures = _ms(_each(retrieve, claims))
    return {"baseline_build_s": build_s, "baseline_build_eps": size / build_s,
            "baseline_p50_ms": figures["p50"], "baseline_p99_ms": figures["p99"]}


def one_size(size: int, n_claims: int, profile: bool) -> dict[str, Any]:
    claims = claims_to_match(n_claims)
    result: dict[str, Any] = {"entries": size, "claims": len(claims), "cores": _pin_one_core()}
    result.update(_faro(size, claims, profile))
    result.update(_baseline(size, claims))
    result["ratio_p50_vs_baseline"] = result["p50_ms"] / result["baseline_p50_ms"]
    return {key: _round(value) for key, value in result.items()}


# -- every size ------------------------------------------------------------------------------------

ROWS: tuple[tuple[str, str], ...] = (
    ("build_s", "build, s (without making entries)"),
    ("build_eps", "build, entries/s"),
    ("build_repeats", "builds (median of)"),
    ("make_entries_s", "making the entries, s (left out)"),
    ("p50_ms", "match 1 claim p50, ms"),
    ("p90_ms", "match 1 claim p90, ms"),
    ("p99_ms", "match 1 claim p99, ms"),
    ("mean_ms", "match 1 claim mean, ms"),
    ("batch_ms_per_claim", f"batch of {BATCH}, ms per claim"),
    ("batch_claims_per_s", f"batch of {BATCH}, claims/s"),
    ("prepare_p50_ms", "  prepare query p50, ms"),
    ("first_stage_p50_ms", "  first stage p50, ms"),
    ("first_stage_p99_ms", "  first stage p99, ms"),
    ("rerank_p50_ms", "  features + rerank p50, ms"),
    ("postings_read_p50", "  postings read p50"),
    ("postings_read_p99", "  postings read p99"),
    ("loaded_p50_ms", "match p50 after load (mmap), ms"),
    ("loaded_p99_ms", "match p99 after load (mmap), ms"),
    ("baseline_p50_ms", "bm25s retrieve p50, ms"),
    ("baseline_p99_ms", "bm25s retrieve p99, ms"),
    ("ratio_p50_vs_baseline", "p50 faro / bm25s"),
    ("baseline_build_eps", "bm25s build, entries/s"),
    ("terms", "index terms"),
    ("postings", "postings"),
    ("disk_mb", "index on disk, MB"),
    ("save_s", "save, s"),
    ("load_s", "load, s"),
    ("rss_mb", "RSS after build, MB"),
    ("peak_rss_mb", "peak RSS (build + match), MB"),
)
GROWTH = ("build_s", "p50_ms", "p99_ms", "first_stage_p50_ms", "rss_mb")
TARGET_OF = {"p50_ms": ("p50_ms", "≤"), "p99_ms": ("p99_ms", "≤"),
             "build_eps": ("build_eps", "≥"), "peak_rss_mb": ("peak_rss_mb", "≤")}


def _run_size(size: int, args: argparse.Namespace, profile: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one-size", str(size), "--queries",
               str(args.queries), "--json"] + (["--profile"] if profile else [])
    print(f"match: {size:,} entries …", file=sys.stderr, flush=True)
    proc = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"match: the run at {size:,} entries failed (exit {proc.returncode})")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _size(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else \
        f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _table(runs: dict[int, dict[str, Any]], flat: dict[str, Any], to_stderr: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    sizes = sorted(runs)
    cores = runs[sizes[0]]["cores"]
    table = Table(title=f"faro matching on {cores} core(s), {runs[sizes[0]]['claims']} CLEF "
                        f"tweets, top {TOP_K} of {CANDIDATES} candidates reranked")
    table.add_column("figure")
    for size in sizes:
        table.add_column(f"{size:,}", justify="right")
    pairs = list(itertools.pairwise(sizes))
    for a, b in pairs:
        table.add_column(f"×{_size(a)}→{_size(b)}", justify="right")
    table.add_column(f"target at {_size(int(TARGETS['entries']))}")
    for key, label in ROWS:
        target = next((f"{sign} {TARGETS[t]:g}" for t, (k, sign) in TARGET_OF.items()
                       if k == key), "")
        growth = [f"{flat[g]:.2f}" if (g := f"growth_{key}_{a}_{b}") in flat else ""
                  for a, b in pairs]
        table.add_row(label, *(f"{runs[s].get(key, '')}" for s in sizes), *growth, target)
    console = Console(stderr=to_stderr)
    if not console.is_terminal:  # a log file: no 80-column wrapping
        console.width = 140
    console.print(table)
    met = flat.get("targets_met")
    if met is not None:
        console.print(f"targets at {_size(int(TARGETS['entries']))}: " + ", ".join(
            f"{k} {'met' if v else 'MISSED'}" for k, v in met.items()))
    console.print("Pinned to one core. Build: median of 3 runs up to 100k entries, one run "
                  "above; the time to make the synthetic entries is left out.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="knowledge-base sizes, comma-separated")
    parser.add_argument("--queries", type=int, default=500, help="claims matched (max 596)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object on the last line")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the matching at the largest size (to stderr)")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    missing = missing_data()
    if missing:
        print(f"match: the benchmark data is missing under {DATA} (first: {missing[0]}); it "
              "needs ../shared/data/claim-retrieval and ../shared/data/narratives",
              file=sys.stderr)
        return 2
    _pin_one_core()
    if args.one_size:
        print(json.dumps(one_size(args.one_size, args.queries, args.profile)))
        return 0

    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    runs = {size: _run_size(size, args, args.profile and size == sizes[-1]) for size in sizes}
    flat: dict[str, Any] = {"benchmark": "match", "cores": runs[sizes[0]]["cores"],
                            "claims": runs[sizes[0]]["claims"], "sizes": sizes}
    for size, run in runs.items():
        for key, value in run.items():
            if key not in ("entries", "claims", "cores"):
                flat[f"{key}_{size}"] = value
    for a, b in itertools.pairwise(sizes):
        for key in GROWTH:
            flat[f"growth_{key}_{a}_{b}"] = round(runs[b][key] / runs[a][key], 2)
    flat["targets"] = TARGETS
    at = int(TARGETS["entries"])
    if at in runs:
        flat["targets_met"] = {
            t: (runs[at][k] <= TARGETS[t]) if sign == "≤" else (runs[at][k] >= TARGETS[t])
            for t, (k, sign) in TARGET_OF.items()}
    _table(runs, flat, to_stderr=args.json)  # with --json the last line of stdout is JSON
    if args.json:
        print(json.dumps(flat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
