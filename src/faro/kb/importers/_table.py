"""Tables of fact-checks or narratives: CSV, TSV, or JSON Lines of flat objects.

A column map (``{"claim": "summary", "url": "link"}``: faro field → source column) says which
column holds what; faro fields it does not map are read from columns of the same name (matched
case-insensitively). ``id`` is the row's id in its data set, used for the identity when there is
no URL. The delimiter comes from the extension (``.csv``, ``.tsv``) or is sniffed. A list field
(``keywords``, ``countries``) is split on commas, semicolons or bars.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from faro._errors import ColumnMapError, InvalidRecordError, MalformedKBFileError
from faro.kb.importers._collect import Collector, reject_unparsable_lines
from faro.kb.importers._detect import JSONL_EXTENSIONS
from faro.kb.importers._fields import (
    FACTCHECK_FIELDS,
    NARRATIVE_FIELDS,
    ReadContext,
    build_factcheck,
    build_narrative,
)
from faro.kb.importers._source import iter_json_lines
from faro.model import FactCheck, Narrative

__all__ = ["FIELDS", "REQUIRED", "parse_column_map", "read_table"]

#: The faro fields a table can fill, per kind of record.
FIELDS: dict[str, tuple[str, ...]] = {"factcheck": FACTCHECK_FIELDS, "narrative": NARRATIVE_FIELDS}
#: The fields a table must have a column for.
REQUIRED: dict[str, tuple[str, ...]] = {"factcheck": ("claim",), "narrative": ("title", "summary")}

_DELIMITERS = {".csv": ",", ".tsv": "\t"}


def parse_column_map(text: str) -> dict[str, str]:
    """Parse ``"claim=summary,title=title"`` into ``{"claim": "summary", "title": "title"}``.

    >>> parse_column_map(" claim = text , url=link ")
    {'claim': 'text', 'url': 'link'}

    Raises:
        ColumnMapError: an entry without ``=``, an empty name, a field given twice, or a name
            that is not a faro field.
    """
    mapping: dict[str, str] = {}
    for entry in text.split(","):
        field, sep, column = (part.strip() for part in entry.partition("="))
        if not sep or not field or not column:
            raise ColumnMapError(
                f"bad column map entry {entry.strip()!r}",
                hint="write FIELD=COLUMN pairs separated by commas, e.g. claim=summary,url=link",
            )
        if field in mapping:
            raise ColumnMapError(f"field {field!r} is mapped twice in the column map")
        mapping[field] = column
    check_column_map(mapping, None)
    return mapping


def check_column_map(mapping: Mapping[str, str], kind: str | None) -> None:
    """Raise :class:`~faro.ColumnMapError` for a field that records of ``kind`` (of either kind
    when ``None``) do not have."""
    known = FIELDS[kind] if kind else tuple(dict.fromkeys(FACTCHECK_FIELDS + NARRATIVE_FIELDS))
    unknown = [field for field in mapping if field not in known]
    if unknown:
        raise ColumnMapError(
            f"not a field of {kind or 'fact-check or narrative'} records: {', '.join(unknown)}",
            hint=f"the fields are: {', '.join(known)}",
        )


def read_table(text: str, context: ReadContext, out: Collector) -> None:
    check_column_map(context.column_map or {}, context.kind)
    if context.path.suffix.lower() in JSONL_EXTENSIONS:
        _read_json_lines(text, context, out)
        return
    delimiter = _DELIMITERS.get(context.path.suffix.lower()) or _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            raise ColumnMapError("the table is empty: no header row", source=context.source)
        columns = _columns(header, context)
        end = reader.line_num
        for row in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                out.reject(
                    line,
                    InvalidRecordError.code,
                    f"{len(row)} fields where the header has {len(header)} (a stray "
                    f"{'tab' if delimiter == chr(9) else repr(delimiter)} or quote?)",
                )
                continue
            values = {field: row[i] if i < len(row) else None for field, i in columns.items()}
            out.take(line, partial(_record, values, context))
    except csv.Error as exc:
        raise MalformedKBFileError(
            f"not a readable table: {exc} (an unbalanced quote runs on from here?)",
            source=context.source,
            line=reader.line_num,
        ) from None


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.split("\n", 20)[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",\t;|").delimiter
    except csv.Error:
        return ","


def _columns(header: Sequence[str], context: ReadContext) -> dict[str, int]:
    """faro field → column index, from the column map and same-named columns."""
    position = {name: i for i, name in reversed(list(enumerate(header)))}
    names = _resolve(header, context, "column", "is not in the table",
                     f"its columns are: {', '.join(repr(h) for h in header)}")
    columns = {field: position[name] for field, name in names.items()}
    _check_required(columns, context, [repr(h) for h in header])
    return columns


def _resolve(names: Sequence[str], context: ReadContext, what: str, absent: str,
             hint: str) -> dict[str, str]:
    """faro field → the source's name for it (a column or a JSON key): the column map first,
    then names equal to a faro field; names match exactly, else case-insensitively."""
    known: dict[str, str] = {}
    for name in names:
        known.setdefault(name.strip(), name)
        known.setdefault(name.strip().casefold(), name)
    found: dict[str, str] = {}
    for field, wanted in (context.column_map or {}).items():
        match = known.get(wanted.strip(), known.get(wanted.strip().casefold()))
        if match is None:
            raise ColumnMapError(f"{what} {wanted!r} (mapped to {field}) {absent}",
                                 source=context.source, hint=hint)
        found[field] = match
    for field in FIELDS[context.kind]:
        if field not in found and field in known:
            found[field] = known[field]
    return found


def _check_required(columns: Mapping[str, Any], context: ReadContext, names: list[str]) -> None:
    missing = [field for field in REQUIRED[context.kind] if field not in columns]
    if missing:
        example = ",".join(f"{field}=<column>" for field in missing)
        raise ColumnMapError(
            f"no column for {' and '.join(missing)} ({context.kind} records need it)",
            source=context.source,
            hint=f"map one with a column map such as {example}; the columns are: "
            + ", ".join(names),
        )


def _read_json_lines(text: str, context: ReadContext, out: Collector) -> None:
    rows = list(iter_json_lines(text))
    reject_unparsable_lines(rows, out)
    objects = [(line, value) for line, value in rows if isinstance(value, dict)]
    seen: dict[str, None] = {}
    for _, value in objects:
        seen.update(dict.fromkeys(value))
    keys = list(seen)
    columns = _resolve(keys, context, "key", "is in no object of the file",
                       f"the keys are: {', '.join(sorted(keys))}")
    if objects:
        _check_required(columns, context, sorted(keys))
    for line, row in rows:
        if isinstance(row, dict):
            values = {field: row.get(key) for field, key in columns.items()}
            out.take(line, partial(_record, values, context))
        elif not isinstance(row, Exception):
            out.reject(line, InvalidRecordError.code, "the line is not a JSON object")


def _record(values: dict[str, Any], context: ReadContext) -> FactCheck | Narrative:
    source_id = values.pop("id", None)
    if source_id is not None and not isinstance(source_id, str):
        source_id = str(source_id)
    if context.kind == "narrative":
        return build_narrative(values, context, source_id=source_id)
    return build_factcheck(values, context, source_id=source_id)
