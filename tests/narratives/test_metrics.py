"""The clustering measures on hand-made cases, worked out by hand in the comments."""

from __future__ import annotations

import pytest

from faro.eval.clusters import adjusted_rand_index, evaluate_clusters, gold_clusters


def _labels(values: list[int]) -> dict[str, int]:
    return {f"t{i}": v for i, v in enumerate(values)}


# (predicted, gold, ARI): the examples of scikit-learn's adjusted_rand_score documentation and
# user guide, each checked by hand from the contingency table.
KNOWN_ARI = [
    ([0, 0, 1, 1], [0, 0, 1, 1], 1.0),
    ([0, 0, 1, 1], [1, 1, 0, 0], 1.0),  # labels are names only
    # cells 2,1,1 → Σ C(n_ij,2) = 1; rows 2,1,1 → 1; columns 2,2 → 2; E = 1·2/6 = 1/3;
    # max = 3/2 → (1 − 1/3) / (3/2 − 1/3) = 4/7
    ([0, 0, 1, 2], [0, 0, 1, 1], 4 / 7),
    ([0, 0, 1, 1], [0, 0, 1, 2], 4 / 7),
    # index 0, rows 6, columns 0: E = 0, max = 3 → 0
    ([0, 0, 0, 0], [0, 1, 2, 3], 0.0),
    # index 0, rows 2, columns 2: E = 4/6, max = 2 → (0 − 2/3) / (2 − 2/3) = −1/2
    ([0, 0, 1, 1], [0, 1, 0, 1], -0.5),
    # index 2, rows 3, columns 6, C(6,2) = 15: E = 1.2, max = 4.5 → 0.8 / 3.3
    ([0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1], 0.8 / 3.3),
]


@pytest.mark.parametrize(("predicted", "gold", "expected"), KNOWN_ARI)
def test_ari_matches_known_values(predicted: list[int], gold: list[int],
                                  expected: float) -> None:
    assert adjusted_rand_index(_labels(predicted), _labels(gold)) == pytest.approx(expected)


@pytest.mark.parametrize(("predicted", "gold", "expected"), KNOWN_ARI)
def test_ari_agrees_with_scikit_learn(predicted: list[int], gold: list[int],
                                      expected: float) -> None:
    metrics = pytest.importorskip("sklearn.metrics")
    assert adjusted_rand_index(_labels(predicted), _labels(gold)) == pytest.approx(
        metrics.adjusted_rand_score(gold, predicted))


def test_pairwise_and_bcubed_by_hand() -> None:
    # predicted {0,1} {2,3} {4,5}; gold {0,1,2} {3,4,5}
    scores = evaluate_clusters(_labels([0, 0, 1, 1, 2, 2]), _labels([0, 0, 0, 1, 1, 1]))
    # links: predicted 3, gold 6, shared 2 (0-1, 4-5)
    assert scores["pairs"] == 3
    assert scores["gold_pairs"] == 6
    assert scores["pairwise_precision"] == pytest.approx(2 / 3)
    assert scores["pairwise_recall"] == pytest.approx(1 / 3)
    assert scores["pairwise_f1"] == pytest.approx(4 / 9)
    # per item precision 1, 1, 1/2, 1/2, 1, 1; recall 2/3, 2/3, 1/3, 1/3, 2/3, 2/3
    assert scores["bcubed_precision"] == pytest.approx(5 / 6)
    assert scores["bcubed_recall"] == pytest.approx(5 / 9)
    assert scores["bcubed_f1"] == pytest.approx(2 * (5 / 6) * (5 / 9) / (5 / 6 + 5 / 9))
    assert (scores["items"], scores["clusters"], scores["gold_clusters"]) == (6, 3, 2)


def test_all_singletons_against_linked_gold_scores_zero_pairwise() -> None:
    scores = evaluate_clusters(_labels([0, 1, 2, 3]), _labels([0, 0, 1, 1]))
    assert scores["pairwise_precision"] == 0.0
    assert scores["pairwise_recall"] == 0.0
    assert scores["pairwise_f1"] == 0.0
    assert scores["bcubed_precision"] == 1.0
    assert scores["bcubed_recall"] == pytest.approx(0.5)


def test_singletons_against_singletons_is_perfect() -> None:
    scores = evaluate_clusters(_labels([0, 1, 2]), _labels([5, 6, 7]))
    assert scores["pairwise_f1"] == 1.0
    assert scores["bcubed_f1"] == 1.0
    assert scores["ari"] == 1.0


def test_one_big_cluster_is_all_recall() -> None:
    scores = evaluate_clusters(_labels([0, 0, 0, 0]), _labels([0, 0, 1, 1]))
    assert scores["pairwise_recall"] == 1.0
    assert scores["pairwise_precision"] == pytest.approx(2 / 6)
    assert scores["bcubed_precision"] == pytest.approx(0.5)
    assert scores["bcubed_recall"] == 1.0


def test_the_two_sides_must_label_the_same_items() -> None:
    with pytest.raises(ValueError, match="same items"):
        evaluate_clusters({"a": 0, "b": 0}, {"a": 0, "c": 0})
    with pytest.raises(ValueError, match="no items"):
        evaluate_clusters({}, {})


def test_gold_clusters_join_items_through_shared_records() -> None:
    qrels = {"t1": {"c1": 1}, "t2": {"c2": 1, "c1": 1}, "t3": {"c2": 1}, "t4": {"c3": 1},
             "t5": {"c3": 0}}
    gold = gold_clusters(["t3", "t1", "t2", "t4", "t5", "t6"], qrels)
    assert gold == {"t1": "t1", "t2": "t1", "t3": "t1", "t4": "t4", "t5": "t5", "t6": "t6"}
