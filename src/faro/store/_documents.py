"""Documents an organisation stored, their check-worthy claims and the claims' matches.

Every read and write takes the organisation's id and filters on it, so a record of another
organisation looks exactly like a missing one (:class:`RecordNotFoundError`). Claims and matches
reach their organisation through their document.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import numpy as np
import sqlalchemy as sa

from faro._errors import ConflictError, InvalidRequestError, RecordNotFoundError
from faro.kb.disarm import check_techniques
from faro.model import Document, Marking, Verdict
from faro.report.jsonout import document_to_dict
from faro.sharing import Audience, Finding, FindingClaim
from faro.store._audit import Actor, inserted_id, record, utc
from faro.store._tables import claims, documents, factchecks, matches, organisations, reviews

__all__ = ["MATCH_STATUSES", "MAX_NOTE_CHARS", "REVIEW_FIELDS", "ClaimFilter", "DocumentFilter",
           "Documents", "MatchFilter", "Overview", "ReviewFilter", "StoredClaim", "StoredDocument",
           "StoredMatch", "StoredReview"]

MATCH_STATUSES = ("suggested", "confirmed", "rejected")
#: What a review changes: the match's status, and the review's verdict, note and techniques.
REVIEW_FIELDS = ("status", "verdict", "note", "techniques")
MAX_NOTE_CHARS = 10_000


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    org_id: int
    external_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: datetime | None
    lang_hint: str | None
    language: str | None
    text: str
    metadata: dict[str, Any]
    status: str
    """``new`` (stored, not analysed yet), ``analysed``, or ``duplicate`` (a near-duplicate
    of an earlier ingested document, stored and not analysed)."""
    analysis: dict[str, Any] | None
    """The analysed document in faro's JSON form (the shipped JSON Schema), once analysed."""
    created_by: int | None
    created_at: datetime
    analysed_at: datetime | None
    marking: Marking = Marking.AMBER
    """The document's TLP 2.0 marking, which its claims, matches and reviews share."""
    releasable_to: tuple[str, ...] = ()
    """Organisations (by name) an AMBER or AMBER+STRICT document may go to."""

    def as_document(self) -> Document:
        """The domain document to analyse."""
        return Document(id=str(self.id), text=self.text, source=self.source, title=self.title,
                        url=self.url, published=self.published, lang_hint=self.lang_hint,
                        metadata=dict(self.metadata))

    def summary(self) -> dict[str, Any]:
        """What the audit log records of a document: everything but the text, which it names
        by length and digest."""
        return {"id": self.id, "external_id": self.external_id, "title": self.title,
                "source": self.source, "url": self.url, "language": self.language,
                "status": self.status, "chars": len(self.text),
                "sha256": hashlib.sha256(self.text.encode("utf-8")).hexdigest()}


@dataclass(frozen=True, slots=True)
class StoredClaim:
    id: int
    document_id: int
    sentence: int
    start: int
    end: int
    text: str
    score: float
    scorer: str
    language: str | None


@dataclass(frozen=True, slots=True)
class StoredMatch:
    id: int
    claim_id: int
    document_id: int
    target_id: str
    target_kind: str
    score: float
    confidence: float
    status: str
    reviewed_by: int | None
    reviewed_at: datetime | None

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "claim_id": self.claim_id, "target_id": self.target_id,
                "target_kind": self.target_kind, "status": self.status,
                "reviewed_by": self.reviewed_by}


@dataclass(frozen=True, slots=True)
class StoredReview:
    id: int
    match_id: int
    claim_id: int
    document_id: int
    verdict: str | None
    note: str | None
    techniques: list[str]
    """DISARM technique ids, sorted."""
    reviewer_id: int | None
    created_at: datetime
    updated_at: datetime

    def public(self) -> dict[str, Any]:
        """What the audit log records of a review."""
        return {"verdict": self.verdict, "note": self.note,
                "techniques": list(self.techniques), "reviewer_id": self.reviewer_id}


#: When a document happened, for date filters: published, else added.
_document_date = sa.func.coalesce(documents.c.published, documents.c.created_at)


def _days(column: Any, since: date | None, until: date | None) -> list[Any]:
    """Conditions keeping ``column`` (a UTC timestamp) from the start of day ``since`` to the
    end of day ``until``, both included; :class:`InvalidRequestError` when ``since`` comes
    after ``until``."""
    if since is not None and until is not None and since > until:
        raise InvalidRequestError(f"since ({since.isoformat()}) is after until "
                                  f"({until.isoformat()})")
    out = []
    if since is not None:
        out.append(column >= datetime.combine(since, time(), UTC))
    if until is not None:
        out.append(column < datetime.combine(until + timedelta(days=1), time(), UTC))
    return out


def _contains(column: Any, words: str) -> Any:
    """``column`` contains ``words``, case-insensitively, LIKE wildcards taken literally."""
    return column.ilike(f"%{_escape_like(words)}%", escape="\\")


def visible(table: sa.Table, audience: Audience) -> Any:
    """The condition on ``table`` (a table with ``marking`` and ``releasable_to``) of the
    records ``audience`` may read: markings that may go to it whatever the releasability, or
    markings that may go once released to it and a releasability naming it. The JSON list is
    matched as text (``"Name"`` with its quotes: an exact element), as SQLAlchemy writes it."""
    free, named = audience.markings()
    condition: sa.ColumnElement[bool] = table.c.marking.in_(sorted(m.value for m in free))
    if named and audience.recipient is not None:
        element = json.dumps(audience.recipient)
        condition = sa.or_(condition, sa.and_(
            table.c.marking.in_(sorted(m.value for m in named)),
            sa.cast(table.c.releasable_to, sa.Text).contains(element, autoescape=True)))
    return condition


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """What a list of documents is narrowed to; ``None`` leaves a field free."""

    language: str | None = None
    status: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    title: str | None = None
    """Words the title contains (case-insensitive)."""
    source: str | None = None
    """Words the source contains (a file name, a feed, ``pasted``)."""
    since: date | None = None
    """Published (else added) on or after this day (UTC)."""
    until: date | None = None
    """Published (else added) on or before this day (UTC)."""
    text: str | None = None
    """Words the title or the text contains (a scan of the texts: no index serves it)."""

    def conditions(self) -> list[Any]:
        out: list[Any] = []
        if self.language is not None:
            out.append(documents.c.language == self.language)
        if self.status is not None:
            out.append(documents.c.status == self.status)
        if self.created_after is not None:
            out.append(documents.c.created_at >= self.created_after)
        if self.created_before is not None:
            out.append(documents.c.created_at < self.created_before)
        if self.title:
            out.append(_contains(documents.c.title, self.title))
        if self.source:
            out.append(_contains(documents.c.source, self.source))
        if self.text:
            out.append(sa.or_(_contains(documents.c.title, self.text),
                              _contains(documents.c.text, self.text)))
        return out + _days(_document_date, self.since, self.until)


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What a list of claims is narrowed to. Every stored claim is check-worthy (the pipeline
    flags them; only those are kept), so there is no check-worthy filter to set."""

    document_id: int | None = None
    language: str | None = None
    """The language of the claim's document."""
    min_score: float | None = None
    """Check-worthiness at least this."""
    since: date | None = None
    """Its document published (else added) on or after this day (UTC)."""
    until: date | None = None
    has_match: bool | None = None
    """With (``True``) or without (``False``) a match that is not rejected: the dashboard's
    *matched* claims."""

    def conditions(self) -> list[Any]:
        out: list[Any] = []
        if self.document_id is not None:
            out.append(claims.c.document_id == self.document_id)
        if self.language is not None:
            out.append(documents.c.language == self.language)
        if self.min_score is not None:
            out.append(claims.c.score >= self.min_score)
        if self.has_match is not None:
            live = sa.exists().where(matches.c.claim_id == claims.c.id,
                                     matches.c.status != "rejected")
            out.append(live if self.has_match else ~live)
        return out + _days(_document_date, self.since, self.until)


@dataclass(frozen=True, slots=True)
class MatchFilter:
    """What a list of matches (or the review queue) is narrowed to."""

    status: str | None = None
    """``suggested``, ``confirmed`` or ``rejected``."""
    verdict: str | None = None
    """The verdict of the fact-check matched (narratives have none)."""
    language: str | None = None
    """The language of the claim's document."""
    since: date | None = None
    """The claim's document published (else added) on or after this day (UTC)."""
    until: date | None = None
    document_id: int | None = None

    def conditions(self) -> list[Any]:
        out: list[Any] = []
        if self.status is not None:
            if self.status not in MATCH_STATUSES:
                raise InvalidRequestError(f"status must be one of {', '.join(MATCH_STATUSES)}")
            out.append(matches.c.status == self.status)
        if self.verdict is not None:
            out.append(matches.c.target_id.in_(sa.select(factchecks.c.id).where(
                factchecks.c.verdict == _verdict(self.verdict))))
        if self.language is not None:
            out.append(documents.c.language == self.language)
        if self.document_id is not None:
            out.append(claims.c.document_id == self.document_id)
        return out + _days(_document_date, self.since, self.until)


@dataclass(frozen=True, slots=True)
class ReviewFilter:
    """What a list of reviews is narrowed to."""

    document_id: int | None = None
    verdict: str | None = None
    """The verdict the analyst gave."""
    reviewer_id: int | None = None
    """Who changed it last."""
    since: date | None = None
    """Changed last on or after this day (UTC)."""
    until: date | None = None

    def conditions(self) -> list[Any]:
        out: list[Any] = []
        if self.document_id is not None:
            out.append(claims.c.document_id == self.document_id)
        if self.verdict is not None:
            out.append(reviews.c.verdict == _verdict(self.verdict))
        if self.reviewer_id is not None:
            out.append(reviews.c.reviewer_id == self.reviewer_id)
        return out + _days(reviews.c.updated_at, self.since, self.until)


def _verdict(value: str) -> str:
    """``value`` when it names one of the verdicts; :class:`InvalidRequestError` if not."""
    if value not in {v.value for v in Verdict}:
        raise InvalidRequestError(f"verdict must be one of "
                                  f"{', '.join(v.value for v in Verdict)}")
    return value


def _aware(value: datetime | None) -> datetime | None:
    return utc(value) if value is not None else None


def _document(row: sa.Row[*tuple[Any, ...]]) -> StoredDocument:
    m = row._mapping
    return StoredDocument(
        id=m["id"], org_id=m["org_id"], external_id=m["external_id"], title=m["title"],
        source=m["source"], url=m["url"], published=_aware(m["published"]),
        lang_hint=m["lang_hint"], language=m["language"], text=m["text"],
        metadata=m["meta"] or {}, status=m["status"], analysis=m["analysis"],
        created_by=m["created_by"], created_at=utc(m["created_at"]),
        analysed_at=_aware(m["analysed_at"]), marking=Marking(m["marking"]),
        releasable_to=tuple(m["releasable_to"] or ()))


def _claim(row: sa.Row[*tuple[Any, ...]]) -> StoredClaim:
    m = row._mapping
    return StoredClaim(id=m["id"], document_id=m["document_id"], sentence=m["sentence"],
                       start=m["start_offset"], end=m["end_offset"], text=m["text"],
                       score=m["score"], scorer=m["scorer"], language=m["language"])


def _match(row: sa.Row[*tuple[Any, ...]]) -> StoredMatch:
    m = row._mapping
    return StoredMatch(id=m["id"], claim_id=m["claim_id"], document_id=m["document_id"],
                       target_id=m["target_id"], target_kind=m["target_kind"],
                       score=m["score"], confidence=m["confidence"], status=m["status"],
                       reviewed_by=m["reviewed_by"], reviewed_at=_aware(m["reviewed_at"]))


def _review(row: sa.Row[*tuple[Any, ...]]) -> StoredReview:
    m = row._mapping
    return StoredReview(id=m["id"], match_id=m["match_id"], claim_id=m["claim_id"],
                        document_id=m["document_id"], verdict=m["verdict"], note=m["note"],
                        techniques=list(m["techniques"] or []), reviewer_id=m["reviewer_id"],
                        created_at=utc(m["created_at"]), updated_at=utc(m["updated_at"]))


def _review_values(changes: dict[str, Any]) -> dict[str, Any]:
    """The review columns ``changes`` sets, checked; the match's status is checked apart."""
    unknown = set(changes) - set(REVIEW_FIELDS)
    if unknown:
        raise InvalidRequestError(f"a review has no field {', '.join(sorted(unknown))}")
    if "status" in changes and changes["status"] not in MATCH_STATUSES:
        raise InvalidRequestError(f"status must be one of {', '.join(MATCH_STATUSES)}")
    values: dict[str, Any] = {}
    if "verdict" in changes:
        values["verdict"] = _verdict(changes["verdict"]) if changes["verdict"] else None
    if "note" in changes:
        note = (changes["note"] or "").strip() or None
        if note is not None and len(note) > MAX_NOTE_CHARS:
            raise InvalidRequestError(f"a note has at most {MAX_NOTE_CHARS} characters")
        values["note"] = note
    if "techniques" in changes:
        values["techniques"] = check_techniques(changes["techniques"] or [])
    return values


#: Documents read per page when an organisation's findings are gathered (a page's claim ids
#: go into one IN list: 200 news articles hold about 6,000).
_FINDINGS_PAGE = 200
_CLAIMS = (sa.select(claims, documents.c.language)
           .join(documents, documents.c.id == claims.c.document_id))
_MATCHES = (sa.select(matches, claims.c.document_id)
            .join(claims, claims.c.id == matches.c.claim_id)
            .join(documents, documents.c.id == claims.c.document_id))
_REVIEWS = (sa.select(reviews, matches.c.claim_id, claims.c.document_id)
            .join(matches, matches.c.id == reviews.c.match_id)
            .join(claims, claims.c.id == matches.c.claim_id)
            .join(documents, documents.c.id == claims.c.document_id))


@dataclass(frozen=True, slots=True)
class Overview:
    """An organisation's figures for its dashboard."""

    documents: int
    analysed: int
    claims: int
    matched_claims: int
    """Claims with at least one match that is not rejected."""
    matches_by_status: dict[str, int]
    claims_by_day: list[tuple[str, str, int]]
    """``(day, language, claims)`` of documents of the window, by the day each was published
    (the day added when it has no publication date; UTC), as the date filters read it."""
    top_narratives: list[tuple[str, int]]
    """``(narrative id, claims)``: the narratives the organisation's claims match most (matches
    not rejected)."""
    top_factchecks: list[tuple[str, int]]
    """``(fact-check id, claims)``: the same for fact-checks."""


class Documents:
    """The documents, claims and matches of the database of ``engine``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- documents -----------------------------------------------------------------------------

    def add(self, org_id: int, doc: Document, actor: Actor, *,
            columns: dict[str, Any] | None = None) -> StoredDocument:
        """Store a new, unanalysed document for the organisation. ``doc.id``, when not empty,
        is kept as the document's external id: unique within the organisation
        (:class:`ConflictError` on a repeat, so re-sending a feed never duplicates).
        ``columns``: more values of its row (ingesting sets the source and near-duplicate
        columns, and the status ``duplicate``)."""
        if not doc.text.strip():
            raise InvalidRequestError("a document needs text")
        try:
            with self.engine.begin() as conn:
                stored = self._insert(conn, org_id, doc, actor, datetime.now(UTC), columns)
        except sa.exc.IntegrityError as exc:
            raise ConflictError(f"the organisation has a document with the id {doc.id!r} "
                                "already") from exc
        return stored

    def add_many(self, org_id: int, docs: Sequence[Document], actor: Actor,
                 ) -> tuple[list[StoredDocument], list[str]]:
        """Store the documents of one import together, or none of them: those whose id the
        organisation holds already (or that repeat an id of the same import) are left out, so
        importing a file again adds nothing. Returns the stored documents and the ids left
        out."""
        wanted = [d for d in docs if d.text.strip()]
        ids = sorted({d.id for d in wanted if d.id})
        now = datetime.now(UTC)
        created: list[StoredDocument] = []
        skipped: list[str] = []
        with self.engine.begin() as conn:
            seen: set[str] = set()
            for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
                seen.update(conn.execute(sa.select(documents.c.external_id).where(
                    documents.c.org_id == org_id, documents.c.external_id.in_(chunk)))
                    .scalars())
            for doc in wanted:
                if doc.id and doc.id in seen:
                    skipped.append(doc.id)
                    continue
                if doc.id:
                    seen.add(doc.id)
                created.append(self._insert(conn, org_id, doc, actor, now))
        return created, skipped

    @staticmethod
    def _insert(conn: sa.Connection, org_id: int, doc: Document, actor: Actor,
                now: datetime, columns: dict[str, Any] | None = None) -> StoredDocument:
        """Insert one new document and record its creation in the audit log. Unless
        ``columns`` mark it, it takes its organisation's default marking and releasability,
        and its MinHash signature, so that later ingests tell its near-duplicates, however it
        came in (the API, the web inbox, an import)."""
        if "signature" not in (columns or {}):
            from faro.ingest.dedup import signature  # the ingest package: not at start-up

            columns = (columns or {}) | {"signature": np.asarray(
                signature(doc.text), "<u4").tobytes()}
        marking, released = conn.execute(
            sa.select(organisations.c.default_marking, organisations.c.default_releasable_to)
            .where(organisations.c.id == org_id)).one()
        doc_id = inserted_id(conn.execute(documents.insert().values(dict(
            org_id=org_id, external_id=doc.id or None, title=doc.title, source=doc.source,
            url=doc.url, published=doc.published, lang_hint=doc.lang_hint, text=doc.text,
            meta=doc.metadata, status="new", created_by=actor.user_id, created_at=now,
            updated_at=now, marking=marking, releasable_to=released or []) | (columns or {}))))
        stored = _document(conn.execute(sa.select(documents)
                                        .where(documents.c.id == doc_id)).one())
        record(conn, actor, "document.create", "document", doc_id, org_id=org_id,
               after=stored.summary())
        return stored

    def get(self, org_id: int, document_id: int) -> StoredDocument:
        return _document(self._one(sa.select(documents).where(
            documents.c.id == document_id, documents.c.org_id == org_id),
            f"document {document_id}"))

    def find(self, org_id: int, where: DocumentFilter = DocumentFilter(), *, limit: int = 50,
             offset: int = 0) -> tuple[list[StoredDocument], int]:
        """The organisation's documents, newest first, without their analysis; and how many
        match in all."""
        columns = [c for c in documents.c if c.name not in ("analysis", "signature")]
        return self._page(sa.select(*columns, sa.null().label("analysis"))
                          .where(documents.c.org_id == org_id, *where.conditions())
                          .order_by(documents.c.created_at.desc(), documents.c.id.desc()),
                          _document, limit, offset)

    def languages(self, org_id: int) -> list[str]:
        """The languages of the organisation's analysed documents, for filters."""
        with self.engine.connect() as conn:
            return sorted(conn.execute(sa.select(documents.c.language).distinct().where(
                documents.c.org_id == org_id, documents.c.language.is_not(None))).scalars())

    def save_analysis(self, org_id: int, document_id: int, analysed: Document,
                      actor: Actor) -> StoredDocument:
        """Keep the analysis of a document: its JSON form, its check-worthy claims (those the
        pipeline marked, from the claim threshold it was given) and their matches, and place
        the claims in the organisation's narratives (:mod:`faro.store._narratives`).
        Re-analysing replaces the claims and matches (and with them any review of the old
        ones; the audit log keeps what was)."""
        before = self.get(org_id, document_id)
        now = datetime.now(UTC)
        kept = [c for c in analysed.claims if c.checkworthy]
        with self.engine.begin() as conn:
            conn.execute(claims.delete().where(claims.c.document_id == document_id))
            conn.execute(documents.update().where(documents.c.id == document_id).values(
                language=analysed.lang, status="analysed", analysis=document_to_dict(analysed),
                analysed_at=now, updated_at=now))
            n_matches = 0
            stored_ids = []
            for claim in kept:
                claim_id = inserted_id(conn.execute(claims.insert().values(
                    document_id=document_id, sentence=claim.sentence, start_offset=claim.start,
                    end_offset=claim.end, text=claim.text, score=claim.score,
                    scorer=claim.scorer)))
                stored_ids.append(claim_id)
                if claim.matches:
                    conn.execute(matches.insert(), [
                        {"claim_id": claim_id, "target_id": m.target_id,
                         "target_kind": m.target_kind, "score": m.score,
                         "confidence": m.confidence, "status": m.status}
                        for m in claim.matches])
                    n_matches += len(claim.matches)
            from faro.store._narratives import Narratives  # not at the top: it imports
            Narratives.of(self.engine).add_analysed(  # faro.search, which imports faro.store
                conn, before, analysed.lang, list(zip(stored_ids, kept, strict=True)))
            after = _document(conn.execute(sa.select(documents)
                                           .where(documents.c.id == document_id)).one())
            record(conn, actor, "document.analyse", "document", document_id, org_id=org_id,
                   before=before.summary(),
                   after=after.summary() | {"claims": len(kept), "matches": n_matches})
        return after

    def mark(self, org_id: int, document_id: int, marking: Marking,
             releasable_to: Sequence[str], actor: Actor) -> StoredDocument:
        """Set a document's TLP marking and releasability (its claims, matches and reviews
        share them); one audit entry ``document.mark`` with both before and after."""
        before = self.get(org_id, document_id)
        released = sorted({name.strip() for name in releasable_to if name.strip()})
        with self.engine.begin() as conn:
            conn.execute(documents.update().where(
                documents.c.id == document_id, documents.c.org_id == org_id).values(
                marking=marking.value, releasable_to=released, updated_at=datetime.now(UTC)))
            record(conn, actor, "document.mark", "document", document_id, org_id=org_id,
                   before={"marking": before.marking.value,
                           "releasable_to": list(before.releasable_to)},
                   after={"marking": marking.value, "releasable_to": released})
        return self.get(org_id, document_id)

    def shares(self, org_id: int, audience: Audience) -> bool:
        """Whether any analysed document of the organisation may go to ``audience`` (another
        organisation): one query, where building the findings reads every document."""
        query = sa.select(documents.c.id).where(
            documents.c.org_id == org_id, documents.c.status == "analysed",
            visible(documents, audience)).limit(1)
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def findings(self, org_id: int) -> list[Finding]:
        """The organisation's analysed documents as they are shared (each with its marking):
        their check-worthy claims, the fact-checks analysts confirmed they match, and their
        reviews (the first verdict, the notes, every DISARM technique). Read a page of
        documents at a time, with three queries per page (claims, matches, reviews)."""
        found: list[Finding] = []
        offset = 0
        while True:
            page, _ = self.find(org_id, DocumentFilter(status="analysed"),
                                limit=_FINDINGS_PAGE, offset=offset)
            claims_of: dict[int, list[StoredClaim]] = {d.id: [] for d in page}
            for claim in self._all(_CLAIMS.where(
                    documents.c.org_id == org_id, claims.c.document_id.in_(list(claims_of)))
                    .order_by(claims.c.start_offset, claims.c.id), _claim):
                claims_of[claim.document_id].append(claim)
            matches_of: dict[int, list[StoredMatch]] = {}
            for match in self.matches_of(org_id, [c.id for cs in claims_of.values()
                                                  for c in cs]):
                matches_of.setdefault(match.claim_id, []).append(match)
            reviewed = {r.match_id: r for r in self.reviews_of(
                org_id, [m.id for ms in matches_of.values() for m in ms])}
            found += [_finding(org_id, doc, claims_of[doc.id], matches_of, reviewed)
                      for doc in page]
            if len(page) < _FINDINGS_PAGE:
                return found
            offset += _FINDINGS_PAGE


    def delete(self, org_id: int, document_id: int, actor: Actor) -> None:
        before = self.get(org_id, document_id)
        with self.engine.begin() as conn:
            conn.execute(documents.delete().where(documents.c.id == document_id,
                                                  documents.c.org_id == org_id))
            record(conn, actor, "document.delete", "document", document_id, org_id=org_id,
                   before=before.summary())

    # -- claims and matches ------------------------------------------------------------------

    def claims(self, org_id: int, where: ClaimFilter = ClaimFilter(), *, limit: int = 50,
               offset: int = 0) -> tuple[list[StoredClaim], int]:
        """The organisation's claims, best scoring first, and how many match in all."""
        return self._page(_CLAIMS.where(documents.c.org_id == org_id, *where.conditions())
                          .order_by(claims.c.score.desc(), claims.c.id), _claim, limit, offset)

    def claims_of(self, org_id: int, document_id: int) -> list[StoredClaim]:
        """Every claim of the organisation's document, in the order of the text."""
        return self._all(_CLAIMS.where(documents.c.org_id == org_id,
                                       claims.c.document_id == document_id)
                         .order_by(claims.c.start_offset, claims.c.id), _claim)

    def get_claim(self, org_id: int, claim_id: int) -> StoredClaim:
        return _claim(self._one(_CLAIMS.where(claims.c.id == claim_id,
                                              documents.c.org_id == org_id), f"claim {claim_id}"))

    def matches(self, org_id: int, where: MatchFilter = MatchFilter(), *, limit: int = 50,
                offset: int = 0) -> tuple[list[StoredMatch], int]:
        """The organisation's matches, most confident first, and how many match in all."""
        return self._page(_MATCHES.where(documents.c.org_id == org_id, *where.conditions())
                          .order_by(matches.c.confidence.desc(), matches.c.id),
                          _match, limit, offset)

    def matches_of(self, org_id: int, claim_ids: Sequence[int]) -> list[StoredMatch]:
        """Every match of the organisation's claims ``claim_ids``, most confident first."""
        if not claim_ids:
            return []
        return self._all(_MATCHES.where(documents.c.org_id == org_id,
                                        matches.c.claim_id.in_(list(claim_ids)))
                         .order_by(matches.c.confidence.desc(), matches.c.id), _match)

    def get_match(self, org_id: int, match_id: int) -> StoredMatch:
        return _match(self._one(_MATCHES.where(matches.c.id == match_id,
                                               documents.c.org_id == org_id), f"match {match_id}"))

    def review_match(self, org_id: int, match_id: int, status: str,
                     actor: Actor) -> StoredMatch:
        """An analyst's decision on a match: ``confirmed`` or ``rejected`` (or back to
        ``suggested``)."""
        if status not in MATCH_STATUSES:
            raise InvalidRequestError(f"status must be one of {', '.join(MATCH_STATUSES)}")
        before = self.get_match(org_id, match_id)
        with self.engine.begin() as conn:
            conn.execute(matches.update().where(matches.c.id == match_id).values(
                status=status, reviewed_by=actor.user_id, reviewed_at=datetime.now(UTC)))
            after = _match(conn.execute(_MATCHES.where(matches.c.id == match_id)).one())
            record(conn, actor, f"match.{status}", "match", match_id, org_id=org_id,
                   before=before.public(), after=after.public())
        return after

    # -- reviews ------------------------------------------------------------------------------

    def review(self, org_id: int, match_id: int, changes: dict[str, Any],
               actor: Actor) -> tuple[StoredMatch, StoredReview | None]:
        """Review a match: ``changes`` sets any of :data:`REVIEW_FIELDS` (the match's
        ``status``; the review's ``verdict``, ``note`` and DISARM ``techniques``), leaving the
        others as they were. One audit entry (``match.review``) holds the match and its review
        before and after. Returns both (the review is ``None`` when only the status was set on
        a match without one)."""
        if not changes:
            raise InvalidRequestError(f"a review sets at least one of "
                                      f"{', '.join(REVIEW_FIELDS)}")
        values = _review_values(changes)
        before = self.get_match(org_id, match_id)
        old = self.find_review(org_id, match_id)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            if "status" in changes:
                conn.execute(matches.update().where(matches.c.id == match_id).values(
                    status=changes["status"], reviewed_by=actor.user_id, reviewed_at=now))
            if values and old is None:
                conn.execute(reviews.insert().values(
                    {"verdict": None, "note": None, "techniques": []} | values
                    | {"match_id": match_id, "reviewer_id": actor.user_id, "created_at": now,
                       "updated_at": now}))
            elif values:
                conn.execute(reviews.update().where(reviews.c.match_id == match_id).values(
                    values | {"reviewer_id": actor.user_id, "updated_at": now}))
            after = _match(conn.execute(_MATCHES.where(matches.c.id == match_id)).one())
            row = conn.execute(_REVIEWS.where(reviews.c.match_id == match_id)).first()
            new = _review(row) if row is not None else None
            record(conn, actor, "match.review", "match", match_id, org_id=org_id,
                   before=before.public() | {"review": old.public() if old else None},
                   after=after.public() | {"review": new.public() if new else None})
        return after, new

    def find_review(self, org_id: int, match_id: int) -> StoredReview | None:
        """The review of the organisation's match, if it has one."""
        with self.engine.connect() as conn:
            row = conn.execute(_REVIEWS.where(reviews.c.match_id == match_id,
                                              documents.c.org_id == org_id)).first()
        return _review(row) if row is not None else None

    def reviews(self, org_id: int, where: ReviewFilter = ReviewFilter(), *, limit: int = 50,
                offset: int = 0) -> tuple[list[StoredReview], int]:
        """The organisation's reviews, most recently changed first, and how many in all."""
        return self._page(_REVIEWS.where(documents.c.org_id == org_id, *where.conditions())
                          .order_by(reviews.c.updated_at.desc(), reviews.c.id.desc()),
                          _review, limit, offset)

    def reviews_of(self, org_id: int, match_ids: Sequence[int]) -> list[StoredReview]:
        """The reviews of the organisation's matches ``match_ids`` (those that have one)."""
        if not match_ids:
            return []
        return self._all(_REVIEWS.where(documents.c.org_id == org_id,
                                        reviews.c.match_id.in_(list(match_ids))), _review)

    def queue(self, org_id: int, where: MatchFilter = MatchFilter(status="suggested"), *,
              limit: int = 50, offset: int = 0,
              ) -> tuple[list[tuple[StoredMatch, StoredClaim]], int]:
        """The review queue: the organisation's matches (``suggested`` ones by default) with
        their claims, most check-worthy claim first, then most confident match; and how many
        there are in all."""
        query = (sa.select(matches, claims.c.document_id, claims.c.sentence,
                           claims.c.start_offset, claims.c.end_offset,
                           claims.c.text.label("claim_text"), claims.c.score.label("claim_score"),
                           claims.c.scorer, documents.c.language)
                 .join(claims, claims.c.id == matches.c.claim_id)
                 .join(documents, documents.c.id == claims.c.document_id)
                 .where(documents.c.org_id == org_id, *where.conditions())
                 .order_by(claims.c.score.desc(), matches.c.confidence.desc(), matches.c.id))

        def build(row: sa.Row[*tuple[Any, ...]]) -> tuple[StoredMatch, StoredClaim]:
            m = row._mapping
            claim = StoredClaim(id=m["claim_id"], document_id=m["document_id"],
                                sentence=m["sentence"], start=m["start_offset"],
                                end=m["end_offset"], text=m["claim_text"],
                                score=m["claim_score"], scorer=m["scorer"],
                                language=m["language"])
            return _match(row), claim

        return self._page(query, build, limit, offset)

    def overview(self, org_id: int, *, since: datetime) -> Overview:
        """The organisation's dashboard figures; claims by day count documents published (else
        added) since ``since``."""
        mine = documents.c.org_id == org_id
        live = sa.and_(matches.c.claim_id == claims.c.id, matches.c.status != "rejected")
        with self.engine.connect() as conn:
            n_docs, n_analysed = conn.execute(sa.select(
                sa.func.count(), sa.func.count(documents.c.analysed_at)).where(mine)).one()
            n_claims = conn.execute(sa.select(sa.func.count()).select_from(
                claims.join(documents, documents.c.id == claims.c.document_id))
                .where(mine)).scalar_one()
            n_matched = conn.execute(sa.select(sa.func.count()).select_from(
                claims.join(documents, documents.c.id == claims.c.document_id))
                .where(mine, sa.exists().where(live))).scalar_one()
            by_status: dict[str, int] = dict(conn.execute(
                sa.select(matches.c.status, sa.func.count())
                .join(claims, claims.c.id == matches.c.claim_id)
                .join(documents, documents.c.id == claims.c.document_id)
                .where(mine).group_by(matches.c.status)).all())
            per_doc = conn.execute(
                sa.select(_document_date, documents.c.language, sa.func.count())
                .join(claims, claims.c.document_id == documents.c.id)
                .where(mine, _document_date >= since)
                .group_by(documents.c.id, documents.c.published, documents.c.created_at,
                          documents.c.language)).all()
            top = {kind: [(t, n) for t, n in conn.execute(
                sa.select(matches.c.target_id,
                          sa.func.count(sa.distinct(matches.c.claim_id)).label("n"))
                .join(claims, claims.c.id == matches.c.claim_id)
                .join(documents, documents.c.id == claims.c.document_id)
                .where(mine, matches.c.status != "rejected", matches.c.target_kind == kind)
                .group_by(matches.c.target_id)
                .order_by(sa.desc("n"), matches.c.target_id).limit(10))]
                for kind in ("narrative", "factcheck")}
        days: dict[tuple[str, str], int] = {}
        for created, language, n in per_doc:
            key = (utc(created).date().isoformat(), language or "und")
            days[key] = days.get(key, 0) + n
        return Overview(
            documents=n_docs, analysed=n_analysed, claims=n_claims, matched_claims=n_matched,
            matches_by_status={s: by_status.get(s, 0) for s in MATCH_STATUSES},
            claims_by_day=sorted((d, lang, n) for (d, lang), n in days.items()),
            top_narratives=top["narrative"], top_factchecks=top["factcheck"])

    def _one(self, query: sa.Select[Any], what: str) -> sa.Row[*tuple[Any, ...]]:
        """The row ``query`` finds; :class:`RecordNotFoundError` naming ``what`` when none."""
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            raise RecordNotFoundError(f"no {what}")
        return row

    def _page(self, query: sa.Select[Any], build: Any, limit: int, offset: int,
              ) -> tuple[list[Any], int]:
        """A page of ``query``'s rows, built, and how many rows it has in all. The last page
        tells the total itself; only a full (or empty, past the end) page needs a count."""
        with self.engine.connect() as conn:
            rows = conn.execute(query.limit(limit).offset(offset)).all()
            if len(rows) < limit and (rows or offset == 0):
                total = offset + len(rows)
            else:
                total = conn.execute(sa.select(sa.func.count()).select_from(
                    query.order_by(None).subquery())).scalar_one()
        return [build(r) for r in rows], total

    def _all(self, query: sa.Select[Any], build: Any) -> list[Any]:
        """Every row of ``query``, built: for lists that are not paged, so nothing is
        counted."""
        with self.engine.connect() as conn:
            return [build(r) for r in conn.execute(query)]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _finding(org_id: int, doc: StoredDocument, claims_: list[StoredClaim],
             matches_of: dict[int, list[StoredMatch]],
             reviewed: dict[int, StoredReview]) -> Finding:
    """One document as it is shared: its claims with what analysts confirmed and said."""
    shared = []
    moments: list[datetime | None] = [doc.analysed_at or doc.created_at]
    for claim in claims_:
        own = matches_of.get(claim.id, [])
        notes = [reviewed[m.id] for m in own if m.id in reviewed]
        moments += [m.reviewed_at for m in own] + [r.updated_at for r in notes]
        verdict = next((r.verdict for r in notes if r.verdict), None)
        shared.append(FindingClaim(
            key=f"{org_id}:{claim.id}", text=claim.text, score=claim.score,
            language=claim.language,
            factchecks=tuple(m.target_id for m in own if m.status == "confirmed"
                             and m.target_kind == "factcheck"),
            verdict=Verdict(verdict) if verdict else None,
            note="\n\n".join(r.note for r in notes if r.note) or None,
            techniques=tuple(sorted({t for r in notes for t in r.techniques}))))
    return Finding(key=f"{org_id}:{doc.id}", title=doc.title, url=doc.url, source=doc.source,
                   published=(doc.published or doc.created_at).date(), language=doc.language,
                   marking=doc.marking, claims=tuple(shared), releasable_to=doc.releasable_to,
                   changed=max(m for m in moments if m is not None))
