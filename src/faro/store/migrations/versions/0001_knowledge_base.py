"""Knowledge base: fact-checks, narratives and the facts the search index is stamped with.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = op.create_table(
        "kb_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.bulk_insert(meta, [{"key": "uid", "value": uuid.uuid4().hex},
                          {"key": "version", "value": "0"}])
    op.create_table(
        "factchecks",
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
    )
    op.create_index("ix_factchecks_language", "factchecks", ["language"])
    op.create_index("ix_factchecks_verdict", "factchecks", ["verdict"])
    op.create_table(
        "narratives",
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
    )
    op.create_index("ix_narratives_language", "narratives", ["language"])


def downgrade() -> None:
    op.drop_table("narratives")
    op.drop_table("factchecks")
    op.drop_table("kb_meta")
