"""faro's own knowledge-base format: JSON Lines, one record per line.

Each line is an object with ``"kind": "factcheck"`` or ``"narrative"`` and the fields of
:class:`~faro.model.FactCheck` or :class:`~faro.model.Narrative` by name; dates are ISO 8601,
``verdict`` and ``marking`` their string values, ``keywords`` and ``countries`` lists. The demo
knowledge base is written in it and ``faro kb export`` writes it: :func:`record_to_json` and
reading are exact inverses (values are kept as written, not stripped).

``id`` may be left out (it is then made by :func:`~faro.kb.importers.record_identity`), and so
may ``verdict``: absent, it is computed from ``rating``; ``null``, the record has none. A field
faro does not know rejects the line (F304), so a misspelt field is never silently dropped.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import date
from functools import partial
from typing import Any

from faro._errors import InvalidRecordError
from faro.kb._records import KBRecord
from faro.kb.importers._collect import Collector, reject_unparsable_lines
from faro.kb.importers._fields import (
    DEFAULT_MAX_CHARS,
    FACTCHECK_FIELDS,
    KINDS,
    NARRATIVE_FIELDS,
    ReadContext,
    build_factcheck,
    build_narrative,
)
from faro.kb.importers._source import iter_json_lines
from faro.model import FactCheck

__all__ = ["read_faro_jsonl", "record_from_json", "record_to_json"]

_FIELDS = {"factcheck": frozenset(FACTCHECK_FIELDS), "narrative": frozenset(NARRATIVE_FIELDS)}


def record_to_json(record: KBRecord) -> dict[str, Any]:
    """The JSON object of ``record`` in faro's JSON Lines format: ``kind`` first, then every
    field (``null`` when unset), enums as their values, dates ISO 8601, tuples as lists.

    >>> from faro.model import FactCheck
    >>> record_to_json(FactCheck(id="x:1", claim="C", language="en"))["verdict"] is None
    True
    """
    out: dict[str, Any] = {"kind": "factcheck" if isinstance(record, FactCheck) else "narrative"}
    for field in dataclasses.fields(record):
        value = getattr(record, field.name)
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[field.name] = value
    return out


def record_from_json(obj: Any, context: ReadContext) -> KBRecord:
    """The record a faro JSON Lines object describes.

    Raises:
        InvalidRecordError: not an object, no known ``kind``, an unknown field, or a field that
            does not validate.
    """
    if not isinstance(obj, dict):
        raise InvalidRecordError("the line is not a JSON object")
    kind = obj.get("kind")
    if kind not in KINDS:
        raise InvalidRecordError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = sorted(set(obj) - _FIELDS[kind] - {"kind"})
    if unknown:
        raise InvalidRecordError(f"unknown {kind} field(s): {', '.join(unknown)}")
    record_id = obj.get("id")
    if record_id is not None and (
        not isinstance(record_id, str)
        or not record_id.strip()
        or len(record_id) > DEFAULT_MAX_CHARS
    ):
        raise InvalidRecordError(f"id must be a non-empty string, not {record_id!r}")
    if kind == "narrative":
        return build_narrative(obj, context, record_id=record_id)
    return build_factcheck(obj, context, record_id=record_id, compute_verdict="verdict" not in obj)


def read_faro_jsonl(text: str, context: ReadContext, out: Collector) -> None:
    rows = list(iter_json_lines(text))
    reject_unparsable_lines(rows, out)
    for line, obj in rows:
        if not isinstance(obj, Exception):
            out.take(line, partial(record_from_json, obj, context))
