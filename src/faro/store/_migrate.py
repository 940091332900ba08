"""Bringing a database's schema up to date with the migrations shipped in the package."""

from __future__ import annotations

from importlib import resources

import sqlalchemy as sa

from faro._errors import MigrationError

__all__ = ["HEAD", "current_revision", "upgrade"]

#: The newest migration. ``Store.open`` compares the database with it and runs Alembic only when
#: they differ, so opening an up-to-date database costs one query; a test keeps it in step with
#: the scripts in ``migrations/versions``.
HEAD = "0007"


def _config(connection: sa.Connection) -> object:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("faro.store") / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def current_revision(connection: sa.Connection) -> str | None:
    """The revision the database is at, or ``None`` for an empty database."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: sa.Engine, revision: str = "head") -> str | None:
    """Run the migrations up to ``revision``; return the revision the database was at."""
    from alembic import command
    from alembic.util import CommandError

    with engine.begin() as conn:
        before = current_revision(conn)
        if before == HEAD and revision in ("head", HEAD):
            return before
        try:
            command.upgrade(_config(conn), revision)  # type: ignore[arg-type]
        except CommandError as exc:
            raise MigrationError(f"cannot upgrade the database from {before}: {exc}",
                                 hint="is the database newer than this faro?") from exc
    return before
