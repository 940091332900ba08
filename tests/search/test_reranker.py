"""The reranker's models: faro's own evaluation of LightGBM trees gives LightGBM's scores, and a
model survives saving and loading; malformed models are refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from faro import SearchIndexError
from faro.search._features import FEATURES
from faro.search._reranker import Forest, Reranker


@pytest.fixture(scope="module")
def ranker() -> object:
    lightgbm = pytest.importorskip("lightgbm", reason="lightgbm (the `dev` extra) is absent")
    rng = np.random.default_rng(7)
    x = rng.standard_normal((3000, len(FEATURES))).astype(np.float32)
    y = ((x[:, 0] + x[:, 3] * x[:, 5] + 0.3 * rng.standard_normal(3000)) > 1.0).astype(int)
    model = lightgbm.LGBMRanker(n_estimators=40, num_leaves=6, learning_rate=0.1,
                                min_child_samples=5, random_state=0, n_jobs=1, verbose=-1)
    model.fit(x, y, group=[100] * 30)
    return model


def test_the_forest_scores_as_lightgbm_does(ranker: object) -> None:
    forest = Forest.from_lightgbm(ranker.booster_.dump_model())  # type: ignore[attr-defined]
    rng = np.random.default_rng(8)
    x = (rng.standard_normal((500, len(FEATURES))) * 3).astype(np.float32)
    x[:50, 0] = 0.0  # values on and around split points
    expected = ranker.predict(x)  # type: ignore[attr-defined]
    assert np.allclose(forest.predict(x), expected, atol=1e-9)
    assert forest.predict(x[:1]).shape == (1,)
    assert len(forest.roots) == 40 and 1 <= forest.depth <= 5


def test_a_tree_model_survives_saving(ranker: object, tmp_path: Path) -> None:
    forest = Forest.from_lightgbm(ranker.booster_.dump_model())  # type: ignore[attr-defined]
    model = Reranker(features=FEATURES, mean=(), scale=(), weights=(), bias=0.0,
                     calibration=(1.5, -2.0), trained={"model": "test"}, forest=forest)
    model.save(tmp_path / "r.json")
    again = Reranker.load(tmp_path / "r.json")
    x = np.random.default_rng(9).standard_normal((20, len(FEATURES))).astype(np.float32)
    assert np.array_equal(again.score(x), model.score(x))
    assert again.forest == forest


def test_malformed_trees_are_refused() -> None:
    with pytest.raises(SearchIndexError, match="malformed"):
        Forest(feature=(0, 0), threshold=(1.0,), left=(0, 1), right=(0, 1), value=(0.0, 0.0),
               roots=(0,), depth=1)
    with pytest.raises(SearchIndexError, match="malformed"):
        Forest(feature=(0,), threshold=(1.0,), left=(0,), right=(0,), value=(0.0,), roots=(3,),
               depth=0)
    categorical = {"tree_info": [{"tree_structure": {
        "split_feature": 0, "threshold": "1||2", "decision_type": "==",
        "left_child": {"leaf_value": 1.0}, "right_child": {"leaf_value": 0.0}}}]}
    with pytest.raises(ValueError, match="unsupported split"):
        Forest.from_lightgbm(categorical)
