"""Documents per second through ingest → near-duplicate check → analyse → match → store, on one
core, from local files; and the near-duplicate check's cost per document with 1M stored.

The documents are EUvsDisinfo cases of ``../shared/data/narratives`` with 0-3 edited copies
each (wire credits, reposts, typos, excerpts...: ``benchmarks/_dedup_corpus.py``), one .txt
file each, so a realistic share of them are near-duplicates (stored, not analysed). Each run
ingests the folder into a fresh SQLite database (under a temporary FARO_HOME) holding the demo
knowledge base, through ``faro.monitor.Ingester`` as ``faro ingest`` does. Baselines in the same
process, on the same documents: analysis and matching alone (no reading, no store, no
duplicate check, every document analysed), and storing alone (``Documents.add``, nothing
analysed). Medians of ``--repeats`` runs; the models are loaded before the first timed run.

The 1M figure reuses benchmarks/dedup.py's measure (random signatures for the stored
documents; real texts checked), and the loading of the index from the database is timed on
what the runs stored.

    python benchmarks/ingest.py [--docs 3000] [--repeats 3] [--stored 1000000] [--json]
"""

from __future__ import annotations

import os

# one core: keep numpy (language identifier, signatures) single-threaded
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _dedup_corpus import labelled, originals  # noqa: E402
from _report import emit  # noqa: E402
from dedup import _cost_faro  # noqa: E402
from faro._analyser import Analyser  # noqa: E402
from faro._config import load_options  # noqa: E402
from faro.commands.kb import demo_files  # noqa: E402
from faro.kb.importers import read_file  # noqa: E402
from faro.model import Document  # noqa: E402
from faro.monitor import Ingester, SourceReport  # noqa: E402
from faro.store import CLI, Store  # noqa: E402


def _corpus(count: int) -> list[str]:
    texts = [text for text, _, _ in labelled(originals(), seed=11)]
    return texts[:count]


def _fresh_store(folder: Path) -> Store:
    store = Store.open(f"sqlite:///{folder / 'faro.db'}")
    for path in demo_files():
        store.put_records(r for _, r in read_file(path).records)
    return store


def _ingest_run(texts_dir: Path, work: Path) -> tuple[float, SourceReport, float]:
    """Seconds to ingest the folder into a fresh store, the report, and the seconds to load
    the near-duplicate index back from what it stored."""
    store = _fresh_store(work)
    options = load_options()
    org, _ = store.accounts.ensure_organisation("bench", CLI)
    ingester = Ingester(store, options, org.id)
    started = time.perf_counter()
    report, _ = ingester.run(str(texts_dir), "file")
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    reloaded = Ingester(store, options, org.id).index
    load = time.perf_counter() - started
    assert len(reloaded) == report.new + report.duplicates
    store.close()
    return seconds, report, load


def _analyse_only(texts: list[str], analyser: Analyser) -> float:
    started = time.perf_counter()
    for i, text in enumerate(texts):
        analyser.analyse(Document(f"d{i}", text))
    return time.perf_counter() - started


def _store_only(texts: list[str], work: Path) -> float:
    with Store.open(f"sqlite:///{work / 'store-only.db'}") as store:
        org, _ = store.accounts.ensure_organisation("bench", CLI)
        started = time.perf_counter()
        for i, text in enumerate(texts):
            store.documents.add(org.id, Document(f"d{i}", text), CLI)
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--stored", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    texts = _corpus(args.docs)
    result: dict[str, Any] = {"docs": len(texts),
                              "mean_chars": round(statistics.mean(map(len, texts)))}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ["FARO_HOME"] = str(root / "home")
        os.environ.pop("FARO_DATABASE_URL", None)
        texts_dir = root / "texts"
        texts_dir.mkdir()
        for i, text in enumerate(texts):
            (texts_dir / f"{i:06d}.txt").write_text(text, "utf-8")

        warm_store = _fresh_store(root)
        analyser = Analyser(warm_store, load_options())
        # the models are loaded once per process (module caches), as a long watch keeps them
        _analyse_only(texts[:50], analyser)
        runs, analyse, store_only, loads = [], [], [], []
        report = None
        for repeat in range(args.repeats):
            work = root / f"run{repeat}"
            work.mkdir()
            seconds, report, load = _ingest_run(texts_dir, work)
            runs.append(seconds)
            loads.append(load)
            analyse.append(_analyse_only(texts, analyser))
            store_only.append(_store_only(texts, work))
        warm_store.close()
    assert report is not None
    n = len(texts)
    result.update({
        "new": report.new, "duplicates": report.duplicates, "errors": len(report.errors),
        "ingest_docs_per_s": round(n / statistics.median(runs), 1),
        "baseline_analyse_match_docs_per_s": round(n / statistics.median(analyse), 1),
        "baseline_store_only_docs_per_s": round(n / statistics.median(store_only), 1),
        "index_load_per_s": round((report.new + report.duplicates) / statistics.median(loads)),
        "repeats": args.repeats,
    })
    cost_texts = random.Random(3).sample(texts, min(500, n))
    cost = _cost_faro(args.stored, cost_texts)
    result.update({"dedup_stored": args.stored, "dedup_check_ms": cost["check_ms"],
                   "dedup_lookup_ms": cost["lookup_ms"],
                   "dedup_bytes_per_doc": cost["bytes_per_doc"]})
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
