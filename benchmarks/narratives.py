"""Narrative clustering speed and memory on one core over a long stream of claims.

The stream recombines real posts (``../shared/data``: the CLEF CheckThat! claim-retrieval tweets
of the 2020 and 2021 train and dev splits, the CLEF-2022 check-worthiness tweets of the train
splits in six languages, the EUvsDisinfo claim summaries; without the shared folder, the
sentences of the example articles). Stories come and go: ``LIVE`` stories are live at a time,
each claim picks one with Zipf-like weights (a few big narratives, a long tail), and after each
claim one story dies with probability ``TURNOVER`` and a new one (a random source text) takes its
place. A claim keeps 60-90 % of its story's words in order and takes up to four words of another
text of the same language, so paraphrases differ as real ones do. No links (no matcher here).

Measured: claims per second of :meth:`Clusterer.add <faro.narratives.Clusterer.add>` in chunks
of ``CHUNK`` claims (generation is not timed), by the wall clock and by this process's CPU time
(on a shared machine the CPU figure is the one core's throughput) — the median over the chunks
and over the last tenth of the stream — and the peak resident memory (``ru_maxrss``) at
checkpoints, which stays flat once ``max_active`` narratives are live. The baseline, in the
same process: the same vectors placed by brute force (cosine to every active centroid), on
the first ``PREFIX`` claims only (it is quadratic); the ratio compares the two over that
prefix, and the agreement is the pairwise F1 and ARI of the index's narratives scored against
the brute force's (what the index's candidate pruning costs).

    python benchmarks/narratives.py [--claims 1000000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from faro.eval.clusters import evaluate_clusters
from faro.narratives import ClaimItem, Clusterer, ClusterSettings, NarrativeCluster

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CHUNK = 10_000
PREFIX = 5_000
LIVE = 2_000
TURNOVER = 0.02
_CHECKWORTHY = {"english": "en", "arabic": "ar", "bulgarian": "bg", "dutch": "nl",
                "turkish": "tr", "spanish": "es"}


def _sources() -> list[tuple[str, str]]:
    """(text, language) of the real texts the stream recombines."""
    from faro.eval.clef import read_checkworthy_tweets, read_queries

    texts: list[tuple[str, str]] = []
    retrieval = DATA / "claim-retrieval"
    if retrieval.is_dir():
        for path in (retrieval / "clef2020-t2-en" / "train" / "tweets.queries.tsv",
                     retrieval / "clef2020-t2-en" / "dev" / "tweets.queries.tsv",
                     retrieval / "clef2021-t2a-en" / "train_queries.tsv"):
            texts.extend((q.text, "en") for q in read_queries(path))
        for folder, lang in _CHECKWORTHY.items():
            path = DATA / "checkworthiness" / "clef2022-t1a" / folder / "train.tsv"
            texts.extend((i.text, lang) for i in read_checkworthy_tweets(path))
        cases = DATA / "narratives" / "euvsdisinfo-2015-2017" / "cases.csv"
        if cases.is_file():
            import csv

            with cases.open(encoding="utf-8", newline="") as handle:
                texts.extend((row["summary"], "en") for row in csv.DictReader(handle)
                             if row.get("summary"))
    else:
        for path in sorted((ROOT / "examples").glob("*.txt")):
            lang = path.name.split("_", 1)[0] if not path.name[0].isdigit() else "it"
            texts.extend((s.strip(), lang) for s in path.read_text("utf-8").split(". ")
                         if len(s.split()) > 4)
    return [(t, lang) for t, lang in texts if len(t.split()) >= 4]


def stream(count: int, seed: int = 11) -> Iterator[ClaimItem]:
    """``count`` claims recombined from the real texts (see the module docstring)."""
    rng = random.Random(seed)
    sources = _sources()
    by_language: dict[str, list[list[str]]] = {}
    for text, lang in sources:
        by_language.setdefault(lang, []).append(text.split())
    weights = [1.0 / (rank + 1) for rank in range(LIVE)]
    live = [rng.randrange(len(sources)) for _ in range(LIVE)]
    for n in range(count):
        slot = rng.choices(range(LIVE), weights)[0]
        text, lang = sources[live[slot]]
        words = text.split()
        keep = rng.uniform(0.6, 0.9)
        kept = [w for w in words if rng.random() < keep] or words[:3]
        other = rng.choice(by_language[lang])
        kept.extend(rng.sample(other, min(len(other), rng.randrange(5))))
        yield ClaimItem(str(n), " ".join(kept), lang)
        if rng.random() < TURNOVER:
            live[rng.randrange(LIVE)] = rng.randrange(len(sources))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class _BruteForce(Clusterer):
    """The baseline: every active centroid scored for every claim."""

    def nearest(self, vector: dict[str, float]) -> tuple[NarrativeCluster | None, float]:
        best: NarrativeCluster | None = None
        best_score = 0.0
        for cluster in self.active.values():
            score = cluster.cosine(vector)
            if score > best_score:
                best, best_score = cluster, score
        return best, best_score


def _prefix(claims: list[ClaimItem]) -> dict[str, float]:
    rates: dict[str, float] = {}
    placed: dict[str, list[int]] = {}
    for name, cls in (("faro", Clusterer), ("brute_force", _BruteForce)):
        clusterer = cls(ClusterSettings())
        started = time.perf_counter()
        placed[name] = [clusterer.add(c) for c in claims]
        rates[name] = len(claims) / (time.perf_counter() - started)
    agreement = evaluate_clusters({str(i): c for i, c in enumerate(placed["faro"])},
                                  {str(i): c for i, c in enumerate(placed["brute_force"])})
    return {"faro": rates["faro"], "brute_force": rates["brute_force"],
            "agreement": agreement["pairwise_f1"], "agreement_ari": agreement["ari"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    claims = stream(args.claims)
    first = [next(claims) for _ in range(min(PREFIX, args.claims))]
    prefix = _prefix(first)

    settings = ClusterSettings()
    clusterer = Clusterer(settings)
    rates: list[float] = []
    cpu_rates: list[float] = []
    checkpoints: dict[str, float] = {}
    done = 0
    pending = iter(first)
    while done < args.claims:
        chunk = [c for _, c in zip(range(CHUNK), pending, strict=False)]
        chunk += [c for _, c in zip(range(CHUNK - len(chunk)), claims, strict=False)]
        if not chunk:
            break
        add = clusterer.add
        started, cpu = time.perf_counter(), time.process_time()
        for claim in chunk:
            add(claim)
        rates.append(len(chunk) / (time.perf_counter() - started))
        cpu_rates.append(len(chunk) / max(time.process_time() - cpu, 1e-9))
        done += len(chunk)
        if done in (100_000, 250_000, 500_000) or done >= args.claims:
            checkpoints[str(done)] = round(_rss_mb(), 1)
        if not args.json:
            print(f"{done:>9,} claims  {rates[-1]:7.0f}/s  cpu {cpu_rates[-1]:7.0f}/s  active "
                  f"{len(clusterer.active):,}  rss {_rss_mb():.0f} MB", file=sys.stderr)
    tenth = max(1, len(rates) // 10)
    result = {
        "benchmark": "narratives",
        "claims": done,
        "claims_per_s_median": round(statistics.median(rates)),
        "claims_per_s_last_tenth": round(statistics.median(rates[-tenth:])),
        "claims_per_cpu_s_median": round(statistics.median(cpu_rates)),
        "claims_per_cpu_s_last_tenth": round(statistics.median(cpu_rates[-tenth:])),
        "narratives_opened": clusterer._next_id - 1,
        "active": len(clusterer.active),
        "evicted": clusterer.evicted,
        "vocabulary": len(clusterer.df),
        "peak_rss_mb": round(_rss_mb(), 1),
        "rss_mb_at": checkpoints,
        "prefix_claims": len(first),
        "prefix_claims_per_s": round(prefix["faro"]),
        "baseline": "brute-force nearest centroid, same vectors",
        "baseline_prefix_claims_per_s": round(prefix["brute_force"]),
        "ratio_prefix": round(prefix["faro"] / prefix["brute_force"], 2),
        "agreement_prefix_pairwise_f1": round(prefix["agreement"], 4),
        "agreement_prefix_ari": round(prefix["agreement_ari"], 4),
        "target_claims_per_s": 2000,
        "target_met": statistics.median(rates) >= 2000,
        "target_met_cpu": statistics.median(cpu_rates) >= 2000,
    }
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
