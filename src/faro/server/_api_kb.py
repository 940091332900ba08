"""``/api/v1``: the knowledge base (shared by every organisation): fact-checks and narratives
read, searched, created, changed and deleted, and files of them imported in the background.

Analysts and admins create and change records; only admins delete them (a record is shared by
every organisation, and its matches lose what they point at). Every change is audited in the
changer's organisation with the record before and after; an import is one entry with its
counts. A record's id is its identity as the importers make it, so creating a record that is
held already updates it (200) instead of duplicating it (201 for a new one). Every change
raises the knowledge-base version: the search index is rebuilt before it is next used, so a
search right after a change finds what changed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from faro._errors import (
    ConflictError,
    FaroError,
    RecordNotFoundError,
    UnknownKBFormatError,
    UnknownLanguageError,
)
from faro.kb._records import KBRecord, with_language
from faro.kb.importers import FORMATS, parse_column_map, read_file, record_to_json
from faro.kb.importers._codes import language_code
from faro.kb.importers._fields import ReadContext, build_factcheck, build_narrative
from faro.model import FactCheck, Verdict
from faro.server._api_documents import Language, Limit, Offset
from faro.server._auth import Admin, Principal, Reader, Writer
from faro.server._jobs import Job
from faro.server._schemas import FactCheckOut, MatchOut, Page
from faro.server._schemas_kb import (
    FactCheckIn,
    FactCheckPatch,
    JobOut,
    NarrativeIn,
    NarrativeOut,
    NarrativePatch,
)
from faro.server._state import ServerState, State
from faro.sharing import Audience, Channel
from faro.store import Actor, FactCheckFilter, NarrativeFilter

__all__ = ["SHOWN_REJECTS", "audience", "factcheck_out", "narrative_out", "router", "save_record",
           "start_import"]

router = APIRouter(prefix="/api/v1")

#: Rejected rows an import's report lists in full; the rest are counted.
SHOWN_REJECTS = 1000
Kind = Literal["factcheck", "narrative"]
#: What records made from an API body or a web form say they were read from.
_CONTEXT = ReadContext(source="api", path=Path("api"))
_BUILD: dict[str, Callable[..., KBRecord]] = {"factcheck": build_factcheck,
                                               "narrative": build_narrative}
Text = Annotated[str | None, Query(max_length=200, description="Words the text contains")]


def factcheck_out(record: FactCheck) -> FactCheckOut:
    return FactCheckOut.model_validate(record_to_json(record))


def narrative_out(record: KBRecord) -> NarrativeOut:
    return NarrativeOut.model_validate(record_to_json(record))


# -- records -------------------------------------------------------------------------------------


def audience(state: ServerState, principal: Principal, channel: Channel = Channel.API
             ) -> Audience:
    """The caller's organisation reading the knowledge base: what TLP lets it see of it."""
    return state.store.kb.audience(principal.org_id, channel)


def save_record(state: ServerState, actor: Actor, kind: str, values: dict[str, Any], *,
                reader: Audience, record_id: str | None = None, source_id: str | None = None,
                ) -> tuple[KBRecord, bool]:
    """Create (no ``record_id``) or change a record from field values, under the importers'
    rules; the record stored and whether it is new. A change merges ``values`` into the stored
    record; a new rating without a verdict sets the verdict from the rating. A record the
    ``reader`` may not read is missing to a change (F403); creating one of the same identity
    is refused (F404). Blocking."""
    kb = state.store.kb
    if record_id is None:
        made = with_language(_BUILD[kind](values, _CONTEXT, source_id=source_id))
        try:
            kb.get(kind, made.id, reader)
        except RecordNotFoundError:
            if kb.exists(kind, made.id):
                raise ConflictError(f"a {kind} of this identity exists and your organisation "
                                    "may not change it (its TLP marking)") from None
        before, _ = kb.put(made, actor)
        return made, before is None
    kb.get(kind, record_id, reader)  # missing to a reader who may not see it

    def edit(before: KBRecord) -> KBRecord:
        merged = record_to_json(before) | values
        if "rating" in values and "verdict" not in values:
            merged["verdict"] = None  # normalised from the new rating
        return with_language(_BUILD[kind](merged, _CONTEXT, record_id=before.id))

    return kb.change(kind, record_id, edit, actor)[1], False


async def _create(kind: Kind, body: FactCheckIn | NarrativeIn, principal: Principal,
                  state: ServerState, response: Response) -> KBRecord:
    values = body.model_dump(exclude={"source_id"}, exclude_none=True)
    record, new = await run_in_threadpool(partial(
        save_record, state, principal.actor, kind, values, reader=audience(state, principal),
        source_id=body.source_id))
    response.status_code = 201 if new else 200
    return record


async def _change(kind: Kind, record_id: str, body: FactCheckPatch | NarrativePatch,
                  principal: Principal, state: ServerState) -> KBRecord:
    values = body.model_dump(exclude_unset=True)
    record, _ = await run_in_threadpool(partial(
        save_record, state, principal.actor, kind, values, reader=audience(state, principal),
        record_id=record_id))
    return record


@router.get("/factchecks", tags=["knowledge base"])
def list_factchecks(principal: Reader, state: State, limit: Limit = 50, offset: Offset = 0,
                    language: Language = None, verdict: Verdict | None = None,
                    since: Annotated[date | None, Query(description="Reviewed on or after")]
                    = None,
                    until: Annotated[date | None, Query(description="Reviewed on or before")]
                    = None, q: Text = None) -> Page[FactCheckOut]:
    """Fact-checks in id order, narrowed by language, verdict, the day reviewed and words of
    the claim or title."""
    where = FactCheckFilter(language=language, verdict=verdict.value if verdict else None,
                            since=since, until=until, text=q or None)
    found, total = state.store.kb.factchecks(where, limit=limit, offset=offset,
                                             audience=audience(state, principal))
    return Page[FactCheckOut](items=[factcheck_out(r) for r in found], total=total,
                              limit=limit, offset=offset)


@router.post("/factchecks", tags=["knowledge base"], status_code=201)
async def create_factcheck(body: FactCheckIn, principal: Writer, state: State,
                           response: Response) -> FactCheckOut:
    """Store a fact-check (201), or update the one of the same identity (200)."""
    record = await _create("factcheck", body, principal, state, response)
    assert isinstance(record, FactCheck)
    return factcheck_out(record)


@router.post("/factchecks/import", tags=["knowledge base"], status_code=202)
async def import_factchecks(
        file: Annotated[UploadFile, File(description=(
            "Any file `faro kb import` reads: ClaimReview JSON-LD (or a saved page), Fact "
            "Check API JSON, CSV/TSV/JSONL, CLEF verified claims, EUvsDisinfo CSV."))],
        principal: Writer, state: State, response: Response,
        format: Annotated[str | None, Form(max_length=32)] = None,
        map: Annotated[str | None, Form(max_length=2000, description=(
            "Column map for tables: faro field=column,... (claim=summary,url=link)"))] = None,
        kind: Annotated[Kind, Form()] = "factcheck",
        lang: Annotated[str | None, Form(max_length=32)] = None,
        source: Annotated[str | None, Form(max_length=128)] = None) -> JobOut:
    """Import a file of fact-checks or narratives in the background (202); follow the job at
    ``Location``. Its valid records are stored in one transaction, all or none; re-importing
    updates, never duplicates. The report lists the rows refused (file:line, code, reason); a
    file that cannot be read at all stores nothing and fails the job with its code."""
    job = start_import(state, principal, file.filename, await file.read(), fmt=format,
                       column_map=map, kind=kind, language=lang, source=source)
    response.headers["location"] = f"/api/v1/jobs/{job.id}"
    return JobOut.model_validate(job.public())


@router.get("/jobs/{job_id}", tags=["knowledge base"])
def get_job(job_id: str, principal: Reader, state: State) -> JobOut:
    """A background job of the organisation: an import (with its report once over) or an
    analysis."""
    return JobOut.model_validate(state.jobs.get(principal.org_id, job_id).public())


@router.get("/factchecks/search", tags=["knowledge base"])
def search_factchecks(principal: Reader, state: State,
                      q: Annotated[str, Query(min_length=1, max_length=2000)],
                      lang: Annotated[str | None, Query(max_length=16)] = None,
                      k: Annotated[int, Query(ge=1, le=100)] = 10) -> list[MatchOut]:
    """Records of the knowledge base for ``q``, ranked as matching ranks them, every one
    shown with its calibrated confidence."""
    return [MatchOut(id=None, claim_id=None, target_id=m.target_id,
                     target_kind=m.target_kind,  # type: ignore[arg-type]
                     score=m.score, confidence=m.confidence,
                     status=m.status,  # type: ignore[arg-type]
                     verdict=m.verdict.value if m.verdict else None, text=m.text,
                     title=m.title, rating=m.rating, url=m.url, source=m.source)
            for m in state.analyser.search(q, lang, k, audience(state, principal))]


@router.get("/factchecks/{record_id:path}", tags=["knowledge base"])
def get_factcheck(record_id: str, principal: Reader, state: State) -> FactCheckOut:
    """One fact-check by id (ids are often URLs: send them as they are)."""
    record = state.store.kb.get("factcheck", record_id, audience(state, principal))
    assert isinstance(record, FactCheck)
    return factcheck_out(record)


@router.patch("/factchecks/{record_id:path}", tags=["knowledge base"])
async def change_factcheck(record_id: str, body: FactCheckPatch, principal: Writer,
                           state: State) -> FactCheckOut:
    """Change a fact-check's fields (its id stays, even when its URL changes)."""
    record = await _change("factcheck", record_id, body, principal, state)
    assert isinstance(record, FactCheck)
    return factcheck_out(record)


@router.delete("/factchecks/{record_id:path}", tags=["knowledge base"], status_code=204)
def delete_factcheck(record_id: str, principal: Admin, state: State) -> Response:
    """Delete a fact-check (admins: the knowledge base is every organisation's)."""
    state.store.kb.get("factcheck", record_id, audience(state, principal))
    state.store.kb.delete("factcheck", record_id, principal.actor)
    return Response(status_code=204)


# -- narratives ----------------------------------------------------------------------------------


@router.get("/narratives", tags=["knowledge base"])
def list_narratives(principal: Reader, state: State, limit: Limit = 50, offset: Offset = 0,
                    language: Language = None,
                    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$", description=(
                        "ISO 3166-1 alpha-2 code: `IT`"))] = None,
                    q: Text = None) -> Page[NarrativeOut]:
    """Known narratives in id order, narrowed by language, country and words of the title or
    summary."""
    where = NarrativeFilter(language=language, country=country, text=q or None)
    found, total = state.store.kb.narratives(where, limit=limit, offset=offset,
                                             audience=audience(state, principal))
    return Page[NarrativeOut](items=[narrative_out(r) for r in found], total=total,
                              limit=limit, offset=offset)


@router.post("/narratives", tags=["knowledge base"], status_code=201)
async def create_narrative(body: NarrativeIn, principal: Writer, state: State,
                           response: Response) -> NarrativeOut:
    """Store a narrative (201), or update the one of the same identity (200)."""
    return narrative_out(await _create("narrative", body, principal, state, response))


@router.get("/narratives/{record_id:path}", tags=["knowledge base"])
def get_narrative(record_id: str, principal: Reader, state: State) -> NarrativeOut:
    return narrative_out(state.store.kb.get("narrative", record_id, audience(state, principal)))


@router.patch("/narratives/{record_id:path}", tags=["knowledge base"])
async def change_narrative(record_id: str, body: NarrativePatch, principal: Writer,
                           state: State) -> NarrativeOut:
    return narrative_out(await _change("narrative", record_id, body, principal, state))


@router.delete("/narratives/{record_id:path}", tags=["knowledge base"], status_code=204)
def delete_narrative(record_id: str, principal: Admin, state: State) -> Response:
    state.store.kb.get("narrative", record_id, audience(state, principal))
    state.store.kb.delete("narrative", record_id, principal.actor)
    return Response(status_code=204)


# -- importing -----------------------------------------------------------------------------------


def start_import(state: ServerState, principal: Principal, filename: str | None, data: bytes,
                 *, fmt: str | None = None, column_map: str | None = None,
                 kind: str = "factcheck", language: str | None = None,
                 source: str | None = None) -> Job:
    """Check the options of an import (F302 format, F303 column map, F202 language: refused
    here, before any work) and start it as a background job. The API's import and the web
    UI's import page both come here."""
    fmt, column_map = fmt or None, column_map or None
    if fmt is not None and fmt not in FORMATS:
        raise UnknownKBFormatError(f"unknown knowledge-base format {fmt!r}",
                                   hint=f"faro reads: {', '.join(FORMATS)}")
    mapping = parse_column_map(column_map) if column_map else None
    if language and language_code(language) is None:
        raise UnknownLanguageError(f"unknown language code {language!r}")
    name = Path(filename or "upload").name or "upload"
    options = {"fmt": fmt, "column_map": mapping, "kind": kind, "language": language or None,
               "source_dataset": source or None}

    def run(job: Job) -> None:
        _import(state, principal.actor, job, name, data, options)

    return state.jobs.start(principal.org_id, "import", run,
                            notes=[f"Importing {name} into the knowledge base"])


def _import(state: ServerState, actor: Actor, job: Job, name: str, data: bytes,
            options: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="faro-kb-import-") as folder:
        path = Path(folder) / name  # the name is kept: formats are told by it
        path.write_bytes(data)
        try:
            parsed = read_file(path, **options)
        except FaroError as exc:  # the file as the analyst named it, not where it was put
            exc.message = exc.message.replace(str(path), name)
            raise
    job.size = len(parsed.records)
    records: list[KBRecord] = []
    for _, record in parsed.records:  # identifying languages is the slow part
        records.append(with_language(record))
        job.done += 1
    counts = state.store.put_records(records, actor=actor, source=name)
    rejected = [replace(r, source=name) for r in parsed.rejected]
    job.report = {
        "file": name, "format": parsed.format, "records": len(records),
        "inserted": counts.inserted, "updated": counts.updated, "unchanged": counts.unchanged,
        "notes": [f"[{n.code}] {n.message}" for n in parsed.notes],
        "rejected_count": len(rejected),
        "rejected": [{"where": f"{name}:{r.line}" if r.line is not None else name,
                      "line": r.line, "code": r.code, "reason": r.reason}
                     for r in rejected[:SHOWN_REJECTS]]}
