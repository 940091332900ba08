"""Which importer reads a file: by extension, then by its first bytes."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from faro._errors import UnknownKBFormatError, UnreadablePathError
from faro.kb.importers._euvsdisinfo import COLUMNS as EUVSDISINFO_COLUMNS

__all__ = ["FORMATS", "HEAD_BYTES", "KB_EXTENSIONS", "detect_format", "iter_kb_files"]

#: The formats faro reads, by the name ``fmt`` and ``--format`` take.
FORMATS: tuple[str, ...] = (
    "claimreview",
    "factcheck-api",
    "table",
    "clef-vclaims",
    "euvsdisinfo",
    "faro-jsonl",
)

#: The bytes of a file :func:`detect_format` is given to look at.
HEAD_BYTES = 65_536

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
JSON_EXTENSIONS = frozenset({".json", ".jsonld"})
JSONL_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
TABLE_EXTENSIONS = frozenset({".csv", ".tsv"})
#: Extensions :func:`iter_kb_files` takes from directories.
KB_EXTENSIONS = HTML_EXTENSIONS | JSON_EXTENSIONS | JSONL_EXTENSIONS | TABLE_EXTENSIONS

_FARO_KIND = re.compile(r'"kind"\s*:\s*"(?:factcheck|narrative)"')
_JSON_LD = re.compile(r'"@(?:context|type|graph)"\s*:|ClaimReview')
_API_KEYS = re.compile(r'"claims"\s*:\s*\[')
_API_REVIEW = re.compile(r'"(?:claimReview|textualRating)"\s*:')
# What the API answers when nothing matches ({}), or an error ({"error": {"code": 403…}}).
_API_OTHER = re.compile(r'\{\s*\}\s*$|\{\s*"error"\s*:\s*\{')
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|script)\b", re.I)


def detect_format(path: Path, head: bytes) -> str:
    """The name (one of :data:`FORMATS`) of the format of the file at ``path`` whose first bytes
    are ``head`` (up to :data:`HEAD_BYTES`).

    ============================  ==========================================================
    ``.html`` ``.htm``             ``claimreview`` (JSON-LD in the page's scripts)
    ``.json`` ``.jsonld``          ``factcheck-api`` with a ``"claims": [`` list holding
                                   ``claimReview``/``textualRating`` (or an empty or error
                                   response); ``claimreview`` with ``@context``/``@type``/
                                   ``@graph`` or a ClaimReview
    ``.jsonl`` ``.ndjson``         ``faro-jsonl`` when the first record has ``"kind":
                                   "factcheck"|"narrative"``, else ``table``
    ``.csv`` ``.tsv``              ``clef-vclaims`` for the header ``vclaim_id vclaim title``,
                                   ``euvsdisinfo`` for its columns, else ``table``
    other extensions               by content: an HTML page, or JSON as above
    ============================  ==========================================================

    >>> detect_format(Path("claims.tsv"), b"vclaim_id\\tvclaim\\ttitle\\n1\\tA claim\\tT\\n")
    'clef-vclaims'

    Raises:
        UnknownKBFormatError: the file is none of these (the hint lists the formats).
    """
    raw = _head_text(head)
    text = raw.lstrip()
    ext = path.suffix.lower()
    found: str | None
    if ext in HTML_EXTENSIONS:
        found = "claimreview"
    elif ext in JSON_EXTENSIONS:
        found = _json_format(text)
    elif ext in JSONL_EXTENSIONS:
        found = _jsonl_format(text)
    elif ext in TABLE_EXTENSIONS:
        found = _table_format(raw.lstrip("\r\n"), "\t" if ext == ".tsv" else ",")
    elif _HTML.match(text):
        found = "claimreview"
    elif text[:1] in ("{", "["):
        found = _json_format(text)
        if found is None and text[:1] == "{" and "\n{" in text:
            found = _jsonl_format(text)
    else:
        found = None
    if found is None:
        raise UnknownKBFormatError(
            f"cannot tell which knowledge-base format this {ext or 'extension-less'} file is in",
            source=str(path),
            hint=f"name it with --format; faro reads: {', '.join(FORMATS)}",
        )
    return found


def _head_text(head: bytes) -> str:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    return head.decode("utf-8", errors="replace")


def _json_format(text: str) -> str | None:
    if (_API_KEYS.search(text) and _API_REVIEW.search(text)) or _API_OTHER.match(text):
        return "factcheck-api"
    if _JSON_LD.search(text):
        return "claimreview"
    return None


def _jsonl_format(text: str) -> str | None:
    first = text.split("\n", 1)[0]
    if _FARO_KIND.search(first):
        return "faro-jsonl"
    return "table" if first.startswith("{") else None


def _table_format(text: str, delimiter: str) -> str:
    header = text.split("\n", 1)[0].rstrip("\r")
    if "\t" in header and delimiter == ",":
        delimiter = "\t"
    try:
        columns = [c.strip().lower() for c in next(csv.reader([header], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return "table"
    if len(columns) == 3 and columns[1:] == ["vclaim", "title"]:
        return "clef-vclaims"
    if set(EUVSDISINFO_COLUMNS) <= set(columns):
        return "euvsdisinfo"
    return "table"


def iter_kb_files(path: Path) -> Iterator[Path]:
    """``path`` itself if it is a file (whatever its extension), else the files under the
    directory ``path`` with a knowledge-base extension (:data:`KB_EXTENSIONS`), walked
    recursively in sorted order, skipping hidden files and directories and not following
    links to directories.

    Raises:
        UnreadablePathError: ``path`` does not exist or cannot be listed.
    """
    if path.is_file():
        yield path
        return
    if not path.is_dir():
        raise UnreadablePathError("no such file or directory", source=str(path))
    yield from _walk(path)


def _walk(directory: Path) -> Iterator[Path]:
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError as exc:
        raise UnreadablePathError(
            f"cannot list: {exc.strerror or exc}", source=str(directory)
        ) from exc
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)
        elif entry.is_file() and entry.suffix.lower() in KB_EXTENSIONS:
            yield entry
