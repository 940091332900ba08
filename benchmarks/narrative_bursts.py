"""False-alarm rate and detection rate of the burst statistic on a replayed stream.

The stream: the 3,071 EUvsDisinfo cases of 2015-2017 (``../shared/data/narratives``), each a
claim (its ``summary``) on the day it was reported, clustered into narratives by
:class:`~faro.narratives.Clusterer` in day order. The burst statistic
(:mod:`faro.narratives._trends`) is then replayed over the days:

* **observed**: the bursts in the real order of the days;
* **null**: the days shuffled among the cases (``REPLAYS`` seeded shuffles). That keeps how
  many claims each day and each narrative has and destroys any link between a narrative and its
  days, so every burst flagged there is a false alarm. The false-alarm rate is the share of
  tested narrative-days (a narrative with at least one claim that day) flagged, and alarms per
  30 days of stream;
* **detection**: in each null replay, ``m`` extra claims of one random narrative are added on
  one random day; detected when that narrative bursts that day (``m`` = 3, 5, 8).

for ``alpha`` 1e-2, 1e-3 (the default) and 1e-4, the other settings at their defaults. Bursts
in the first ``WARM_UP`` half-lives of a replay are not counted (nor tested): every narrative is
new then, and a shuffled replay makes every big narrative "emerge" on the first day.

The EUvsDisinfo stream is sparse (about 3 claims a day). A dense one is replayed the same way
(key ``dense``, default alpha only): ``--dense-claims`` claims of the recombined stream of
``benchmarks/narratives.py`` (stories that come and go), ``DENSE_PER_DAY`` a day.

    python benchmarks/narrative_bursts.py [--replays 100] [--dense-claims 50000] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from faro.narratives import ClaimItem, Clusterer
from faro.narratives._trends import BurstDetector, BurstSettings, daily_counts

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT.parent / "shared" / "data" / "narratives" / "euvsdisinfo-2015-2017" / "cases.csv"
REPLAYS = 100
#: Half-lives at the start of a replay whose bursts are not counted: every narrative is new then
#: (in a shuffled replay all of them are live from the first day, and would all "emerge").
WARM_UP = 2
DENSE_PER_DAY = 500
ALPHAS = (1e-2, 1e-3, 1e-4)
INJECTED = (3, 5, 8)


def _cases() -> list[tuple[date, str]]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        rows = [(datetime.strptime(r["date"], "%m/%d/%y").date(), r["summary"])
                for r in csv.DictReader(handle) if r["summary"].strip() and r["date"].strip()]
    return sorted(rows, key=lambda r: r[0])


def _replay(events: Iterable[tuple[date, int]], settings: BurstSettings,
            ) -> tuple[set[tuple[date, int]], int]:
    """The (day, narrative) bursts and the narrative-days tested, after the warm-up."""
    detector: BurstDetector[int] = BurstDetector(settings)
    ordered = sorted(events)
    start = ordered[0][0] + timedelta(days=round(WARM_UP * settings.half_life_days))
    flagged: set[tuple[date, int]] = set()
    tested = 0
    for day, counts in daily_counts(ordered):
        before = detector.tested
        bursts = {(b.day, key) for key, b in detector.day(day, counts)}
        if day >= start:
            flagged |= bursts
            tested += detector.tested - before
    return flagged, tested


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replays", type=int, default=REPLAYS)
    parser.add_argument("--dense-claims", type=int, default=50_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not CASES.is_file():
        print(json.dumps({"benchmark": "narrative_bursts", "skipped": f"no {CASES}"}))
        return 0
    cases = _cases()
    clusterer = Clusterer()
    labels = [clusterer.add(ClaimItem(str(i), text, "en", seen=day))
              for i, (day, text) in enumerate(cases)]
    days = [day for day, _ in cases]
    result: dict[str, object] = {"benchmark": "narrative_bursts"}
    result.update(_measure(days, labels, clusterer, args.replays, ALPHAS))
    result["dense"] = _measure(*_dense(args.dense_claims), max(1, args.replays // 10),
                               (BurstSettings().alpha,))
    print(json.dumps(result) if args.json else json.dumps(result, indent=2))
    return 0


def _dense(count: int) -> tuple[list[date], list[int], Clusterer]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from narratives import stream

    clusterer = Clusterer()
    start = date(2024, 1, 1)
    days = [start + timedelta(days=i // DENSE_PER_DAY) for i in range(count)]
    labels = [clusterer.add(claim) for claim in stream(count)]
    return days, labels, clusterer


def _measure(days: list[date], labels: list[int], clusterer: Clusterer, replays: int,
             alphas: Iterable[float]) -> dict[str, object]:
    span = (days[-1] - days[0]).days + 1
    result: dict[str, object] = {
        "claims": len(days), "days": span, "narratives": len(set(labels)),
        "narratives_of_3_or_more": sum(1 for n in clusterer.active.values() if n.size >= 3),
        "replays": replays,
    }
    warm = days[0] + timedelta(days=round(WARM_UP * BurstSettings().half_life_days))
    after_warm_up = [d for d in days if d >= warm]
    for alpha in alphas:
        settings = BurstSettings(alpha=alpha)
        observed, tested = _replay(zip(days, labels, strict=True), settings)
        rng = random.Random(5)
        false_alarms = 0
        null_tested = 0
        detected = dict.fromkeys(INJECTED, 0)
        for _ in range(replays):
            shuffled = days[:]
            rng.shuffle(shuffled)
            events = list(zip(shuffled, labels, strict=True))
            flagged, n = _replay(events, settings)
            false_alarms += len(flagged)
            null_tested += n
            for m in INJECTED:
                target, day = rng.choice(labels), rng.choice(after_warm_up)
                injected, _ = _replay(events + [(day, target)] * m, settings)
                detected[m] += (day, target) in injected
        key = f"alpha_{alpha:g}"
        result[key] = {
            "observed_bursts": len(observed),
            "observed_tested": tested,
            "null_false_alarm_rate": round(false_alarms / null_tested, 6),
            "null_false_alarms_per_30_days": round(false_alarms / replays * 30 / span, 4),
            **{f"detected_{m}_extra": round(detected[m] / replays, 3) for m in INJECTED},
        }
    return result


if __name__ == "__main__":
    raise SystemExit(main())
