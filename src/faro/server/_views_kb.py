"""The web UI's knowledge-base pages: fact-checks and narratives browsed, filtered and
searched; a fact-check's page and its form; the import page and an import's progress.

The same rules as every page (:mod:`faro.server._views`): signed-in users only, the CSRF token
on every form (checked by the gate), changes for analysts (viewers see no edit controls and a
post of theirs is refused with 403), deleting for admins, everything escaped by the templates.
Records are saved by the API's own function (:func:`~faro.server._api_kb.save_record`): the
same rules, identity and audit entries. Ids are often URLs, so pages name a record with the
``id`` query parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from faro._errors import FaroError, InvalidRequestError
from faro.kb.importers import FORMATS, record_to_json
from faro.model import FactCheck, Marking, Match, Narrative, Verdict
from faro.server._api_kb import audience, save_record, start_import
from faro.server._auth import Admin, Principal, Reader, Writer
from faro.server._render import pages
from faro.server._schemas_kb import FactCheckIn
from faro.server._state import ServerState, State
from faro.server._views import (
    PAGE,
    Choice,
    Offset,
    _day,
    _free,
    _language,
    _one_of,
    _query,
    _see,
    render,
)
from faro.sharing import Audience, Channel
from faro.store import FactCheckFilter, NarrativeFilter

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

KINDS = ("factcheck", "narrative")
#: A record's id as a page's query parameter or a form's field.
RecordId = Annotated[str, Query(min_length=1, max_length=512)]
#: The fields of the fact-check form, in its order.
FORM_FIELDS = ("claim", "title", "language", "rating", "verdict", "url", "publisher",
               "claimant", "review_date", "source_dataset", "marking")
#: The longest value of each field, as the API takes it (the form's ``maxlength``).
_MAX = {name: m.max_length for name, field in FactCheckIn.model_fields.items()
        for m in field.metadata if getattr(m, "max_length", None)}


@router.get("/kb")
def knowledge_base(principal: Reader, state: State, offset: Offset = 0,
                   q: Annotated[str | None, Query(max_length=2000)] = None,
                   kind: Choice = None, language: Choice = None, verdict: Choice = None,
                   country: Choice = None, since: Choice = None,
                   until: Choice = None) -> HTMLResponse:
    """Fact-checks (by language, verdict and review day) or narratives (by language and
    country) a page at a time, or both searched as matching ranks them."""
    verdicts = [v.value for v in Verdict]
    chosen = _one_of(kind, "kind", KINDS) or "factcheck"
    language, q = _language(language), _free(q)
    query = {"q": q, "kind": chosen, "language": language, "verdict": verdict,
             "country": country, "since": since, "until": until}
    results: list[Match] | None = None
    records: Sequence[FactCheck | Narrative] | None = None
    total = 0
    reader = _reader(state, principal)
    if q:
        results = [m for m in state.analyser.search(q, language, 20, reader) if not kind
                   or m.target_kind == chosen]
        total = len(results)
    elif chosen == "narrative":
        found_country = _free(country)
        if found_country is not None and not (len(found_country) == 2
                                              and found_country.isalpha()):
            raise InvalidRequestError("country must be a two-letter ISO 3166 code such as IT")
        records, total = state.store.kb.narratives(
            NarrativeFilter(language=language, country=found_country), limit=PAGE,
            offset=offset, audience=reader)
    else:
        records, total = state.store.kb.factchecks(
            FactCheckFilter(language=language, verdict=_one_of(verdict, "verdict", verdicts),
                            since=_day(since, "since"), until=_day(until, "until")),
            limit=PAGE, offset=offset, audience=reader)
    table = "factcheck" if chosen == "factcheck" else "narrative"
    languages = sorted(str(v) for v, _ in state.store.counts_by(table, "language") if v)
    return render("kb.html", principal, results=results, records=records, total=total,
                  offset=offset, paging=pages(total, PAGE, offset), languages=languages,
                  verdicts=verdicts, kinds=KINDS, kind=chosen, query=_query(query))


def _reader(state: ServerState, principal: Principal) -> Audience:
    """The signed-in user's organisation reading the knowledge base on a page."""
    return audience(state, principal, Channel.WEB)


# -- one record -----------------------------------------------------------------------------------


@router.get("/kb/factcheck")
def factcheck_page(id: RecordId, principal: Reader, state: State) -> HTMLResponse:
    record = state.store.kb.get("factcheck", id, _reader(state, principal))
    return render("kb_factcheck.html", principal, record=record, nav="kb")


@router.get("/kb/narrative")
def narrative_page(id: RecordId, principal: Reader, state: State) -> HTMLResponse:
    record = state.store.kb.get("narrative", id, _reader(state, principal))
    return render("kb_narrative.html", principal, record=record, nav="kb")


def _form(principal: Any, values: dict[str, Any], record_id: str = "",
          error: FaroError | None = None) -> HTMLResponse:
    released = values.get("releasable_to") or ""
    return render("kb_factcheck_form.html", principal, 422 if error else 200, nav="kb",
                  values={k: "" if values.get(k) is None else str(values[k])
                          for k in FORM_FIELDS},
                  released=released if isinstance(released, str) else ", ".join(released),
                  record_id=record_id, error=error, max=_MAX,
                  verdicts=[v.value for v in Verdict], markings=[m.value for m in Marking])


@router.get("/kb/factcheck/edit")
def factcheck_form(principal: Writer, state: State,
                   id: Annotated[str | None, Query(max_length=512)] = None) -> HTMLResponse:
    """The form of a new fact-check, or of the one ``id`` names."""
    if not id:
        return _form(principal, {"marking": Marking.CLEAR.value})
    record = state.store.kb.get("factcheck", id, _reader(state, principal))
    return _form(principal, record_to_json(record), record.id)


@router.post("/kb/factcheck/edit")
async def save_factcheck(principal: Writer, state: State,
                         id: Annotated[str, Form(max_length=512)] = "",
                         claim: Annotated[str, Form(max_length=10_000)] = "",
                         title: Annotated[str, Form(max_length=2000)] = "",
                         language: Annotated[str, Form(max_length=32)] = "",
                         rating: Annotated[str, Form(max_length=1000)] = "",
                         verdict: Annotated[str, Form(max_length=32)] = "",
                         url: Annotated[str, Form(max_length=4096)] = "",
                         publisher: Annotated[str, Form(max_length=1000)] = "",
                         claimant: Annotated[str, Form(max_length=1000)] = "",
                         review_date: Annotated[str, Form(max_length=32)] = "",
                         source_dataset: Annotated[str, Form(max_length=128)] = "",
                         marking: Annotated[str, Form(max_length=32)] = "",
                         releasable_to: Annotated[str, Form(max_length=2000)] = "",
                         ) -> Response:
    """Save the form: a new fact-check (its id made from the URL, else from the claim and
    publisher) or the one it edits. A verdict left blank is the rating's. What does not
    validate comes back in the form, with the reason."""
    given = {"claim": claim, "title": title, "language": language, "rating": rating,
             "verdict": verdict, "url": url, "publisher": publisher, "claimant": claimant,
             "review_date": review_date, "source_dataset": source_dataset,
             "marking": marking, "releasable_to": releasable_to}
    values = {k: _free(v) for k, v in given.items()}
    try:
        record, _ = await run_in_threadpool(partial(
            save_record, state, principal.actor, "factcheck", values,
            reader=_reader(state, principal), record_id=_free(id)))
    except FaroError as exc:
        if exc.code == "F403":  # the record edited is gone: the error page says so
            raise
        return _form(principal, given, id, exc)
    return _see(f"/kb/factcheck?{_id_query(record.id)}")


@router.post("/kb/factcheck/delete")
def delete_factcheck(principal: Admin, state: State,
                     id: Annotated[str, Form(min_length=1, max_length=512)]) -> Response:
    state.store.kb.get("factcheck", id, _reader(state, principal))
    state.store.kb.delete("factcheck", id, principal.actor)
    return _see("/kb")


def _id_query(record_id: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"id": record_id})


# -- importing ------------------------------------------------------------------------------------


def _import_form(principal: Any, error: FaroError | None = None,
                 values: dict[str, str] | None = None) -> HTMLResponse:
    return render("kb_import.html", principal, 422 if error else 200, nav="kb", error=error,
                  formats=FORMATS, kinds=KINDS,
                  values=values or dict.fromkeys(("format", "map", "lang", "source"), "")
                  | {"kind": "factcheck"})


@router.get("/kb/import")
def import_page(principal: Writer) -> HTMLResponse:
    return _import_form(principal)


@router.post("/kb/import")
async def import_upload(principal: Writer, state: State,
                        file: Annotated[UploadFile, File()],
                        format: Annotated[str, Form(max_length=32)] = "",
                        map: Annotated[str, Form(max_length=2000)] = "",
                        kind: Annotated[str, Form(max_length=16)] = "factcheck",
                        lang: Annotated[str, Form(max_length=32)] = "",
                        source: Annotated[str, Form(max_length=128)] = "") -> Response:
    """Start importing the uploaded file; its progress and report are on the next page."""
    values = {"format": format, "map": map, "kind": kind, "lang": lang, "source": source}
    try:
        chosen = _one_of(kind, "kind", KINDS) or "factcheck"
        job = start_import(state, principal, file.filename, await file.read(),
                           fmt=_free(format), column_map=_free(map), kind=chosen,
                           language=_free(lang), source=_free(source))
    except FaroError as exc:
        return _import_form(principal, exc, values)
    return _see(f"/kb/import/{job.id}")


@router.get("/kb/import/{job_id}")
def import_job(job_id: str, principal: Reader, state: State) -> Response:
    """An import's progress (polled by the page's script), then its report."""
    job = state.jobs.get(principal.org_id, job_id)
    if job.kind != "import":
        return _see(f"/jobs/{job.id}")
    return render("kb_import_job.html", principal, job=job, nav="kb")

