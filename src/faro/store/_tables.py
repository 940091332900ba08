"""The tables, as SQLAlchemy Core. Migrations in ``migrations/versions`` create and change them;
this module is what the code reads and writes through, and a test checks the two agree."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["factchecks", "kb_meta", "metadata", "narratives"]

metadata = sa.MetaData()

#: Key/value facts about the knowledge base: ``uid`` (fixed when the database is created) and
#: ``version`` (raised by every import or edit that changes a record). The search index is
#: stamped with both, so a stale index is told from a fresh one.
kb_meta = sa.Table(
    "kb_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

factchecks = sa.Table(
    "factchecks",
    metadata,
    sa.Column("id", sa.String(512), primary_key=True),
    sa.Column("claim", sa.Text, nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("verdict", sa.String(32)),
    sa.Column("rating", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("publisher", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("claimant", sa.Text),
    sa.Column("review_date", sa.Date),
    sa.Column("source_dataset", sa.String(128)),
    sa.Column("marking", sa.String(24), nullable=False),
    sa.Column("fingerprint", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_factchecks_language", "language"),
    sa.Index("ix_factchecks_verdict", "verdict"),
)

narratives = sa.Table(
    "narratives",
    metadata,
    sa.Column("id", sa.String(512), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("debunk", sa.Text),
    sa.Column("keywords", sa.JSON, nullable=False),
    sa.Column("countries", sa.JSON, nullable=False),
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
    sa.Column("source", sa.String(128)),
    sa.Column("url", sa.Text),
    sa.Column("marking", sa.String(24), nullable=False),
    sa.Column("fingerprint", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_narratives_language", "language"),
)
