"""Gathering one file's records and rejections into a :class:`ParsedFile`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from faro._errors import DuplicateRecordError, InvalidRecordError, MalformedKBFileError
from faro.kb._records import KBRecord, ParsedFile, Rejected
from faro.kb.importers._identity import text_key
from faro.model import FactCheck

__all__ = ["Collector", "reject_unparsable_lines"]


def _text_of(record: KBRecord) -> str:
    """What a record says (a fact-check's claim, a narrative's summary), as digests see it."""
    return text_key(record.claim if isinstance(record, FactCheck) else record.summary)


class Collector:
    """Builds the :class:`ParsedFile` of one source: keeps the first record of each identity and
    rejects the others (``F305``), and turns a record's :class:`~faro.InvalidRecordError` into a
    :class:`Rejected` row (``F304``).

    One page often reviews several claims (one ClaimReview each, all with the page's URL): a
    record whose URL identity is taken by a record saying something else is not a duplicate.
    It keeps the URL with a fragment made from its own text (``…#claim-<12 hex of SHA-1>``),
    so reading the page again gives every review the same id (the first one keeps the plain
    URL). Ids a file states itself (faro's own JSONL) are never renamed: a repeat is a
    duplicate."""

    def __init__(self, source: str, fmt: str) -> None:
        self.result = ParsedFile(source=source, format=fmt)
        self._renames = fmt != "faro-jsonl"
        self._seen: dict[str, tuple[int | None, str]] = {}  # id -> its line and its text

    def take(self, line: int | None, build: Callable[[], KBRecord]) -> None:
        """Add the record ``build`` makes, or reject the row at ``line`` if it raises."""
        try:
            record = build()
        except InvalidRecordError as exc:
            self.reject(line, exc.code, exc.message)
            return
        self.add(line, record)

    def add(self, line: int | None, record: KBRecord) -> None:
        text = _text_of(record)
        seen = self._seen.get(record.id)
        if seen is not None and seen[1] != text and self._renames and \
                record.id.startswith(("http://", "https://")):
            digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
            record = replace(record, id=f"{record.id}#claim-{digest}")
            seen = self._seen.get(record.id)
        if seen is not None:
            first = seen[0]
            where = f"line {first}" if first is not None else "earlier in the file"
            self.reject(
                line,
                DuplicateRecordError.code,
                f"duplicate identity {record.id!r}: the record at {where} is kept",
            )
            return
        self._seen[record.id] = (line, text)
        self.result.records.append((line, record))

    def reject(self, line: int | None, code: str, reason: str) -> None:
        self.result.rejected.append(Rejected(self.result.source, line, code, reason))


def reject_unparsable_lines(rows: Sequence[tuple[int, Any]], out: Collector) -> None:
    """JSON Lines: reject each line that does not parse (``F301``), or fail the whole file when
    none does (it is not JSON Lines at all: a JSON document, a table, binary data)."""
    failed = [(line, value) for line, value in rows if isinstance(value, json.JSONDecodeError)]
    if not failed:
        return
    if len(failed) == len(rows):
        line, error = failed[0]
        raise MalformedKBFileError(
            f"not JSON Lines: {error.msg} (column {error.colno})",
            source=out.result.source,
            line=line,
        )
    for line, error in failed:
        out.reject(
            line, MalformedKBFileError.code, f"not valid JSON: {error.msg} (column {error.colno})"
        )
