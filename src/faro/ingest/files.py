"""Reading inputs into :class:`~faro.model.Document` objects: files, directories and stdin.

:func:`discover` turns the paths a user gave into a list of sources; :func:`read_source` turns
one source into documents according to its extension:

=====================================  ===================================================
``.txt``, ``.md``, ``.markdown``, other  the decoded text is the document
``.html``, ``.htm``                      main content extracted with trafilatura
``.json``                                an object, an array of objects, or an object with
                                         a list under ``documents``/``items``/``data``
``.jsonl``, ``.ndjson``                  one object per line
``-`` (stdin)                            JSON Lines / JSON when it parses as records with
                                         the text field, plain text otherwise
=====================================  ===================================================

A problem with a whole source raises its :class:`~faro.FaroError` when :func:`read_source` is
called, before any document is produced; a problem with one record of a JSON or JSONL source is
passed to ``on_error`` and the other records still come out. Iterating never raises.
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from faro._config import Options
from faro._errors import (
    EmptyInputError,
    FaroError,
    InputTooLargeError,
    MalformedRecordError,
    MissingFieldError,
    NoContentError,
    UnreadablePathError,
    UnsupportedFormatError,
)
from faro.ingest.decode import STAGE, decode, normalize
from faro.model import Document, Note

__all__ = [
    "STDIN",
    "STDIN_NAME",
    "SUPPORTED_EXTENSIONS",
    "RecordFields",
    "discover",
    "read_source",
]

#: The path that stands for standard input.
STDIN = "-"

#: How standard input is named in document ids, sources and errors.
STDIN_NAME = "<stdin>"

TEXT_EXTENSIONS = frozenset({".txt", ".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm"})
JSON_EXTENSIONS = frozenset({".json"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})

#: Extensions read from inside directories. Files named explicitly are read whatever their
#: extension: as text unless they are binary.
SUPPORTED_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | JSON_EXTENSIONS | JSONL_EXTENSIONS

#: Keys of a JSON object whose list holds the records.
CONTAINER_KEYS = ("documents", "items", "data")

#: Record fields tried, in order, for the publication date (ISO 8601).
DATE_FIELDS = ("published", "date", "created_at")

#: A first line longer than this is not taken for a title.
MAX_TITLE_CHARS = 200

ErrorHandler = Callable[[FaroError], None]

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^[|:\- ]*-[|:\- ]*$")  # "|---|---|" under a table's header row
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class RecordFields:
    """How the fields of JSON and JSONL records map to documents."""

    text: str = "text"
    id: str = "id"
    lang: str = "lang"
    title: str = "title"

    @classmethod
    def from_options(cls, options: Options) -> RecordFields:
        """The field names configured in ``options`` (``text_field``, ``id_field``…)."""
        return cls(
            text=options.text_field,
            id=options.id_field,
            lang=options.lang_field,
            title=options.title_field,
        )


# --------------------------------------------------------------------------- discovery


def discover(paths: Sequence[str], on_error: ErrorHandler) -> list[Path | str]:
    """Expand ``paths`` into the sources to read, in order, each once.

    Directories are walked recursively in sorted order, skipping hidden files and directories
    (and not following symbolic links to directories); only files with a supported extension
    (:data:`SUPPORTED_EXTENSIONS`) are taken from them. Files named explicitly are kept whatever
    their extension, and ``-`` stands for standard input. A path that does not exist or cannot
    be read is passed to ``on_error`` as :class:`~faro.UnreadablePathError` (``F106``), and a
    directory with nothing to read as :class:`~faro.EmptyInputError` (``F101``); the other paths
    are still expanded.
    """
    sources: list[Path | str] = []
    seen: set[str] = set()

    def add(source: Path | str) -> None:
        key = source if isinstance(source, str) else os.path.realpath(source)
        if key not in seen:
            seen.add(key)
            sources.append(source)

    for given in paths:
        if given == STDIN:
            add(STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            found = list(_walk(path, on_error))
            if not found:
                on_error(
                    EmptyInputError(
                        "no files to read in this directory (looked for "
                        f"{', '.join(sorted(SUPPORTED_EXTENSIONS))}, hidden files skipped); "
                        "name files with other extensions explicitly",
                        source=given,
                    )
                )
            for file in found:
                add(file)
        elif path.exists():
            if os.access(path, os.R_OK):
                add(path)
            else:
                on_error(_unreadable(given, PermissionError()))
        else:
            on_error(_unreadable(given, FileNotFoundError()))
    return sources


def _walk(directory: Path, on_error: ErrorHandler) -> Iterator[Path]:
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        on_error(_unreadable(str(directory), exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path, on_error)
            elif entry.is_file() and path.suffix.lower() in SUPPORTED_EXTENSIONS:
                yield path
        except OSError as exc:
            on_error(_unreadable(str(path), exc))


def _unreadable(source: str, exc: OSError) -> UnreadablePathError:
    if isinstance(exc, FileNotFoundError):
        message = "no such file or directory (it may have been moved or deleted); check the path"
    elif isinstance(exc, PermissionError):
        message = "permission denied; check the file's permissions or run as a user who can read it"
    elif isinstance(exc, IsADirectoryError):
        message = "is a directory, not a file; pass the directory to analyse the files inside it"
    else:
        reason = exc.strerror or type(exc).__name__
        message = f"cannot be read ({reason}); check the path and the device"
    return UnreadablePathError(message, source=source)


# --------------------------------------------------------------------------- reading


def read_source(
    source: Path | str,
    *,
    max_bytes: int,
    fields: RecordFields = RecordFields(),
    lang: str | None = None,
    on_error: ErrorHandler,
    stdin: BinaryIO | None = None,
) -> Iterator[Document]:
    """Read one source (a path, or :data:`STDIN`) into documents.

    Args:
        source: a path from :func:`discover`, or ``"-"`` for standard input.
        max_bytes: larger inputs are refused with :class:`~faro.InputTooLargeError`.
        fields: the names of the JSON/JSONL record fields.
        lang: a language code given by the user; it becomes every document's ``lang_hint``,
            before any language field of the records.
        on_error: receives the problems of single records (:class:`~faro.MalformedRecordError`,
            :class:`~faro.MissingFieldError`), each with the source and line.
        stdin: the stream read for ``"-"`` (default: ``sys.stdin.buffer``).

    Raises:
        FaroError: at call time, for a problem with the whole source: unreadable (``F106``),
            too large (``F104``), empty (``F101``), binary (``F102``), undecodable (``F103``),
            a JSON file that does not parse (``F105``), an HTML page without main text
            (``F109``). Iterating the result never raises.
    """
    if isinstance(source, str) and source == STDIN:
        data = _read_stream(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
        return _read_stdin(data, fields=fields, lang=lang, on_error=on_error)
    path = Path(source)
    name = str(source)
    data = _read_file(path, name, max_bytes)
    suffix = path.suffix.lower()
    if suffix in HTML_EXTENSIONS:
        return iter([html_document(data, name, lang)])
    reader = _Reader(name, fields, lang, on_error)
    if suffix in JSON_EXTENSIONS:
        return reader.json_records(reader.text_of(data))
    if suffix in JSONL_EXTENSIONS:
        return reader.jsonl_records(reader.text_of(data))
    return iter([reader.plain(reader.text_of(data), markdown=suffix in {".md", ".markdown"})])


def _read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` from ``path``, checking its size before reading it."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(name)
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise _too_large(name, max_bytes, info.st_size)
        with open(path, "rb") as stream:
            return _read_at_most(stream, max_bytes, name)  # it may have grown, or be a pipe
    except OSError as exc:
        raise _unreadable(name, exc) from exc


def _read_at_most(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    """Read ``stream`` to its end, refusing it as soon as it passes ``max_bytes``."""
    chunks: list[bytes] = []
    remaining = max_bytes + 1
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    if remaining <= 0:
        raise _too_large(name, max_bytes)
    return b"".join(chunks)


def _read_stream(stream: BinaryIO, max_bytes: int) -> bytes:
    try:
        return _read_at_most(stream, max_bytes, STDIN_NAME)
    except OSError as exc:
        raise _unreadable(STDIN_NAME, exc) from exc


def _too_large(name: str, max_bytes: int, size: int | None = None) -> InputTooLargeError:
    size_text = f"{size:,} bytes" if size is not None else "more than that"
    return InputTooLargeError(
        f"input is {size_text}, over the limit of {max_bytes:,} bytes; split it into smaller "
        "files or raise the limit (max_input_bytes, FARO_MAX_INPUT_BYTES)",
        source=name,
    )


def _read_stdin(
    data: bytes, *, fields: RecordFields, lang: str | None, on_error: ErrorHandler
) -> Iterator[Document]:
    reader = _Reader(STDIN_NAME, fields, lang, on_error)
    text = reader.text_of(data)
    if text.lstrip()[:1] in ("{", "["):
        first = next(line for line in text.split("\n") if line.strip())
        try:
            record = json.loads(first)
        except json.JSONDecodeError:
            record = None
        if isinstance(record, dict) and fields.text in record:
            return reader.jsonl_records(text)
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None
        if _holds_records(whole, fields):
            return reader.json_records(text)
    return iter([reader.plain(text)])


def _holds_records(value: Any, fields: RecordFields) -> bool:
    """Whether parsed JSON has the shape of records: what stdin sniffing accepts as JSON."""
    if isinstance(value, dict):
        if fields.text in value:
            return True
        value = next((value[k] for k in CONTAINER_KEYS if isinstance(value.get(k), list)), None)
    return isinstance(value, list) and any(
        isinstance(item, dict) and fields.text in item for item in value
    )


@dataclass(slots=True)
class _Reader:
    """Turns the text of one source into documents; carries what every document shares."""

    name: str
    fields: RecordFields
    lang: str | None
    on_error: ErrorHandler
    notes: list[Note] = field(default_factory=list)

    def text_of(self, data: bytes) -> str:
        """Decode and normalise ``data``; refuse empty input."""
        if not data.strip():
            raise _empty(self.name)
        text, note = decode(data, self.name)
        if note is not None:
            self.notes.append(note)
        text = normalize(text)
        if not text.strip():
            raise _empty(self.name)
        return text

    def plain(self, text: str, *, markdown: bool = False) -> Document:
        return Document(
            id=self.name,
            text=text,
            source=self.name,
            title=_first_line_title(text, markdown=markdown),
            lang_hint=self.lang,
            notes=list(self.notes),
        )

    # ---- JSON

    def json_records(self, text: str) -> Iterator[Document]:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MalformedRecordError(
                f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}); fix the "
                "file, or name it .jsonl if it holds one JSON object per line",
                source=self.name,
                line=exc.lineno,
            ) from exc
        if isinstance(value, list):
            items: Iterable[tuple[int, int | None, Any]] = _array_items(text)
        elif isinstance(value, dict) and self.fields.text in value:
            return self._records([(0, None, value)], single=True)
        elif isinstance(value, dict):
            key = next((k for k in CONTAINER_KEYS if isinstance(value.get(k), list)), None)
            if key is None:
                raise MissingFieldError(
                    f"the JSON object has no {self.fields.text!r} field and no list of records "
                    f"under {', '.join(repr(k) for k in CONTAINER_KEYS)}; set the text field "
                    "name (text_field) to the field holding the text",
                    source=self.name,
                )
            items = [(index, None, item) for index, item in enumerate(value[key])]
        else:
            raise UnsupportedFormatError(
                f"the JSON file holds a {_json_kind(value)}; expected an object or an array "
                "of objects, each with the text in a field",
                source=self.name,
            )
        items = list(items)
        if not items:
            raise EmptyInputError(
                "the JSON file holds no records; add records or remove the file",
                source=self.name,
            )
        return self._records(items, single=False)

    def _records(
        self, items: Iterable[tuple[int, int | None, Any]], *, single: bool
    ) -> Iterator[Document]:
        for index, line, item in items:
            if not isinstance(item, dict):
                self.on_error(
                    MalformedRecordError(
                        f"record {index} is a {_json_kind(item)}, not an object; each record "
                        "must be a JSON object with the text in a field",
                        source=self.name,
                        line=line,
                    )
                )
                continue
            where = self.name if single else f"{self.name}#{index}"
            source = f"{self.name}:{line}" if line is not None and not single else where
            doc = self._record(item, fallback_id=where, source=source, line=line)
            if doc is not None:
                yield doc

    # ---- JSON Lines

    def jsonl_records(self, text: str) -> Iterator[Document]:
        lines = text.split("\n")
        first = next(line for line in lines if line.strip())
        try:
            json.loads(first)
        except json.JSONDecodeError:
            # One pretty-printed JSON document under a .jsonl name: read it as JSON rather
            # than reporting every line.
            try:
                json.loads(text)
            except json.JSONDecodeError:
                pass
            else:
                self.notes.append(
                    Note(
                        MalformedRecordError.code,
                        "holds one JSON document, not one object per line: read as JSON",
                        STAGE,
                    )
                )
                return self.json_records(text)
        return self._lines(lines)

    def _lines(self, lines: list[str]) -> Iterator[Document]:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                self.on_error(
                    MalformedRecordError(
                        f"not valid JSON: {exc.msg} (column {exc.colno}); the line was skipped, "
                        "fix it to include its document",
                        source=self.name,
                        line=number,
                    )
                )
                continue
            if not isinstance(item, dict):
                self.on_error(
                    MalformedRecordError(
                        f"the line holds a {_json_kind(item)}, not an object; each line must be "
                        "a JSON object with the text in a field",
                        source=self.name,
                        line=number,
                    )
                )
                continue
            where = f"{self.name}:{number}"
            doc = self._record(item, fallback_id=where, source=where, line=number)
            if doc is not None:
                yield doc

    # ---- one record

    def _record(
        self, item: dict[str, Any], *, fallback_id: str, source: str, line: int | None
    ) -> Document | None:
        fields = self.fields
        text = item.get(fields.text)
        problem = None
        if fields.text not in item:
            problem = f"the record has no {fields.text!r} field"
        elif not isinstance(text, str):
            problem = f"the record's {fields.text!r} field is a {_json_kind(text)}, not a string"
        elif not text.strip():
            problem = f"the record's {fields.text!r} field is empty"
        if problem is not None or not isinstance(text, str):
            self.on_error(
                MissingFieldError(
                    f"{problem}; the record was skipped (set the text field name with "
                    "text_field if the text is elsewhere)",
                    source=self.name,
                    line=line,
                )
            )
            return None
        used = {fields.text, fields.id, fields.lang, fields.title, "url"}
        raw_id = item.get(fields.id)
        doc_id = str(raw_id) if _is_scalar(raw_id) and str(raw_id).strip() else fallback_id
        published, date_field = _published(item)
        if date_field is not None:
            used.add(date_field)
        record_lang = item.get(fields.lang)
        return Document(
            id=doc_id,
            text=normalize(text),
            source=source,
            title=_clean_title(item.get(fields.title)),
            url=_string(item.get("url")),
            published=published,
            lang_hint=self.lang or _string(record_lang),
            metadata={k: v for k, v in item.items() if k not in used and _is_scalar(v)},
            notes=list(self.notes),
        )


def _array_items(text: str) -> Iterator[tuple[int, int, Any]]:
    """The items of the JSON array ``text`` (already known to parse) with their 1-based lines."""
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    line = 1 + text.count("\n", 0, position)
    index = 0
    while True:
        start = _skip_space(text, position)
        if text[start] == "]":
            return
        line += text.count("\n", position, start)
        value, end = decoder.raw_decode(text, start)
        yield index, line, value
        index += 1
        line += text.count("\n", start, end)
        position = _skip_space(text, end)
        if text[position] == ",":
            position += 1


def _skip_space(text: str, position: int) -> int:
    while text[position] in " \t\n\r":
        position += 1
    return position


# --------------------------------------------------------------------------- HTML


def html_document(data: bytes, name: str, lang: str | None) -> Document:
    """The main content of an HTML page, without navigation, ads and footers."""
    if not data.strip():
        raise _empty(name)
    declared = _META_CHARSET.search(data[:4096])
    html, note = decode(data, name, declared=declared.group(1).decode() if declared else None)
    if not html.strip():
        raise _empty(name)
    import trafilatura  # imported here: it takes a moment, and only HTML needs it

    # favor_precision: without it, a page with no article (a login wall, an index) comes out
    # as its navigation links.
    extracted = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
    )
    text = normalize(_blocks_text(getattr(extracted, "body", None)))
    if not text.strip():
        raise NoContentError(
            "no main text found in this HTML page (it may be an index or login page, or built "
            "by JavaScript); save the article's text as a .txt file and pass that instead",
            source=name,
        )
    metadata = {
        key: value
        for key in ("author", "sitename", "hostname", "description")
        if isinstance(value := getattr(extracted, key, None), str) and value.strip()
    }
    return Document(
        id=name,
        text=text,
        source=name,
        title=_clean_title(getattr(extracted, "title", None)),
        url=_string(getattr(extracted, "url", None)),
        published=_parse_datetime(getattr(extracted, "date", None)),
        lang_hint=lang,
        metadata=metadata,
        notes=[note] if note is not None else [],
    )


def _blocks_text(body: Any) -> str:
    """trafilatura's text, one block (paragraph, heading, list, quote, table) per paragraph.

    trafilatura's own text output separates blocks by single newlines, so paragraphs could not
    be told from lines broken inside one; here blocks are separated by blank lines.
    """
    if body is None:
        return ""
    from copy import deepcopy

    from trafilatura.xml import xmltotxt

    blocks = []
    for element in body:
        block = deepcopy(element)
        block.tail = None
        lines = (line.rstrip() for line in xmltotxt(block, False).strip().split("\n"))
        text = "\n".join(line for line in lines if line.strip() and not _TABLE_RULE.match(line))
        if text:
            blocks.append(text)
    return "\n\n".join(blocks)


# --------------------------------------------------------------------------- small parts


def _empty(name: str) -> EmptyInputError:
    return EmptyInputError(
        "the input is empty or only whitespace; pass a file with text in it", source=name
    )


def _first_line_title(text: str, *, markdown: bool) -> str | None:
    """The first non-empty line, if it is short and more text follows it."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2 or len(lines[0]) > MAX_TITLE_CHARS:
        return None
    first = lines[0]
    if markdown and (heading := _MARKDOWN_HEADING.match(first)):
        first = heading.group(1)
    return first or None


def _clean_title(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return " ".join(normalize(value).split())


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _published(item: dict[str, Any]) -> tuple[datetime | None, str | None]:
    for key in DATE_FIELDS:
        parsed = _parse_datetime(item.get(key))
        if parsed is not None:
            return parsed, key
    return None, None


def _parse_datetime(value: Any) -> datetime | None:
    """An ISO 8601 date or date-time (``2024-03-12``, ``2024-03-12T08:30:00Z``), else None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _json_kind(value: Any) -> str:
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")
