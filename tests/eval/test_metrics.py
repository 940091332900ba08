"""Retrieval measures: hand-computed cases, then random runs against a brute-force reference."""

from __future__ import annotations

import functools
import math
import random

import pytest

from faro.eval import average_precision, evaluate_retrieval
from faro.eval.metrics import (
    Qrels,
    Run,
    ap_at_k,
    precision_at_k,
    recall_at_k,
    reciprocal_rank,
    success_at_k,
    trec_order,
)

# --------------------------------------------------------------------------- hand-computed


def test_keys_in_order() -> None:
    scores = evaluate_retrieval({}, {"q": {"d": 1}})
    assert list(scores) == [
        "map@1", "map@3", "map@5", "map", "mrr", "p@1", "recall@10", "recall@100", "success@10",
        "queries",
    ]
    assert scores["queries"] == 1
    assert all(value == 0.0 for key, value in scores.items() if key != "queries")


def test_map_cut_divides_by_all_relevant_documents() -> None:
    # Three relevant documents, at ranks 1, 5 and 6.
    qrels = {"q": {"a": 1, "b": 1, "c": 1}}
    run = {"q": [("a", 9.0), ("x", 8.0), ("y", 7.0), ("z", 6.0), ("b", 5.0), ("c", 4.0)]}
    scores = evaluate_retrieval(run, qrels)
    assert scores["map@1"] == pytest.approx(1 / 3)  # not 1/min(1, 3) = 1
    assert scores["map@3"] == pytest.approx(1 / 3)
    assert scores["map@5"] == pytest.approx((1 + 2 / 5) / 3)
    assert scores["map"] == pytest.approx((1 + 2 / 5 + 3 / 6) / 3)
    assert scores["mrr"] == 1.0
    assert scores["p@1"] == 1.0
    assert scores["recall@10"] == 1.0
    assert scores["success@10"] == 1.0


def test_relevant_documents_never_retrieved_still_count() -> None:
    qrels = {"q": {"a": 1, "b": 1}}
    scores = evaluate_retrieval({"q": [("x", 2.0), ("a", 1.0)]}, qrels)
    assert scores["map@5"] == pytest.approx((1 / 2) / 2)
    assert scores["recall@10"] == 0.5


def test_ties_go_to_the_greater_document_id() -> None:
    qrels = {"q": {"b": 1}}
    run = {"q": [("a", 1.0), ("b", 1.0), ("c", 1.0)]}  # trec_eval ranks c, b, a
    assert evaluate_retrieval(run, qrels)["mrr"] == 0.5
    # Ids compare as strings, not numbers: "9" > "10".
    assert [doc for doc, _ in trec_order([("10", 0.5), ("9", 0.5), ("100", 0.5)])] == [
        "9", "100", "10",
    ]


def test_the_order_given_is_ignored() -> None:
    qrels = {"q": {"a": 1}}
    run = {"q": [("z", 0.1), ("a", 0.9)]}  # listed last, scored first
    assert evaluate_retrieval(run, qrels)["p@1"] == 1.0


def test_a_repeated_document_counts_once_at_its_first_score() -> None:
    qrels = {"q": {"x": 1}}
    first_high = {"q": [("x", 5.0), ("a", 1.0), ("x", 0.5)]}
    first_low = {"q": [("a", 1.0), ("x", 0.5), ("x", 5.0)]}
    assert evaluate_retrieval(first_high, qrels)["mrr"] == 1.0
    assert evaluate_retrieval(first_low, qrels)["mrr"] == 0.5
    # Counted once: recall cannot pass 1 and precision is not inflated.
    twice = {"q": [("x", 2.0), ("x", 1.0)]}
    assert evaluate_retrieval(twice, {"q": {"x": 1, "y": 1}})["map"] == 0.5


def test_missing_queries_count_as_zero_and_unjudged_queries_are_ignored() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}}
    run = {"q1": [("a", 1.0)], "q3": [("c", 1.0)]}  # q2 missing; q3 has no qrels
    scores = evaluate_retrieval(run, qrels)
    assert scores["queries"] == 2
    assert scores["map@5"] == 0.5
    assert scores["mrr"] == 0.5


def test_a_query_without_relevant_documents_counts_as_zero() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 0, "c": -1}}
    run = {"q1": [("a", 1.0)], "q2": [("b", 2.0), ("c", 1.0)]}
    scores = evaluate_retrieval(run, qrels)
    assert scores["queries"] == 2
    assert scores["map"] == 0.5
    assert scores["success@10"] == 0.5


def test_relevance_above_zero_is_relevant() -> None:
    qrels = {"q": {"a": 0, "b": -1, "c": 2}}
    run = {"q": [("a", 3.0), ("b", 2.0), ("c", 1.0)]}
    scores = evaluate_retrieval(run, qrels)
    assert scores["mrr"] == pytest.approx(1 / 3)
    assert scores["map"] == pytest.approx(1 / 3)


def test_custom_cutoffs() -> None:
    qrels = {"q": {"d": 1}}
    run = {"q": [(f"x{i}", float(-i)) for i in range(20)] + [("d", -20.0)]}
    scores = evaluate_retrieval(run, qrels, cutoffs=(10, 25), recall_at=(20, 21), success_at=21)
    assert scores["map@10"] == 0.0
    assert scores["map@25"] == pytest.approx(1 / 21)
    assert scores["recall@20"] == 0.0
    assert scores["recall@21"] == 1.0
    assert scores["success@21"] == 1.0


@pytest.mark.parametrize(
    "kwargs",
    [{"cutoffs": (0,)}, {"cutoffs": (1, 1)}, {"recall_at": (-5,)}, {"success_at": True}],
)
def test_bad_cutoffs(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="cutoff"):
        evaluate_retrieval({}, {"q": {"d": 1}}, **kwargs)  # type: ignore[arg-type]


def test_empty_qrels_and_nan_scores_are_refused() -> None:
    with pytest.raises(ValueError, match="qrels hold no queries"):
        evaluate_retrieval({"q": [("d", 1.0)]}, {})
    with pytest.raises(ValueError, match="NaN"):
        evaluate_retrieval({"q": [("d", math.nan)]}, {"q": {"d": 1}})


def test_one_list_helpers() -> None:
    assert average_precision([1, 0, 1, 0]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([True, False, True]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([0, 0, 0]) == 0.0
    assert average_precision([]) == 0.0
    assert average_precision([0, 1], num_relevant=4) == pytest.approx(0.5 / 4)
    assert ap_at_k([0, 1, 0, 0, 0, 1], 5, num_relevant=2) == 0.25
    assert ap_at_k([0, 1, 0, 0, 0, 1], 5) == 0.25  # both relevant labels are in the list
    assert precision_at_k([1, 0, 1], 2) == 0.5
    assert precision_at_k([1], 3) == pytest.approx(1 / 3)  # over k, not over what was ranked
    assert recall_at_k([1, 0, 1], 2) == 0.5
    assert reciprocal_rank([0, 0, 0]) == 0.0
    assert reciprocal_rank([0, 2]) == 0.5
    assert success_at_k([0, 0, 1], 3) == 1.0
    with pytest.raises(ValueError, match="num_relevant"):
        average_precision([1, 1], num_relevant=1)
    with pytest.raises(ValueError, match="cutoff"):
        precision_at_k([1], 0)


# --------------------------------------------------------------------------- reference


def _reference(run: Run, qrels: Qrels, k: int) -> dict[str, float]:
    """MAP@k, MAP, MRR, P@1, recall@k and success@k written out from their definitions, one
    relevant document at a time, with trec_eval's ranking (comp_sim_docno) on UTF-8 bytes."""

    def compare(left: tuple[str, float], right: tuple[str, float]) -> int:
        if left[1] != right[1]:
            return -1 if left[1] > right[1] else 1
        a, b = left[0].encode(), right[0].encode()
        return (b > a) - (b < a)  # strcmp(p2, p1)

    totals = {"map@k": 0.0, "map": 0.0, "mrr": 0.0, "p@1": 0.0, "recall@k": 0.0, "success@k": 0.0}
    for qid, judged in qrels.items():
        kept: list[tuple[str, float]] = []
        for doc, score in run.get(qid, []):
            if doc not in {d for d, _ in kept}:
                kept.append((doc, score))
        ranks = {
            doc: rank
            for rank, (doc, _) in enumerate(sorted(kept, key=functools.cmp_to_key(compare)), 1)
        }
        relevant = [doc for doc, rel in judged.items() if rel > 0]
        found = sorted(ranks[doc] for doc in relevant if doc in ranks)
        if not relevant:
            continue

        def precision_at(rank: int, found: list[int] = found) -> float:
            return sum(1 for r in found if r <= rank) / rank

        totals["map@k"] += sum(precision_at(r) for r in found if r <= k) / len(relevant)
        totals["map"] += sum(precision_at(r) for r in found) / len(relevant)
        totals["mrr"] += 1 / found[0] if found else 0.0
        totals["p@1"] += 1.0 if found and found[0] == 1 else 0.0
        totals["recall@k"] += sum(1 for r in found if r <= k) / len(relevant)
        totals["success@k"] += 1.0 if found and found[0] <= k else 0.0
    return {name: total / len(qrels) for name, total in totals.items()}


def test_random_runs_agree_with_the_reference() -> None:
    rng = random.Random(20250101)
    docs = ["a", "b", "c", "ab", "b9", "10", "9", "é", "z€", "𝔸", "Z", "a b"]
    for _ in range(400):
        qrels: dict[str, dict[str, int]] = {}
        run: dict[str, list[tuple[str, float]]] = {}
        for q in range(rng.randint(1, 5)):
            qid = f"q{q}"
            if rng.random() < 0.9:
                judged = rng.sample(docs, rng.randint(1, 5))
                qrels[qid] = {doc: rng.choice([-1, 0, 1, 1, 2]) for doc in judged}
            if rng.random() < 0.85:
                # Few distinct scores, so ties are common; some documents repeat.
                run[qid] = [
                    (rng.choice(docs), rng.choice([0.0, 0.5, 1.0, 2.0, -1.0]))
                    for _ in range(rng.randint(0, 12))
                ]
        if not qrels:
            continue
        k = rng.choice([1, 2, 3, 5, 8])
        ours = evaluate_retrieval(run, qrels, cutoffs=(k,), recall_at=(k,), success_at=k)
        expected = _reference(run, qrels, k)
        assert ours["queries"] == len(qrels)
        assert ours[f"map@{k}"] == pytest.approx(expected["map@k"])
        assert ours["map"] == pytest.approx(expected["map"])
        assert ours["mrr"] == pytest.approx(expected["mrr"])
        assert ours["p@1"] == pytest.approx(expected["p@1"])
        assert ours[f"recall@{k}"] == pytest.approx(expected["recall@k"])
        assert ours[f"success@{k}"] == pytest.approx(expected["success@k"])
