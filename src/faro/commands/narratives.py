"""``faro eval clusters``: measure the clustering of claims into narratives on claim-retrieval
data (gold clusters: tweets that share a verified claim)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from faro._errors import FaroError
from faro.commands._common import fail
from faro.eval.clusters import evaluate_clusters
from faro.narratives import DEFAULT_THRESHOLD, ClusterSettings
from faro.narratives._clef import cluster, link_to_claims, read_stream

__all__ = ["CLUSTER_KEYS", "eval_clusters"]

#: Measures printed, in order (``--json`` has them all, and the counts).
CLUSTER_KEYS = ("pairwise_precision", "pairwise_recall", "pairwise_f1", "bcubed_precision",
                "bcubed_recall", "bcubed_f1", "ari")


def eval_clusters(
    queries: Annotated[list[Path], typer.Option(
        "--queries", help="Queries TSV (id, text); repeat for several splits.")],
    qrels: Annotated[list[Path], typer.Option(
        "--qrels", help="TREC qrels, one per --queries, in the same order.")],
    claims: Annotated[Path | None, typer.Option(
        "--claims", help="Verified claims TSV (vclaim_id, vclaim, title): link each tweet to "
                         "them with faro's matching and cluster on the links too.")] = None,
    threshold: Annotated[float, typer.Option(
        help="Cosine a claim needs to its nearest narrative to join it.")] = DEFAULT_THRESHOLD,
    lang: Annotated[str, typer.Option("--lang", help="Language of the tweets.")] = "en",
    json_output: Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
    = False,
) -> None:
    """Cluster all the given tweets in file order and score the narratives against the gold
    clusters: pairwise and B-cubed precision, recall and F1, and the adjusted Rand index. With
    --claims, the same measures without the links are given as the baseline."""
    try:
        settings = ClusterSettings(threshold=threshold)
    except ValueError as exc:
        fail(f"[F100] {exc}", code=2)
    try:
        items, gold = read_stream(queries, qrels, language=lang)
        started = time.perf_counter()
        linked = link_to_claims(items, claims) if claims is not None else None
        link_seconds = time.perf_counter() - started
    except (FaroError, ValueError) as exc:
        fail(exc if isinstance(exc, FaroError) else f"[F100] {exc}")
    started = time.perf_counter()
    words = evaluate_clusters(cluster(items, settings), gold)
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {k: round(v, 4) if isinstance(v, float) else v
                              for k, v in words.items()}
    result |= {"threshold": threshold, "links": False, "seconds": round(seconds, 3)}
    if linked is not None:
        baseline = result
        started = time.perf_counter()
        scores = evaluate_clusters(cluster(linked, settings), gold)
        seconds = time.perf_counter() - started + link_seconds
        result = {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}
        result |= {"threshold": threshold, "links": True, "seconds": round(seconds, 3),
                   "baseline": {k: baseline[k] for k in CLUSTER_KEYS} | {"name": "words only"}}
    if json_output:
        sys.stdout.write(json.dumps(result) + "\n")
        return
    table = Table(title=f"{result['items']} claims → {result['clusters']} narratives "
                        f"({result['gold_clusters']} gold clusters), threshold {threshold}")
    table.add_column("measure")
    table.add_column("faro (words + links)" if linked is not None else "faro", justify="right")
    if linked is not None:
        table.add_column("words only", justify="right")
    for key in CLUSTER_KEYS:
        row = [key, f"{result[key]:.4f}"]
        if linked is not None:
            row.append(f"{result['baseline'][key]:.4f}")
        table.add_row(*row)
    Console().print(table)
