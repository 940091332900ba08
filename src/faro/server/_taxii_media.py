"""TAXII 2.1's media types and error messages, shared by the TAXII routes and the gate.

Every TAXII answer is ``application/taxii+json;version=2.1`` (the objects endpoints also
answer ``application/stix+json;version=2.1`` to a client that accepts only that); a request
whose ``Accept`` allows neither is refused with 406, a body of another type with 415. Errors
under ``/taxii2/`` are TAXII error messages (``title``, ``description``, ``error_code`` — faro's
code — and ``http_status``) rather than problem+json.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response

__all__ = ["PREFIX", "STIX", "TAXII", "TaxiiResponse", "accepted", "answers_taxii",
           "as_taxii", "error_answer", "error_of", "require_body_type"]

PREFIX = "/taxii2/"
TAXII = "application/taxii+json;version=2.1"
STIX = "application/stix+json;version=2.1"
_VERSION = "2.1"


class TaxiiResponse(JSONResponse):
    """A TAXII resource (compact JSON, the TAXII media type unless told otherwise)."""

    media_type = TAXII


def answers_taxii(path: str) -> bool:
    """Whether ``path`` is under the TAXII server (its errors are TAXII error messages)."""
    return path.startswith(PREFIX) or path == PREFIX.rstrip("/")


def _media_ranges(header: str) -> list[tuple[str, dict[str, str]]]:
    """``(type, parameters)`` of each range of an Accept or Content-Type header, lowercased,
    those with ``q=0`` left out."""
    ranges: list[tuple[str, dict[str, str]]] = []
    for part in header.split(","):
        kind, *raw = (piece.strip() for piece in part.split(";"))
        if not kind:
            continue
        params = {}
        for item in raw:
            name, _, value = item.partition("=")
            params[name.strip().lower()] = value.strip().strip('"').lower()
        if params.get("q", "1") in ("0", "0.0", "0.00", "0.000"):
            continue
        ranges.append((kind.lower(), params))
    return ranges


def _ours(kind: str, params: dict[str, str], allowed: tuple[str, ...]) -> str | None:
    """The media type of ``allowed`` that ``kind`` names (no version meaning any 2.1)."""
    for media in allowed:
        base = media.split(";")[0]
        if kind == base and params.get("version", _VERSION) == _VERSION:
            return media
    return None


def accepted(accept: str | None, *, stix: bool = False) -> str:
    """The media type to answer with, given the request's ``Accept`` header; ``stix``: the
    endpoint serves STIX objects, so ``application/stix+json`` will do. 406 when none is."""
    allowed = (TAXII, STIX) if stix else (TAXII,)
    if not accept or not accept.strip():
        return TAXII
    for kind, params in _media_ranges(accept):
        if kind in ("*/*", "application/*"):
            return TAXII
        if found := _ours(kind, params, allowed):
            return found
    raise HTTPException(406, f"this endpoint answers {' or '.join(allowed)}; the request "
                             f"accepts only {accept!r}")


def require_body_type(content_type: str | None) -> None:
    """415 unless ``content_type`` is a TAXII envelope's or a STIX bundle's (version 2.1)."""
    ranges = _media_ranges(content_type or "")
    if len(ranges) != 1 or _ours(*ranges[0], (TAXII, STIX)) is None:
        raise HTTPException(415, f"send the objects as {TAXII} (or {STIX}), not "
                                 f"{content_type or 'a body without Content-Type'!r}")


def error_of(status: int, code: str, detail: str) -> dict[str, Any]:
    """A TAXII 2.1 error message, faro's code in ``error_code``."""
    return {"title": HTTPStatus(status).phrase, "description": detail, "error_code": code,
            "http_status": str(status)}


def error_answer(status: int, code: str, detail: str) -> Response:
    headers = {"WWW-Authenticate": 'Bearer realm="faro"'} if status == 401 else None
    return TaxiiResponse(error_of(status, code, detail), status_code=status, headers=headers)


def as_taxii(problem: Response) -> Response:
    """A problem+json answer as a TAXII error message, with its headers (the gate's refusals
    under ``/taxii2/``: 401, 413, 429 with Retry-After)."""
    body = json.loads(bytes(problem.body))
    answer = error_answer(problem.status_code, body["code"], body["detail"])
    if "retry-after" in problem.headers:
        answer.headers["retry-after"] = problem.headers["retry-after"]
    return answer
