"""Organisations, users, tokens, sessions and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from faro._errors import ConflictError, InvalidRequestError, RecordNotFoundError
from faro.store import CLI, Actor, Store, read_audit
from faro.store._tables import api_tokens, audit_log, sessions


def test_users_tokens_sessions_and_their_audit(database_url: str) -> None:
    with Store.open(database_url) as store:
        accounts = store.accounts
        org, created = accounts.ensure_organisation("Desk A", CLI)
        assert created and accounts.ensure_organisation("Desk A", CLI) == (org, False)
        user = accounts.add_user(" Ana@Example.ORG ", org.id, "analyst", "hash-of-pw", CLI)
        assert user.email == "ana@example.org" and user.role == "analyst"
        with pytest.raises(ConflictError):
            accounts.add_user("ana@example.org", org.id, "viewer", "h", CLI)
        with pytest.raises(InvalidRequestError):
            accounts.add_user("not-an-address", org.id, "viewer", "h", CLI)
        with pytest.raises(InvalidRequestError):
            accounts.add_user("b@example.org", org.id, "owner", "h", CLI)
        found = accounts.password_hash("ANA@example.org")
        assert found is not None and found == (user, "hash-of-pw")

        actor = Actor(f"user:{user.id}", org.id, user.id)
        token, secret = accounts.create_token(user, "feeds", "write", actor)
        assert secret.startswith("faro_") and token.prefix == secret[:12]
        with pytest.raises(InvalidRequestError):  # an analyst cannot hold an admin token
            accounts.create_token(user, "too much", "admin", actor)
        got = accounts.authenticate_token(secret)
        assert got is not None and got[0] == user and got[1].id == token.id
        assert accounts.authenticate_token(secret + "x") is None
        assert accounts.authenticate_token("nonsense") is None
        with store.engine.connect() as conn:  # only the digest is stored
            stored = conn.execute(sa.select(api_tokens.c.token_hash)).scalar_one()
            assert secret not in stored and len(stored) == 64
            assert conn.execute(sa.select(api_tokens.c.last_used_at)).scalar_one() is not None
        revoked = accounts.revoke_token(org.id, token.id, actor)
        assert revoked.revoked_at is not None
        assert accounts.authenticate_token(secret) is None

        cookie, csrf = accounts.create_session(user, hours=1)
        assert accounts.session(cookie) == (user, csrf)
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(sessions.c.id)).scalar_one() != cookie
        accounts.end_session(cookie, actor)
        assert accounts.session(cookie) is None

        entries, total = read_audit(store.engine, org.id)
        actions = [e.action for e in reversed(entries)]
        assert actions == ["organisation.create", "user.create", "token.create",
                           "token.revoke", "session.create", "session.end"]
        assert total == 6
        assert entries[-1].after == {"id": org.id, "name": "Desk A"}
        with store.engine.connect() as conn:  # no secret or hash ever reaches the log
            logged = " ".join(str(r) for r in conn.execute(sa.select(audit_log)))
        assert "hash-of-pw" not in logged and secret not in logged and cookie not in logged


def test_deactivating_a_user_ends_sessions_and_tokens(database_url: str) -> None:
    with Store.open(database_url) as store:
        accounts = store.accounts
        org, _ = accounts.ensure_organisation("Desk", CLI)
        user = accounts.add_user("v@example.org", org.id, "viewer", "h", CLI)
        _, secret = accounts.create_token(user, "t", "read", CLI)
        cookie, _ = accounts.create_session(user, hours=1)
        after = accounts.update_user(org.id, user.id, CLI, active=False)
        assert not after.active
        assert accounts.session(cookie) is None
        assert accounts.authenticate_token(secret) is None
        assert accounts.password_hash("v@example.org") is None
        entries, _ = read_audit(store.engine, org.id, actions=["user.update"])
        assert entries[0].before["active"] is True  # type: ignore[index]
        assert entries[0].after["active"] is False  # type: ignore[index]


def test_expired_sessions_do_not_sign_in(database_url: str) -> None:
    with Store.open(database_url) as store:
        accounts = store.accounts
        org, _ = accounts.ensure_organisation("Desk", CLI)
        user = accounts.add_user("a@example.org", org.id, "admin", "h", CLI)
        cookie, _ = accounts.create_session(user, hours=-1)
        assert accounts.session(cookie) is None


def test_records_of_another_organisation_are_not_found(database_url: str) -> None:
    with Store.open(database_url) as store:
        accounts = store.accounts
        a, _ = accounts.ensure_organisation("A", CLI)
        b, _ = accounts.ensure_organisation("B", CLI)
        user_a = accounts.add_user("a@example.org", a.id, "admin", "h", CLI)
        token, _ = accounts.create_token(user_a, "t", "read", CLI)
        with pytest.raises(RecordNotFoundError):
            accounts.get_user(b.id, user_a.id)
        with pytest.raises(RecordNotFoundError):
            accounts.revoke_token(b.id, token.id, CLI)
        assert accounts.list_users(b.id) == [] and accounts.list_tokens(b.id) == []
        assert read_audit(store.engine, b.id)[1] == 1  # B's own creation only
