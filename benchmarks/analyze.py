"""Documents per second and peak memory of the full analysis pipeline, on one core.

Baseline, run in the same process on the same documents: langdetect plus a regex sentence
splitter — the cheapest thing that would give a language and sentences.

    python benchmarks/analyze.py [--docs 1000] [--repeats 3] [--json]
"""

from __future__ import annotations

import os

# one core: keep numpy (used by the language identifier) single-threaded
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _corpus import news_documents  # noqa: E402

_SPLIT = re.compile(r"(?<=[.!?。！？])\s+")


def _baseline() -> Callable[[str], object]:
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0

    def run(text: str) -> object:
        return detect(text), _SPLIT.split(text)

    return run


def _faro() -> Callable[[str], object]:
    from faro import Document, Pipeline

    pipeline = Pipeline()

    def run(text: str) -> object:
        return pipeline(Document("bench", text))

    return run


def _rate(fn: Callable[[str], object], docs: list[str], repeats: int) -> list[float]:
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for text in docs:
            fn(text)
        rates.append(len(docs) / (time.perf_counter() - start))
    return rates


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):  # one core, as the figure says
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    docs = news_documents(args.docs)
    mean_kb = sum(len(d.encode()) for d in docs) / len(docs) / 1024

    faro_run = _faro()
    for text in docs[:50]:  # warm-up: per-language data loads on first use
        faro_run(text)
    faro_rates = _rate(faro_run, docs, args.repeats)
    faro_peak = _peak_mb()

    base_run = _baseline()
    for text in docs[:20]:
        base_run(text)
    base_rates = _rate(base_run, docs, args.repeats)

    faro_median = statistics.median(faro_rates)
    base_median = statistics.median(base_rates)
    result = {
        "benchmark": "analyze",
        "documents": len(docs),
        "mean_kb": round(mean_kb, 2),
        "repeats": args.repeats,
        "faro_docs_per_s": round(faro_median, 1),
        "faro_runs": [round(r, 1) for r in faro_rates],
        "baseline_docs_per_s": round(base_median, 1),
        "baseline_runs": [round(r, 1) for r in base_rates],
        "ratio_vs_baseline": round(faro_median / base_median, 2),
        "peak_rss_mb": round(faro_peak, 1),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "target_docs_per_s": 200,
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
