"""The Store on SQLite and PostgreSQL: migrations, idempotent transactional upserts, versions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from faro import DatabaseUnavailableError, FactCheck, Narrative, StorageError, Verdict
from faro.store import Store, _migrate
from faro.store._tables import metadata


def _fc(i: int, **kw: object) -> FactCheck:
    base = FactCheck(id=f"https://example.org/fc/{i}", claim=f"Claim number {i} is false",
                     language="en", verdict=Verdict.FALSE, rating="False",
                     url=f"https://example.org/fc/{i}", publisher="Desk",
                     review_date=date(2024, 1, i % 28 + 1), source_dataset="test")
    return replace(base, **kw)  # type: ignore[arg-type]


def _nar(i: int) -> Narrative:
    return Narrative(id=f"nar:{i}", title=f"Narrative {i}", summary="NATO is planning X",
                     language="en", keywords=("NATO", "war"), countries=("UA",),
                     first_seen=date(2022, 3, 1))


def test_new_database_is_migrated_and_empty(database_url: str) -> None:
    with Store.open(database_url) as store:
        state = store.kb_state()
        assert (state.version, state.factchecks, state.narratives) == (0, 0, 0)
        assert len(state.uid) == 32
        with store.engine.connect() as conn:
            assert _migrate.current_revision(conn) == _migrate.HEAD


def test_migrations_create_what_the_code_uses(database_url: str) -> None:
    with Store.open(database_url) as store:
        inspector = sa.inspect(store.engine)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == set(table.columns.keys()), table.name


def test_head_constant_matches_the_scripts() -> None:
    from importlib import resources

    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(resources.files("faro.store") / "migrations"))
    assert scripts.get_current_head() == _migrate.HEAD


def test_round_trip_and_idempotent_reimport(database_url: str) -> None:
    records = [_fc(i) for i in range(1, 6)] + [_nar(1), _nar(2)]
    with Store.open(database_url) as store:
        first = store.put_records(records)
        assert (first.inserted, first.updated, first.unchanged) == (7, 0, 0)
        version = store.kb_state().version
        again = store.put_records(records)
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 7)
        assert store.kb_state().version == version  # nothing changed: same version
        got = store.get_records([r.id for r in records])
        assert [got[r.id] for r in records] == records
        assert list(store.iter_records(kind="narrative")) == [_nar(1), _nar(2)]


def test_update_changes_the_record_and_the_version(database_url: str) -> None:
    with Store.open(database_url) as store:
        store.put_records([_fc(1), _fc(2)])
        v1 = store.kb_state().version
        counts = store.put_records([_fc(1, rating="Pants on fire"), _fc(2)])
        assert (counts.inserted, counts.updated, counts.unchanged) == (0, 1, 1)
        assert store.kb_state().version == v1 + 1
        assert store.get_records([_fc(1).id])[_fc(1).id].rating == "Pants on fire"
        assert store.kb_state().factchecks == 2


def test_a_failing_batch_stores_nothing_and_loses_nothing(database_url: str) -> None:
    with Store.open(database_url) as store:
        store.put_records([_fc(1)])
        before = store.kb_state()
        too_long_id = _fc(2, id="x" * 600)  # over the column's 512 characters on PostgreSQL
        bad = [_fc(3), _fc(1, rating="changed"), too_long_id]
        if store.engine.dialect.name == "sqlite":  # SQLite does not enforce lengths
            bad = [_fc(3), _fc(1, rating="changed"), _fc(4, claim=None)]  # type: ignore[arg-type]
        with pytest.raises(StorageError):
            store.put_records(bad)
        after = store.kb_state()
        assert (after.version, after.factchecks) == (before.version, before.factchecks)
        assert store.get_records([_fc(1).id])[_fc(1).id].rating == "False"


def test_counts_and_delete(database_url: str) -> None:
    with Store.open(database_url) as store:
        store.put_records([_fc(1), _fc(2, language="it"), _nar(1)])
        assert dict(store.counts_by("factcheck", "language")) == {"en": 1, "it": 1}
        assert store.delete_records([_fc(1).id, "nar:1", "missing"]) == 2
        assert store.kb_state().factchecks == 1


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(DatabaseUnavailableError) as info:
        Store.open("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")
    assert info.value.code == "F401"
    assert "secret" not in str(info.value)
    with pytest.raises(DatabaseUnavailableError):
        Store.open("not a url")
