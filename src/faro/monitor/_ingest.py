"""Ingesting: each document read from a source is stored once in the organisation, a
near-duplicate of an earlier one as a member of its group (not analysed again), every other
one analysed, matched against the knowledge base and saved through the same path the server
uses (:class:`~faro._analyser.Analyser`).

Each document is committed on its own, before it is analysed, so a run stopped at any point
(a kill, a crash, Ctrl-C) is resumed by running the source again: entries stored already are
known by their identity and skipped, and one stored but not analysed yet (``new``) is analysed
then. Nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from faro._analyser import Analyser
from faro._config import Options
from faro._errors import ConflictError, FaroError
from faro.ingest import DuplicateIndex, Fetcher
from faro.model import Document
from faro.monitor._read import Batch, read_location
from faro.store import CLI, Actor, Store

__all__ = ["Ingester", "SourceReport"]

log = logging.getLogger("faro.monitor")


@dataclass(slots=True)
class SourceReport:
    """What one run of one source did."""

    source: str
    new: int = 0
    """Documents stored and analysed."""
    duplicates: int = 0
    """Near-duplicates of stored documents: stored in their group, not analysed."""
    known: int = 0
    """Entries stored before (by their identity): nothing done."""
    resumed: int = 0
    """Entries stored before a stop but not analysed then: analysed now."""
    skipped: int = 0
    """Entries without text."""
    errors: list[FaroError] = field(default_factory=list)
    """Entries that could not be read, stored or analysed."""
    failure: FaroError | None = None
    """Why the whole source could not be read (nothing of it was stored)."""
    not_modified: bool = False
    interrupted: bool = False
    """Stopped before the end (a signal): run it again to finish."""

    def public(self) -> dict[str, Any]:
        return {"source": self.source, "new": self.new, "duplicates": self.duplicates,
                "known": self.known, "resumed": self.resumed, "skipped": self.skipped,
                "not_modified": self.not_modified, "interrupted": self.interrupted,
                "errors": [e.to_dict() for e in self.errors],
                "failure": self.failure.to_dict() if self.failure else None}


class Ingester:
    """Reads sources into one organisation's store. ``stop``, when set (by a signal
    handler), ends a run between two documents."""

    def __init__(self, store: Store, options: Options, org_id: int, *, actor: Actor = CLI,
                 analyser: Analyser | None = None, stop: threading.Event | None = None,
                 fetcher_factory: Callable[[], Fetcher] = Fetcher) -> None:
        self.store = store
        self.options = options
        self.org_id = org_id
        self.actor = actor
        self.analyser = analyser or Analyser(store, options)
        self.stop = stop or threading.Event()
        self._fetcher_factory = fetcher_factory
        self._fetcher: Fetcher | None = None
        self._index: DuplicateIndex | None = None

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = self._fetcher_factory()
        return self._fetcher

    @property
    def index(self) -> DuplicateIndex:
        """The near-duplicate index of the organisation's ingested documents, loaded from
        their stored signatures on first use."""
        if self._index is None:
            index = DuplicateIndex()
            for keys, signatures, groups in self.store.sources.signatures(self.org_id):
                index.extend(keys, signatures, groups)
            self._index = index
        return self._index

    def read(self, location: str, kind: str = "auto", *, etag: str | None = None,
             last_modified: str | None = None) -> Batch:
        return read_location(location, kind, fetcher=self.fetcher,
                             max_bytes=self.options.max_input_bytes, etag=etag,
                             last_modified=last_modified)

    def run(self, location: str, kind: str = "auto", *, name: str | None = None,
            source_id: int | None = None, etag: str | None = None,
            last_modified: str | None = None) -> tuple[SourceReport, Batch | None]:
        """Read one source and ingest what it holds; a source that cannot be read is a report
        with its ``failure`` (and no batch)."""
        report = SourceReport(name or location)
        try:
            batch = self.read(location, kind, etag=etag, last_modified=last_modified)
        except FaroError as exc:
            report.failure = exc
            return report, None
        report.not_modified, report.skipped = batch.not_modified, batch.skipped
        report.errors += batch.errors
        self.ingest(batch.documents, report, source=name, source_id=source_id)
        return report, batch

    def ingest(self, docs: list[Document], report: SourceReport, *,
               source: str | None = None, source_id: int | None = None) -> None:
        """Store, deduplicate and analyse ``docs`` (their ids are their identities)."""
        known = self.store.sources.known(self.org_id, [d.id for d in docs])
        for doc in docs:
            if self.stop.is_set():
                report.interrupted = True
                return
            if source is not None:
                doc.source = source
            try:
                self._one(doc, known.get(doc.id), report, source_id)
            except FaroError as exc:
                exc.source = exc.source or doc.id
                log.warning("%s", exc)
                report.errors.append(exc)

    def _one(self, doc: Document, stored_before: tuple[int, str] | None,
             report: SourceReport, source_id: int | None) -> None:
        if stored_before is not None:
            document_id, status = stored_before
            if status != "new":
                report.known += 1
                return
            self.analyser.analyse_stored(self.org_id, self.store.documents.get(
                self.org_id, document_id), self.actor)
            report.resumed += 1
            return
        index = self.index
        signature = index.signature(doc.text)
        found = index.find(signature)
        try:
            stored = self.store.sources.add_document(
                self.org_id, doc, self.actor, signature=signature, source_id=source_id,
                duplicate_of=int(found.key) if found else None,
                similarity=found.similarity if found else None)
        except ConflictError:  # the same entry twice in one source
            report.known += 1
            return
        index.add(str(stored.id), signature, group=found.key if found else None)
        if found is not None:
            report.duplicates += 1
            return
        self.analyser.analyse_stored(self.org_id, stored, self.actor)
        report.new += 1
