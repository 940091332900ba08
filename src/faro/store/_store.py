"""The Store facade: one object in front of SQLite or PostgreSQL for the rest of faro."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from faro._config import Options
from faro._errors import DatabaseUnavailableError, StorageError
from faro.model import FactCheck, Marking, Narrative, Verdict
from faro.store import _migrate
from faro.store._accounts import Accounts
from faro.store._audit import Actor, record
from faro.store._documents import Documents
from faro.store._tables import factchecks, kb_meta, narratives

if TYPE_CHECKING:
    from faro.store._kb import KnowledgeBase
    from faro.store._sources import Sources

__all__ = ["ImportCounts", "KBState", "Store"]

KBRecord = FactCheck | Narrative

#: Rows looked up or written per statement; keeps IN lists and executemany batches well under
#: the SQLite variable limit and PostgreSQL packet sizes.
_CHUNK = 500
#: Connections a PostgreSQL store keeps open, and how many more it may open for a while.
_POOL_SIZE = 20
_POOL_OVERFLOW = 20


@dataclass(frozen=True, slots=True)
class KBState:
    """What the search index is stamped with, and the sizes ``faro kb stats`` starts from."""

    uid: str
    version: int
    factchecks: int
    narratives: int


@dataclass(slots=True)
class ImportCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: ImportCounts) -> ImportCounts:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self

    @property
    def changed(self) -> int:
        return self.inserted + self.updated


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _fingerprint(record: KBRecord) -> str:
    payload = json.dumps(asdict(record), sort_keys=True, default=_json_default, ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8"), usedforsecurity=False).hexdigest()


def _row(record: KBRecord) -> dict[str, Any]:
    row = {f.name: getattr(record, f.name) for f in fields(record)}
    row["marking"] = record.marking.value
    row["releasable_to"] = list(record.releasable_to)
    row["translations"] = dict(record.translations)
    if isinstance(record, FactCheck):
        row["verdict"] = record.verdict.value if record.verdict else None
    else:
        row["keywords"] = list(record.keywords)
        row["countries"] = list(record.countries)
    row["fingerprint"] = _fingerprint(record)
    return row


def _factcheck(row: sa.Row[Any]) -> FactCheck:
    m = row._mapping
    return FactCheck(
        id=m["id"], claim=m["claim"], language=m["language"],
        verdict=Verdict(m["verdict"]) if m["verdict"] else None, rating=m["rating"],
        url=m["url"], publisher=m["publisher"], title=m["title"], claimant=m["claimant"],
        review_date=m["review_date"], source_dataset=m["source_dataset"],
        marking=Marking(m["marking"]), releasable_to=tuple(m["releasable_to"] or ()),
        translations=dict(m["translations"] or {}),
    )


def _narrative(row: sa.Row[Any]) -> Narrative:
    m = row._mapping
    return Narrative(
        id=m["id"], title=m["title"], summary=m["summary"], language=m["language"],
        debunk=m["debunk"], keywords=tuple(m["keywords"] or ()),
        countries=tuple(m["countries"] or ()), first_seen=m["first_seen"],
        last_seen=m["last_seen"], source=m["source"], url=m["url"],
        marking=Marking(m["marking"]), releasable_to=tuple(m["releasable_to"] or ()),
        translations=dict(m["translations"] or {}),
    )


class Store:
    """The database behind faro: SQLite (one file, WAL) or PostgreSQL, same code and schema."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, target: Options | str, *, upgrade: bool = True) -> Store:
        """Open the database of ``target`` (options or a URL), creating or migrating it."""
        url = target.resolved_database_url if isinstance(target, Options) else target
        engine = _create_engine(url)
        store = cls(engine)
        if upgrade:
            _migrate.upgrade(engine)
        if isinstance(target, Options):  # the narratives' settings are options too
            from faro.narratives import BurstSettings, ClusterSettings
            from faro.store._narratives import Narratives

            Narratives.configure(engine, ClusterSettings(threshold=target.narrative_threshold),
                                 BurstSettings(alpha=target.burst_alpha))
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        """The database URL with any password hidden (safe to print and log)."""
        return self.engine.url.render_as_string(hide_password=True)

    # -- server mode -----------------------------------------------------------------------------

    @property
    def accounts(self) -> Accounts:
        """Organisations, users, API tokens and sessions."""
        return Accounts(self.engine)

    @property
    def documents(self) -> Documents:
        """Documents, claims and matches, each owned by one organisation."""
        return Documents(self.engine)

    @property
    def sources(self) -> Sources:
        """Monitored sources, and the documents ingesting adds."""
        from faro.store._sources import Sources

        return Sources(self.engine)

    @property
    def kb(self) -> KnowledgeBase:
        """Knowledge-base records by page, and changed one at a time, audited."""
        from faro.store._kb import KnowledgeBase

        return KnowledgeBase(self.engine)

    # -- knowledge base ------------------------------------------------------------------------

    def kb_state(self) -> KBState:
        with self.engine.connect() as conn:
            meta = dict(conn.execute(sa.select(kb_meta.c.key, kb_meta.c.value)).all())
            n_fc = conn.execute(sa.select(sa.func.count()).select_from(factchecks)).scalar_one()
            n_nar = conn.execute(sa.select(sa.func.count()).select_from(narratives)).scalar_one()
        return KBState(uid=meta["uid"], version=int(meta["version"]), factchecks=n_fc,
                       narratives=n_nar)

    def kb_stamp(self) -> tuple[str, int]:
        """``(uid, version)`` of the knowledge base: one small query, for freshness checks."""
        with self.engine.connect() as conn:
            meta = dict(conn.execute(sa.select(kb_meta.c.key, kb_meta.c.value)).all())
        return meta["uid"], int(meta["version"])

    def put_records(self, records: Iterable[KBRecord], *, actor: Actor | None = None,
                    source: str = "") -> ImportCounts:
        """Insert or update records in one transaction: all of them are stored, or none.

        A record whose id is already stored is updated when any field differs and left alone
        when nothing does, so importing the same file twice changes nothing the second time.
        The knowledge-base version rises once per call that changed something. With an
        ``actor``, a change is one audit entry ``kb.import`` of ``source`` (a file's name) with
        the counts.
        """
        items = list(records)
        counts = ImportCounts()
        now = datetime.now(UTC)
        try:
            with self.engine.begin() as conn:
                for table, kind in ((factchecks, FactCheck), (narratives, Narrative)):
                    rows = [_row(r) for r in items if isinstance(r, kind)]
                    counts += _upsert(conn, table, rows, now)
                if counts.changed:
                    _bump_version(conn)
                    if actor is not None:
                        record(conn, actor, "kb.import", "file", source, after=asdict(counts))
        except sa.exc.SQLAlchemyError as exc:
            raise StorageError(f"storing {len(items)} records failed; nothing was stored: "
                               f"{type(exc).__name__}: {exc.args[0] if exc.args else ''}") from exc
        return counts

    def delete_records(self, ids: Sequence[str]) -> int:
        """Delete records by id (fact-checks or narratives); return how many went."""
        gone = 0
        with self.engine.begin() as conn:
            for table in (factchecks, narratives):
                for chunk in _chunks(list(ids)):
                    gone += conn.execute(table.delete().where(table.c.id.in_(chunk))).rowcount
            if gone:
                _bump_version(conn)
        return gone

    def iter_records(self, *, kind: str | None = None, batch: int = 5000,
                     ) -> Iterator[KBRecord]:
        """Every record, fact-checks then narratives, in id order (streamed)."""
        tables: list[tuple[sa.Table, Callable[[sa.Row[Any]], KBRecord]]] = [
            (factchecks, _factcheck), (narratives, _narrative)]
        for table, build in tables:
            if kind is not None and table.name != _TABLE_OF_KIND[kind]:
                continue
            with self.engine.connect() as conn:
                result = conn.execution_options(stream_results=True, yield_per=batch).execute(
                    sa.select(table).order_by(table.c.id))
                for row in result:
                    yield build(row)

    def get_records(self, ids: Sequence[str]) -> dict[str, KBRecord]:
        out: dict[str, KBRecord] = {}
        with self.engine.connect() as conn:
            for table, build in ((factchecks, _factcheck), (narratives, _narrative)):
                for chunk in _chunks(list(ids)):
                    for row in conn.execute(sa.select(table).where(table.c.id.in_(chunk))):
                        out[row.id] = build(row)
        return out

    def counts_by(self, kind: str, column: str) -> list[tuple[str | None, int]]:
        """Records of ``kind`` counted by one column (``language``, ``verdict``, ``source``…)."""
        table = factchecks if kind == "factcheck" else narratives
        col = table.c[column]
        query = sa.select(col, sa.func.count()).group_by(col).order_by(sa.func.count().desc())
        with self.engine.connect() as conn:
            return [(value, n) for value, n in conn.execute(query)]


_TABLE_OF_KIND = {"factcheck": "factchecks", "narrative": "narratives"}


def _chunks(items: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _upsert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]],
            now: datetime) -> ImportCounts:
    counts = ImportCounts()
    by_id = {row["id"]: row for row in rows}  # a later row for the same id wins
    for chunk in _chunks(list(by_id)):
        stored = dict(conn.execute(sa.select(table.c.id, table.c.fingerprint)
                                   .where(table.c.id.in_(chunk))).all())
        new = [by_id[i] | {"created_at": now, "updated_at": now} for i in chunk if i not in stored]
        changed = [by_id[i] for i in chunk if i in stored and stored[i] != by_id[i]["fingerprint"]]
        counts.unchanged += len(chunk) - len(new) - len(changed)
        if new:
            conn.execute(table.insert(), new)
            counts.inserted += len(new)
        if changed:
            columns = [c for c in changed[0] if c != "id"]
            stmt = (table.update().where(table.c.id == sa.bindparam("_id"))
                    .values({c: sa.bindparam(c) for c in columns} | {"updated_at": now}))
            conn.execute(stmt, [{"_id": r["id"], **{c: r[c] for c in columns}} for r in changed])
            counts.updated += len(changed)
    return counts


def _bump_version(conn: sa.Connection) -> None:
    conn.execute(kb_meta.update().where(kb_meta.c.key == "version").values(
        value=sa.cast(sa.cast(kb_meta.c.value, sa.Integer) + 1, sa.Text)))


def _create_engine(url: str) -> sa.Engine:
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise DatabaseUnavailableError(f"not a database URL: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            from pathlib import Path

            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(parsed)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    else:
        # as many connections kept open as the server's threadpool (40 threads: anyio's
        # default) can use at once; with SQLAlchemy's default 5 kept (10 more opened and closed
        # on demand), a burst of requests paid for new PostgreSQL connections (a backend
        # process each), about 1.4 a second under the load benchmark
        engine = sa.create_engine(parsed, pool_pre_ping=True, pool_size=_POOL_SIZE,
                                  max_overflow=_POOL_OVERFLOW)
    try:
        with engine.connect():
            pass
    except sa.exc.SQLAlchemyError as exc:
        shown = parsed.render_as_string(hide_password=True)
        raise DatabaseUnavailableError(
            f"cannot open the database {shown}: {type(exc).__name__}",
            hint="check FARO_DATABASE_URL (or FARO_HOME for the default SQLite file)") from exc
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
