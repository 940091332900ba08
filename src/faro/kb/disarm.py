"""The DISARM framework's techniques, which analysts tag reviewed matches with.

The ids, names and tactics ship in ``faro/resources/disarm/techniques.tsv``, an extract of the
DISARM Foundation's framework under CC BY-SA 4.0 (the file says where from; the script that
writes it is ``scripts/disarm_techniques.py``).

>>> techniques()["T0002"]
'Facilitate State Propaganda'
>>> phase("T0002")
'plan-objectives'
>>> check_techniques([" t0003 ", "T0002", "T0003"])
['T0002', 'T0003']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from faro._errors import InvalidRequestError

__all__ = ["check_techniques", "parse_techniques", "phase", "techniques"]


@cache
def _table() -> dict[str, tuple[str, str]]:
    text = resources.files("faro.resources.disarm").joinpath("techniques.tsv").read_text("utf-8")
    found: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            tid, name, tactic = line.split("\t")
            found[tid] = (name, tactic)
    return found


@cache
def techniques() -> dict[str, str]:
    """Every technique and sub-technique: id (``T0002``, ``T0014.001``) to name, in id order."""
    return {tid: name for tid, (name, _) in _table().items()}


def phase(technique: str) -> str:
    """The tactic of a technique as a phase of DISARM's kill chain (``plan-objectives``), as
    DISARM's own STIX bundle names it. KeyError for an unknown id."""
    return _table()[technique][1]


def check_techniques(ids: Iterable[str]) -> list[str]:
    """The ids, upper-cased, without repeats, sorted; :class:`InvalidRequestError` naming every
    id that is no DISARM technique."""
    wanted = {i.strip().upper() for i in ids if i.strip()}
    known = techniques()
    unknown = sorted(wanted - known.keys())
    if unknown:
        raise InvalidRequestError(f"not DISARM technique ids: {', '.join(unknown)}",
                                  hint="ids look like T0002 or T0014.001")
    return sorted(wanted)


def parse_techniques(field: str) -> list[str]:
    """The ids of a comma- (or space-) separated form field, checked as
    :func:`check_techniques` does."""
    return check_techniques(field.replace(",", " ").split())
