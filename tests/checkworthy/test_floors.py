"""Quality floors of the shipped model on the CLEF dev splits (never lower a floor without
saying so in docs/checkworthy.md): F1 of the positive class at the model's threshold (chosen on
these splits, so a floor on it guards the shipped file, not generalisation) and average
precision (threshold-free). Measured 2026-12-02, see the model card."""

from __future__ import annotations

from pathlib import Path

import pytest

from faro.checkworthy import default_model
from faro.checkworthy._evaluation import measure
from faro.eval.clef import read_checkworthy_tweets

#: folder: (language, F1 floor, AP floor)
FLOORS = {"english": ("en", 0.67, 0.74), "arabic": ("ar", 0.62, 0.57),
          "spanish": ("es", 0.62, 0.65)}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_f1_and_ap_on_clef2022_dev(cw_data: Path, folder: str) -> None:
    lang, f1_floor, ap_floor = FLOORS[folder]
    items = read_checkworthy_tweets(cw_data / "clef2022-t1a" / folder / "dev.tsv")
    model = default_model()
    scores = model.score_many([i.text for i in items], lang)
    figures = measure([i.label for i in items], scores, [i.group for i in items],
                      model.threshold(lang))
    assert figures["f1_pos"] >= f1_floor, figures
    assert figures["ap"] >= ap_floor, figures


def test_measure_against_hand_counts() -> None:
    figures = measure([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1], ["a", "a", "b", "b"])
    assert figures["precision"] == 0.5 and figures["recall"] == 0.5
    assert figures["ap"] == pytest.approx((1 + 2 / 3) / 2)
    assert figures["map"] == pytest.approx((1.0 + 1.0) / 2)
    assert figures["p@10"] == pytest.approx(0.2)
