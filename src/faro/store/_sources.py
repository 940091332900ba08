"""Monitored sources and what ingesting them stores: the state ``faro watch`` resumes from, and
the documents ``faro ingest`` adds with their near-duplicate data.

A source's row is saved after each run of it, so a monitor stopped at any point starts again
from the last saved state: its validators (ETag, Last-Modified), its next due time and its
consecutive failures. Every document is committed on its own, with its identity (the
organisation-unique ``external_id``), so an entry stored before a stop is known after it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import sqlalchemy as sa

from faro._errors import RecordNotFoundError
from faro.model import Document
from faro.store._audit import Actor, utc
from faro.store._documents import DocumentFilter, Documents, StoredDocument
from faro.store._tables import claims, documents, matches, sources

__all__ = ["ListedDocument", "SourceSpec", "Sources", "StoredSource",
           "decode_signature", "encode_signature"]

@dataclass(frozen=True, slots=True)
class SourceSpec:
    """A source as configured: its name (unique in the organisation), URL or path, kind and
    interval in seconds."""

    name: str
    location: str
    kind: str = "auto"
    interval: int = 3600


@dataclass(frozen=True, slots=True)
class StoredSource:
    id: int
    org_id: int
    name: str
    location: str
    kind: str
    interval: int
    etag: str | None
    last_modified: str | None
    next_due_at: datetime
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error_at: datetime | None
    last_error: str | None
    """``[code] message`` of the last failure; kept after a success (``last_error_at`` says
    when)."""
    failures: int
    """Consecutive failed runs (0 after a success): what the back-off counts."""
    item_errors: int
    """Entries that could not be read, stored or analysed, over all runs."""
    items: int = 0
    """Documents stored from it, near-duplicates included."""
    duplicates: int = 0

    def public(self) -> dict[str, Any]:
        """The status ``faro watch --status --json`` prints."""
        def stamp(value: datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {"name": self.name, "location": self.location, "kind": self.kind,
                "interval": self.interval, "last_success": stamp(self.last_success_at),
                "last_error": self.last_error, "last_error_at": stamp(self.last_error_at),
                "failures": self.failures, "items": self.items, "duplicates": self.duplicates,
                "item_errors": self.item_errors, "next_due": stamp(self.next_due_at)}


@dataclass(frozen=True, slots=True)
class ListedDocument:
    """A stored document as ``faro documents list`` shows it."""

    id: int
    source: str | None
    """The monitored source's name, else the document's own source (a file, a feed entry)."""
    url: str | None
    title: str | None
    language: str | None
    published: datetime | None
    status: str
    claims: int
    matches: int
    """Matches of its claims that are not rejected."""
    duplicate_of: int | None
    similarity: float | None
    created_at: datetime

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "url": self.url, "title": self.title,
                "language": self.language,
                "published": self.published.isoformat() if self.published else None,
                "status": self.status, "claims": self.claims, "matches": self.matches,
                "duplicate_of": self.duplicate_of, "similarity": self.similarity,
                "added": self.created_at.isoformat(timespec="seconds")}


def encode_signature(signature: npt.NDArray[np.uint32]) -> bytes:
    """A MinHash signature as stored: little-endian uint32 values."""
    return np.asarray(signature, "<u4").tobytes()


def decode_signature(data: bytes) -> npt.NDArray[np.uint32]:
    return np.frombuffer(data, "<u4").astype(np.uint32)


def _aware(value: datetime | None) -> datetime | None:
    return utc(value) if value is not None else None


def _source(row: sa.Row[Any], items: int = 0, duplicates: int = 0) -> StoredSource:
    m = row._mapping
    return StoredSource(
        id=m["id"], org_id=m["org_id"], name=m["name"], location=m["location"],
        kind=m["kind"], interval=m["interval_seconds"], etag=m["etag"],
        last_modified=m["last_modified"], next_due_at=utc(m["next_due_at"]),
        last_attempt_at=_aware(m["last_attempt_at"]),
        last_success_at=_aware(m["last_success_at"]), last_error_at=_aware(m["last_error_at"]),
        last_error=m["last_error"], failures=m["failures"], item_errors=m["item_errors"],
        items=items, duplicates=duplicates)


class Sources:
    """An organisation's monitored sources, and the documents ingesting adds."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- sources -------------------------------------------------------------------------------

    def sync(self, org_id: int, specs: Sequence[SourceSpec], *, now: datetime | None = None
             ) -> list[StoredSource]:
        """The rows of ``specs`` (by name), created due at once when new; a changed kind or
        interval is taken over, and a changed location starts afresh (no validators, due at
        once, no failures). Sources no longer configured are kept, with their documents."""
        now = now or datetime.now(UTC)
        with self.engine.begin() as conn:
            stored = {r.name: r for r in conn.execute(sa.select(sources).where(
                sources.c.org_id == org_id, sources.c.name.in_([s.name for s in specs])))}
            for spec in specs:
                row = stored.get(spec.name)
                values = {"kind": spec.kind, "interval_seconds": spec.interval,
                          "updated_at": now}
                if row is None:
                    conn.execute(sources.insert().values(
                        values | {"org_id": org_id, "name": spec.name,
                                  "location": spec.location, "next_due_at": now,
                                  "failures": 0, "item_errors": 0, "created_at": now}))
                elif row.location != spec.location:
                    conn.execute(sources.update().where(sources.c.id == row.id).values(
                        values | {"location": spec.location, "etag": None,
                                  "last_modified": None, "next_due_at": now, "failures": 0}))
                elif (row.kind, row.interval_seconds) != (spec.kind, spec.interval):
                    conn.execute(sources.update().where(sources.c.id == row.id).values(values))
        by_name = {s.name: s for s in self.all(org_id)}
        return [by_name[s.name] for s in specs]

    def all(self, org_id: int) -> list[StoredSource]:
        """Every source of the organisation, by name, with the documents it brought counted
        (near-duplicates apart too)."""
        counts = (sa.select(documents.c.source_id, sa.func.count().label("n"),
                            sa.func.count(documents.c.duplicate_of).label("dup"))
                  .where(documents.c.org_id == org_id, documents.c.source_id.is_not(None))
                  .group_by(documents.c.source_id).subquery())
        query = (sa.select(sources, counts.c.n, counts.c.dup)
                 .select_from(sources.outerjoin(counts, counts.c.source_id == sources.c.id))
                 .where(sources.c.org_id == org_id).order_by(sources.c.name))
        with self.engine.connect() as conn:
            return [_source(r, r.n or 0, r.dup or 0) for r in conn.execute(query)]

    def get(self, org_id: int, source_id: int) -> StoredSource:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sources).where(
                sources.c.id == source_id, sources.c.org_id == org_id)).first()
        if row is None:
            raise RecordNotFoundError(f"no source {source_id}")
        return _source(row)

    def succeeded(self, source_id: int, *, at: datetime, next_due_at: datetime,
                  etag: str | None, last_modified: str | None, item_errors: int = 0) -> None:
        """A run that read the source (a 304 too): its validators kept for the next
        conditional request, the failures reset."""
        with self.engine.begin() as conn:
            conn.execute(sources.update().where(sources.c.id == source_id).values(
                etag=etag, last_modified=last_modified, next_due_at=next_due_at,
                last_attempt_at=at, last_success_at=at, failures=0,
                item_errors=sources.c.item_errors + item_errors, updated_at=at))

    def failed(self, source_id: int, *, at: datetime, next_due_at: datetime, error: str,
               item_errors: int = 0) -> None:
        """A run that could not read the source: the error, one more failure, the validators
        kept."""
        with self.engine.begin() as conn:
            conn.execute(sources.update().where(sources.c.id == source_id).values(
                next_due_at=next_due_at, last_attempt_at=at, last_error_at=at,
                last_error=error, failures=sources.c.failures + 1,
                item_errors=sources.c.item_errors + item_errors, updated_at=at))

    # -- ingested documents ----------------------------------------------------------------------

    def known(self, org_id: int, identities: Sequence[str]) -> dict[str, tuple[int, str]]:
        """``identity → (document id, status)`` of those the organisation holds already."""
        out: dict[str, tuple[int, str]] = {}
        unique = sorted(set(identities))
        with self.engine.connect() as conn:
            for i in range(0, len(unique), 500):
                out.update((e, (d, s)) for e, d, s in conn.execute(
                    sa.select(documents.c.external_id, documents.c.id, documents.c.status)
                    .where(documents.c.org_id == org_id,
                           documents.c.external_id.in_(unique[i:i + 500]))))
        return out

    def add_document(self, org_id: int, doc: Document, actor: Actor, *,
                     signature: npt.NDArray[np.uint32], source_id: int | None = None,
                     duplicate_of: int | None = None, similarity: float | None = None,
                     ) -> StoredDocument:
        """Store an ingested document with its signature: ``new`` (to analyse), or
        ``duplicate`` (of ``duplicate_of``, the first document of its group: kept, not
        analysed). ``doc.id`` is its identity (:class:`ConflictError` on a repeat)."""
        extra: dict[str, Any] = {"source_id": source_id, "signature": encode_signature(signature),
                 "duplicate_of": duplicate_of, "similarity": similarity}
        if duplicate_of is not None:
            extra["status"] = "duplicate"
        return Documents(self.engine).add(org_id, doc, actor, columns=extra)

    def signatures(self, org_id: int, *, batch: int = 50_000
                   ) -> Iterator[tuple[list[str], npt.NDArray[np.uint32], list[str | None]]]:
        """The organisation's stored signatures in the order they were added, in batches of
        ``(document ids, signatures, group ids)`` (as :meth:`DuplicateIndex.extend` takes
        them; keys are document ids as strings)."""
        query = (sa.select(documents.c.id, documents.c.signature, documents.c.duplicate_of)
                 .where(documents.c.org_id == org_id, documents.c.signature.is_not(None))
                 .order_by(documents.c.id))
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch).execute(query)
            for rows in result.partitions():
                signatures = np.frombuffer(b"".join(r.signature for r in rows), "<u4")
                yield ([str(r.id) for r in rows],
                       signatures.reshape(len(rows), -1).astype(np.uint32),
                       [str(r.duplicate_of) if r.duplicate_of is not None else None
                        for r in rows])

    def listing(self, org_id: int, where: DocumentFilter | None = None, *,
                limit: int = 50) -> list[ListedDocument]:
        """The organisation's documents, newest first, with their claims and live matches
        counted and the monitored source named."""
        n_claims = (sa.select(sa.func.count()).where(claims.c.document_id == documents.c.id)
                    .scalar_subquery())
        n_matches = (sa.select(sa.func.count()).select_from(
            matches.join(claims, claims.c.id == matches.c.claim_id))
            .where(claims.c.document_id == documents.c.id, matches.c.status != "rejected")
            .scalar_subquery())
        query = (sa.select(documents.c.id, sa.func.coalesce(sources.c.name, documents.c.source),
                           documents.c.url, documents.c.title, documents.c.language,
                           documents.c.published, documents.c.status, n_claims, n_matches,
                           documents.c.duplicate_of, documents.c.similarity,
                           documents.c.created_at)
                 .select_from(documents.outerjoin(sources,
                                                  sources.c.id == documents.c.source_id))
                 .where(documents.c.org_id == org_id,
                        *(where or DocumentFilter()).conditions())
                 .order_by(documents.c.created_at.desc(), documents.c.id.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [ListedDocument(
                id=r[0], source=r[1], url=r[2], title=r[3], language=r[4],
                published=_aware(r[5]), status=r[6], claims=r[7], matches=r[8],
                duplicate_of=r[9], similarity=r[10], created_at=utc(r[11]))
                for r in conn.execute(query)]
