"""CLEF CheckThat! verified claims: ``vclaim_id<TAB>vclaim<TAB>title`` with a header row.

The two editions quote differently. Some claims hold double quotes CSV-style (``"A ""law""…"``)
and a few span two lines inside quotes (14 in the 2020 file); elsewhere a stray quote at the
start of a field would make a quote-aware reader swallow the rows that follow. So the file is
read quote-aware (``csv.QUOTE_MINIMAL``) and the reading is kept only when it is consistent:
every row has three fields and no field holds a tab, which a swallowed row always brings in.
Otherwise each line is a row (``csv.QUOTE_NONE``) and a field wholly in quotes is unquoted.
Both readings agree on every single-line row of the 2020 and 2021 files.

The data set name (for ids such as ``clef2020-t2:784``) comes from the file's path
(``…/clef2021-t2a-en/verified_claims.tsv`` → ``clef2021-t2a``), else ``clef``; the language from
the same path (``-en``), else the caller's or ``und``.
"""

from __future__ import annotations

import csv
import io
import re
from functools import partial
from pathlib import Path

from faro._errors import ColumnMapError, InvalidRecordError
from faro.kb.importers._collect import Collector
from faro.kb.importers._fields import ReadContext, build_factcheck
from faro.model import FactCheck

__all__ = ["clef_dataset", "read_clef"]

DEFAULT_DATASET = "clef"
_DATASET = re.compile(r"(clef\d{4})(?:[-_](t\d+[a-z]?))?(?:[-_]([a-z]{2}))?(?![a-z0-9])", re.I)
_COLUMNS = ("vclaim", "title")


def clef_dataset(path: Path) -> tuple[str, str | None]:
    """(data set name, language) from the nearest part of ``path`` that names a CLEF edition.

    >>> clef_dataset(Path("data/clef2020-t2-en/verified_claims.docs.tsv"))
    ('clef2020-t2', 'en')
    >>> clef_dataset(Path("claims.tsv"))
    ('clef', None)
    """
    for part in reversed(path.parts):
        found = _DATASET.search(part)
        if found:
            year, task, language = found.groups()
            name = f"{year}-{task}" if task else year
            return name.lower(), language.lower() if language else None
    return DEFAULT_DATASET, None


def read_clef(text: str, context: ReadContext, out: Collector) -> None:
    header, _, body = text.partition("\n")
    columns = [column.strip().strip('"').lower() for column in header.split("\t")]
    if len(columns) != 3 or tuple(columns[1:]) != _COLUMNS:
        raise ColumnMapError(
            "not a CLEF verified-claims file: the header is not vclaim_id, vclaim, title",
            source=context.source,
            line=1,
        )
    for line, row in _rows(body):
        if len(row) != 3:
            out.reject(line, InvalidRecordError.code, f"{len(row)} fields where 3 are expected")
            continue
        vclaim_id, claim, title = row
        out.take(line, partial(_factcheck, vclaim_id, claim, title, context))


def _factcheck(vclaim_id: str, claim: str, title: str, context: ReadContext) -> FactCheck:
    if not vclaim_id.strip():
        raise InvalidRecordError("vclaim_id is empty")
    return build_factcheck({"claim": claim, "title": title}, context, source_id=vclaim_id.strip())


def _rows(body: str) -> list[tuple[int, list[str]]]:
    """(line, fields) of each non-blank row, lines counted from the header's line 1."""
    reader = csv.reader(io.StringIO(body), delimiter="\t", quoting=csv.QUOTE_MINIMAL)
    rows: list[tuple[int, list[str]]] = []
    end = 1
    try:
        for row in reader:
            line, end = end + 1, reader.line_num + 1
            if not row:
                continue
            if len(row) != 3 or any("\t" in field for field in row):
                break
            rows.append((line, row))
        else:
            return rows
    except csv.Error:
        pass
    lines = body.split("\n")
    return [
        (number, [_unquote(field) for field in line.split("\t")])
        for number, line in enumerate(lines, start=2)
        if line.strip()
    ]


def _unquote(field: str) -> str:
    if len(field) >= 2 and field[0] == field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field
