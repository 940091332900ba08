"""The web UI: server-rendered pages over the same store, roles and sessions as the API.

Every page but the sign-in form needs a signed-in user (the gate sends anonymous readers to
``/sign-in``); every form post carries the session's CSRF token as ``csrf_token``, which the gate
checks; changes need an analyst (viewers see no edit forms, and a post of theirs is refused with
403); everything read is the caller's organisation's, through the store functions that filter
by it. Templates autoescape everything; nothing untrusted is marked safe.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from faro._errors import AuthenticationError, InvalidRequestError, RateLimitedError
from faro.kb.disarm import parse_techniques, techniques
from faro.model import FactCheck, Marking, Verdict
from faro.server._api_accounts import (
    end_session,
    new_sign_in_csrf,
    open_session,
    set_session_cookie,
)
from faro.server._api_documents import LANGUAGE_CODE, claims_out, import_file, matches_out
from faro.server._auth import (
    CSRF_COOKIE,
    CSRF_FIELD,
    Admin,
    Principal,
    Reader,
    Writer,
    is_page,
    same_secret,
)
from faro.server._render import (
    claims_chart,
    environment,
    pages,
    segments,
    share,
    volume_chart,
)
from faro.server._state import ServerState, State
from faro.store import MATCH_STATUSES, DocumentFilter, MatchFilter, read_audit
from faro.store._accounts import level
from faro.store._documents import MAX_NOTE_CHARS
from faro.store._narratives import Narratives

__all__ = ["install", "router"]

router = APIRouter(include_in_schema=False)

#: Rows per page of the inbox, the review queue, the knowledge base and the audit log.
PAGE = 25
#: Days the dashboard's chart of claims covers.
CHART_DAYS = 14
#: Narratives found in the claims that the dashboard charts (most claims in the window first).
TOP_NARRATIVES = 10

Offset = Annotated[int, Query(ge=0)]
#: An empty ``<select>`` choice comes as an empty string: no filter.
Choice = Annotated[str | None, Query(max_length=64)]
#: Words a filter's text field looks for.
Text = Annotated[str | None, Query(max_length=200)]


def _free(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _one_of(value: str | None, name: str, allowed: Any) -> str | None:
    """A filter's choice among ``allowed`` (an empty one: no filter); a bad value is refused
    (422, F504) as the API refuses it."""
    value = _free(value)
    if value is not None and value not in allowed:
        raise InvalidRequestError(f"{name} must be one of {', '.join(allowed)}")
    return value


def _language(value: str | None) -> str | None:
    value = _free(value)
    if value is not None and not re.fullmatch(LANGUAGE_CODE, value):
        raise InvalidRequestError(f"language must be an ISO 639 code such as en or it, not "
                                  f"{value[:32]!r}")
    return value


def _day(value: str | None, name: str) -> date | None:
    """A date field of a filter form (``YYYY-MM-DD``, what ``<input type=date>`` sends)."""
    value = _free(value)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidRequestError(f"{name} must be a date as YYYY-MM-DD, not "
                                  f"{value[:32]!r}") from None


def safe_next(value: str | None) -> str:
    """Where to go after a form: a path of this site, never another site's address."""
    if (not value or not value.startswith("/") or value.startswith("//")
            or "\\" in value or any(ord(c) < 32 for c in value)):
        return "/"
    return value


def render(name: str, principal: Principal | None, status_code: int = 200,
           **context: Any) -> HTMLResponse:
    """The page ``name`` for ``principal``, with what every page shows (who, the CSRF token,
    what they may do)."""
    section = name.removesuffix(".html")
    context.setdefault("nav", _SECTION.get(section, section))
    html = environment().get_template(name).render(
        user=principal.user if principal else None,
        csrf=(principal.csrf or "") if principal else "",
        can_write=bool(principal and principal.level >= level("analyst")),
        is_admin=bool(principal and principal.level >= level("admin")),
        **context)
    return HTMLResponse(html, status_code=status_code)


#: What a sign-in form's CSRF token looks like (``secrets.token_urlsafe(32)``).
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")

#: The navigation entry a page belongs to, where it is not its own.
_SECTION = {"document": "documents", "job": "documents"}


def _see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


# -- signing in and out ------------------------------------------------------------------------


def _sign_in_page(request: Request, next_: str, status: int = 200, error: str | None = None,
                  email: str = "") -> HTMLResponse:
    # the browser's token is kept while it lasts: a second tab, or a request the browser makes
    # on its own (a favicon sent here), must not void the form already on screen
    given = request.cookies.get(CSRF_COOKIE) or ""
    token = given if _TOKEN.fullmatch(given) else secrets.token_urlsafe(32)
    response = render("sign_in.html", None, status, next=safe_next(next_), error=error,
                      email=email, sign_in_csrf=token)
    new_sign_in_csrf(response, token)  # the double-submit cookie the post must match
    return response


@router.get("/sign-in")
def sign_in_form(request: Request, next: str = "/") -> Response:
    """The sign-in form (public); a signed-in user goes straight on."""
    if request.state.principal is not None:
        return _see(safe_next(next))
    return _sign_in_page(request, next)


@router.post("/sign-in")
async def sign_in(request: Request, state: State) -> Response:
    """The sign-in form's post (public): a session cookie, then the page asked for."""
    form = await request.form()
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    wanted = safe_next(str(form.get("next") or "/"))
    if not same_secret(str(form.get(CSRF_FIELD) or ""), request.cookies.get(CSRF_COOKIE)):
        return _sign_in_page(request, wanted, 403, "The form had expired; please try again.",
                             email)
    if not email or not password:
        return _sign_in_page(request, wanted, 422, "Enter your e-mail address and password.",
                             email)
    try:
        _user, cookie, _csrf = await run_in_threadpool(open_session, state, email, password,
                                                       request)
    except AuthenticationError:
        return _sign_in_page(request, wanted, 401, "Wrong e-mail address or password.", email)
    except RateLimitedError:
        return _sign_in_page(request, wanted, 429,
                             "Too many sign-in attempts; wait a minute and try again.", email)
    response = _see(wanted)
    set_session_cookie(response, state, cookie)
    response.delete_cookie(CSRF_COOKIE, path="/", secure=True, httponly=True,
                           samesite="strict")
    return response


@router.post("/sign-out")
def sign_out(request: Request, _principal: Reader, state: State) -> Response:
    response = _see("/sign-in")
    end_session(request, response, state)
    return response


# -- dashboard -----------------------------------------------------------------------------------


@router.get("/")
def dashboard(principal: Reader, state: State) -> HTMLResponse:
    today = datetime.now(UTC).date()
    first = today - timedelta(days=CHART_DAYS - 1)
    since = datetime(first.year, first.month, first.day, tzinfo=UTC)
    overview = state.store.documents.overview(principal.org_id, since=since)
    chart = claims_chart(overview.claims_by_day, first, CHART_DAYS)
    ranked = {"narratives": overview.top_narratives, "factchecks": overview.top_factchecks}
    records = state.store.get_records([t for rows in ranked.values() for t, _ in rows])
    top = {kind: [{"id": t, "claims": n, "title": _record_title(records.get(t))}
                  for t, n in rows] for kind, rows in ranked.items()}
    kb = state.store.kb_state()
    found, window = Narratives.of(state.store.engine).find(principal.org_id,
                                                           limit=TOP_NARRATIVES)
    days = window.days
    trends = [{"id": n.id, "title": n.title, "claims": n.window_volume, "size": n.size,
               "emerging": n.emerging, "languages": ", ".join(n.languages),
               "chart": volume_chart(n.volume, days, {b.day for b in n.bursts})}
              for n in found]
    return render("dashboard.html", principal, overview=overview, chart=chart, top=top,
                  kb=kb, matched_share=share(overview.matched_claims, overview.claims),
                  chart_days=CHART_DAYS, trends=trends, window=window)


def _record_title(record: object) -> str:
    if isinstance(record, FactCheck):
        return record.title or record.claim
    return str(getattr(record, "title", "") or "(no longer in the knowledge base)")


# -- documents -----------------------------------------------------------------------------------


@router.get("/documents")
def inbox(principal: Reader, state: State, offset: Offset = 0, language: Choice = None,
          status: Choice = None, title: Text = None, source: Text = None, q: Text = None,
          since: Choice = None, until: Choice = None) -> HTMLResponse:
    """The documents, newest first, filtered as the form asks (kept in the page links)."""
    where = DocumentFilter(language=_language(language),
                           status=_one_of(status, "status", ("new", "analysed", "duplicate")),
                           title=_free(title), source=_free(source), text=_free(q),
                           since=_day(since, "since"), until=_day(until, "until"))
    docs, total = state.store.documents.find(principal.org_id, where, limit=PAGE,
                                             offset=offset)
    query = {"language": where.language, "status": where.status, "title": where.title,
             "source": where.source, "q": where.text, "since": since, "until": until}
    return render("documents.html", principal, docs=docs, total=total, offset=offset,
                  paging=pages(total, PAGE, offset), where=where,
                  languages=state.store.documents.languages(principal.org_id),
                  query=_query(query))


def _query(values: dict[str, str | None]) -> dict[str, str]:
    """A filter form's values as its page links carry them (an empty field: no filter)."""
    return {k: _free(v) or "" for k, v in values.items()}


@router.post("/documents")
def paste(principal: Writer, state: State, text: Annotated[str, Form(max_length=1_000_000)],
          title: Annotated[str, Form(max_length=500)] = "",
          lang: Annotated[str, Form(max_length=16)] = "") -> Response:
    """Store pasted text and analyse it in the background."""
    from faro.model import Document

    if not text.strip():
        raise InvalidRequestError("paste some text")
    stored = state.store.documents.add(principal.org_id, Document(
        id="", text=text, title=_free(title), lang_hint=_free(lang), source="pasted"),
        principal.actor)
    job = state.jobs.analyse(principal.org_id, [stored.id], principal.actor)
    return _see(f"/jobs/{job.id}")


@router.post("/documents/upload")
async def upload(principal: Writer, state: State,
                 file: Annotated[UploadFile, File()]) -> Response:
    """Import an uploaded file (text, HTML, JSON or JSONL of many documents) and analyse its
    new documents in the background."""
    data = await file.read()
    created, skipped, problems = await run_in_threadpool(
        import_file, state, principal.org_id, principal.actor, file.filename, data)
    notes = [f"{len(created)} new document(s) from {file.filename}"]
    if skipped:
        notes.append(f"{len(skipped)} record(s) held already, left out")
    notes += [f"line {p.line}: [{p.code}] {p.message}" if p.line else f"[{p.code}] {p.message}"
              for p in problems[:50]]
    job = state.jobs.analyse(principal.org_id, [d.id for d in created], principal.actor,
                             notes)
    return _see(f"/jobs/{job.id}")


@router.get("/jobs/{job_id}")
def job_page(job_id: str, principal: Reader, state: State) -> Response:
    """The job's progress; once it is over, a job of one document that went well and has
    nothing to say (a paste, an analysis again) sends its reader on to the document. The
    decision is made here alone, whether the page was polling or is opened after the end."""
    job = state.jobs.get(principal.org_id, job_id)
    if (job.kind == "analysis" and job.finished and len(job.document_ids) == 1
            and not job.failed and not job.notes):
        return _see(f"/documents/{job.document_ids[0]}")
    return render("job.html", principal, job=job)


@router.get("/jobs/{job_id}/status")
def job_status(job_id: str, principal: Reader, state: State) -> JSONResponse:
    """The job's progress, which its page polls."""
    return JSONResponse(state.jobs.get(principal.org_id, job_id).public(),
                        headers={"cache-control": "no-store"})


@router.get("/documents/{document_id}")
def document_page(document_id: int, principal: Reader, state: State) -> HTMLResponse:
    doc = state.store.documents.get(principal.org_id, document_id)
    claims = claims_out(state, principal.org_id,
                        state.store.documents.claims_of(principal.org_id, document_id))
    text = (doc.analysis or {}).get("text") or doc.text
    runs = segments(text, doc.analysis, {(c.start, c.end): c.id for c in claims})
    analysis = doc.analysis or {}
    return render("document.html", principal, doc=doc, segments=runs, claims=claims,
                  verdicts=[v.value for v in Verdict], techniques=techniques(),
                  markings=[m.value for m in Marking],
                  quotes=analysis.get("quotes") or [], entities=analysis.get("entities") or [],
                  next=f"/documents/{doc.id}")


@router.post("/documents/{document_id}/analyse")
def analyse_again(document_id: int, principal: Writer, state: State) -> Response:
    stored = state.store.documents.get(principal.org_id, document_id)
    job = state.jobs.analyse(principal.org_id, [stored.id], principal.actor)
    return _see(f"/jobs/{job.id}")


# -- review ----------------------------------------------------------------------------------------


@router.get("/review")
def review(principal: Reader, state: State, offset: Offset = 0,
           status: Choice = "suggested", language: Choice = None, verdict: Choice = None,
           since: Choice = None, until: Choice = None) -> HTMLResponse:
    """Matches waiting for review (or of another status), most check-worthy claim first;
    narrowed by language, the fact-check's verdict and the day of the claim's document."""
    verdicts = [v.value for v in Verdict]
    chosen = _one_of(status, "status", (*MATCH_STATUSES, "all")) or "all"
    where = MatchFilter(status=None if chosen == "all" else chosen,
                        verdict=_one_of(verdict, "verdict", verdicts),
                        language=_language(language), since=_day(since, "since"),
                        until=_day(until, "until"))
    found, total = state.store.documents.queue(principal.org_id, where, limit=PAGE,
                                               offset=offset)
    described = matches_out(state, principal.org_id, [m for m, _ in found])
    rows = [{"match": out, "claim": claim} for out, (_, claim) in
            zip(described, found, strict=True)]
    query = {"status": chosen, "language": where.language, "verdict": where.verdict,
             "since": since, "until": until}
    return render("review.html", principal, rows=rows, total=total, offset=offset,
                  paging=pages(total, PAGE, offset), statuses=MATCH_STATUSES,
                  verdicts=verdicts, techniques=techniques(),
                  languages=state.store.documents.languages(principal.org_id),
                  query=_query(query))


def _decide(match_id: int, status: str, principal: Principal, state: ServerState,
            next_: str) -> Response:
    state.store.documents.review_match(principal.org_id, match_id, status, principal.actor)
    return _see(safe_next(next_ or "/review"))


@router.post("/matches/{match_id}/confirm")
def confirm(match_id: int, principal: Writer, state: State,
            next: Annotated[str, Form(max_length=2000)] = "/review") -> Response:
    return _decide(match_id, "confirmed", principal, state, next)


@router.post("/matches/{match_id}/reject")
def reject(match_id: int, principal: Writer, state: State,
           next: Annotated[str, Form(max_length=2000)] = "/review") -> Response:
    return _decide(match_id, "rejected", principal, state, next)


@router.post("/matches/{match_id}/review")
def review_form(match_id: int, principal: Writer, state: State,
                verdict: Annotated[str, Form(max_length=32)] = "",
                note: Annotated[str, Form(max_length=MAX_NOTE_CHARS)] = "",
                techniques: Annotated[str, Form(max_length=2000)] = "",
                add_technique: Annotated[str, Form(max_length=200)] = "",
                next: Annotated[str, Form(max_length=2000)] = "/review") -> Response:
    """The review form of a match: the verdict, the note and the DISARM techniques (ids,
    separated by commas or spaces, and the one picked in ``add_technique``, which works
    without the page's script), each replacing what the review held. An unknown id is
    refused, named, before anything changes."""
    try:
        tagged = parse_techniques(f"{techniques} {add_technique}")
    except InvalidRequestError as exc:  # the page shows the message alone: fold the hint in
        raise InvalidRequestError(f"{exc.message} ({exc.hint}); the review was not saved"
                                  if exc.hint else exc.message) from exc
    changes = {"verdict": _free(verdict), "note": note, "techniques": tagged}
    state.store.documents.review(principal.org_id, match_id, changes, principal.actor)
    return _see(safe_next(next or "/review"))


# -- audit log -----------------------------------------------------------------------------------


def _released(field: str) -> list[str]:
    """Organisation names of a form field, comma-separated."""
    return [name.strip() for name in field.split(",") if name.strip()]


def _marking(value: str) -> Marking:
    try:
        return Marking(value)
    except ValueError:
        raise InvalidRequestError(f"{value!r} is not a TLP 2.0 marking") from None


@router.post("/documents/{document_id}/marking")
def mark_document(document_id: int, principal: Writer, state: State,
                  marking: Annotated[str, Form(max_length=32)],
                  releasable_to: Annotated[str, Form(max_length=2000)] = "") -> Response:
    """The document's TLP marking and the organisations an AMBER one is released to."""
    state.store.documents.mark(principal.org_id, document_id, _marking(marking),
                               _released(releasable_to), principal.actor)
    return _see(f"/documents/{document_id}")


@router.get("/settings")
def settings_page(principal: Admin, state: State) -> HTMLResponse:
    """The organisation's settings (admins): the marking new documents get."""
    marking, released = state.store.accounts.defaults(principal.org_id)
    return render("settings.html", principal, marking=marking.value, released=released,
                  markings=[m.value for m in Marking])


@router.post("/settings")
def save_settings(principal: Admin, state: State,
                  marking: Annotated[str, Form(max_length=32)],
                  releasable_to: Annotated[str, Form(max_length=2000)] = "") -> Response:
    state.store.accounts.set_defaults(principal.org_id, _marking(marking),
                                      _released(releasable_to), principal.actor)
    return _see("/settings")


@router.get("/audit")
def audit_log(principal: Admin, state: State, offset: Offset = 0,
              action: Choice = None) -> HTMLResponse:
    action = _free(action)
    entries, total = read_audit(state.store.engine, principal.org_id, limit=PAGE,
                                offset=offset, actions=[action] if action else ())
    return render("audit.html", principal, entries=entries, total=total, offset=offset,
                  paging=pages(total, PAGE, offset), query={"action": action or ""})


# -- errors and assets -------------------------------------------------------------------------


def error_page(request: Request, status: int, code: str, detail: str) -> HTMLResponse | None:
    """An error on a page, as a page (the API's errors stay problem+json)."""
    if not is_page(request.url.path):
        return None
    principal: Principal | None = getattr(request.state, "principal", None)
    return render("error.html", principal, status, status=status, code=code, detail=detail)


def install(app: Any) -> None:
    """Serve the pages and their static files on ``app``."""
    from importlib import resources

    folder = resources.files("faro.server").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(folder)), name="static")
    app.include_router(router)

