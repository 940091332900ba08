"""Dates in text, absolute and relative, normalised to ISO 8601.

:func:`find_dates` reads the same single scan as :func:`faro.extract.numbers.find_numbers`
(see :func:`~faro.extract.numbers.scan_numeric`) and anchors what it found to a reference date
(usually the publication date).

Conventions for the ``value`` of a relative expression, given a reference date:

- a day ("tomorrow") is the date; a weekday ("venerdì") the most recent such day on or before
  the reference, "last Friday" the most recent strictly before it, "next Friday" the first
  strictly after it;
- a week is the ISO week (``2024-W28``), a month ``2024-07``, a year ``2024``;
- a quarter is the month it starts with (``2024-07`` for the third quarter);
- a season is the month it starts with, in the northern meteorological calendar (spring
  ``2025-03``, summer June, autumn September, winter December); "next spring" is the first spring
  that starts after the reference, "last spring" the last one that ended before it, "this
  spring" the one of the reference's year (a winter reaching into January and February counts
  for the year it starts in);
- ``position="start"`` or ``"end"`` gives the first or last day of the period: "by the end of
  this year" with reference 2024-07-12 is ``2024-12-31``.

Absolute dates without a year ("12 luglio", "a ottobre", Japanese "12日") take the reference's
year (and, for a day alone, its month). Decades are the three digits ISO 8601 gives them
(``199`` for the 1990s); two-digit decades 20-90 are read as the 1920s-1990s, 00 and 10 as the
2000s and 2010s.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from faro.extract._numeric_lexicon import WEEKDAYS
from faro.extract.numbers import DateHit, scan_numeric
from faro.model import DateMention, RelativeDate

__all__ = ["find_dates", "resolve"]

#: First month of each season (northern hemisphere, meteorological).
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}


def find_dates(text: str, lang: str, reference: date | None = None) -> list[DateMention]:
    """The dates of ``text`` as :class:`~faro.model.DateMention` mentions, sorted by start and
    never overlapping: absolute dates with ``value`` as precise as the text ("2024",
    "2024-07", "2024-07-12"), and relative ones ("domani", "la prossima primavera", "entro la
    fine di quest'anno") with ``relative`` set and, when ``reference`` is given, ``value``
    resolved against it (``None`` otherwise).

    >>> [(d.text, d.value) for d in find_dates("dal 2014 a domani", "it", date(2024, 7, 12))]
    [('2014', '2014'), ('domani', '2024-07-13')]
    """
    if isinstance(reference, datetime):
        reference = reference.date()
    return [
        DateMention(hit.start, hit.end, hit.text, _value(hit, reference), hit.relative)
        for hit in scan_numeric(text, lang)
        if isinstance(hit, DateHit)
    ]


def _value(hit: DateHit, reference: date | None) -> str | None:
    if hit.relative is not None:
        return resolve(hit.relative, reference) if reference is not None else None
    if hit.decade is not None:
        return f"{hit.decade:03d}"
    year, month = hit.year, hit.month
    if year is None:
        if reference is None:
            return None
        year = reference.year
        if month is None:
            month = reference.month
    if month is None:
        return f"{year:04d}"
    if hit.day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, hit.day).isoformat()
    except ValueError:  # 29 February in a reference year that is not a leap year
        return None


def resolve(relative: RelativeDate, reference: date) -> str | None:
    """The ISO 8601 value of a relative date seen from ``reference`` (see the module
    conventions); ``None`` for a unit it does not know or a date out of range."""
    try:
        return _resolve(relative, reference)
    except (OverflowError, ValueError):
        return None


def _resolve(relative: RelativeDate, ref: date) -> str | None:
    unit, offset, position = relative.unit, relative.offset, relative.position
    if unit == "day":
        return (ref + timedelta(days=offset)).isoformat()
    if unit == "weekday":
        return _weekday(ref, offset, relative.detail)
    if unit == "week":
        day = ref + timedelta(weeks=offset)
        monday = day - timedelta(days=day.weekday())
        if position == "start":
            return monday.isoformat()
        if position == "end":
            return (monday + timedelta(days=6)).isoformat()
        iso = day.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}"
    if unit == "month":
        year, month = _add_months(ref.year, ref.month, offset)
        return _period(year, month, 1, position)
    if unit == "quarter":
        year, month = _add_months(ref.year, (ref.month - 1) // 3 * 3 + 1, 3 * offset)
        return _period(year, month, 3, position)
    if unit == "year":
        return _period(ref.year + offset, 1, 12, position, whole_year=True)
    if unit == "season" and relative.detail in _SEASON_START:
        year = _season_year(ref, offset, _SEASON_START[relative.detail])
        return _period(year, _SEASON_START[relative.detail], 3, position)
    return None


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    new_year, index = divmod(year * 12 + month - 1 + months, 12)
    return new_year, index + 1


def _period(year: int, month: int, length: int, position: str, *,
            whole_year: bool = False) -> str:
    """A period of ``length`` months from ``year``-``month``: its first or last day, or the
    period itself at its natural precision."""
    if position == "start":
        return date(year, month, 1).isoformat()
    if position == "end":
        last_year, last_month = _add_months(year, month, length - 1)
        last_day = calendar.monthrange(last_year, last_month)[1]
        return date(last_year, last_month, last_day).isoformat()
    return f"{year:04d}" if whole_year else f"{year:04d}-{month:02d}"


def _season_year(ref: date, offset: int, start_month: int) -> int:
    """The year in which the season meant starts."""
    def starts(year: int) -> date:
        return date(year, start_month, 1)

    def ends(year: int) -> date:
        end_year, end_month = _add_months(year, start_month, 2)
        return date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])

    if offset > 0:
        year = ref.year - 1
        while starts(year) <= ref:
            year += 1
        return year + offset - 1
    if offset < 0:
        year = ref.year + 1
        while ends(year) >= ref:
            year -= 1
        return year + offset + 1
    return ref.year - 1 if start_month == 12 and ref.month <= 2 else ref.year


def _weekday(ref: date, offset: int, detail: str | None) -> str | None:
    if detail not in WEEKDAYS:
        return None
    target = WEEKDAYS.index(detail)
    if offset > 0:
        ahead = (target - ref.weekday()) % 7 or 7
        return (ref + timedelta(days=ahead + 7 * (offset - 1))).isoformat()
    back = (ref.weekday() - target) % 7
    if offset < 0:
        back = (back or 7) + 7 * (-offset - 1)
    return (ref - timedelta(days=back)).isoformat()
