"""``/api/v1``: documents, their claims, the matches analysts confirm or reject, and their
reviews (verdict, note, DISARM techniques)."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Query, Request, Response, UploadFile
from pydantic import ValidationError

from faro._errors import (
    FaroError,
    InvalidRequestError,
    RecordNotFoundError,
    UnsupportedFormatError,
)
from faro.ingest import SUPPORTED_EXTENSIONS, RecordFields, read_source
from faro.kb.disarm import techniques
from faro.model import Document, FactCheck, Marking
from faro.server._auth import Reader, Writer
from faro.server._schemas import (
    ClaimOut,
    DocumentDetail,
    DocumentIn,
    DocumentOut,
    ImportResult,
    MarkingIn,
    MatchOut,
    Page,
    ReviewIn,
    ReviewOut,
    TechniqueOut,
    VerdictName,
)
from faro.server._state import ServerState, State
from faro.store import (
    Actor,
    ClaimFilter,
    DocumentFilter,
    MatchFilter,
    ReviewFilter,
    StoredClaim,
    StoredDocument,
    StoredMatch,
    StoredReview,
)

__all__ = ["claims_out", "import_file", "matches_out", "review_out", "router"]

router = APIRouter(prefix="/api/v1")

Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0)]
#: A language code as documents carry it (``en``, ``pt``, ``und``; a region may follow).
LANGUAGE_CODE = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
Language = Annotated[str | None, Query(pattern=LANGUAGE_CODE, max_length=32,
                                       description="ISO 639 code: `en`, `it`, `und`")]
Since = Annotated[date | None, Query(
    description="ISO date (YYYY-MM-DD), UTC: from the start of this day")]
Until = Annotated[date | None, Query(
    description="ISO date (YYYY-MM-DD), UTC: to the end of this day")]
MatchStatus = Literal["suggested", "confirmed", "rejected"]


def _out(doc: StoredDocument) -> DocumentOut:
    fields = DocumentOut.model_fields
    return DocumentOut(**{k: v for k, v in asdict(doc).items() if k in fields})


def _detail(doc: StoredDocument) -> DocumentDetail:
    fields = DocumentDetail.model_fields
    return DocumentDetail(**{k: v for k, v in asdict(doc).items() if k in fields})


def _parse_document(body: bytes, content_type: str) -> DocumentIn:
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    try:
        if kind == "application/json":
            return DocumentIn.model_validate_json(body)
        if kind == "text/plain":
            return DocumentIn(text=body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InvalidRequestError("a text/plain document must be UTF-8") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                             for e in exc.errors())
        raise InvalidRequestError(f"the document does not validate: {problems}") from exc
    raise InvalidRequestError(f"send a document as application/json or text/plain, not "
                              f"{kind or 'no content type'}")


@router.post("/documents", tags=["documents"], status_code=201, openapi_extra={
    "requestBody": {"required": True, "content": {
        "application/json": {"schema": DocumentIn.model_json_schema()},
        "text/plain": {"schema": {"type": "string"}}}}})
async def create_document(request: Request, principal: Writer, state: State,
                          analyse: bool = False) -> DocumentDetail:
    """Store a document: a JSON object, or plain UTF-8 text. With ``analyse=true`` it is
    analysed at once (language, claims, quotes, entities; claims matched to the knowledge
    base)."""
    from starlette.concurrency import run_in_threadpool

    given = _parse_document(await request.body(), request.headers.get("content-type", ""))
    doc = Document(id=given.id or "", text=given.text, source=given.source, title=given.title,
                   url=given.url, published=given.published, lang_hint=given.lang,
                   metadata=given.metadata)

    marked: dict[str, Any] = {"marking": given.marking} if given.marking else {}
    if given.releasable_to is not None:
        marked["releasable_to"] = sorted({n.strip() for n in given.releasable_to if n.strip()})

    def store() -> DocumentDetail:
        stored = state.store.documents.add(principal.org_id, doc, principal.actor,
                                           columns=marked)
        if analyse:
            stored = state.analyse(principal.org_id, stored, principal.actor)
        return _detail(stored)

    return await run_in_threadpool(store)


@router.post("/documents/import", tags=["documents"])
async def import_documents(
        file: Annotated[UploadFile, File(description=(
            "A .txt, .md, .html, .json or .jsonl file; JSON records as `faro analyze` reads "
            "them (text, id, lang, title fields)."))],
        principal: Writer, state: State, response: Response, analyse: bool = False,
) -> ImportResult:
    """Import the documents of one file, all together or none. A record's identity is its id
    field, else a digest of its text: importing the same file again adds nothing. Records that
    cannot be read are listed with their code and line; the others are imported."""
    from starlette.concurrency import run_in_threadpool

    data = await file.read()

    def work() -> ImportResult:
        created, skipped, problems = import_file(state, principal.org_id, principal.actor,
                                                 file.filename, data)
        if analyse:
            created = [state.analyse(principal.org_id, d, principal.actor) for d in created]
        return ImportResult(
            created=[_out(d) for d in created], existing=skipped,
            errors=[{"code": p.code, "message": p.message, "line": p.line} for p in problems])

    result = await run_in_threadpool(work)
    response.status_code = 201 if result.created else 200
    return result


def import_file(state: ServerState, org_id: int, actor: Actor, filename: str | None,
                data: bytes) -> tuple[list[StoredDocument], list[str], list[FaroError]]:
    """Store the documents of one uploaded file (read by :mod:`faro.ingest` as ``faro
    analyze`` reads it) together, or none: the new documents, the ids held already, and the
    records that could not be read. A record's identity is its id field, else a digest of its
    text. The API's import and the web inbox's upload both come here. Blocking."""
    name = Path(filename or "upload.txt").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise UnsupportedFormatError(f"faro imports {', '.join(sorted(SUPPORTED_EXTENSIONS))} "
                                     f"files, not {suffix or 'files without an extension'}",
                                     source=name)
    problems: list[FaroError] = []
    with tempfile.TemporaryDirectory(prefix="faro-import-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        docs = list(read_source(path, max_bytes=state.options.max_input_bytes,
                                fields=RecordFields.from_options(state.options),
                                on_error=problems.append))
    for doc in docs:
        doc.source = (doc.source or str(path)).replace(str(path), name)
        if not doc.id or doc.id.startswith(str(path)):  # no id of its own
            doc.id = "sha256:" + hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    created, skipped = state.store.documents.add_many(org_id, docs, actor)
    return created, skipped, problems


@router.get("/documents", tags=["documents"])
def list_documents(principal: Reader, state: State, limit: Limit = 50, offset: Offset = 0,
                   language: Language = None,
                   status: Literal["new", "analysed", "duplicate"] | None = None,
                   created_after: datetime | None = None,
                   created_before: datetime | None = None,
                   title: Annotated[str | None, Query(max_length=200)] = None,
                   source: Annotated[str | None, Query(max_length=200)] = None,
                   since: Since = None, until: Until = None,
                   q: Annotated[str | None, Query(max_length=200, description=(
                       "Words the title or the text contains"))] = None,
                   ) -> Page[DocumentOut]:
    """The organisation's documents, newest first (without their text). ``since`` and
    ``until`` bound the day each was published (the day it was added when it has no
    publication date); ``created_after`` and ``created_before`` the moment it was added."""
    where = DocumentFilter(language=language, status=status, created_after=created_after,
                           created_before=created_before, title=title or None,
                           source=source or None, since=since, until=until, text=q or None)
    docs, total = state.store.documents.find(principal.org_id, where, limit=limit,
                                             offset=offset)
    return Page[DocumentOut](items=[_out(d) for d in docs], total=total, limit=limit,
                             offset=offset)


@router.get("/documents/{document_id}", tags=["documents"])
def get_document(document_id: int, principal: Reader, state: State) -> DocumentDetail:
    """A document with its text and, once analysed, its analysis."""
    return _detail(state.store.documents.get(principal.org_id, document_id))


@router.post("/documents/{document_id}/analyse", tags=["documents"])
def analyse_document(document_id: int, principal: Writer, state: State) -> DocumentDetail:
    """Analyse (or re-analyse) a document; its claims and matches are replaced."""
    stored = state.store.documents.get(principal.org_id, document_id)
    return _detail(state.analyse(principal.org_id, stored, principal.actor))


@router.put("/documents/{document_id}/marking", tags=["documents"])
def mark_document(document_id: int, body: MarkingIn, principal: Writer, state: State
                  ) -> DocumentOut:
    """Set the document's TLP 2.0 marking and the organisations an AMBER one is released
    to; its claims, matches and reviews share them."""
    return _out(state.store.documents.mark(principal.org_id, document_id,
                                           Marking(body.marking), body.releasable_to,
                                           principal.actor))


@router.delete("/documents/{document_id}", tags=["documents"], status_code=204)
def delete_document(document_id: int, principal: Writer, state: State) -> None:
    """Delete a document with its claims and matches."""
    state.store.documents.delete(principal.org_id, document_id, principal.actor)


# -- claims and matches --------------------------------------------------------------------


def review_out(review: StoredReview) -> ReviewOut:
    names = techniques()
    fields = ReviewOut.model_fields
    return ReviewOut(**{k: v for k, v in asdict(review).items() if k in fields} | {
        "techniques": [TechniqueOut(id=t, name=names.get(t, t)) for t in review.techniques]})


def matches_out(state: ServerState, org_id: int,
                found: Sequence[StoredMatch]) -> list[MatchOut]:
    """Matches with what they point at (verdict, title, source) read from the knowledge base,
    and their reviews."""
    records = state.store.get_records(sorted({m.target_id for m in found}))
    reviewed = state.store.documents.reviews_of(org_id, [m.id for m in found])
    by_match = {r.match_id: review_out(r) for r in reviewed}
    out = []
    for m in found:
        record = records.get(m.target_id)
        extra: dict[str, object] = {}
        if isinstance(record, FactCheck):
            extra = {"verdict": record.verdict.value if record.verdict else None,
                     "text": record.claim, "title": record.title, "rating": record.rating,
                     "url": record.url, "source": record.publisher}
        elif record is not None:
            extra = {"text": record.summary, "title": record.title, "url": record.url,
                     "source": record.source}
        out.append(MatchOut(id=m.id, claim_id=m.claim_id, target_id=m.target_id,
                            target_kind=m.target_kind,  # type: ignore[arg-type]
                            score=m.score, confidence=m.confidence,
                            status=m.status,  # type: ignore[arg-type]
                            reviewed_by=m.reviewed_by, reviewed_at=m.reviewed_at,
                            review=by_match.get(m.id), **extra))  # type: ignore[arg-type]
    return out


def claims_out(state: ServerState, org_id: int,
                claims: Sequence[StoredClaim]) -> list[ClaimOut]:
    found = state.store.documents.matches_of(org_id, [c.id for c in claims])
    by_claim: dict[int, list[MatchOut]] = {}
    for match in matches_out(state, org_id, found):
        by_claim.setdefault(match.claim_id or 0, []).append(match)
    return [ClaimOut(**asdict(c), matches=by_claim.get(c.id, [])) for c in claims]


@router.get("/claims", tags=["claims"])
def list_claims(principal: Reader, state: State, limit: Limit = 50, offset: Offset = 0,
                document_id: int | None = None, language: Language = None,
                min_score: Annotated[float | None, Query(ge=0, le=1)] = None,
                since: Since = None, until: Until = None,
                has_match: Annotated[bool | None, Query(description=(
                    "With (true) or without (false) a match that is not rejected"))] = None,
                ) -> Page[ClaimOut]:
    """The organisation's claims, best scoring first, with their matches. Every stored claim
    is check-worthy (the pipeline's flag decides which are kept). ``since`` and ``until``
    bound the day the claim's document was published (else added)."""
    where = ClaimFilter(document_id=document_id, language=language, min_score=min_score,
                        since=since, until=until, has_match=has_match)
    claims, total = state.store.documents.claims(principal.org_id, where, limit=limit,
                                                 offset=offset)
    return Page[ClaimOut](items=claims_out(state, principal.org_id, claims), total=total,
                          limit=limit, offset=offset)


@router.get("/claims/{claim_id}", tags=["claims"])
def get_claim(claim_id: int, principal: Reader, state: State) -> ClaimOut:
    claim = state.store.documents.get_claim(principal.org_id, claim_id)
    return claims_out(state, principal.org_id, [claim])[0]


@router.get("/matches", tags=["matches"])
def list_matches(principal: Reader, state: State, limit: Limit = 50, offset: Offset = 0,
                 status: MatchStatus | None = None, document_id: int | None = None,
                 verdict: Annotated[VerdictName | None, Query(description=(
                     "The verdict of the fact-check matched"))] = None,
                 language: Language = None, since: Since = None, until: Until = None,
                 ) -> Page[MatchOut]:
    """The organisation's matches, most confident first (``status=suggested``: the ones
    waiting for review). ``since`` and ``until`` bound the day the claim's document was
    published (else added)."""
    where = MatchFilter(status=status, verdict=verdict, language=language, since=since,
                        until=until, document_id=document_id)
    found, total = state.store.documents.matches(principal.org_id, where, limit=limit,
                                                 offset=offset)
    return Page[MatchOut](items=matches_out(state, principal.org_id, found), total=total,
                          limit=limit, offset=offset)


def _review(match_id: int, status: str, principal: Writer, state: ServerState) -> MatchOut:
    match = state.store.documents.review_match(principal.org_id, match_id, status,
                                               principal.actor)
    return matches_out(state, principal.org_id, [match])[0]


@router.post("/matches/{match_id}/confirm", tags=["matches"])
def confirm_match(match_id: int, principal: Writer, state: State) -> MatchOut:
    """An analyst confirms that the record addresses the claim."""
    return _review(match_id, "confirmed", principal, state)


@router.post("/matches/{match_id}/reject", tags=["matches"])
def reject_match(match_id: int, principal: Writer, state: State) -> MatchOut:
    """An analyst rejects the match."""
    return _review(match_id, "rejected", principal, state)


@router.post("/matches/{match_id}/review", tags=["reviews"])
def review_match(match_id: int, body: ReviewIn, principal: Writer, state: State) -> MatchOut:
    """An analyst reviews a match: its status (confirm, reject), the verdict they give the
    claim, a note, and the DISARM techniques it shows. Fields left out keep their value; an
    unknown technique id is refused (422, F504). Recorded in the audit log as
    ``match.review``."""
    changes = {k: getattr(body, k) for k in body.model_fields_set}
    if changes.get("status", "") is None:
        del changes["status"]
    match, _ = state.store.documents.review(principal.org_id, match_id, changes,
                                            principal.actor)
    return matches_out(state, principal.org_id, [match])[0]


@router.get("/matches/{match_id}/review", tags=["reviews"])
def get_review(match_id: int, principal: Reader, state: State) -> ReviewOut:
    """The review of a match (404 while it has none)."""
    found = state.store.documents.find_review(principal.org_id, match_id)
    if found is None:
        raise RecordNotFoundError(f"no review of match {match_id}")
    return review_out(found)


@router.get("/reviews", tags=["reviews"])
def list_reviews(principal: Reader, state: State, limit: Limit = 50, offset: Offset = 0,
                 document_id: int | None = None, verdict: VerdictName | None = None,
                 reviewer: Annotated[int | None, Query(ge=1, description=(
                     "The id of the user who changed the review last"))] = None,
                 since: Since = None, until: Until = None) -> Page[ReviewOut]:
    """The organisation's reviews, most recently changed first. ``since`` and ``until``
    bound the day a review was last changed."""
    where = ReviewFilter(document_id=document_id, verdict=verdict, reviewer_id=reviewer,
                         since=since, until=until)
    found, total = state.store.documents.reviews(principal.org_id, where, limit=limit,
                                                 offset=offset)
    return Page[ReviewOut](items=[review_out(r) for r in found], total=total, limit=limit,
                           offset=offset)


@router.get("/disarm/techniques", tags=["reviews"])
def list_techniques(_principal: Reader) -> list[TechniqueOut]:
    """The DISARM techniques reviews are tagged with: ids and names from the DISARM
    Foundation's framework (CC BY-SA 4.0, https://github.com/DISARMFoundation/DISARMframeworks).
    """
    return [TechniqueOut(id=t, name=n) for t, n in techniques().items()]
