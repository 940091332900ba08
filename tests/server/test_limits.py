"""Rate limits: per API token or user, and on sign-in attempts (429, F506, Retry-After)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.server.conftest import PASSWORD, password_hash

from faro import load_options
from faro.server import create_app
from faro.server._limits import RateLimiter
from faro.store import CLI, Store


def test_token_bucket() -> None:
    now = [0.0]
    limiter = RateLimiter(3, clock=lambda: now[0])  # 3 at once, then one every 20 s
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.take("a") == pytest.approx(20.0)
    assert limiter.take("b") == 0.0  # keys are independent
    now[0] = 10.0
    assert limiter.take("a") == pytest.approx(10.0)
    now[0] = 20.0
    assert limiter.take("a") == 0.0
    assert limiter.take("a") == pytest.approx(20.0)
    with pytest.raises(ValueError, match="positive"):
        RateLimiter(0)


def test_the_api_refuses_callers_over_their_limits(tmp_path: Path) -> None:
    options = load_options(database_url=f"sqlite:///{tmp_path / 'faro.db'}",
                           rate_limit_per_minute=3, sign_in_per_minute=2)
    with Store.open(options) as store:
        org, _ = store.accounts.ensure_organisation("Desk", CLI)
        user = store.accounts.add_user("a@example.org", org.id, "analyst", password_hash(), CLI)
        _, first = store.accounts.create_token(user, "one", "read", CLI)
        _, second = store.accounts.create_token(user, "two", "read", CLI)
        with TestClient(create_app(options, store=store), base_url="https://testserver") as c:
            auth = {"Authorization": f"Bearer {first}"}
            assert [c.get("/api/v1/auth/me", headers=auth).status_code
                    for _ in range(3)] == [200, 200, 200]
            refused = c.get("/api/v1/auth/me", headers=auth)
            assert refused.status_code == 429
            assert refused.json()["code"] == "F506"
            assert 1 <= int(refused.headers["retry-after"]) <= 20
            other = {"Authorization": f"Bearer {second}"}
            assert c.get("/api/v1/auth/me", headers=other).status_code == 200

            wrong = {"email": "a@example.org", "password": "wrong password!"}
            assert [c.post("/api/v1/auth/session", json=wrong).status_code
                    for _ in range(2)] == [401, 401]
            right = c.post("/api/v1/auth/session",
                           json={"email": "a@example.org", "password": PASSWORD})
            assert right.status_code == 429 and right.json()["code"] == "F506"
            # the client's allowance is spent too: another address is refused as well
            other_address = c.post("/api/v1/auth/session",
                                   json={"email": "b@example.org", "password": PASSWORD})
            assert other_address.status_code == 429
