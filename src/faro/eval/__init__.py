"""Evaluation: ranking measures in trec_eval conventions and readers for the claim-retrieval
data sets (CLEF CheckThat! 2020 Task 2 and 2021 Task 2A, SemEval 2025 Task 7).

>>> from faro.eval import evaluate_retrieval
>>> evaluate_retrieval({"q1": [("d2", 0.9), ("d1", 0.4)]}, {"q1": {"d1": 1}})["map@5"]
0.5

:mod:`faro.eval.metrics` holds the measures of one ranked list as well (``average_precision``,
``ap_at_k``, ``precision_at_k``, ``recall_at_k``, ``reciprocal_rank``, ``success_at_k``);
:mod:`faro.eval.clef` documents the file formats and how quoting is resolved;
:mod:`faro.eval.clusters` scores a clustering against gold clusters (pairwise and B-cubed F1, ARI).
"""

from faro.eval.clef import (
    Query,
    SemEvalFactCheck,
    SemEvalPair,
    SemEvalPost,
    SemEvalText,
    VClaim,
    qrels_from_pairs,
    read_qrels,
    read_queries,
    read_run,
    read_semeval_fact_checks,
    read_semeval_pairs,
    read_semeval_posts,
    read_vclaims,
    write_run,
)
from faro.eval.clusters import adjusted_rand_index, evaluate_clusters, gold_clusters
from faro.eval.metrics import Qrels, Run, average_precision, evaluate_retrieval

__all__ = [
    "Qrels",
    "Query",
    "Run",
    "SemEvalFactCheck",
    "SemEvalPair",
    "SemEvalPost",
    "SemEvalText",
    "VClaim",
    "adjusted_rand_index",
    "average_precision",
    "evaluate_clusters",
    "evaluate_retrieval",
    "gold_clusters",
    "qrels_from_pairs",
    "read_qrels",
    "read_queries",
    "read_run",
    "read_semeval_fact_checks",
    "read_semeval_pairs",
    "read_semeval_posts",
    "read_vclaims",
    "write_run",
]
