"""The measures of ``faro eval checkworthy``: F1, precision and recall of the positive class at
the model's threshold, average precision and P@10 of the whole ranking, and MAP over groups
(the debates of CLEF 2018/2019; the topics of the tweet files), as CLEF CheckThat! computes
them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from faro.eval.metrics import average_precision, precision_at_k

__all__ = ["THRESHOLD", "measure"]

#: The default cut for scores without a threshold of their own (the baseline: its logistic
#: regression is trained with balanced class weights, so 0.5 is its natural cut).
THRESHOLD = 0.5


def _ranked(labels: Sequence[int], scores: Sequence[float]) -> list[int]:
    order = sorted(range(len(labels)), key=lambda i: (-scores[i], i))
    return [labels[i] for i in order]


def measure(labels: Sequence[int], scores: Sequence[float], groups: Sequence[str],
            threshold: float = THRESHOLD) -> dict[str, float]:
    """``f1_pos``, ``precision``, ``recall`` (a text is predicted check-worthy from a score of
    ``threshold``), ``ap``, ``p@10`` and ``map`` (mean AP over ``groups``) of ``scores``
    against ``labels`` (1: check-worthy)."""
    if not (len(labels) == len(scores) == len(groups)):
        raise ValueError("labels, scores and groups differ in length")
    predicted = [s >= threshold for s in scores]
    tp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and y)
    precision = tp / sum(predicted) if any(predicted) else 0.0
    recall = tp / sum(labels) if any(labels) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ranked = _ranked(labels, scores)
    by_group: dict[str, list[int]] = defaultdict(list)
    for i, group in enumerate(groups):
        by_group[group].append(i)
    aps = [average_precision(_ranked([labels[i] for i in rows], [scores[i] for i in rows]))
           for rows in by_group.values()]
    return {"f1_pos": f1, "precision": precision, "recall": recall,
            "ap": average_precision(ranked), "p@10": precision_at_k(ranked, 10),
            "map": sum(aps) / len(aps) if aps else 0.0}
