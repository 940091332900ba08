"""The knowledge base as people change it: one record at a time, each change audited, and the
pages the API and the web UI browse.

The knowledge base is shared by every organisation (matching reads all of it), but what each
reads of it is narrowed by the records' TLP markings and releasability for that organisation
(an :class:`~faro.sharing.Audience`: the rule is :func:`faro.sharing.may_release`); a change is
written to the audit log of the organisation of whoever made it, in the transaction that makes
it, with the record before and after. Every change raises the knowledge-base version, so the
search index (stamped with the version it reflects) is rebuilt before it is next used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from faro._errors import ConflictError, InvalidRequestError, RecordNotFoundError
from faro.kb.importers import record_to_json
from faro.model import FactCheck, Narrative
from faro.sharing import Audience, Channel
from faro.store._audit import Actor, record
from faro.store._documents import _contains, visible
from faro.store._store import KBRecord, _bump_version, _factcheck, _narrative, _row, _upsert
from faro.store._tables import factchecks, narratives, organisations

__all__ = ["FactCheckFilter", "KnowledgeBase", "NarrativeFilter"]

#: The kinds of record, their tables and how a row becomes a record.
_KINDS: dict[str, tuple[sa.Table, Callable[[sa.Row[Any]], KBRecord]]] = {
    "factcheck": (factchecks, _factcheck), "narrative": (narratives, _narrative)}


@dataclass(frozen=True, slots=True)
class FactCheckFilter:
    """What a list of fact-checks is narrowed to; ``None`` leaves a field free."""

    language: str | None = None
    verdict: str | None = None
    since: date | None = None
    """Reviewed on or after this day."""
    until: date | None = None
    """Reviewed on or before this day."""
    text: str | None = None
    """Words the claim or the title contains (case-insensitive; a scan, no index serves it)."""

    def conditions(self) -> list[Any]:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise InvalidRequestError(f"since ({self.since.isoformat()}) is after until "
                                      f"({self.until.isoformat()})")
        c = factchecks.c
        out: list[Any] = []
        if self.language is not None:
            out.append(c.language == self.language)
        if self.verdict is not None:
            out.append(c.verdict == self.verdict)
        if self.since is not None:
            out.append(c.review_date >= self.since)
        if self.until is not None:
            out.append(c.review_date <= self.until)
        if self.text:
            out.append(sa.or_(_contains(c.claim, self.text), _contains(c.title, self.text)))
        return out


@dataclass(frozen=True, slots=True)
class NarrativeFilter:
    """What a list of narratives is narrowed to; ``None`` leaves a field free."""

    language: str | None = None
    country: str | None = None
    """An ISO 3166-1 alpha-2 code among the narrative's countries (``IT``)."""
    text: str | None = None
    """Words the title or the summary contains (case-insensitive)."""

    def conditions(self) -> list[Any]:
        c = narratives.c
        out: list[Any] = []
        if self.language is not None:
            out.append(c.language == self.language)
        if self.country is not None:  # the JSON list as text: '["IT", "FR"]' on both back ends
            out.append(_contains(sa.cast(c.countries, sa.Text), f'"{self.country.upper()}"'))
        if self.text:
            out.append(sa.or_(_contains(c.title, self.text), _contains(c.summary, self.text)))
        return out


def _kind(record: KBRecord) -> str:
    return "factcheck" if isinstance(record, FactCheck) else "narrative"


class KnowledgeBase:
    """Records read one by one and by page, and changed one at a time with an audit entry."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- reading ---------------------------------------------------------------------------------

    def audience(self, org_id: int, channel: Channel) -> Audience:
        """The organisation ``org_id`` reading through ``channel``."""
        with self.engine.connect() as conn:
            name = conn.execute(sa.select(organisations.c.name)
                                .where(organisations.c.id == org_id)).scalar_one_or_none()
        if name is None:
            raise RecordNotFoundError(f"no organisation {org_id}")
        return Audience(name, channel)

    def get(self, kind: str, record_id: str, audience: Audience | None = None) -> KBRecord:
        """The record of ``kind`` (``factcheck``, ``narrative``) with ``record_id``; one the
        ``audience`` may not read is missing to it (:class:`RecordNotFoundError`), as if it
        did not exist."""
        with self.engine.connect() as conn:
            found = _read(conn, kind, record_id)
        if found is None or (audience is not None and not audience.allows(
                found.marking, found.releasable_to)):
            raise RecordNotFoundError(f"no {kind} {record_id}")
        return found

    def exists(self, kind: str, record_id: str) -> bool:
        """Whether a record of ``kind`` with ``record_id`` is stored, whoever may read it."""
        with self.engine.connect() as conn:
            return _read(conn, kind, record_id) is not None

    def factchecks(self, where: FactCheckFilter, *, limit: int = 50, offset: int = 0,
                   audience: Audience | None = None) -> tuple[list[FactCheck], int]:
        """Fact-checks in id order as ``where`` narrows them and ``audience`` may read them,
        and how many in all."""
        found, total = self._page("factcheck", where.conditions(), limit, offset, audience)
        return [r for r in found if isinstance(r, FactCheck)], total

    def narratives(self, where: NarrativeFilter, *, limit: int = 50, offset: int = 0,
                   audience: Audience | None = None) -> tuple[list[Narrative], int]:
        """Narratives in id order as ``where`` narrows them and ``audience`` may read them, and
        how many in all."""
        found, total = self._page("narrative", where.conditions(), limit, offset, audience)
        return [r for r in found if isinstance(r, Narrative)], total

    def _page(self, kind: str, where: list[Any], limit: int, offset: int,
              audience: Audience | None) -> tuple[list[KBRecord], int]:
        table, build = _KINDS[kind]
        if audience is not None:
            where = [*where, visible(table, audience)]
        with self.engine.connect() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(table)
                                 .where(*where)).scalar_one()
            rows = conn.execute(sa.select(table).where(*where).order_by(table.c.id)
                                .limit(limit).offset(offset)).all()
        return [build(r) for r in rows], total

    # -- changing --------------------------------------------------------------------------------

    def put(self, new: KBRecord, actor: Actor) -> tuple[KBRecord | None, bool]:
        """Store ``new`` under its id: inserted, or the stored record of that id updated (as a
        re-import does: the identity decides, nothing is duplicated). The record stored before
        (``None`` when it is new), and whether anything changed."""
        return self._write(_kind(new), new.id, lambda _before: new, actor)

    def change(self, kind: str, record_id: str, edit: Callable[[KBRecord], KBRecord],
               actor: Actor) -> tuple[KBRecord, KBRecord]:
        """Replace the stored record with ``edit(record)`` (read in the same transaction, so
        no other change slips in between); the record before and after. ``edit`` keeps the
        id."""
        def edited(before: KBRecord | None) -> KBRecord:
            if before is None:
                raise RecordNotFoundError(f"no {kind} {record_id}")
            after = edit(before)
            if after.id != record_id or _kind(after) != kind:
                raise ValueError("an edit keeps the record's kind and id")
            return after

        before, _ = self._write(kind, record_id, edited, actor)
        assert before is not None
        return before, self.get(kind, record_id)

    def delete(self, kind: str, record_id: str, actor: Actor) -> KBRecord:
        """Delete the record; what it was. Matches that pointed at it stay, showing it gone."""
        table, _ = _KINDS[kind]
        with self.engine.begin() as conn:
            before = _read(conn, kind, record_id, lock=True)
            if before is None:
                raise RecordNotFoundError(f"no {kind} {record_id}")
            conn.execute(table.delete().where(table.c.id == record_id))
            _bump_version(conn)
            record(conn, actor, f"{kind}.delete", kind, record_id,
                   before=record_to_json(before))
        return before

    def _write(self, kind: str, record_id: str,
               make: Callable[[KBRecord | None], KBRecord],
               actor: Actor) -> tuple[KBRecord | None, bool]:
        table, _ = _KINDS[kind]
        try:
            with self.engine.begin() as conn:
                before = _read(conn, kind, record_id, lock=True)
                after = make(before)
                counts = _upsert(conn, table, [_row(after)], datetime.now(UTC))
                if counts.changed:
                    _bump_version(conn)
                    record(conn, actor, f"{kind}.{'create' if before is None else 'update'}",
                           kind, record_id, before=record_to_json(before) if before else None,
                           after=record_to_json(after))
        except sa.exc.IntegrityError as exc:  # the same record created at the same moment
            raise ConflictError(f"{kind} {record_id} was being stored by another request; "
                                f"try again") from exc
        return before, bool(counts.changed)


def _read(conn: sa.Connection, kind: str, record_id: str, *,
          lock: bool = False) -> KBRecord | None:
    table, build = _KINDS[kind]
    query = sa.select(table).where(table.c.id == record_id)
    row = conn.execute(query.with_for_update() if lock else query).first()
    return build(row) if row is not None else None
