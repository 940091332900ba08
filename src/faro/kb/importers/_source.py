"""Reading a knowledge-base file: bytes to text, JSON with the line of every object."""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from faro._errors import (
    BinaryInputError,
    DecodingError,
    MalformedKBFileError,
    UnreadablePathError,
)
from faro.ingest.decode import decode, normalize
from faro.model import Note

__all__ = ["JSONLines", "LineIndex", "iter_json_lines", "load_json", "read_bytes", "to_text"]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadablePathError(
            f"cannot read: {exc.strerror or exc}", source=str(path)
        ) from exc


def to_text(data: bytes, source: str) -> tuple[str, Note | None]:
    """Decode with :func:`faro.ingest.decode.decode` and normalise (NFC, ``\\n`` newlines);
    also what decoding had to assume (a legacy code page: a ``F103`` note), if anything.

    An HTML page's ``<meta charset>`` is taken into account. Binary or undecodable data raises
    :class:`~faro.MalformedKBFileError` (``F301``).
    """
    declared = None
    if data[:1024].lstrip()[:1] == b"<":
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii") if found else None
    try:
        text, note = decode(data, source, declared=declared)
    except (BinaryInputError, DecodingError) as exc:
        raise MalformedKBFileError(
            f"not a text file ({exc.code}: {exc.message})", source=source
        ) from exc
    return normalize(text), note


class LineIndex:
    """1-based line numbers of offsets into a text."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._first = first_line

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset) - 1 + self._first


class JSONLines:
    """Where each JSON object of a parsed text started: ``lines.of(obj)``."""

    def __init__(self, offsets: dict[int, int], index: LineIndex) -> None:
        self._offsets = offsets
        self._index = index

    def of(self, obj: object) -> int | None:
        offset = self._offsets.get(id(obj))
        return None if offset is None else self._index.line(offset)


class _RecordingDecoder(json.JSONDecoder):
    """A JSON decoder that notes the offset of every object it builds.

    It runs on the standard library's pure-Python scanner (string scanning stays in C): about 7
    times slower than :func:`json.loads`, some 50 ms per MB, for line numbers in every rejection.
    """

    def __init__(self) -> None:
        super().__init__(strict=False)
        self.offsets: dict[int, int] = {}
        parse = json.decoder.JSONObject  # type: ignore[attr-defined]
        offsets = self.offsets

        def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
            value, end = parse(s_and_end, *args)
            offsets[id(value)] = s_and_end[1] - 1
            return value, end

        self.parse_object = parse_object
        self.scan_once = json.scanner.py_make_scanner(self)  # type: ignore[attr-defined]


def load_json(text: str, source: str, *, first_line: int = 1) -> tuple[Any, JSONLines]:
    """Parse ``text`` as one JSON value; raise :class:`~faro.MalformedKBFileError` (``F301``)
    with the line of the error when it does not parse. ``first_line`` is the line of the file
    ``text`` starts on (for JSON inside an HTML page)."""
    decoder = _RecordingDecoder()
    try:
        value = decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise MalformedKBFileError(
            f"not valid JSON: {exc.msg} (column {exc.colno})",
            source=source,
            line=exc.lineno + first_line - 1,
        ) from None
    except RecursionError:
        raise MalformedKBFileError("JSON nested too deeply to read", source=source) from None
    return value, JSONLines(decoder.offsets, LineIndex(text, first_line))


def iter_json_lines(text: str) -> Iterator[tuple[int, Any | json.JSONDecodeError]]:
    """(line, value) for each non-blank line of JSON Lines; the value is the
    :class:`json.JSONDecodeError` when the line does not parse."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, exc
        except RecursionError:
            yield number, json.JSONDecodeError("nested too deeply", line, 0)
