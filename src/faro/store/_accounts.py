"""Organisations, users, API tokens and sign-in sessions.

Secrets never reach the database: API tokens and session cookies are stored as SHA-256 digests
(they are long random strings, so a fast digest is enough), passwords as the hash the caller
made (argon2, see :mod:`faro.server`). Every change writes the audit log in its transaction,
and what the log records never holds a secret or a hash.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from faro._errors import ConflictError, InvalidRequestError, RecordNotFoundError
from faro.model import Marking
from faro.store._audit import Actor, inserted_id, record, utc
from faro.store._tables import api_tokens, organisations, sessions, users

__all__ = ["ROLES", "SCOPES", "Accounts", "ApiToken", "Organisation", "User", "level",
           "normalise_email"]

#: Roles of users, weakest first; a role may do what the ones before it may.
ROLES = ("viewer", "analyst", "admin")
#: Scopes of API tokens, weakest first, on the same ladder as the roles.
SCOPES = ("read", "write", "admin")

TOKEN_PREFIX = "faro_"
#: Characters of a token kept in clear to tell tokens apart (``faro_`` and 7 more).
_SHOWN = 12
#: ``last_used_at`` is written at most this often per token, so reads do not each cost a write.
_LAST_USED_EVERY = timedelta(minutes=1)


def level(role_or_scope: str) -> int:
    """1 (viewer / read), 2 (analyst / write) or 3 (admin)."""
    for ladder in (ROLES, SCOPES):
        if role_or_scope in ladder:
            return ladder.index(role_or_scope) + 1
    raise ValueError(f"not a role or scope: {role_or_scope!r}")


def normalise_email(email: str) -> str:
    """The address trimmed and lower-cased; :class:`InvalidRequestError` when it is not one."""
    value = email.strip().lower()
    local, _, domain = value.partition("@")
    if not local or "." not in domain or len(value) > 320 or any(c.isspace() for c in value):
        raise InvalidRequestError(f"not an e-mail address: {email!r}")
    return value


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Organisation:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class User:
    id: int
    org_id: int
    email: str
    role: str
    active: bool
    created_at: datetime

    def public(self) -> dict[str, Any]:
        """What the audit log and the API show of a user (no password hash)."""
        return {"id": self.id, "org_id": self.org_id, "email": self.email, "role": self.role,
                "active": self.active}


@dataclass(frozen=True, slots=True)
class ApiToken:
    id: int
    user_id: int
    name: str
    prefix: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "user_id": self.user_id, "name": self.name,
                "prefix": self.prefix, "scope": self.scope,
                "revoked": self.revoked_at is not None}


def _user(row: sa.Row[*tuple[Any, ...]]) -> User:
    m = row._mapping
    return User(id=m["id"], org_id=m["org_id"], email=m["email"], role=m["role"],
                active=bool(m["active"]), created_at=utc(m["created_at"]))


def _token(row: sa.Row[*tuple[Any, ...]]) -> ApiToken:
    m = row._mapping
    return ApiToken(id=m["id"], user_id=m["user_id"], name=m["name"], prefix=m["prefix"],
                    scope=m["scope"], created_at=utc(m["created_at"]),
                    last_used_at=utc(m["last_used_at"]) if m["last_used_at"] else None,
                    revoked_at=utc(m["revoked_at"]) if m["revoked_at"] else None)


_USER_COLUMNS = [users.c.id, users.c.org_id, users.c.email, users.c.role, users.c.active,
                 users.c.created_at]


class Accounts:
    """Organisations, users, tokens and sessions in the database of ``engine``."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- organisations -----------------------------------------------------------------------

    def organisation(self, name: str) -> Organisation | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(organisations.c.id, organisations.c.name)
                               .where(organisations.c.name == name)).first()
        return Organisation(row.id, row.name) if row else None

    def defaults(self, org_id: int) -> tuple[Marking, tuple[str, ...]]:
        """The marking and releasability the organisation's new documents get."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(organisations.c.default_marking,
                                         organisations.c.default_releasable_to)
                               .where(organisations.c.id == org_id)).one()
        return Marking(row[0]), tuple(row[1] or ())

    def set_defaults(self, org_id: int, marking: Marking, releasable_to: Sequence[str],
                     actor: Actor) -> tuple[Marking, tuple[str, ...]]:
        """Set them (an admin's act), with an audit entry ``organisation.defaults``."""
        before = self.defaults(org_id)
        released = sorted({name.strip() for name in releasable_to if name.strip()})
        with self.engine.begin() as conn:
            conn.execute(organisations.update().where(organisations.c.id == org_id)
                         .values(default_marking=marking.value,
                                 default_releasable_to=released))
            record(conn, actor, "organisation.defaults", "organisation", org_id,
                   org_id=org_id,
                   before={"marking": before[0].value, "releasable_to": list(before[1])},
                   after={"marking": marking.value, "releasable_to": released})
        return marking, tuple(released)

    def organisations(self) -> list[Organisation]:
        """Every organisation, by name."""
        with self.engine.connect() as conn:
            return [Organisation(r.id, r.name) for r in conn.execute(
                sa.select(organisations.c.id, organisations.c.name)
                .order_by(organisations.c.name))]

    def ensure_organisation(self, name: str, actor: Actor) -> tuple[Organisation, bool]:
        """The organisation called ``name``, created if there is none; and whether it was."""
        name = name.strip()
        if not name or len(name) > 200:
            raise InvalidRequestError("an organisation needs a name of 1 to 200 characters")
        found = self.organisation(name)
        if found is not None:
            return found, False
        with self.engine.begin() as conn:
            org_id = inserted_id(conn.execute(organisations.insert().values(
                name=name, created_at=datetime.now(UTC))))
            record(conn, actor, "organisation.create", "organisation", org_id, org_id=org_id,
                   after={"id": org_id, "name": name})
        return Organisation(org_id, name), True

    # -- users ---------------------------------------------------------------------------------

    def add_user(self, email: str, org_id: int, role: str, password_hash: str,
                 actor: Actor) -> User:
        """Create a user; :class:`ConflictError` when the address is taken (on any
        organisation: an address signs in to one account)."""
        if role not in ROLES:
            raise InvalidRequestError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        address = normalise_email(email)
        now = datetime.now(UTC)
        try:
            with self.engine.begin() as conn:
                user_id = inserted_id(conn.execute(users.insert().values(
                    org_id=org_id, email=address, role=role, password_hash=password_hash,
                    active=True, created_at=now, updated_at=now)))
                user = User(user_id, org_id, address, role, True, now)
                record(conn, actor, "user.create", "user", user_id, org_id=org_id,
                       after=user.public())
        except sa.exc.IntegrityError as exc:
            raise ConflictError(f"a user with the address {address} exists already") from exc
        return user

    def get_user(self, org_id: int, user_id: int) -> User:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*_USER_COLUMNS).where(
                users.c.id == user_id, users.c.org_id == org_id)).first()
        if row is None:
            raise RecordNotFoundError(f"no user {user_id}")
        return _user(row)

    def list_users(self, org_id: int) -> list[User]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*_USER_COLUMNS).where(users.c.org_id == org_id)
                                .order_by(users.c.id)).all()
        return [_user(r) for r in rows]

    def update_user(self, org_id: int, user_id: int, actor: Actor, *, role: str | None = None,
                    active: bool | None = None, password_hash: str | None = None) -> User:
        """Change a user's role, active flag or password. Deactivating a user or changing the
        password ends their sessions; deactivating also makes their tokens stop working."""
        if role is not None and role not in ROLES:
            raise InvalidRequestError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        before = self.get_user(org_id, user_id)
        values: dict[str, Any] = {}
        if role is not None:
            values["role"] = role
        if active is not None:
            values["active"] = active
        if password_hash is not None:
            values["password_hash"] = password_hash
        if not values:
            return before
        with self.engine.begin() as conn:
            conn.execute(users.update().where(users.c.id == user_id, users.c.org_id == org_id)
                         .values(values | {"updated_at": datetime.now(UTC)}))
            if active is False or password_hash is not None:
                conn.execute(sessions.delete().where(sessions.c.user_id == user_id))
            after = _user(conn.execute(sa.select(*_USER_COLUMNS)
                                       .where(users.c.id == user_id)).one())
            changed = after.public() | ({"password": "changed"} if password_hash else {})
            record(conn, actor, "user.update", "user", user_id, org_id=org_id,
                   before=before.public(), after=changed)
        return after

    def user_by_email(self, email: str) -> User | None:
        """The user with the address ``email``, active or not."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*_USER_COLUMNS).where(
                users.c.email == normalise_email(email))).first()
        return _user(row) if row else None

    def password_hash(self, email: str) -> tuple[User, str] | None:
        """The active user with the address ``email`` and their password hash, if any."""
        try:
            address = normalise_email(email)
        except InvalidRequestError:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(*_USER_COLUMNS, users.c.password_hash).where(
                users.c.email == address, users.c.active.is_(True))).first()
        return (_user(row), row.password_hash) if row else None

    # -- API tokens ----------------------------------------------------------------------------

    def create_token(self, user: User, name: str, scope: str, actor: Actor,
                     ) -> tuple[ApiToken, str]:
        """A new token for ``user``, and its secret: shown once, kept only as a digest. The
        scope cannot exceed the user's role."""
        if scope not in SCOPES:
            raise InvalidRequestError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        if level(scope) > level(user.role):
            raise InvalidRequestError(f"a {user.role} cannot hold a token of scope {scope}")
        name = name.strip()
        if not name or len(name) > 200:
            raise InvalidRequestError("a token needs a name of 1 to 200 characters")
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            token_id = inserted_id(conn.execute(api_tokens.insert().values(
                user_id=user.id, name=name, prefix=secret[:_SHOWN], token_hash=_digest(secret),
                scope=scope, created_at=now)))
            token = ApiToken(token_id, user.id, name, secret[:_SHOWN], scope, now, None, None)
            record(conn, actor, "token.create", "token", token_id, org_id=user.org_id,
                   after=token.public())
        return token, secret

    def list_tokens(self, org_id: int, *, user_id: int | None = None) -> list[ApiToken]:
        query = (sa.select(api_tokens).join(users, users.c.id == api_tokens.c.user_id)
                 .where(users.c.org_id == org_id).order_by(api_tokens.c.id))
        if user_id is not None:
            query = query.where(api_tokens.c.user_id == user_id)
        with self.engine.connect() as conn:
            return [_token(r) for r in conn.execute(query)]

    def revoke_token(self, org_id: int, token_id: int, actor: Actor, *,
                     user_id: int | None = None) -> ApiToken:
        """Revoke a token of the organisation (of ``user_id`` only, when given). Revoking a
        revoked token changes nothing and is not logged again."""
        owned = [t for t in self.list_tokens(org_id, user_id=user_id) if t.id == token_id]
        if not owned:
            raise RecordNotFoundError(f"no token {token_id}")
        token = owned[0]
        if token.revoked_at is not None:
            return token
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(api_tokens.update().where(api_tokens.c.id == token_id)
                         .values(revoked_at=now))
            revoked = _token(conn.execute(sa.select(api_tokens)
                                          .where(api_tokens.c.id == token_id)).one())
            record(conn, actor, "token.revoke", "token", token_id, org_id=org_id,
                   before=token.public(), after=revoked.public())
        return revoked

    def authenticate_token(self, secret: str) -> tuple[User, ApiToken] | None:
        """The active user and unrevoked token ``secret`` is, if any; notes when it was used."""
        if not secret.startswith(TOKEN_PREFIX):
            return None
        query = (sa.select(api_tokens, *[c.label(f"u_{c.name}") for c in _USER_COLUMNS])
                 .join(users, users.c.id == api_tokens.c.user_id)
                 .where(api_tokens.c.token_hash == _digest(secret),
                        api_tokens.c.revoked_at.is_(None), users.c.active.is_(True)))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        token = _token(row)
        m = row._mapping
        user = User(id=m["u_id"], org_id=m["u_org_id"], email=m["u_email"], role=m["u_role"],
                    active=bool(m["u_active"]), created_at=utc(m["u_created_at"]))
        now = datetime.now(UTC)
        if token.last_used_at is None or now - token.last_used_at > _LAST_USED_EVERY:
            with self.engine.begin() as conn:
                conn.execute(api_tokens.update().where(api_tokens.c.id == token.id)
                             .values(last_used_at=now))
        return user, token

    # -- sessions ------------------------------------------------------------------------------

    def create_session(self, user: User, hours: float) -> tuple[str, str]:
        """A new sign-in session for ``user``: the cookie's secret and the CSRF token."""
        secret = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            conn.execute(sessions.delete().where(sessions.c.expires_at <= now))
            conn.execute(sessions.insert().values(
                id=_digest(secret), user_id=user.id, csrf_token=csrf, created_at=now,
                expires_at=now + timedelta(hours=hours)))
            record(conn, Actor(f"user:{user.id}", user.org_id, user.id), "session.create",
                   "user", user.id)
        return secret, csrf

    def session(self, secret: str) -> tuple[User, str] | None:
        """The active user of an unexpired session and its CSRF token, if any."""
        query = (sa.select(*_USER_COLUMNS, sessions.c.csrf_token)
                 .join(users, users.c.id == sessions.c.user_id)
                 .where(sessions.c.id == _digest(secret),
                        sessions.c.expires_at > datetime.now(UTC), users.c.active.is_(True)))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return (_user(row), row.csrf_token) if row else None

    def end_session(self, secret: str, actor: Actor) -> None:
        with self.engine.begin() as conn:
            gone = conn.execute(sessions.delete().where(sessions.c.id == _digest(secret)))
            if gone.rowcount:
                record(conn, actor, "session.end", "user", actor.user_id or "")
