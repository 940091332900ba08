"""Errors as RFC 9457 problem details (``application/problem+json``) carrying faro's codes.

The one place that maps an error code to an HTTP status.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from faro._errors import (
    AuthenticationError,
    FaroError,
    InvalidRequestError,
    RateLimitedError,
    ServerError,
)

__all__ = ["PROBLEM_TYPE", "install", "problem", "status_for"]

log = logging.getLogger("faro.server")

PROBLEM_TYPE = "application/problem+json"

_STATUS = {
    "F310": 503,  # the search index cannot be built or read
    "F401": 503,  # the database is unavailable
    "F402": 503,  # the schema cannot be migrated
    "F403": 404,
    "F404": 409,
    "F501": 401,
    "F502": 403,
    "F503": 403,
    "F504": 422,
    "F505": 413,
    "F506": 429,
    "F601": 422,
    "F602": 422,
    "F603": 403,
    "F800": 500,
}
#: By family when the code itself is not listed: what was sent cannot be used.
_FAMILY = {"F1": 422, "F2": 422, "F3": 422}


def status_for(code: str) -> int:
    """The HTTP status of a faro error code."""
    return _STATUS.get(code) or _FAMILY.get(code[:2], 500)


def problem(code: str, detail: str, status: int | None = None, *, title: str | None = None,
            extra: dict[str, Any] | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    status = status or status_for(code)
    body: dict[str, Any] = {
        "type": f"https://faro.dev/errors/{code}", "title": title or HTTPStatus(status).phrase,
        "status": status, "detail": detail, "code": code} | (extra or {})
    if status == 401:
        headers = (headers or {}) | {"WWW-Authenticate": 'Bearer realm="faro"'}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_TYPE, headers=headers)


def from_error(error: FaroError) -> JSONResponse:
    extra = {"hint": error.hint} if error.hint else None
    headers = None
    if isinstance(error, RateLimitedError):
        headers = {"Retry-After": str(max(1, math.ceil(error.retry_after)))}
    return problem(error.code, error.message, title=type(error).__name__, extra=extra,
                   headers=headers)


async def _faro_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FaroError)
    return from_error(exc)


async def _validation(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", ""),
               "type": e.get("type", "")} for e in exc.errors()]
    return problem(InvalidRequestError.code, "the request does not validate",
                   title=InvalidRequestError.__name__, extra={"errors": errors})


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = {401: AuthenticationError.code}.get(exc.status_code, (
        InvalidRequestError.code if exc.status_code < 500 else ServerError.code))
    return problem(code, str(exc.detail), exc.status_code)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("[F500] unexpected error: %s", type(exc).__name__, exc_info=exc)
    return problem(ServerError.code, "the server failed; the error is logged", 500)


#: ``(request, status, code, detail)`` to an error page, or ``None`` where the request is no
#: page's (the web UI answers its errors as pages).
PageRenderer = Callable[[Request, int, str, str], Response | None]


def install(app: FastAPI, pages: PageRenderer | None = None) -> None:
    """Answer every error of ``app`` as problem+json, or through ``pages`` where it gives a
    page."""
    handlers: list[tuple[type[Exception], Handler]] = [
        (FaroError, _faro_error), (RequestValidationError, _validation),
        (HTTPException, _http), (Exception, _unexpected)]
    for kind, handler in handlers:
        app.add_exception_handler(kind, _or_page(handler, pages) if pages else handler)


Handler = Callable[[Request, Exception], Awaitable[JSONResponse]]


def _or_page(handler: Handler, pages: PageRenderer) -> Handler:
    async def handle(request: Request, exc: Exception) -> Any:
        answer = await handler(request, exc)
        body = json.loads(bytes(answer.body))
        page = pages(request, answer.status_code, body["code"], body["detail"])
        if page is None:
            return answer
        for name in ("retry-after",):
            if name in answer.headers:
                page.headers[name] = answer.headers[name]
        return page

    return handle
