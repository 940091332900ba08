"""Reading one knowledge-base file into a :class:`ParsedFile`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from faro._errors import (
    ColumnMapError,
    MalformedKBFileError,
    UnknownKBFormatError,
    UnknownLanguageError,
)
from faro.kb._records import ParsedFile
from faro.kb.importers._claimreview import read_claimreview
from faro.kb.importers._clef import clef_dataset, read_clef
from faro.kb.importers._codes import language_code
from faro.kb.importers._collect import Collector
from faro.kb.importers._detect import FORMATS, HEAD_BYTES, detect_format
from faro.kb.importers._euvsdisinfo import DATASET as EUVSDISINFO
from faro.kb.importers._euvsdisinfo import read_euvsdisinfo
from faro.kb.importers._factcheck_api import read_factcheck_api
from faro.kb.importers._faro_jsonl import read_faro_jsonl
from faro.kb.importers._fields import KINDS, ReadContext
from faro.kb.importers._source import read_bytes, to_text
from faro.kb.importers._table import check_column_map, read_table

__all__ = ["read_file"]

Reader = Callable[[str, ReadContext, Collector], None]

_READERS: dict[str, Reader] = {
    "claimreview": read_claimreview,
    "factcheck-api": read_factcheck_api,
    "table": read_table,
    "clef-vclaims": read_clef,
    "euvsdisinfo": read_euvsdisinfo,
    "faro-jsonl": read_faro_jsonl,
}

# Formats that are tables with fixed columns: a column map makes them plain tables.
_FIXED_TABLES = frozenset({"clef-vclaims", "euvsdisinfo"})


def read_file(
    path: Path,
    *,
    fmt: str | None = None,
    column_map: Mapping[str, str] | None = None,
    kind: str = "factcheck",
    language: str | None = None,
    source_dataset: str | None = None,
) -> ParsedFile:
    """Read the knowledge-base file at ``path``: its records, and the rows it refused.

    ``fmt`` is one of :data:`FORMATS`, detected by :func:`detect_format` when ``None``.
    ``column_map`` (faro field → column) and ``kind`` (``factcheck`` or ``narrative``) are for the
    ``table`` format; a column map turns the detection of a CLEF or EUvsDisinfo file into
    ``table``. ``language`` is the language of records that do not give theirs (else ``und``),
    ``source_dataset`` the name of the data set (ids are ``<source_dataset>:<id>`` for records
    with an id in their data set and no URL).

    A row or object that cannot become a record is a :class:`~faro.kb._records.Rejected` entry
    of the result: a missing or empty required field, a bad date, a value too long, a bad code
    (``F304``), an identity seen earlier in the file (``F305``), one line of JSON Lines that does
    not parse (``F301``). An encoding decoding had to assume is a note (``F103``) of the result.
    Nothing is returned for a file that raises.

    Raises:
        UnreadablePathError: ``path`` cannot be read (``F106``).
        MalformedKBFileError: the file is empty, binary, not decodable, or does not parse as its
            format at all (``F301``).
        UnknownKBFormatError: ``fmt`` is not a format, or the format cannot be detected
            (``F302``).
        ColumnMapError: the column map names an unknown field or a missing column, the table
            has no column for a required field, or a map is given for a format that is not a
            table (``F303``).
        UnknownLanguageError: ``language`` is not an ISO 639 code (``F202``).
        ValueError: ``kind`` is not ``factcheck`` or ``narrative``.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if fmt is not None and fmt not in FORMATS:
        raise UnknownKBFormatError(
            f"unknown knowledge-base format {fmt!r}", hint=f"faro reads: {', '.join(FORMATS)}"
        )
    if column_map:
        check_column_map(column_map, kind)
    default_language = None
    if language is not None:
        default_language = language_code(language)
        if default_language is None:
            raise UnknownLanguageError(
                f"unknown language code {language!r}",
                hint="use an ISO 639-1 or 639-3 code, e.g. 'it'",
            )
    source = str(path)
    data = read_bytes(path)
    if not data or data.isspace():
        raise MalformedKBFileError("the file is empty", source=source)
    text, note = to_text(data, source)
    if fmt is None:
        fmt = detect_format(path, data[:HEAD_BYTES])
        if column_map and fmt in _FIXED_TABLES:
            fmt = "table"
    if column_map and fmt != "table":
        raise ColumnMapError(
            f"a column map applies to tables, and this file is read as {fmt}",
            source=source,
            hint="pass the format 'table' to read it as a table with this map",
        )
    if fmt == "clef-vclaims":
        dataset, path_language = clef_dataset(path)
        source_dataset = source_dataset or dataset
        default_language = default_language or path_language
    elif fmt == "euvsdisinfo":
        source_dataset = source_dataset or EUVSDISINFO
    elif fmt == "table":
        source_dataset = source_dataset or path.stem
    context = ReadContext(
        source=source,
        path=path,
        language=default_language,
        source_dataset=source_dataset,
        kind=kind,
        column_map=column_map,
    )
    out = Collector(source, fmt)
    if note is not None:
        out.result.notes.append(note)
    _READERS[fmt](text, context, out)
    return out.result
