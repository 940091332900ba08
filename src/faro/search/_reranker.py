"""The learned reranker: a linear model over :data:`~faro.search._features.FEATURES` (or, with
a dense encoder, :data:`~faro.search._features.DENSE_FEATURES`) with a calibration of its
scores into probabilities, shipped as a small JSON file with a model card.

The models are trained by ``faro train reranker`` (:mod:`faro.search._training`) on CLEF
CheckThat! 2020 train + dev; the calibration (Platt scaling) is fitted on out-of-fold scores, so
the confidence of a match reads as the share of such matches that are right. Two ship: the
lexical one (``reranker.json``) and one trained with the dense encoder all-MiniLM-L6-v2
(``reranker-dense.json``), used when the ``encoder`` setting is on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from faro._errors import SearchIndexError
from faro.search._features import DENSE_FEATURES, FEATURES

__all__ = ["Forest", "Reranker", "default_reranker"]

_FILES = {False: "reranker.json", True: "reranker-dense.json"}

#: Bound on standardised features (see :meth:`Reranker.score`); 4 keeps 99.99 % of a normal
#: feature's values untouched.
Z_CLIP = 4.0


@dataclass(frozen=True, slots=True)
class Forest:
    """Regression trees whose outputs add up (a LightGBM LambdaRank model, flattened): node
    ``i`` sends a row left when ``x[feature[i]] <= threshold[i]``; a leaf is a node whose
    children are itself, holding ``value``. Every row of a candidate list walks every tree at
    once, one level per step, so scoring costs ``depth`` numpy gathers whatever the number of
    trees."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]
    roots: tuple[int, ...]
    depth: int

    def __post_init__(self) -> None:
        n = len(self.feature)
        if not (len(self.threshold) == len(self.left) == len(self.right) == len(self.value)
                == n) or not all(0 <= r < n for r in self.roots):
            raise SearchIndexError("the reranker's trees are malformed",
                                   hint="retrain it: faro train reranker")
        children = np.empty(2 * n, dtype=np.intp)  # [2i]: right child of i, [2i + 1]: left
        children[0::2] = self.right
        children[1::2] = self.left
        object.__setattr__(self, "_arrays", (
            np.asarray(self.feature, dtype=np.intp), np.asarray(self.threshold), children,
            np.asarray(self.value), np.asarray(self.roots, dtype=np.intp)))

    _arrays: tuple[npt.NDArray[Any], ...] = field(init=False, repr=False, compare=False)

    def predict(self, x: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
        feature, threshold, children, value, roots = self._arrays
        n_nodes = len(feature)
        # every node's test on every row at once (float64: LightGBM's thresholds are doubles)
        goes_left = (x[:, feature].astype(np.float64) <= threshold).ravel()
        row_start = (np.arange(len(x), dtype=np.intp) * n_nodes)[:, None]
        node = np.broadcast_to(roots, (len(x), len(roots)))
        for _ in range(self.depth):
            node = children[2 * node + goes_left[row_start + node]]
        result: npt.NDArray[np.float64] = value[node].sum(axis=1)
        return result

    @classmethod
    def from_lightgbm(cls, dump: dict[str, Any]) -> Forest:
        """From ``Booster.dump_model()`` (numerical splits, ``<=``, no missing values: faro's
        features are never NaN)."""
        feature: list[int] = []
        threshold: list[float] = []
        left: list[int] = []
        right: list[int] = []
        value: list[float] = []
        depth = 0

        def walk(node: dict[str, Any], level: int) -> int:
            nonlocal depth
            i = len(feature)
            feature.append(0)
            threshold.append(np.inf)  # a leaf "goes left" to itself
            left.append(i)
            right.append(i)
            value.append(float(node.get("leaf_value", 0.0)))
            if "split_feature" in node:
                if node.get("decision_type", "<=") != "<=":
                    raise ValueError(f"unsupported split {node['decision_type']!r}")
                feature[i] = int(node["split_feature"])
                threshold[i] = float(node["threshold"])
                left[i] = walk(node["left_child"], level + 1)
                right[i] = walk(node["right_child"], level + 1)
            depth = max(depth, level)
            return i

        roots = [walk(tree["tree_structure"], 0) for tree in dump["tree_info"]]
        return cls(tuple(feature), tuple(threshold), tuple(left), tuple(right), tuple(value),
                   tuple(roots), depth)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.init}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Forest:
        return cls(tuple(map(int, data["feature"])), tuple(map(float, data["threshold"])),
                   tuple(map(int, data["left"])), tuple(map(int, data["right"])),
                   tuple(map(float, data["value"])), tuple(map(int, data["roots"])),
                   int(data["depth"]))


@dataclass(frozen=True, slots=True)
class Reranker:
    """A linear model over standardised features (``weights``, ``bias``, ``mean``, ``scale``),
    or, when ``forest`` is given, regression trees over the raw features."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    calibration: tuple[float, float]
    """Platt scaling ``(a, b)``: confidence = 1 / (1 + exp(-(a·score + b)))."""
    trained: dict[str, Any]
    """What it was trained on, when, and the figures measured (the model card's facts)."""
    forest: Forest | None = None

    def __post_init__(self) -> None:
        if tuple(self.features) not in (FEATURES, DENSE_FEATURES):
            raise SearchIndexError(
                "the reranker was trained on other features than this faro computes",
                hint="retrain it: faro train reranker")
        object.__setattr__(self, "_mean", np.asarray(self.mean))
        object.__setattr__(self, "_scale", np.asarray(self.scale))
        object.__setattr__(self, "_w", np.asarray(self.weights))

    @property
    def dense(self) -> bool:
        """Whether it reads the dense encoder's features too."""
        return tuple(self.features) == DENSE_FEATURES

    _mean: npt.NDArray[np.float64] = field(init=False, repr=False, compare=False)
    _scale: npt.NDArray[np.float64] = field(init=False, repr=False, compare=False)
    _w: npt.NDArray[np.float64] = field(init=False, repr=False, compare=False)

    def score(self, x: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
        """The model's log-odds for each row of features.

        Standardised features are clipped to ±:data:`Z_CLIP`: a linear model trained on tweets
        against 10k claims must not extrapolate when a knowledge base of a hundred records, or
        a claim copied word for word, puts a feature far outside what it saw (without the clip,
        an exact copy of a demo claim scored 0.04). Trees need no such bound: beyond what they
        saw, their output stays what it was at the edge."""
        if self.forest is not None:
            return self.forest.predict(x)
        z = np.clip((x - self._mean) / self._scale, -Z_CLIP, Z_CLIP)
        result: npt.NDArray[np.float64] = z @ self._w + self.bias
        return result

    def confidence(self, scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        a, b = self.calibration
        result: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-(a * scores + b)))
        return result

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.init}
        data["forest"] = self.forest.to_json() if self.forest is not None else None
        return data

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=1) + "\n", "utf-8")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reranker:
        return cls(features=tuple(data["features"]), mean=tuple(data["mean"]),
                   scale=tuple(data["scale"]), weights=tuple(data["weights"]),
                   bias=float(data["bias"]),
                   calibration=(float(data["calibration"][0]), float(data["calibration"][1])),
                   trained=dict(data.get("trained", {})),
                   forest=Forest.from_json(data["forest"]) if data.get("forest") else None)

    @classmethod
    def load(cls, path: Path) -> Reranker:
        try:
            return cls.from_json(json.loads(path.read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SearchIndexError(f"cannot read the reranker: {exc}", source=str(path)) from exc


@lru_cache(maxsize=2)
def default_reranker(dense: bool = False) -> Reranker:
    """A reranker shipped in the package (``faro/resources/models/``): the lexical one, or with
    ``dense`` the one that reads the dense encoder's features too."""
    text = resources.files("faro.resources").joinpath("models", _FILES[dense]).read_text("utf-8")
    return Reranker.from_json(json.loads(text))
