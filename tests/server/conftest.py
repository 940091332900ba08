"""A running API over a fresh database on each back end, with two organisations of users.

Organisation A has an admin, an analyst and a viewer; organisation B one analyst. Each user has
an API token of their role's full scope; tests sign in with passwords only where sessions are
the point (argon2 is slow on purpose).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import fresh_database

from faro import load_options
from faro.server import create_app, hash_password
from faro.store import CLI, Store, User

PASSWORD = "correct horse battery staple"
SCOPE_OF = {"admin": "admin", "analyst": "write", "viewer": "read"}


@cache
def password_hash() -> str:
    return hash_password(PASSWORD)


@dataclass
class Server:
    client: TestClient
    store: Store
    users: dict[str, User]
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        """Headers that authenticate as ``who`` (``admin``, ``analyst``, ``viewer``, ``b``)."""
        return {"Authorization": f"Bearer {self.tokens[who]}"}


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    with fresh_database(request.param, tmp_path) as url:
        options = load_options(database_url=url, max_request_bytes=200_000)
        store = Store.open(options)
        try:
            accounts = store.accounts
            org_a, _ = accounts.ensure_organisation("Desk A", CLI)
            org_b, _ = accounts.ensure_organisation("Desk B", CLI)
            people = {"admin": (org_a, "admin"), "analyst": (org_a, "analyst"),
                      "viewer": (org_a, "viewer"), "b": (org_b, "analyst")}
            users: dict[str, User] = {}
            tokens: dict[str, str] = {}
            for who, (org, role) in people.items():
                users[who] = accounts.add_user(f"{who}@example.org", org.id, role,
                                               password_hash(), CLI)
                tokens[who] = accounts.create_token(users[who], "tests", SCOPE_OF[role], CLI)[1]
            app = create_app(options, store=store)
            with TestClient(app, base_url="https://testserver") as client:
                yield Server(client, store, users, tokens)
        finally:
            store.close()
