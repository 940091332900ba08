"""Storage: SQLAlchemy Core tables, Alembic migrations and the :class:`Store` facade."""

from faro.store._store import ImportCounts, KBState, Store

__all__ = ["ImportCounts", "KBState", "Store"]
