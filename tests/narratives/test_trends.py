"""The burst statistic, its incremental detector and sparklines."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from scipy.stats import poisson

from faro.narratives._trends import (
    BurstDetector,
    BurstSettings,
    burst,
    daily_counts,
    expected_rate,
    sparkline,
)

DAY = date(2024, 5, 1)


def _days(counts: list[int]) -> dict[date, int]:
    return {DAY + timedelta(days=i): c for i, c in enumerate(counts) if c}


def test_the_tail_is_poisson() -> None:
    volume = _days([2] * 30 + [9])
    result = burst(volume, DAY + timedelta(days=30))
    assert result.p_value == pytest.approx(poisson.sf(8, result.expected))
    assert result.score == pytest.approx(-math.log10(result.p_value))


def test_expected_rate_is_the_ewma_of_the_days_before() -> None:
    settings = BurstSettings(half_life_days=1.0, prior_rate=0.01)
    # yesterday 4 (weight 1/2), the day before 8 (weight 1/4)
    volume = {DAY: 8, DAY + timedelta(days=1): 4, DAY + timedelta(days=2): 100}
    assert expected_rate(volume, DAY + timedelta(days=2), settings) == pytest.approx(4.0)
    assert expected_rate({}, DAY, settings) == 0.01


def test_a_loud_narrative_is_not_a_burst_and_a_quiet_one_is() -> None:
    loud = _days([20] * 30 + [25])
    quiet = _days([0, 1] * 15 + [8])
    last = DAY + timedelta(days=30)
    assert not burst(loud, last).is_burst
    assert burst(quiet, last).is_burst


def test_min_count_holds_small_counts_back() -> None:
    settings = BurstSettings(alpha=0.05)
    result = burst({DAY: 2}, DAY, settings)
    assert result.p_value < 0.05  # two claims at once is unlikely at the prior rate...
    assert not result.is_burst     # ...but fewer than min_count
    assert burst({DAY: 3}, DAY, settings).is_burst


def test_the_detector_agrees_with_the_batch_statistic() -> None:
    counts = [0, 1, 0, 2, 1, 0, 0, 7, 1, 0, 12, 3]
    volume = _days(counts)
    detector: BurstDetector[str] = BurstDetector()
    streamed = {}
    for day, per in daily_counts((d, "n") for d in sorted(volume) for _ in range(volume[d])):
        for key, b in detector.day(day, per):
            streamed[b.day] = (key, b.expected)
    expected = {d: burst(volume, d) for d in volume}
    assert set(streamed) == {d for d, b in expected.items() if b.is_burst}
    for day, (_, rate) in streamed.items():
        assert rate == pytest.approx(expected[day].expected)
    assert detector.tested == len(volume)
    with pytest.raises(ValueError, match="in order"):
        list(detector.day(DAY, {"n": 1}))


def test_sparkline_scales_to_the_busiest_day() -> None:
    line = sparkline(_days([1, 0, 8, 4]), DAY, DAY + timedelta(days=4))
    assert line == "▂ █▅ "
    assert sparkline({}, DAY, DAY + timedelta(days=2)) == "   "


@pytest.mark.parametrize("bad", [{"alpha": 1.0}, {"min_count": 0}, {"half_life_days": 0.0}])
def test_settings_are_validated(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        BurstSettings(**bad)  # type: ignore[arg-type]
