"""Ranking measures in the conventions of trec_eval.

:func:`evaluate_retrieval` scores a run of ranked documents per query against relevance
judgments (qrels) the way ``trec_eval -c -m map -m map_cut.1,3,5 -m recip_rank -m P.1
-m recall.10,100 -m success.10`` does. The conventions were read from the trec_eval 9 source
(``form_res_rels.c``, ``m_map_cut.c``, ``trec_eval.c``):

* **Order.** A query's list is re-ranked by score, highest first; equal scores are ordered by
  document id in *descending* byte order (``comp_sim_docno``: ``strcmp(p2->docno, p1->docno)``).
  The order of the list and any rank given with it are ignored, as trec_eval ignores the rank
  column.
* **Duplicates.** trec_eval refuses a run that lists one document twice for a query; here the
  first occurrence counts and later ones are dropped.
* **Relevance.** A judgment above 0 is relevant (trec_eval's default ``-l 1``); 0 and negative
  values are not.
* **Which queries.** Every query of the qrels counts, as with trec_eval's ``-c``: a query absent
  from the run scores 0 on every measure, and so does a query whose judgments are all 0. Queries
  of the run that have no qrels are ignored. Means are macro averages over the qrels' queries.
* **MAP@k** (``map_cut_k``): the precision at each relevant document ranked at or above k,
  summed and divided by the number of relevant documents of the query, *not* by ``min(k, R)``;
  a query with two relevant documents and one of them first scores 0.5 at MAP@1.
* **P@k** divides by k even when fewer than k documents were retrieved.

>>> qrels = {"q1": {"d1": 1, "d2": 1}, "q2": {"d9": 1}}
>>> run = {"q1": [("d1", 2.0), ("d7", 1.0), ("d2", 0.5)]}
>>> scores = evaluate_retrieval(run, qrels)
>>> scores["map@1"], round(scores["map@3"], 4), scores["mrr"], scores["queries"]
(0.25, 0.4167, 0.5, 2)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "Qrels",
    "Run",
    "ap_at_k",
    "average_precision",
    "evaluate_retrieval",
    "precision_at_k",
    "recall_at_k",
    "reciprocal_rank",
    "success_at_k",
    "trec_order",
]

#: Relevance judgments: query id → document id → relevance (above 0 is relevant).
Qrels = Mapping[str, Mapping[str, int]]
#: A run: query id → the retrieved documents as (document id, score) pairs.
Run = Mapping[str, Sequence[tuple[str, float]]]


def trec_order(ranking: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """The documents of one query in the order trec_eval ranks them.

    The first occurrence of each document is kept; then the order is score descending, and
    document id descending among equal scores.

    >>> trec_order([("a", 1.0), ("c", 2.0), ("b", 1.0), ("a", 9.0)])
    [('c', 2.0), ('b', 1.0), ('a', 1.0)]
    """
    first: dict[str, float] = {}
    for doc, score in ranking:
        if math.isnan(score):
            raise ValueError(f"document {doc!r} has a NaN score; scores must be comparable")
        first.setdefault(doc, score)
    return sorted(first.items(), key=lambda item: (item[1], item[0]), reverse=True)


# --------------------------------------------------------------------------- one ranked list
# ``labels`` are judgments in ranked order; a label above 0 is relevant (so booleans work).


def average_precision(labels: Sequence[int], *, num_relevant: int | None = None) -> float:
    """Average precision of one ranked list: the precision at each relevant position, summed and
    divided by ``num_relevant``, by default the number of relevant labels in the list (the CLEF
    check-worthiness measure, where every item is ranked). 0 when nothing is relevant.

    >>> round(average_precision([1, 0, 1, 0]), 4)
    0.8333
    >>> round(average_precision([1, 0, 1, 0], num_relevant=4), 4)
    0.4167
    """
    total = _relevant_total(labels, num_relevant)
    return _precision_sum(labels, len(labels)) / total if total else 0.0


def ap_at_k(labels: Sequence[int], k: int, *, num_relevant: int | None = None) -> float:
    """Average precision cut at rank k, as trec_eval's ``map_cut_k``: the precision at each
    relevant position up to k, divided by ``num_relevant`` (pass the query's number of relevant
    documents from the qrels; by default the number of relevant labels in the whole list).

    >>> ap_at_k([0, 1, 0, 0, 0, 1], 5, num_relevant=2)
    0.25
    """
    _check_cutoff(k)
    total = _relevant_total(labels, num_relevant)
    return _precision_sum(labels, k) / total if total else 0.0


def precision_at_k(labels: Sequence[int], k: int) -> float:
    """The share of relevant items among the first k, over k even when fewer were ranked.

    >>> precision_at_k([1, 0], 5)
    0.2
    """
    _check_cutoff(k)
    return sum(1 for label in labels[:k] if label > 0) / k


def recall_at_k(labels: Sequence[int], k: int, *, num_relevant: int | None = None) -> float:
    """The share of the relevant documents found in the first k (0 when there are none).

    >>> recall_at_k([0, 1, 0], 2, num_relevant=4)
    0.25
    """
    _check_cutoff(k)
    total = _relevant_total(labels, num_relevant)
    return sum(1 for label in labels[:k] if label > 0) / total if total else 0.0


def reciprocal_rank(labels: Sequence[int]) -> float:
    """1 / the rank of the first relevant item, 0 when none is relevant (trec_eval
    ``recip_rank``).

    >>> reciprocal_rank([0, 0, 1, 1])
    0.3333333333333333
    """
    for rank, label in enumerate(labels, start=1):
        if label > 0:
            return 1.0 / rank
    return 0.0


def success_at_k(labels: Sequence[int], k: int) -> float:
    """1.0 when a relevant item is among the first k, else 0.0 (trec_eval ``success_k``).

    >>> success_at_k([0, 0, 1], 2)
    0.0
    """
    _check_cutoff(k)
    return 1.0 if any(label > 0 for label in labels[:k]) else 0.0


def _precision_sum(labels: Sequence[int], k: int) -> float:
    found = 0
    total = 0.0
    for rank, label in enumerate(labels[:k], start=1):
        if label > 0:
            found += 1
            total += found / rank
    return total


def _relevant_total(labels: Sequence[int], num_relevant: int | None) -> int:
    found = sum(1 for label in labels if label > 0)
    if num_relevant is None:
        return found
    if num_relevant < found:
        raise ValueError(
            f"num_relevant={num_relevant} but the list holds {found} relevant items; pass the "
            "number of relevant documents of the query (from the qrels)"
        )
    return num_relevant


def _check_cutoff(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"a rank cutoff must be a positive integer, not {k!r}")


# --------------------------------------------------------------------------- a whole run


def evaluate_retrieval(
    run: Run,
    qrels: Qrels,
    *,
    cutoffs: Sequence[int] = (1, 3, 5),
    recall_at: Sequence[int] = (10, 100),
    success_at: int = 10,
) -> dict[str, float]:
    """Mean retrieval measures of ``run`` against ``qrels``, in trec_eval ``-c`` conventions
    (see the module docstring).

    Returns, in this order: ``map@k`` for each of ``cutoffs`` (the official CLEF measure is
    ``map@5``), ``map``, ``mrr``, ``p@1``, ``recall@k`` for each of ``recall_at``,
    ``success@{success_at}``, and ``queries``: the number of queries averaged over (all the
    queries of the qrels).

    Raises :class:`ValueError` for empty qrels, a cutoff that is not a positive integer or is
    given twice, and a NaN score.
    """
    for group in (cutoffs, recall_at, (success_at,)):
        for k in group:
            _check_cutoff(k)
        if len(set(group)) != len(group):
            raise ValueError(f"cutoffs must not repeat: {tuple(group)}")
    if not qrels:
        raise ValueError("the qrels hold no queries: there is nothing to evaluate against")

    names = [
        *(f"map@{k}" for k in cutoffs),
        "map",
        "mrr",
        "p@1",
        *(f"recall@{k}" for k in recall_at),
        f"success@{success_at}",
    ]
    per_query: dict[str, list[float]] = {name: [] for name in names}
    for qid, judged in qrels.items():
        num_relevant = sum(1 for relevance in judged.values() if relevance > 0)
        labels = [judged.get(doc, 0) for doc, _ in trec_order(run.get(qid, ()))]
        values = [
            *(ap_at_k(labels, k, num_relevant=num_relevant) for k in cutoffs),
            average_precision(labels, num_relevant=num_relevant),
            reciprocal_rank(labels),
            precision_at_k(labels, 1),
            *(recall_at_k(labels, k, num_relevant=num_relevant) for k in recall_at),
            success_at_k(labels, success_at),
        ]
        for name, value in zip(names, values, strict=True):
            per_query[name].append(value)

    count = len(qrels)
    scores: dict[str, float] = {name: math.fsum(v) / count for name, v in per_query.items()}
    scores["queries"] = count
    return scores
