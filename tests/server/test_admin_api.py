"""Administrators manage their organisation's users and tokens; all of it is audited."""

from __future__ import annotations

from tests.server.conftest import PASSWORD, Server


def test_users_are_added_changed_and_deactivated(server: Server) -> None:
    c, admin = server.client, server.auth("admin")
    made = c.post("/api/v1/users", json={"email": "New@Example.org", "role": "viewer",
                                         "password": PASSWORD}, headers=admin)
    assert made.status_code == 201, made.text
    user = made.json()
    assert user["email"] == "new@example.org" and "password" not in str(user)
    dup = c.post("/api/v1/users", json={"email": "new@example.org", "role": "viewer",
                                        "password": PASSWORD}, headers=admin)
    assert dup.status_code == 409 and dup.json()["code"] == "F404"
    short = c.post("/api/v1/users", json={"email": "s@example.org", "role": "viewer",
                                          "password": "short"}, headers=admin)
    assert short.status_code == 422

    promoted = c.patch(f"/api/v1/users/{user['id']}", json={"role": "analyst"}, headers=admin)
    assert promoted.json()["role"] == "analyst"
    signed = c.post("/api/v1/auth/session", json={"email": "new@example.org",
                                                  "password": PASSWORD})
    assert signed.status_code == 200
    off = c.patch(f"/api/v1/users/{user['id']}", json={"active": False}, headers=admin)
    assert off.json()["active"] is False
    assert c.get("/api/v1/auth/me").status_code == 401  # the session ended with it
    self_demote = c.patch(f"/api/v1/users/{server.users['admin'].id}", json={"role": "viewer"},
                          headers=admin)
    assert self_demote.status_code == 422

    entries = c.get("/api/v1/audit?action=user.update", headers=admin).json()["items"]
    assert [e["after"]["active"] for e in entries] == [False, True]
    assert entries[1]["before"]["role"] == "viewer" and entries[1]["after"]["role"] == "analyst"
    assert all("password_hash" not in str(e) for e in entries)


def test_tokens_are_listed_without_secrets_and_revoked(server: Server) -> None:
    c = server.client
    mine = c.post("/api/v1/tokens", json={"name": "feeds", "scope": "write"},
                  headers=server.auth("analyst")).json()
    assert mine["token"].startswith(mine["prefix"])
    listed = c.get("/api/v1/tokens", headers=server.auth("analyst")).json()
    assert {t["name"] for t in listed} == {"tests", "feeds"}
    viewer_try = c.delete(f"/api/v1/tokens/{mine['id']}", headers=server.auth("viewer"))
    assert viewer_try.status_code == 404  # not the viewer's token
    everyone = c.get("/api/v1/tokens?all=true", headers=server.auth("admin")).json()
    assert len(everyone) == 4  # the fixture's three in A, and this one
    assert c.delete(f"/api/v1/tokens/{mine['id']}",
                    headers=server.auth("admin")).json()["revoked_at"]
    assert c.get("/api/v1/auth/me",
                 headers={"Authorization": f"Bearer {mine['token']}"}).status_code == 401
    audit = c.get("/api/v1/audit?action=token.create&action=token.revoke",
                  headers=server.auth("admin")).json()
    assert [e["action"] for e in audit["items"]][:2] == ["token.revoke", "token.create"]
    assert mine["token"] not in str(audit)
