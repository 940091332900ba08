"""Who is calling: the gate every request passes, and the dependencies routes ask for roles with.

The gate (an ASGI middleware) is deny-by-default: a request to any route outside
:data:`PUBLIC` is refused with 401 unless it carries a valid API token (``Authorization: Bearer
faro_…``) or session cookie, so a route added later cannot be left open by forgetting a
dependency. It also bounds request bodies (``max_request_bytes``), and refuses a change made
with a session cookie unless the session's CSRF token comes with it, in the ``X-CSRF-Token``
header or, for form posts, the ``csrf_token`` field. Requests with an API token carry no
ambient authority and need no CSRF token.

Under ``/taxii2/`` an API token may also come as HTTP Basic's password (the user name is
ignored), as TAXII clients send credentials; its refusals there are TAXII error messages.
Basic is taken nowhere else, and never asked for (no Basic challenge), so a browser holds no
Basic credentials to send on its own.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from faro._errors import (
    AuthenticationError,
    CSRFError,
    FaroError,
    PermissionDeniedError,
    RateLimitedError,
    RequestTooLargeError,
)
from faro.server._problems import from_error
from faro.server._state import ServerState
from faro.server._taxii_media import answers_taxii, as_taxii
from faro.store import Actor, User
from faro.store._accounts import level

__all__ = ["CSRF_COOKIE", "CSRF_FIELD", "CSRF_HEADER", "FORM_TYPES", "PUBLIC", "PUBLIC_FOLDERS",
           "SESSION_COOKIE", "SIGN_IN_PAGE", "Admin", "Gate", "Principal", "Reader", "Writer",
           "caller", "is_page", "same_secret"]

SESSION_COOKIE = "__Host-faro_session"
#: The double-submit cookie that guards the sign-in form (there is no session yet).
CSRF_COOKIE = "__Host-faro_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"

#: The routes anyone may call: ``(method, path)``. A test enumerates every route of the app
#: and checks that all others refuse anonymous callers.
PUBLIC = frozenset({
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/auth/csrf"),
    ("POST", "/api/v1/auth/session"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/sign-in"),
    ("POST", "/sign-in"),
})
#: Folders of static files anyone may read: ``(method, path prefix)``.
PUBLIC_FOLDERS = frozenset({("GET", "/docs/assets/"), ("GET", "/static/")})
#: Where the web UI's sign-in page is; anonymous readers of a page are sent there.
SIGN_IN_PAGE = "/sign-in"
#: Paths that are not pages of the web UI (anonymous callers get 401 there, not a redirect).
_NOT_PAGES = ("/api/", "/docs", "/openapi.json", "/static/", "/taxii2")

_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
#: The content types of form posts (which carry the CSRF token as a field).
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@dataclass(frozen=True, slots=True)
class Principal:
    """A signed-in user, by session or API token, and the level (1 read, 2 write, 3 admin) this
    request may act at: the user's role, capped by the token's scope."""

    user: User
    level: int
    token_id: int | None = None
    csrf: str | None = None
    """The session's CSRF token (sessions only)."""

    @property
    def org_id(self) -> int:
        return self.user.org_id

    @property
    def actor(self) -> Actor:
        label = f"token:{self.token_id}" if self.token_id else f"user:{self.user.id}"
        return Actor(label, self.user.org_id, self.user.id)


def same_secret(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison; ``False`` when either is missing."""
    return bool(given and expected) and hmac.compare_digest(str(given), str(expected))


class Gate:
    """The middleware described in the module docstring; it also spends one request of the
    caller's rate limit (per API token, or per user for sessions)."""

    def __init__(self, app: ASGIApp, state: ServerState) -> None:
        self.app = app
        self.accounts = state.store.accounts
        self.max_bytes = state.options.max_request_bytes
        self.limiter = state.limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(scope, send)
        try:
            body = await self._body(scope, receive)
            principal = await self._authenticate(scope, body, receive)
            if principal is not None and (wait := self.limiter.take(principal.actor.label)):
                raise RateLimitedError("too many requests; slow down", retry_after=wait)
        except AuthenticationError as exc:
            if scope["method"] in ("GET", "HEAD") and is_page(scope["path"]):
                await _to_sign_in(scope)(scope, receive, send)
            else:
                await _refusal(scope, exc)(scope, receive, send)
            return
        except FaroError as exc:
            await _refusal(scope, exc)(scope, receive, send)
            return
        scope.setdefault("state", {})["principal"] = principal
        await self.app(scope, _replay(body, receive), send)

    async def _body(self, scope: Scope, receive: Receive) -> bytes:
        """The whole request body, refused past ``max_bytes`` (by its Content-Length when it
        has one, by counting when it is chunked)."""
        declared = Headers(scope=scope).get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise RequestTooLargeError(f"the request body is {declared} bytes, over the limit "
                                       f"of {self.max_bytes}")
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise RequestTooLargeError(f"the request body is over the limit of "
                                           f"{self.max_bytes} bytes")
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _authenticate(self, scope: Scope, body: bytes,
                            receive: Receive) -> Principal | None:
        headers = Headers(scope=scope)
        method = scope["method"]
        path: str = scope["path"]
        public = (method, path) in PUBLIC or any(
            method == m and path.startswith(folder) and ".." not in path
            for m, folder in PUBLIC_FOLDERS)
        scheme, _, credential = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "basic" and answers_taxii(path):
            scheme, credential = "bearer", _basic_password(credential)
        principal: Principal | None = None
        if scheme.lower() == "bearer" and credential:
            found = await run_in_threadpool(self.accounts.authenticate_token, credential.strip())
            if found is not None:
                user, token = found
                principal = Principal(user, min(level(user.role), level(token.scope)),
                                      token_id=token.id)
        elif cookie := _cookie(headers, SESSION_COOKIE):
            session = await run_in_threadpool(self.accounts.session, cookie)
            if session is not None:
                user, csrf = session
                principal = Principal(user, level(user.role), csrf=csrf)
                # public changes (signing in) guard themselves, whatever cookie comes along
                if method not in _SAFE and not public and not same_secret(
                        await _csrf_given(scope, headers, body, receive), csrf):
                    raise CSRFError("a change made with a session cookie needs the session's "
                                    "CSRF token (X-CSRF-Token header or csrf_token field)")
        if principal is None and not public:
            raise AuthenticationError("sign in, or send an API token as 'Authorization: "
                                      "Bearer faro_…'")
        return principal


def _refusal(scope: Scope, error: FaroError) -> ASGIApp:
    answer = from_error(error)
    return as_taxii(answer) if answers_taxii(scope["path"]) else answer


def _basic_password(credential: str) -> str:
    """The password of an HTTP Basic credential (empty when it does not decode)."""
    import base64
    import binascii

    try:
        decoded = base64.b64decode(credential.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
    return decoded.partition(":")[2]


def is_page(path: str) -> bool:
    """Whether ``path`` belongs to the web UI (anything outside the API, its description and
    static files)."""
    return not path.startswith(_NOT_PAGES)


def _to_sign_in(scope: Scope) -> ASGIApp:
    from urllib.parse import urlencode

    from starlette.responses import RedirectResponse

    wanted = scope["path"] + (f"?{scope['query_string'].decode('latin-1')}"
                              if scope.get("query_string") else "")
    return RedirectResponse(f"{SIGN_IN_PAGE}?{urlencode({'next': wanted})}", status_code=303)


def _cookie(headers: Headers, name: str) -> str | None:
    from http.cookies import SimpleCookie

    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is no credential
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


async def _csrf_given(scope: Scope, headers: Headers, body: bytes,
                      receive: Receive) -> str | None:
    if token := headers.get(CSRF_HEADER):
        return token
    if headers.get("content-type", "").split(";")[0].strip().lower() in FORM_TYPES:
        return await form_field(scope, body, receive, CSRF_FIELD)
    return None


async def form_field(scope: Scope, body: bytes, receive: Receive, name: str) -> str | None:
    """One text field of a form-encoded ``body``."""
    form = await Request(scope, _replay(body, receive)).form()
    try:
        value = form.get(name)
        return value if isinstance(value, str) else None
    finally:
        await form.close()


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands over the buffered ``body`` first, then waits on the real one
    (for the client's disconnect, which responses listen for while they stream)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer")]
#: JSON answers are never rendered as pages, cached, or framed.
_API_HEADERS = [(b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
                (b"cache-control", b"no-store")]


#: Pages of the web UI load scripts, styles and images from this server only, and run no
#: inline script; forms post only here.
_PAGE_HEADERS = [(b"content-security-policy",
                  b"default-src 'none'; script-src 'self'; style-src 'self'; "
                  b"img-src 'self' data:; connect-src 'self'; form-action 'self'; "
                  b"base-uri 'none'; frame-ancestors 'none'"),
                 (b"cache-control", b"no-store")]


def _with_security_headers(scope: Scope, send: Send) -> Send:
    path = scope["path"]
    extra = _HEADERS + (_API_HEADERS if path.startswith("/api/") or answers_taxii(path) else
                        _PAGE_HEADERS if is_page(path) else [])

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = list(message.get("headers", [])) + extra
        await send(message)

    return wrapped


def caller(request: Request) -> Principal:
    """The principal the gate found (routes outside :data:`PUBLIC` always have one)."""
    principal: Principal | None = request.state.principal
    if principal is None:
        raise AuthenticationError("sign in first")
    return principal


async def _principal(request: Request) -> Principal:
    """:func:`caller` as a dependency. Dependencies that do no I/O are ``async``: FastAPI runs a
    plain ``def`` one in the threadpool, and each such hop costs a request a thread switch and
    the GIL's hand-over (up to its 5 ms switch interval while the event loop is busy)."""
    return caller(request)


def _require(minimum: int, what: str) -> Callable[..., Any]:
    async def dependency(principal: Annotated[Principal, Depends(_principal)]) -> Principal:
        if principal.level < minimum:
            raise PermissionDeniedError(f"this needs {what} rights")
        return principal

    return dependency


Reader = Annotated[Principal, Depends(_require(1, "read"))]
Writer = Annotated[Principal, Depends(_require(2, "write (analyst)"))]
Admin = Annotated[Principal, Depends(_require(3, "admin"))]
