"""Measures of a clustering against gold clusters, and gold clusters from claim-retrieval qrels.

All measures are computed from the contingency table of the two partitions (``n_ij``: items in
predicted cluster ``i`` and gold cluster ``j``; ``a_i``, ``b_j`` its row and column sums; ``N``
items), never by listing pairs, so a million items cost one pass:

* **pairwise** precision, recall and F1 over *same-cluster links* (unordered pairs of items):
  ``TP = Σ C(n_ij, 2)``, precision ``TP / Σ C(a_i, 2)``, recall ``TP / Σ C(b_j, 2)``. When a
  side has no pairs at all the ratio is 1.0 if the other side has none either, else 0.0 (so an
  all-singletons answer scores precision 0, not a vacuous 1, when gold has links). Pairwise
  figures are dominated by the largest clusters: a cluster of ``n`` holds ``n(n-1)/2`` pairs.
* **B-cubed** (Bagga & Baldwin 1998; Amigó et al. 2009): per item, the share of its predicted
  cluster that is in its gold cluster (precision) and the share of its gold cluster that is in
  its predicted cluster (recall), averaged over items: ``(1/N) Σ n_ij² / a_i`` and
  ``(1/N) Σ n_ij² / b_j``.
* **ARI**, the adjusted Rand index (Hubert & Arabie 1985), as ``sklearn.metrics.
  adjusted_rand_score``: ``(Σ C(n_ij,2) − E) / (½(Σ C(a_i,2) + Σ C(b_j,2)) − E)`` with
  ``E = Σ C(a_i,2) Σ C(b_j,2) / C(N,2)``; 1.0 when the denominator is 0 (both partitions
  trivial and equal), as scikit-learn does.

>>> scores = evaluate_clusters({"t1": 0, "t2": 0, "t3": 1}, {"t1": "a", "t2": "a", "t3": "b"})
>>> scores["pairwise_f1"], scores["bcubed_f1"], scores["ari"]
(1.0, 1.0, 1.0)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping

__all__ = ["adjusted_rand_index", "evaluate_clusters", "gold_clusters"]


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _ratio(numerator: float, denominator: float, other: float) -> float:
    if denominator:
        return numerator / denominator
    return 1.0 if not other else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def _contingency(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable],
                 ) -> tuple[Counter[tuple[Hashable, Hashable]], Counter[Hashable],
                            Counter[Hashable]]:
    missing = predicted.keys() ^ gold.keys()
    if missing:
        example = sorted(missing)[:3]
        raise ValueError(f"the predicted and gold clusterings must label the same items; "
                         f"{len(missing)} differ, e.g. {example}")
    cells: Counter[tuple[Hashable, Hashable]] = Counter(
        (label, gold[item]) for item, label in predicted.items())
    rows: Counter[Hashable] = Counter()
    cols: Counter[Hashable] = Counter()
    for (row, col), n in cells.items():
        rows[row] += n
        cols[col] += n
    return cells, rows, cols


def adjusted_rand_index(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> float:
    """The adjusted Rand index of two labelings of the same items (see the module docstring).

    >>> predicted, gold = {"a": 0, "b": 0, "c": 1, "d": 2}, {"a": 0, "b": 0, "c": 1, "d": 1}
    >>> round(adjusted_rand_index(predicted, gold), 4)  # 4/7
    0.5714
    """
    cells, rows, cols = _contingency(predicted, gold)
    return _ari(cells, rows, cols, len(predicted))


def _ari(cells: Counter[tuple[Hashable, Hashable]], rows: Counter[Hashable],
         cols: Counter[Hashable], n: int) -> float:
    index = sum(_pairs(c) for c in cells.values())
    sum_rows = sum(_pairs(c) for c in rows.values())
    sum_cols = sum(_pairs(c) for c in cols.values())
    total = _pairs(n)
    expected = sum_rows * sum_cols / total if total else 0.0
    maximum = (sum_rows + sum_cols) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def evaluate_clusters(predicted: Mapping[str, Hashable],
                      gold: Mapping[str, Hashable]) -> dict[str, float]:
    """Pairwise and B-cubed precision, recall and F1, and ARI, of ``predicted`` (item → cluster
    label) against ``gold`` (item → gold cluster label); both must label the same items.

    Keys: ``pairwise_precision``, ``pairwise_recall``, ``pairwise_f1``, ``bcubed_precision``,
    ``bcubed_recall``, ``bcubed_f1``, ``ari``, and the counts ``items``, ``clusters``,
    ``gold_clusters``, ``pairs`` (predicted links), ``gold_pairs``.
    """
    cells, rows, cols = _contingency(predicted, gold)
    n = len(predicted)
    if not n:
        raise ValueError("there is nothing to evaluate: no items")
    true_pairs = sum(_pairs(c) for c in cells.values())
    pred_pairs = sum(_pairs(c) for c in rows.values())
    gold_pairs = sum(_pairs(c) for c in cols.values())
    p_pair = _ratio(true_pairs, pred_pairs, gold_pairs)
    r_pair = _ratio(true_pairs, gold_pairs, pred_pairs)
    p_b3 = sum(c * c / rows[row] for (row, _), c in cells.items()) / n
    r_b3 = sum(c * c / cols[col] for (_, col), c in cells.items()) / n
    return {
        "pairwise_precision": p_pair, "pairwise_recall": r_pair,
        "pairwise_f1": _f1(p_pair, r_pair),
        "bcubed_precision": p_b3, "bcubed_recall": r_b3, "bcubed_f1": _f1(p_b3, r_b3),
        "ari": _ari(cells, rows, cols, n),
        "items": n, "clusters": len(rows), "gold_clusters": len(cols),
        "pairs": pred_pairs, "gold_pairs": gold_pairs,
    }


def gold_clusters(items: Iterable[str],
                  qrels: Mapping[str, Mapping[str, int]]) -> dict[str, str]:
    """Gold clusters of claim-retrieval data: items sharing a relevant record (relevance > 0)
    belong together, transitively (an item judged relevant to two records joins their
    clusters). An item without a relevant record is a cluster of its own. Item → the label of
    its cluster (the smallest item id of the cluster, by string order).

    >>> gold_clusters(["t1", "t2", "t3", "t4"], {"t1": {"c1": 1}, "t2": {"c1": 1, "c2": 1},
    ...                                          "t3": {"c2": 1}})
    {'t1': 't1', 't2': 't1', 't3': 't1', 't4': 't4'}
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    order = list(items)
    for item in order:
        find("i:" + item)
        for record, relevance in qrels.get(item, {}).items():
            if relevance > 0:
                a, b = find("i:" + item), find("r:" + record)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    label: dict[str, str] = {}
    for item in order:
        root = find("i:" + item)
        label[root] = min(label.get(root, item), item)
    return {item: label[find("i:" + item)] for item in order}
