"""Quality floors of the shipped model on the CLEF dev splits (never lower a floor without
saying so in docs/checkworthy.md). Measured 2026-12-02: en 0.652, ar 0.515, es 0.619."""

from __future__ import annotations

from pathlib import Path

import pytest

from faro.checkworthy import default_model
from faro.checkworthy._evaluation import measure
from faro.eval.clef import read_checkworthy_tweets

FLOORS = {"english": ("en", 0.63), "arabic": ("ar", 0.49), "spanish": ("es", 0.60)}


@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_f1_of_the_positive_class_on_clef2022_dev(cw_data: Path, folder: str) -> None:
    lang, floor = FLOORS[folder]
    items = read_checkworthy_tweets(cw_data / "clef2022-t1a" / folder / "dev.tsv")
    scores = default_model().score_many([i.text for i in items], lang)
    figures = measure([i.label for i in items], scores, [i.group for i in items])
    assert figures["f1_pos"] >= floor, figures


def test_measure_against_hand_counts() -> None:
    figures = measure([1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1], ["a", "a", "b", "b"])
    assert figures["precision"] == 0.5 and figures["recall"] == 0.5
    assert figures["ap"] == pytest.approx((1 + 2 / 3) / 2)
    assert figures["map"] == pytest.approx((1.0 + 1.0) / 2)
    assert figures["p@10"] == pytest.approx(0.2)
