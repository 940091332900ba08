"""``/api/v1``: signing in and out, users, API tokens and the audit log."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from faro._errors import AuthenticationError, CSRFError, InvalidRequestError, RateLimitedError
from faro.model import Marking
from faro.server._auth import (
    CSRF_COOKIE,
    CSRF_FIELD,
    FORM_TYPES,
    SESSION_COOKIE,
    Admin,
    Reader,
    caller,
    same_secret,
)
from faro.server._passwords import hash_password, verify_password
from faro.server._schemas import (
    AuditOut,
    MarkingIn,
    Page,
    SignedIn,
    SignIn,
    TokenCreated,
    TokenIn,
    TokenOut,
    UserIn,
    UserOut,
    UserPatch,
)
from faro.server._state import ServerState, State
from faro.store import ApiToken, User, read_audit
from faro.store._accounts import level

__all__ = ["end_session", "new_sign_in_csrf", "open_session", "router",
           "set_session_cookie"]

router = APIRouter(prefix="/api/v1")

def _set_cookie(response: Response, name: str, value: str, max_age: int | None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/", secure=True, httponly=True,
                        samesite="strict")


@router.get("/health", tags=["server"])
def health() -> dict[str, str]:
    """Whether the server answers (public)."""
    from faro._version import __version__

    return {"status": "ok", "version": __version__}


@router.get("/auth/csrf", tags=["auth"])
def csrf_for_sign_in(response: Response) -> dict[str, str]:
    """A CSRF token for the sign-in form, also set as a cookie the form post must match
    (public). JSON sign-ins need none."""
    return {"csrf_token": new_sign_in_csrf(response)}


@router.post("/auth/session", tags=["auth"], response_model=SignedIn, openapi_extra={
    "requestBody": {"required": True, "content": {
        "application/json": {"schema": SignIn.model_json_schema()},
        "application/x-www-form-urlencoded": {"schema": SignIn.model_json_schema()}}}})
async def sign_in(request: Request, response: Response, state: State) -> SignedIn:
    """Sign in with e-mail and password (public): sets the session cookie (Secure, HttpOnly,
    SameSite=Strict) and answers the CSRF token every change must carry. A form post must
    carry the token of ``GET /auth/csrf`` as ``csrf_token``."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind in FORM_TYPES:
        form = await request.form()
        if not same_secret(str(form.get(CSRF_FIELD) or ""), request.cookies.get(CSRF_COOKIE)):
            raise CSRFError("the sign-in form needs the csrf_token of GET /api/v1/auth/csrf")
        raw: object = {"email": form.get("email"), "password": form.get("password")}
    elif kind == "application/json":  # which no other site's page can send without CORS
        try:
            raw = await request.json()
        except ValueError as exc:
            raise InvalidRequestError("send JSON {email, password} or a form") from exc
    else:  # a cross-site text/plain "form" could carry a JSON-looking body: refused
        raise InvalidRequestError("sign in with application/json or a form, not "
                                  f"{kind or 'no content type'}")
    try:
        given = SignIn.model_validate(raw)
    except ValidationError as exc:
        raise InvalidRequestError("send an email and a password") from exc
    user, cookie, csrf = await run_in_threadpool(open_session, state, given.email,
                                                 given.password, request)
    set_session_cookie(response, state, cookie)
    return SignedIn(user=UserOut(**asdict(user)), csrf_token=csrf)


def open_session(state: ServerState, email: str, password: str,
                 request: Request) -> tuple[User, str, str]:
    """Check a sign-in (within the sign-in rate limits, per address and per client) and start
    a session: the user, the session cookie's secret and the session's CSRF token. The API and
    the web sign-in form both come here. Blocking (argon2): call it in a thread."""
    client = request.client.host if request.client else "unknown"
    for key in (f"address:{email.strip().lower()}", f"client:{client}"):
        if wait := state.sign_in_limiter.take(key):
            raise RateLimitedError("too many sign-in attempts; wait and try again",
                                   retry_after=wait)
    found = state.store.accounts.password_hash(email)
    if not verify_password(password, found[1] if found else None) or found is None:
        raise AuthenticationError("wrong e-mail address or password")
    user = found[0]
    cookie, csrf = state.store.accounts.create_session(user, state.options.session_hours)
    return user, cookie, csrf


def set_session_cookie(response: Response, state: ServerState, cookie: str) -> None:
    _set_cookie(response, SESSION_COOKIE, cookie, max_age=int(state.options.session_hours * 3600))


def new_sign_in_csrf(response: Response, token: str | None = None) -> str:
    """A CSRF token for a sign-in form (``token``, or a new one), also set as the cookie the
    form post must match."""
    token = token or secrets.token_urlsafe(32)
    _set_cookie(response, CSRF_COOKIE, token, max_age=3600)
    return token


def end_session(request: Request, response: Response, state: ServerState) -> None:
    """End the caller's session and clear its cookie."""
    principal = caller(request)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        state.store.accounts.end_session(cookie, principal.actor)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True,
                           samesite="strict")


@router.delete("/auth/session", tags=["auth"], status_code=204)
def sign_out(request: Request, response: Response, state: State) -> None:
    """End this session (sign out)."""
    end_session(request, response, state)


@router.get("/auth/me", tags=["auth"])
def me(principal: Reader) -> dict[str, object]:
    """Who is calling, and at which level: ``read``, ``write`` or ``admin``."""
    return {"user": UserOut(**asdict(principal.user)).model_dump(mode="json"),
            "access": ("read", "write", "admin")[principal.level - 1],
            "token_id": principal.token_id}


# -- users (admin) -----------------------------------------------------------------------------


@router.get("/organisation/defaults", tags=["users"])
def organisation_defaults(principal: Reader, state: State) -> MarkingIn:
    """The TLP marking and releasability the organisation's new documents get."""
    marking, released = state.store.accounts.defaults(principal.org_id)
    return MarkingIn(marking=marking.value, releasable_to=list(released))


@router.put("/organisation/defaults", tags=["users"])
def set_organisation_defaults(body: MarkingIn, principal: Admin, state: State) -> MarkingIn:
    """Set them (admins)."""
    marking, released = state.store.accounts.set_defaults(
        principal.org_id, Marking(body.marking), body.releasable_to, principal.actor)
    return MarkingIn(marking=marking.value, releasable_to=list(released))


@router.get("/users", tags=["users"])
def list_users(principal: Admin, state: State) -> list[UserOut]:
    """The organisation's users."""
    return [UserOut(**asdict(u)) for u in state.store.accounts.list_users(principal.org_id)]


@router.post("/users", tags=["users"], status_code=201)
def add_user(body: UserIn, principal: Admin, state: State) -> UserOut:
    """Add a user to the caller's organisation."""
    user = state.store.accounts.add_user(body.email, principal.org_id, body.role,
                                         hash_password(body.password), principal.actor)
    return UserOut(**asdict(user))


@router.patch("/users/{user_id}", tags=["users"])
def update_user(user_id: int, body: UserPatch, principal: Admin, state: State) -> UserOut:
    """Change a user's role, deactivate or reactivate them, or set a new password."""
    if user_id == principal.user.id and (body.active is False or
                                          (body.role is not None and body.role != "admin")):
        raise InvalidRequestError("administrators cannot demote or deactivate themselves")
    user = state.store.accounts.update_user(
        principal.org_id, user_id, principal.actor, role=body.role, active=body.active,
        password_hash=hash_password(body.password) if body.password else None)
    return UserOut(**asdict(user))


# -- tokens --------------------------------------------------------------------------------------


def _token_out(token: ApiToken) -> TokenOut:
    return TokenOut(**asdict(token))


@router.get("/tokens", tags=["tokens"])
def list_tokens(principal: Reader, state: State,
                everyone: Annotated[bool, Query(alias="all", description=(
                    "Every token of the organisation (administrators)."))] = False,
                ) -> list[TokenOut]:
    """The caller's API tokens (with ``all=true``, an administrator sees the organisation's)."""
    if everyone and principal.level < level("admin"):
        everyone = False
    tokens = state.store.accounts.list_tokens(
        principal.org_id, user_id=None if everyone else principal.user.id)
    return [_token_out(t) for t in tokens]


@router.post("/tokens", tags=["tokens"], status_code=201)
def create_token(body: TokenIn, principal: Reader, state: State) -> TokenCreated:
    """A new API token for the caller; its secret is in this answer only. A token cannot
    reach further than the request creating it."""
    if level(body.scope) > principal.level:
        raise InvalidRequestError(f"this request cannot create a token of scope {body.scope}")
    token, secret = state.store.accounts.create_token(principal.user, body.name, body.scope,
                                                      principal.actor)
    return TokenCreated(**asdict(token), token=secret)


@router.delete("/tokens/{token_id}", tags=["tokens"])
def revoke_token(token_id: int, principal: Reader, state: State) -> TokenOut:
    """Revoke a token: one's own, or as an administrator any of the organisation's."""
    owner = None if principal.level >= level("admin") else principal.user.id
    return _token_out(state.store.accounts.revoke_token(principal.org_id, token_id,
                                                        principal.actor, user_id=owner))


# -- audit (admin) -----------------------------------------------------------------------------


@router.get("/audit", tags=["audit"])
def audit(principal: Admin, state: State,
          limit: Annotated[int, Query(ge=1, le=500)] = 50,
          offset: Annotated[int, Query(ge=0)] = 0,
          action: Annotated[list[str] | None, Query()] = None) -> Page[AuditOut]:
    """The organisation's audit log, newest first."""
    entries, total = read_audit(state.store.engine, principal.org_id, limit=limit,
                                offset=offset, actions=action or ())
    return Page[AuditOut](items=[AuditOut(**asdict(e)) for e in entries], total=total,
                          limit=limit, offset=offset)
