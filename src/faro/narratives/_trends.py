"""Trends of narratives: volume per day and the burst statistic that flags emerging narratives.

**The statistic.** For narrative ``n`` on day ``d`` with ``x`` claims, the expected count is
``λ = max(prior_rate, EWMA)``, where the EWMA is the exponentially weighted mean of the
narrative's daily counts *before* ``d`` (half-life ``half_life_days``; days without claims count
as 0; a narrative seen for the first time has no history, so ``λ = prior_rate``). Under a Poisson
model the chance of ``x`` or more claims is ``p = P(X ≥ x | λ)`` (the regularised lower incomplete
gamma function ``gammainc(x, λ)``); the score is ``-log10 p``. Day ``d`` is a **burst** of ``n``
when ``x ≥ min_count`` and ``p ≤ alpha``. A narrative is **emerging** on ``d`` when it bursts
then. Counts are compared with the narrative's own past, so a narrative that is always loud is
not flagged, and a quiet one that suddenly draws several claims in a day is.

The defaults (``alpha`` 1e-3, ``min_count`` 3, ``half_life_days`` 7, ``prior_rate`` 0.2 a day)
and the false-alarm rate they give are measured by ``benchmarks/narrative_bursts.py`` on a
replayed stream (the EUvsDisinfo cases, with their dates shuffled among them for the null);
see docs/narratives.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, Generic, TypeVar

from scipy.special import gammainc

__all__ = ["SPARK_BLOCKS", "Burst", "BurstDetector", "BurstSettings", "burst", "daily_counts",
           "expected_rate", "sparkline"]

K = TypeVar("K")

#: Eight levels of a sparkline, lowest first.
SPARK_BLOCKS: Final = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class BurstSettings:
    """The burst statistic's parameters (see the module docstring).

    >>> BurstSettings(alpha=0)
    Traceback (most recent call last):
    ...
    ValueError: alpha must be in (0, 1), not 0
    """

    alpha: float = 1e-3
    min_count: int = 3
    half_life_days: float = 7.0
    prior_rate: float = 0.2

    def __post_init__(self) -> None:
        if not 0 < self.alpha < 1:
            raise ValueError(f"alpha must be in (0, 1), not {self.alpha}")
        if self.min_count < 1:
            raise ValueError(f"min_count must be at least 1, not {self.min_count}")
        if self.half_life_days <= 0 or self.prior_rate <= 0:
            raise ValueError("half_life_days and prior_rate must be positive")

    @property
    def decay(self) -> float:
        """What a day's weight is multiplied by each day after."""
        return float(0.5 ** (1.0 / self.half_life_days))


@dataclass(frozen=True, slots=True)
class Burst:
    """A narrative's day judged by the statistic."""

    day: date
    count: int
    expected: float
    p_value: float
    is_burst: bool

    @property
    def score(self) -> float:
        """``-log10 p``: how surprising the day's count is."""
        return -math.log10(max(self.p_value, 1e-300))


def _tail(count: int, rate: float) -> float:
    """P(X ≥ count) for X ~ Poisson(rate)."""
    return 1.0 if count <= 0 else float(gammainc(count, rate))


def expected_rate(volume: Mapping[date, int], day: date,
                  settings: BurstSettings | None = None) -> float:
    """λ for ``day`` from the counts of the days before it (see the module docstring)."""
    settings = settings or BurstSettings()
    decay = settings.decay
    ewma = sum(count * (1 - decay) * decay ** ((day - d).days - 1)
               for d, count in volume.items() if d < day)
    return max(settings.prior_rate, ewma)


def burst(volume: Mapping[date, int], day: date, settings: BurstSettings | None = None) -> Burst:
    """The statistic for ``day`` of a narrative with daily ``volume``.

    >>> quiet = {date(2024, 1, d): 1 for d in range(1, 20, 3)}
    >>> burst(quiet | {date(2024, 1, 21): 6}, date(2024, 1, 21)).is_burst
    True
    >>> burst(quiet | {date(2024, 1, 21): 2}, date(2024, 1, 21)).is_burst
    False
    """
    settings = settings or BurstSettings()
    count = volume.get(day, 0)
    rate = expected_rate(volume, day, settings)
    p = _tail(count, rate)
    return Burst(day, count, rate, p, count >= settings.min_count and p <= settings.alpha)


class BurstDetector(Generic[K]):
    """The statistic over a stream of days, each narrative's EWMA kept incrementally (memory:
    one float and a date per narrative seen).

    Feed each day's counts per narrative, in day order, to :meth:`day`; it yields the bursts.
    """

    def __init__(self, settings: BurstSettings | None = None) -> None:
        self.settings = settings or BurstSettings()
        self._state: dict[K, tuple[float, date]] = {}
        self.tested = 0
        """Narrative-days with at least one claim judged so far."""

    def day(self, day: date, counts: Mapping[K, int]) -> Iterator[tuple[K, Burst]]:
        settings = self.settings
        decay = settings.decay
        state = self._state
        bursts: list[tuple[K, Burst]] = []
        for key, count in counts.items():
            ewma, last = state.get(key, (0.0, day))
            if last > day:
                raise ValueError(f"days must come in order: {day} after {last}")
            gap = (day - last).days
            # the EWMA as of the end of the day before ``day``
            before = ewma * decay ** max(gap - 1, 0)
            rate = max(settings.prior_rate, before)
            p = _tail(count, rate)
            self.tested += 1
            if count >= settings.min_count and p <= settings.alpha:
                bursts.append((key, Burst(day, count, rate, p, True)))
            state[key] = (before * decay + (1 - decay) * count, day)
        yield from bursts


def sparkline(volume: Mapping[date, int], start: date, end: date) -> str:
    """One character per day from ``start`` to ``end`` (inclusive), its height the day's count
    relative to the busiest day; a space for a day without claims.

    >>> sparkline({date(2024, 1, 1): 1, date(2024, 1, 3): 4}, date(2024, 1, 1), date(2024, 1, 4))
    '▃ █ '
    """
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    counts = [volume.get(d, 0) for d in days]
    top = max(counts, default=0)
    if not top:
        return " " * len(days)
    levels = len(SPARK_BLOCKS) - 1
    return "".join(SPARK_BLOCKS[math.ceil(c * levels / top)] if c else " " for c in counts)


def daily_counts(events: Iterable[tuple[date, K]]) -> Iterator[tuple[date, dict[K, int]]]:
    """Group (day, narrative) events, in day order, into (day, counts per narrative)."""
    current: date | None = None
    counts: dict[K, int] = {}
    for day, key in events:
        if current is not None and day != current:
            yield current, counts
            counts = {}
        current = day
        counts[key] = counts.get(key, 0) + 1
    if current is not None:
        yield current, counts
