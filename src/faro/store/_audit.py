"""Who acts, and the audit log every change is written to in the transaction that makes it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from faro.store._tables import audit_log

__all__ = ["CLI", "Actor", "AuditEntry", "inserted_id", "read_audit", "record", "utc"]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: a signed-in user, a user's API token, or the command line."""

    label: str
    """What the audit log names: ``user:3``, ``token:7``, ``cli``."""
    org_id: int | None = None
    user_id: int | None = None


#: Changes made on the server's own command line (``faro user add``, ``faro token create``).
CLI = Actor("cli")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    org_id: int | None
    user_id: int | None
    actor: str
    action: str
    target_kind: str
    target_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime (SQLite hands back naive ones, stored as UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def inserted_id(result: sa.CursorResult[Any]) -> int:
    """The integer primary key an ``INSERT`` of one row gave it."""
    key = result.inserted_primary_key
    if key is None:
        raise TypeError("not the result of an INSERT")
    return int(key[0])


def record(conn: sa.Connection, actor: Actor, action: str, target_kind: str,
           target_id: object, *, org_id: int | None = None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    """Write one audit entry on ``conn``: it lands or rolls back with the change it describes.

    ``org_id`` is the organisation the change concerns (the actor's when not given).
    """
    conn.execute(audit_log.insert().values(
        at=datetime.now(UTC), org_id=org_id if org_id is not None else actor.org_id,
        user_id=actor.user_id, actor=actor.label, action=action, target_kind=target_kind,
        target_id=str(target_id), before=before, after=after))


def read_audit(engine: sa.Engine, org_id: int, *, limit: int = 50, offset: int = 0,
               actions: Sequence[str] = ()) -> tuple[list[AuditEntry], int]:
    """The organisation's audit entries, newest first, and how many there are in all."""
    where = [audit_log.c.org_id == org_id]
    if actions:
        where.append(audit_log.c.action.in_(list(actions)))
    query = (sa.select(audit_log).where(*where)
             .order_by(audit_log.c.at.desc(), audit_log.c.id.desc()).limit(limit).offset(offset))
    with engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(audit_log)
                             .where(*where)).scalar_one()
        rows = conn.execute(query).all()
    entries = [AuditEntry(id=r.id, at=utc(r.at), org_id=r.org_id, user_id=r.user_id,
                          actor=r.actor, action=r.action, target_kind=r.target_kind,
                          target_id=r.target_id, before=r.before, after=r.after) for r in rows]
    return entries, total
