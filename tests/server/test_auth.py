"""Signing in: session cookies, CSRF, API tokens, roles and scopes."""

from __future__ import annotations

import json
import logging

import pytest
import sqlalchemy as sa
from tests.server.conftest import PASSWORD, Server

from faro.store._tables import audit_log


def _sign_in(server: Server, who: str) -> str:
    answer = server.client.post("/api/v1/auth/session",
                                json={"email": f"{who}@example.org", "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["csrf_token"])


def test_session_cookie_flags_and_csrf(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    c = server.client
    answer = c.post("/api/v1/auth/session",
                    json={"email": "Analyst@Example.org", "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    csrf = answer.json()["csrf_token"]
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("__Host-faro_session=")
    lowered = cookie.lower()
    assert "secure" in lowered and "httponly" in lowered and "samesite=strict" in lowered
    assert "path=/" in lowered and "domain" not in lowered

    me = c.get("/api/v1/auth/me").json()
    assert me["user"]["email"] == "analyst@example.org" and me["access"] == "write"

    refused = c.post("/api/v1/documents", json={"text": "A claim."})
    assert refused.status_code == 403 and refused.json()["code"] == "F503"
    wrong = c.post("/api/v1/documents", json={"text": "A claim."},
                   headers={"X-CSRF-Token": "guess"})
    assert wrong.status_code == 403 and wrong.json()["code"] == "F503"
    made = c.post("/api/v1/documents", json={"text": "A claim."},
                  headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, made.text
    assert c.get("/api/v1/documents").json()["total"] == 1  # reads need no CSRF token

    out = c.request("DELETE", "/api/v1/auth/session", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204
    assert c.get("/api/v1/auth/me").status_code == 401

    with server.store.engine.connect() as conn:  # the password is in no log of any kind
        logged = " ".join(str(r) for r in conn.execute(sa.select(audit_log)))
    assert PASSWORD not in logged and PASSWORD not in caplog.text


def test_wrong_password_and_unknown_address_look_alike(server: Server) -> None:
    c = server.client
    bad = c.post("/api/v1/auth/session", json={"email": "admin@example.org", "password": "x"})
    nobody = c.post("/api/v1/auth/session",
                    json={"email": "nobody@example.org", "password": PASSWORD})
    assert bad.status_code == nobody.status_code == 401
    assert bad.json() == nobody.json()
    assert bad.json()["code"] == "F501"
    assert "set-cookie" not in bad.headers
    malformed = c.post("/api/v1/auth/session", json={"email": "a@example.org"})
    assert malformed.status_code == 422 and malformed.json()["code"] == "F504"


def test_a_cross_site_text_plain_post_cannot_sign_anyone_in(server: Server) -> None:
    # what <form enctype="text/plain"> on another site can send, no CORS preflight needed
    body = json.dumps({"email": "admin@example.org", "password": PASSWORD, "x": "="})
    answer = server.client.post("/api/v1/auth/session", content=body,
                                headers={"Content-Type": "text/plain"})
    assert answer.status_code == 422 and answer.json()["code"] == "F504"
    assert "set-cookie" not in answer.headers


def test_signing_in_again_with_a_live_session_needs_no_session_csrf(server: Server) -> None:
    c = server.client
    _sign_in(server, "viewer")
    _sign_in(server, "analyst")  # the old cookie comes along; the sign-in is its own guard
    assert c.get("/api/v1/auth/me").json()["user"]["email"] == "analyst@example.org"


def test_sign_in_form_needs_its_csrf_token(server: Server) -> None:
    c = server.client
    form = {"email": "viewer@example.org", "password": PASSWORD}
    refused = c.post("/api/v1/auth/session", data=form)
    assert refused.status_code == 403 and refused.json()["code"] == "F503"
    token = c.get("/api/v1/auth/csrf").json()["csrf_token"]
    assert c.post("/api/v1/auth/session", data=form | {"csrf_token": "other"}).status_code == 403
    signed = c.post("/api/v1/auth/session", data=form | {"csrf_token": token})
    assert signed.status_code == 200, signed.text
    csrf = signed.json()["csrf_token"]
    # a form post made with the session cookie carries the CSRF token as a field: without it
    # the gate refuses; with it the request reaches the route (which wants JSON: 422)
    bare = c.post("/api/v1/tokens", data={"name": "x"})
    assert bare.status_code == 403 and bare.json()["code"] == "F503"
    carried = c.post("/api/v1/tokens", data={"name": "x", "csrf_token": csrf})
    assert carried.status_code == 422 and carried.json()["code"] == "F504"


def test_roles_and_token_scopes(server: Server) -> None:
    c = server.client
    viewer_write = c.post("/api/v1/documents", json={"text": "A claim."},
                          headers=server.auth("viewer"))
    assert viewer_write.status_code == 403 and viewer_write.json()["code"] == "F502"
    assert c.get("/api/v1/users", headers=server.auth("analyst")).status_code == 403
    assert c.get("/api/v1/users", headers=server.auth("admin")).status_code == 200

    # an admin's read-scoped token reads but does not administer or write
    made = c.post("/api/v1/tokens", json={"name": "dashboards", "scope": "read"},
                  headers=server.auth("admin"))
    assert made.status_code == 201, made.text
    secret = made.json()["token"]
    read_only = {"Authorization": f"Bearer {secret}"}
    assert c.get("/api/v1/documents", headers=read_only).status_code == 200
    assert c.get("/api/v1/users", headers=read_only).status_code == 403
    assert c.post("/api/v1/documents", json={"text": "x"}, headers=read_only).status_code == 403
    # ... nor mint a stronger token
    stronger = c.post("/api/v1/tokens", json={"name": "up", "scope": "admin"}, headers=read_only)
    assert stronger.status_code == 422
    # and once revoked, it is refused
    revoked = c.delete(f"/api/v1/tokens/{made.json()['id']}", headers=server.auth("admin"))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert c.get("/api/v1/documents", headers=read_only).status_code == 401

    listed = c.get("/api/v1/tokens", headers=server.auth("admin")).json()
    assert all("token" not in t and "token_hash" not in t for t in listed)
