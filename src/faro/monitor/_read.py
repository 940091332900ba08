"""One source read into documents: a URL fetched (a feed, a page or a social-media export,
told from the answer), or a local file or directory (an export, a feed, or what
:func:`~faro.ingest.read_source` reads).

Every document comes out with its *identity* as its id: what makes an entry the same entry
when it is read again (a feed entry's guid, a post's URL, a record's id in its file), unique
in the organisation's store, so ingesting a source twice stores nothing twice.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from faro._errors import (
    FaroError,
    InputTooLargeError,
    MalformedSourceError,
    UnreadablePathError,
)
from faro.ingest import Fetched, Fetcher, discover, page_document, read_export, read_feed
from faro.ingest import read_source as read_file_source
from faro.model import Document

__all__ = ["KINDS", "Batch", "identity", "is_url", "read_location", "url_host"]

#: What a source is read as; ``auto`` tells a URL's answer by its content type and content,
#: and a file by its extension and content.
KINDS = ("auto", "feed", "page", "export", "file")
#: The longest identity stored as it is (the store's ``external_id``); longer ones are hashed.
MAX_IDENTITY = 512
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")
_EXPORT_TYPES = ("json", "csv", "ndjson")
_FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
_EXPORT_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})


@dataclass(slots=True)
class Batch:
    """What reading a source gave: its documents (ids are identities), the problems of single
    entries, the entries without text, and for a URL the validators of the answer (or
    ``not_modified`` when a conditional request was answered 304)."""

    documents: list[Document] = field(default_factory=list)
    errors: list[FaroError] = field(default_factory=list)
    skipped: int = 0
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None


def is_url(location: str) -> bool:
    return "://" in location


def read_location(location: str, kind: str, *, fetcher: Callable[[], Fetcher],
                  max_bytes: int, etag: str | None = None, last_modified: str | None = None
                  ) -> Batch:
    """Read ``location`` (a URL, a file or a directory) as ``kind`` (``auto``, ``feed``,
    ``page``, ``export`` or ``file``). A problem with the whole source raises its
    :class:`~faro.FaroError` (F110 fetching, F111 a malformed feed or export, F106 a path
    that cannot be read...); problems of single entries are in :attr:`Batch.errors`."""
    if is_url(location):
        fetched = fetcher().get(location, etag=etag, last_modified=last_modified)
        batch = Batch(etag=fetched.etag or etag,
                      last_modified=fetched.last_modified or last_modified)
        if fetched.not_modified:
            batch.not_modified = True
            return batch
        _read_fetched(fetched, kind, location, batch)
        return batch
    batch = Batch()
    paths = discover([location], batch.errors.append)
    if not paths:
        raise batch.errors.pop() if batch.errors else UnreadablePathError(
            "nothing to read", source=location)
    for path in paths:
        try:
            _read_path(Path(path).resolve(), kind, max_bytes, batch)
        except FaroError as exc:
            if len(paths) == 1:
                raise
            batch.errors.append(exc)
    return batch


def _read_fetched(fetched: Fetched, kind: str, location: str, batch: Batch) -> None:
    kind = _kind_of_answer(fetched) if kind == "auto" else kind
    if kind == "feed":
        feed = read_feed(fetched.body, location, content_type=fetched.content_type)
        batch.skipped += feed.skipped
        _add(batch, feed.documents, location)
    elif kind == "export":
        export = read_export(fetched.body, location)
        batch.skipped += export.skipped
        _add(batch, export.documents, location)
    elif kind == "page":
        doc = page_document(fetched)
        # a page is watched for changes: each version of its text is an entry of its own
        # (a version that differs a little is then a near-duplicate, stored and not analysed)
        digest = hashlib.sha1(doc.text.encode(), usedforsecurity=False).hexdigest()[:16]
        doc.id = f"page:{doc.url or fetched.url}#{digest}"
        _add(batch, [doc], location)
    else:
        raise MalformedSourceError(f"a URL is read as a feed, a page or an export, not as "
                                   f"{kind!r}", source=location)


def _kind_of_answer(fetched: Fetched) -> str:
    """``feed``, ``export`` or ``page``, from the content type, else from the body."""
    ctype = (fetched.content_type or "").split(";")[0].strip().lower()
    head = fetched.body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if "html" in ctype or b"<html" in head or head.startswith(b"<!doctype html"):
        return "page"
    if any(t in ctype for t in _FEED_TYPES) or head.startswith((b"<?xml", b"<rss", b"<feed",
                                                                 b"<rdf")):
        return "feed"
    if any(t in ctype for t in _EXPORT_TYPES) or head.startswith((b"{", b"[")):
        return "export"
    return "page"


def _read_path(path: Path, kind: str, max_bytes: int, batch: Batch) -> None:
    name = str(path)
    suffix = path.suffix.lower()
    if kind == "auto":
        kind = ("feed" if suffix in _FEED_SUFFIXES else "export" if suffix == ".csv"
                else "export?" if suffix in _EXPORT_SUFFIXES else "file")
    if kind in ("feed", "export", "export?"):
        data = _file_bytes(path, max_bytes)
        if kind == "feed":
            feed = read_feed(data, name)
            batch.skipped += feed.skipped
            _add(batch, feed.documents, name)
            return
        try:
            export = read_export(data, name)
        except MalformedSourceError:
            if kind == "export":
                raise
        else:
            batch.skipped += export.skipped
            _add(batch, export.documents, name)
            return
    if kind not in ("file", "export?"):
        raise MalformedSourceError(f"a file is read as a feed, an export or a file, not as "
                                   f"{kind!r}", source=name)
    _add(batch, list(read_file_source(path, max_bytes=max_bytes,
                                      on_error=batch.errors.append)), name)


def _file_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(f"the file has {size:,} bytes, more than the limit of "
                                     f"{max_bytes:,}", source=str(path))
        return path.read_bytes()
    except OSError as exc:
        raise UnreadablePathError(f"cannot read: {exc.strerror or exc}",
                                  source=str(path)) from exc


def _add(batch: Batch, docs: list[Document], location: str) -> None:
    for doc in docs:
        origin = doc.source
        doc.id = identity(doc.id, location)
        doc.source = location
        if origin and origin not in (location, doc.url):
            doc.metadata.setdefault("origin", origin)
        batch.documents.append(doc)


def identity(doc_id: str, location: str) -> str:
    """The identity of an entry read from ``location`` with the id ``doc_id``: the id itself
    when it names the entry anywhere (a URL, ``x:<id>``, a path), else qualified by the
    source (a feed's own guid ``feed:42``, a record's ``id`` in a local file); hashed when
    longer than :data:`MAX_IDENTITY`.

    >>> identity("feed:https://news.example/a1", "https://news.example/rss")
    'feed:https://news.example/a1'
    >>> identity("feed:a1", "https://news.example/rss")
    'feed:https://news.example/rss#a1'
    >>> identity("17", "/data/posts.jsonl")
    '/data/posts.jsonl#17'
    """
    if doc_id.startswith("feed:") and not _SCHEME.match(doc_id[5:]):
        doc_id = f"feed:{location}#{doc_id[5:]}"
    elif not _SCHEME.match(doc_id) and not os.path.isabs(doc_id):
        doc_id = f"{location}#{doc_id}"
    if len(doc_id) > MAX_IDENTITY:
        return "sha256:" + hashlib.sha256(doc_id.encode()).hexdigest()
    return doc_id


def url_host(location: str) -> str | None:
    """The host a URL is fetched from (for politeness delays), None for a path."""
    return urlsplit(location).hostname if is_url(location) else None
