"""What the web UI's pages are drawn from: the Jinja2 environment (autoescape on for every
template, so untrusted text is escaped wherever it lands), the highlighted text of a document,
and the dashboard's chart geometry.

Nothing here marks text safe: a document's text is cut into plain-string segments that the
templates escape one by one, and charts are numbers the templates place in SVG attributes.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import Any

import jinja2

__all__ = ["Bar", "Chart", "Segment", "claims_chart", "environment", "pages", "segments", "share",
           "volume_chart", "weblink"]


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("faro.server", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["percent"] = lambda value: f"{100 * float(value):.0f}%"
    env.filters["when"] = lambda value: value.strftime("%Y-%m-%d %H:%M") if value else ""
    env.filters["weblink"] = weblink
    # plain text, escaped by the template like any other (Jinja's tojson would be marked safe)
    env.filters["pretty"] = lambda value: json.dumps(value, indent=1, ensure_ascii=False,
                                                     sort_keys=True, default=str)
    return env


def weblink(url: object) -> str | None:
    """``url`` when it is an http(s) address, else ``None``: a stored URL never becomes a
    ``javascript:`` or ``data:`` link."""
    if isinstance(url, str) and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a document's text under the same marks."""

    text: str
    classes: tuple[str, ...] = ()
    claim: int | None = None
    """The stored (check-worthy) claim this run belongs to, for the link to its matches."""
    label: str | None = None
    """A tooltip: the entity type, the quote's speaker, the claim's score."""


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    kind: str
    label: str | None = None
    claim: int | None = None


def _spans(analysis: dict[str, Any], claim_ids: dict[tuple[int, int], int]) -> list[_Span]:
    out: list[_Span] = []
    for claim in analysis.get("claims") or ():
        key = (int(claim["start"]), int(claim["end"]))
        stored = claim_ids.get(key)
        out.append(_Span(*key, "claim" if stored is not None else "claim-minor",
                         f"claim, check-worthiness {float(claim.get('score', 0)):.2f}", stored))
    for quote in analysis.get("quotes") or ():
        speaker = quote.get("speaker_resolved") or quote.get("speaker")
        out.append(_Span(int(quote["start"]), int(quote["end"]), "quote",
                         f"quote by {speaker}" if speaker else "quote"))
    for entity in analysis.get("entities") or ():
        kind = str(entity.get("type", "entity")).lower()
        out.append(_Span(int(entity["start"]), int(entity["end"]),
                         f"entity entity-{kind if kind.isalpha() else 'other'}", kind))
    return out


def segments(text: str, analysis: dict[str, Any] | None,
             claim_ids: dict[tuple[int, int], int] | None = None) -> list[Segment]:
    """``text`` cut where a claim, quote or entity of ``analysis`` starts or ends; each run
    carries the classes of every mark over it. ``claim_ids`` maps a stored claim's
    ``(start, end)`` to its id. Marks outside the text are ignored."""
    if not analysis:
        return [Segment(text)]
    spans = [s for s in _spans(analysis, claim_ids or {}) if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[Segment] = []
    for start, end in pairwise(cuts):
        over = [s for s in spans if s.start <= start and end <= s.end]
        classes = tuple(dict.fromkeys(c for s in over for c in s.kind.split()))
        claim = next((s.claim for s in over if s.claim is not None), None)
        labels = [s.label for s in over if s.label]
        out.append(Segment(text[start:end], classes, claim, "; ".join(labels) or None))
    return out


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    """Index of the language, for its colour class."""
    title: str


@dataclass
class Chart:
    """A stacked bar chart of claims per day by language, as SVG geometry."""

    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    """``(x, label)`` under the bars."""
    peak: int = 0


#: Languages drawn in a colour of their own; the rest are summed as "other".
_SERIES = 6


def claims_chart(rows: Iterable[tuple[str, str, int]], first: date, days: int, *,
                 width: int = 640, height: int = 160) -> Chart:
    """The chart of ``(day, language, claims)`` rows over ``days`` days from ``first``."""
    totals: dict[str, int] = {}
    cells: dict[tuple[str, str], int] = {}
    for day, language, n in rows:
        totals[language] = totals.get(language, 0) + n
        cells[(day, language)] = cells.get((day, language), 0) + n
    ranked = sorted(totals, key=lambda lang: (-totals[lang], lang))
    shown = ranked[:_SERIES]
    languages = shown + (["other"] if len(ranked) > _SERIES else [])
    dates = [(first + timedelta(days=i)).isoformat() for i in range(days)]
    stacks: list[list[tuple[int, int]]] = []  # per day: (series, n)
    for day in dates:
        stack = [(i, cells.get((day, lang), 0)) for i, lang in enumerate(shown)]
        if len(languages) > len(shown):
            stack.append((len(shown), sum(cells.get((day, lang), 0) for lang in ranked[_SERIES:])))
        stacks.append([(i, n) for i, n in stack if n])
    peak = max((sum(n for _, n in stack) for stack in stacks), default=0)
    chart = Chart(width, height, languages=languages, peak=peak)
    plot = height - 20  # room for the day labels
    step = width / max(1, days)
    for d, (day, stack) in enumerate(zip(dates, stacks, strict=True)):
        top = float(plot)
        for series, n in stack:
            h = plot * n / peak
            top -= h
            chart.bars.append(Bar(round(d * step + 1, 1), round(top, 1),
                                  round(max(1.0, step - 2), 1), round(h, 1), series,
                                  f"{day} {languages[series]}: {n} claims"))
        if d % max(1, days // 7) == 0:
            chart.ticks.append((round(d * step + step / 2, 1), day[5:]))
    return chart


def volume_chart(volume: Mapping[date, int], days: Sequence[date], bursts: Collection[date], *,
                 width: int = 220, height: int = 20) -> Chart:
    """A narrative's claims per day over ``days`` as one row of bars, the days it burst in
    another colour (series 3, red)."""
    peak = max((volume.get(d, 0) for d in days), default=0)
    chart = Chart(width, height, peak=peak)
    step = width / max(1, len(days))
    for i, day in enumerate(days):
        n = volume.get(day, 0)
        if not n:
            continue
        h = max(1.0, height * n / peak)
        burst = day in bursts
        chart.bars.append(Bar(round(i * step, 1), round(height - h, 1),
                              round(max(1.0, step - 1), 1), round(h, 1), 3 if burst else 0,
                              f"{day.isoformat()}: {n} claim(s)" + (", a burst" if burst
                                                                   else "")))
    return chart


def pages(total: int, limit: int, offset: int) -> dict[str, int | None]:
    """Offsets of the previous and next page (``None`` at either end) and page numbers."""
    return {"previous": max(0, offset - limit) if offset > 0 else None,
            "next": offset + limit if offset + limit < total else None,
            "page": offset // limit + 1, "pages": max(1, -(-total // limit))}


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
