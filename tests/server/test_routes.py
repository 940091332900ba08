"""Every route refuses anonymous callers unless it is deliberately public."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import quote

from fastapi.routing import APIRoute
from starlette.routing import Mount, Route
from tests.server.conftest import Server

from faro.server._auth import PUBLIC, PUBLIC_FOLDERS, is_page

#: Reviewed by hand: what anyone may call, and why.
EXPECTED_PUBLIC = {
    ("GET", "/api/v1/health"),            # liveness, says nothing but the version
    ("GET", "/api/v1/auth/csrf"),         # the sign-in form's CSRF token
    ("POST", "/api/v1/auth/session"),     # signing in
    ("GET", "/openapi.json"),             # the API's description
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/docs/assets/{path:path}"),  # Swagger UI's files, from a package
    ("GET", "/sign-in"),                  # the web UI's sign-in form
    ("POST", "/sign-in"),                 # its post (guards itself: double-submit CSRF)
    ("GET", "/static/{path:path}"),       # the web UI's CSS and script, shipped in the package
}


def _walk(routes: Iterable[object], prefix: str = "") -> Iterator[tuple[str, str]]:
    """``(method, path)`` of every endpoint, through included routers and mounts (FastAPI
    0.165 keeps an included router as one entry holding the original router)."""
    for route in routes:
        if isinstance(route, APIRoute | Route):
            for method in sorted(route.methods or ()):
                if method != "HEAD":
                    yield method, prefix + route.path
        elif isinstance(route, Mount) and route.routes:
            yield from _walk(route.routes, prefix + route.path)
        elif isinstance(route, Mount):  # an app of its own (static files): any path below
            yield "GET", prefix + route.path + "/{path:path}"
        elif (router := getattr(route, "original_router", None)) is not None:
            context = getattr(route, "include_context", None)
            yield from _walk(router.routes, prefix + (getattr(context, "prefix", "") or ""))
        else:
            raise AssertionError(f"a kind of route the test does not know: {route!r}")


def _routes(server: Server) -> list[tuple[str, str]]:
    found = list(_walk(server.client.app.routes))  # type: ignore[attr-defined]
    # and cross-checked with the published API description, so nothing hides from the walk
    spec = server.client.get("/openapi.json").json()
    described = {(method.upper(), path) for path, item in spec["paths"].items()
                 for method in item}
    plain = {(method, re.sub(r":\w+}", "}", path)) for method, path in found}
    assert described <= plain, described - plain
    return found


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_the_public_list_is_the_reviewed_one() -> None:
    folders = {(method, folder + "{path:path}") for method, folder in PUBLIC_FOLDERS}
    assert set(PUBLIC) | folders == EXPECTED_PUBLIC


def test_every_route_refuses_anonymous_callers(server: Server) -> None:
    routes = _routes(server)
    assert len(routes) >= 40  # the enumeration sees the API and the pages, not an empty app
    assert sum(is_page(path) for _, path in routes) >= 14
    assert set(routes) >= EXPECTED_PUBLIC, "a public route that does not exist"
    for method, path in routes:
        if (method, path) in EXPECTED_PUBLIC:
            continue
        for headers in ({}, {"Authorization": "Bearer faro_not-a-token"},
                        {"Cookie": "__Host-faro_session=forged"}):
            answer = server.client.request(method, _concrete(path), headers=headers,
                                           json={"text": "x"}, follow_redirects=False)
            if method == "GET" and is_page(path):  # a page: to the sign-in form, and back
                assert answer.status_code == 303, (method, path, headers, answer.text)
                assert answer.headers["location"] == (
                    "/sign-in?next=" + quote(_concrete(path), safe=""))
                continue
            assert answer.status_code == 401, (method, path, headers, answer.text)
            if path.startswith("/taxii2/"):  # TAXII clients read TAXII error messages
                assert answer.headers["content-type"] == "application/taxii+json;version=2.1"
                assert answer.json()["error_code"] == "F501"
                continue
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.json()["code"] == "F501"


def test_unknown_paths_do_not_tell_anonymous_callers_what_exists(server: Server) -> None:
    assert server.client.get("/api/v1/no-such-thing").status_code == 401
    answer = server.client.get("/api/v1/no-such-thing", headers=server.auth("viewer"))
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"


def test_public_routes_answer_anonymous_callers(server: Server) -> None:
    c = server.client
    assert c.get("/api/v1/health").json()["status"] == "ok"
    spec = c.get("/openapi.json").json()
    assert spec["info"]["title"] == "faro"
    assert "/api/v1/documents" in spec["paths"]


def test_docs_are_served_without_a_cdn(server: Server) -> None:
    c = server.client
    page = c.get("/docs")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/docs/assets/") for a in assets), assets
    for asset in assets:
        answer = c.get(asset)
        assert answer.status_code == 200 and answer.content, asset
    assert c.get("/docs/assets/no-such-file.js").status_code == 404


def test_pages_load_nothing_from_other_sites(server: Server) -> None:
    c = server.client
    page = c.get("/sign-in")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["cache-control"] == "no-store"
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page.text)
    assert "/static/faro.css" in assets and "/static/faro.js" in assets
    assert "data:," in assets  # an empty favicon, so browsers ask for none
    for asset in assets:
        if asset == "data:,":
            continue
        assert asset.startswith("/") and not asset.startswith("//"), asset
        answer = c.get(asset)
        assert answer.status_code == 200 and answer.content, asset
    assert c.get("/static/no-such-file.css").status_code == 404
