"""``/taxii2/``: a TAXII 2.1 server over the knowledge base (fact-checks and narratives as STIX
2.1), one API root, ``faro``, with a collection per TLP marking (see
:mod:`faro.server._taxii_data` for what each caller may read).

Callers authenticate as on the REST API, with an API token (``Authorization: Bearer faro_…``,
or as HTTP Basic's password, which TAXII clients send): viewers read; analysts and admins also
add objects; admins delete them (a deleted object takes its whole record with it, as the
knowledge base is every organisation's). Discovery too needs a token: nothing here is public.

Pushed objects are imported at once, so their status resource is complete when answered (202);
statuses are kept in this process's memory (the newest 1000), readable by the pushing
organisation.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from faro._errors import PermissionDeniedError, RecordNotFoundError
from faro.server._auth import Admin, Principal, Reader, Writer
from faro.server._state import State
from faro.server._taxii_data import (
    COLLECTIONS,
    MAX_LIMIT,
    Catalogue,
    Entry,
    Statuses,
    findings_owner,
    page,
    push,
    stamp,
)
from faro.server._taxii_data import Query as Filters
from faro.server._taxii_media import (
    PREFIX,
    TAXII,
    TaxiiResponse,
    accepted,
    answers_taxii,
    error_answer,
    require_body_type,
)

__all__ = ["API_ROOT", "error_page", "install", "router"]

API_ROOT = "faro"
router = APIRouter(prefix=PREFIX.rstrip("/"), tags=["TAXII 2.1"])
_Root = Annotated[str, Path(description=f"The API root: {API_ROOT}")]
_Collection = Annotated[str, Path(description=(
    f"One of {', '.join(COLLECTIONS)}, or findings-<organisation id>"))]
_ObjectId = Annotated[str, Path(description="A STIX id")]
_LIMIT = Annotated[int | None, Query(ge=1, description=f"Objects per page (at most {MAX_LIMIT})")]
_Text = Annotated[str | None, Query(max_length=4000)]
_Next = Annotated[str | None, Query(alias="next", max_length=4000,
                                    description="The cursor of the page before's `next`")]
#: What a page of objects or versions is filtered and paged by (``match[...]`` as TAXII says).
_FILTERS = ("added_after", "limit", "next", "match[type]", "match[id]", "match[version]",
            "match[spec_version]")


class _Taxii:
    """What the TAXII routes keep between requests."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.statuses = Statuses()


def install(app: FastAPI) -> None:
    """Serve TAXII 2.1 on ``app`` (after its state is set)."""
    app.state.taxii = _Taxii(Catalogue(app.state.faro.store))
    app.include_router(router)


def error_page(request: Request, status: int, code: str, detail: str) -> Response | None:
    """An error under ``/taxii2/`` as a TAXII error message (None elsewhere)."""
    return error_answer(status, code, detail) if answers_taxii(request.url.path) else None


async def _taxii(request: Request) -> _Taxii:
    taxii: _Taxii = request.app.state.taxii
    return taxii


Taxii = Annotated[_Taxii, Depends(_taxii)]


def _root(api_root: str) -> None:
    if api_root != API_ROOT:
        raise RecordNotFoundError(f"no API root {api_root!r}; this server has {API_ROOT!r}")


def _filters(request: Request, *, versions: str = "last") -> Filters:
    return Filters.of({name: request.query_params.get(name) for name in _FILTERS},
                      versions=versions)


def _collection_resource(collection: str, principal: Principal, taxii: _Taxii
                         ) -> dict[str, Any]:
    owner_id = findings_owner(collection)
    if owner_id is not None:
        owner = taxii.catalogue.organisation(owner_id)
        return {"id": collection, "title": f"findings of {owner}",
                "description": (f"Documents {owner} analysed, as STIX 2.1 reports of their "
                                "check-worthy claims, with confirmed matches, reviews and "
                                "DISARM techniques, each under its document's TLP marking."),
                "can_read": True, "can_write": False,
                "media_types": ["application/stix+json;version=2.1"]}
    marking = COLLECTIONS[collection]
    return {"id": collection, "title": f"faro knowledge base, {marking.value}",
            "description": (f"Fact-checks and narratives marked {marking.value}, as STIX 2.1 "
                            "(reports of type fact-check with the claim's note and the "
                            "verdict's opinion; narratives with a note)."),
            "can_read": True, "can_write": principal.level >= 2,
            "media_types": ["application/stix+json;version=2.1"]}


def _entries(taxii: _Taxii, principal: Principal, api_root: str,
             collection: str) -> list[Entry]:
    _root(api_root)
    catalogue = taxii.catalogue
    return catalogue.objects(collection, catalogue.organisation(principal.org_id))


def _paged(found: list[Entry], nxt: str | None, body: dict[str, Any], media: str
           ) -> Response:
    headers = {}
    if found:
        headers = {"X-TAXII-Date-Added-First": stamp(found[0].added),
                   "X-TAXII-Date-Added-Last": stamp(found[-1].added)}
    body = {"more": nxt is not None, **({"next": nxt} if nxt else {}), **body}
    return TaxiiResponse(body, media_type=media, headers=headers)


def _one(entries: list[Entry], object_id: str) -> list[Entry]:
    found = [e for e in entries if e.id == object_id]
    if not found:
        raise RecordNotFoundError(f"no object {object_id!r} in this collection")
    return found


# -- discovery and the API root -----------------------------------------------------------------


@router.get("/")
def discovery(request: Request, _principal: Reader) -> Response:
    """Server discovery: the one API root."""
    accepted(request.headers.get("accept"))
    root = f"{str(request.base_url).rstrip('/')}{PREFIX}{API_ROOT}/"
    return TaxiiResponse({"title": "faro TAXII 2.1 server",
                          "description": "faro's knowledge base of fact-checks and "
                                         "disinformation narratives, shared under TLP 2.0.",
                          "default": root, "api_roots": [root]})


@router.get("/{api_root}/")
def api_root(api_root: _Root, request: Request, _principal: Reader, state: State) -> Response:
    """The API root's information."""
    accepted(request.headers.get("accept"))
    _root(api_root)
    return TaxiiResponse({"title": "faro knowledge base",
                          "description": "Fact-checks and narratives, one collection per "
                                         "TLP marking.",
                          "versions": [TAXII],
                          "max_content_length": state.options.max_request_bytes})


@router.get("/{api_root}/status/{status_id}/")
def status(api_root: _Root, status_id: str, request: Request, principal: Reader,
           taxii: Taxii) -> Response:
    """The status of an earlier push of this organisation's."""
    accepted(request.headers.get("accept"))
    _root(api_root)
    return TaxiiResponse(taxii.statuses.get(principal.org_id, status_id))


# -- collections ---------------------------------------------------------------------------------


@router.get("/{api_root}/collections/")
def collections(api_root: _Root, request: Request, principal: Reader,
                taxii: Taxii) -> Response:
    """The collections this caller's organisation may read."""
    accepted(request.headers.get("accept"))
    _root(api_root)
    org = taxii.catalogue.organisation(principal.org_id)
    return TaxiiResponse({"collections": [_collection_resource(c, principal, taxii)
                                          for c in taxii.catalogue.visible(org)]})


@router.get("/{api_root}/collections/{collection_id}/")
def collection(api_root: _Root, collection_id: _Collection, request: Request,
               principal: Reader, taxii: Taxii) -> Response:
    """One collection."""
    accepted(request.headers.get("accept"))
    _entries(taxii, principal, api_root, collection_id)  # 404 unless visible
    return TaxiiResponse(_collection_resource(collection_id, principal, taxii))


@router.get("/{api_root}/collections/{collection_id}/objects/")
def get_objects(api_root: _Root, collection_id: _Collection, request: Request,
                principal: Reader, taxii: Taxii, added_after: _Text = None,
                limit: _LIMIT = None, cursor: _Next = None) -> Response:
    """The collection's objects, oldest first, filtered by ``added_after`` (strictly after)
    and ``match[type|id|version|spec_version]``, paged by ``limit`` and ``next``."""
    media = accepted(request.headers.get("accept"), stix=True)
    entries = _entries(taxii, principal, api_root, collection_id)
    found, nxt = page(entries, _filters(request))
    return _paged(found, nxt, {"objects": [e.obj for e in found]}, media)


@router.post("/{api_root}/collections/{collection_id}/objects/", status_code=202)
async def add_objects(api_root: _Root, collection_id: _Collection, request: Request,
                      principal: Writer, taxii: Taxii, state: State) -> Response:
    """Add a TAXII envelope's objects (fact-check reports with their note and opinion,
    narratives with their note; unmarked ones take the collection's marking). Answers the
    status resource, complete (202). An envelope faro cannot read stores nothing (422)."""
    accepted(request.headers.get("accept"))
    require_body_type(request.headers.get("content-type"))
    await run_in_threadpool(_entries, taxii, principal, api_root, collection_id)
    if findings_owner(collection_id) is not None:
        raise PermissionDeniedError("a findings collection is read-only: an organisation's "
                                    "findings come from its own analyses")
    org = taxii.catalogue.organisation(principal.org_id)
    result = await run_in_threadpool(push, state.store, await request.body(), collection_id,
                                     org, principal.actor)
    taxii.statuses.add(principal.org_id, result)
    return TaxiiResponse(result, status_code=202)


@router.get("/{api_root}/collections/{collection_id}/objects/{object_id}/")
def get_object(api_root: _Root, collection_id: _Collection, object_id: _ObjectId,
               request: Request, principal: Reader, taxii: Taxii, added_after: _Text = None,
               limit: _LIMIT = None, cursor: _Next = None) -> Response:
    """One object (at its one version), filtered by ``match[version|spec_version]``."""
    media = accepted(request.headers.get("accept"), stix=True)
    entries = _one(_entries(taxii, principal, api_root, collection_id), object_id)
    found, nxt = page(entries, _filters(request))
    return _paged(found, nxt, {"objects": [e.obj for e in found]}, media)


@router.delete("/{api_root}/collections/{collection_id}/objects/{object_id}/")
def delete_object(api_root: _Root, collection_id: _Collection, object_id: _ObjectId,
                  request: Request, principal: Admin, taxii: Taxii,
                  state: State) -> Response:
    """Delete an object, and with it the whole record it is part of (admins)."""
    accepted(request.headers.get("accept"))
    entry = _one(_entries(taxii, principal, api_root, collection_id), object_id)[0]
    if entry.owner is not None:
        raise PermissionDeniedError("a findings collection is read-only: delete the document "
                                    "instead")
    if entry.record is None:
        raise PermissionDeniedError(f"{object_id} is faro's own (the producer's identity or a "
                                    "marking definition) and is not deleted")
    state.store.kb.delete(*entry.record, principal.actor)
    return Response(status_code=200)


@router.get("/{api_root}/collections/{collection_id}/objects/{object_id}/versions/")
def object_versions(api_root: _Root, collection_id: _Collection, object_id: _ObjectId,
                    request: Request, principal: Reader, taxii: Taxii,
                    added_after: _Text = None, limit: _LIMIT = None,
                    cursor: _Next = None) -> Response:
    """The versions of an object: faro keeps a record's current version only."""
    accepted(request.headers.get("accept"))
    entries = _one(_entries(taxii, principal, api_root, collection_id), object_id)
    found, nxt = page(entries, _filters(request, versions="all"))
    return _paged(found, nxt, {"versions": [e.version for e in found]}, TAXII)


@router.get("/{api_root}/collections/{collection_id}/manifest/")
def manifest(api_root: _Root, collection_id: _Collection, request: Request,
             principal: Reader, taxii: Taxii, added_after: _Text = None,
             limit: _LIMIT = None, cursor: _Next = None) -> Response:
    """The collection's objects as (id, date_added, version, media type), filtered and paged
    as its objects."""
    accepted(request.headers.get("accept"))
    entries = _entries(taxii, principal, api_root, collection_id)
    found, nxt = page(entries, _filters(request))
    return _paged(found, nxt, {"objects": [e.manifest() for e in found]}, TAXII)
