"""Monitored sources (issue 8): what ``faro watch`` fetches for an organisation, how often, the
validators of the last answer (ETag, Last-Modified) for conditional requests, when it last
succeeded or failed and why, consecutive failures (the back-off), when it is due next, and how
many entries failed (what it stored is counted from the documents). Documents gain the source
that brought them, their MinHash signature (near-duplicate detection reloads it) and the first
document of the near-duplicate group they belong to, with the estimated similarity.

An item's identity (a feed entry's guid, a post's URL) is the documents' ``external_id``,
unique per organisation since 0002: ingesting the same entry again adds nothing.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("interval_seconds", sa.Integer, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True)),
        sa.Column("last_success_at", sa.DateTime(timezone=True)),
        sa.Column("last_error_at", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("item_errors", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("org_id", "name", name="uq_sources_org_id_name"),
    )
    _add_reference("source_id", "sources")
    op.add_column("documents", sa.Column("signature", sa.LargeBinary))
    _add_reference("duplicate_of", "documents")
    op.add_column("documents", sa.Column("similarity", sa.Float))
    op.create_index("ix_documents_source_id", "documents", ["source_id"])
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])


def _add_reference(column: str, table: str) -> None:
    """A nullable ``documents.column`` referring to ``table.id``, set to NULL when that row
    goes. SQLite adds a column with its reference in one ALTER TABLE (Alembic would try, and
    fail, to add the constraint apart)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE documents ADD COLUMN {column} INTEGER "
                   f"REFERENCES {table} (id) ON DELETE SET NULL")
    else:
        op.add_column("documents", sa.Column(
            column, sa.Integer, sa.ForeignKey(f"{table}.id", ondelete="SET NULL")))


def downgrade() -> None:
    # SQLite cannot drop a column that has a foreign key, and rebuilding the documents table
    # (Alembic's batch mode) would cascade into claims and matches; the columns stay there.
    op.drop_index("ix_documents_duplicate_of", "documents")
    op.drop_index("ix_documents_source_id", "documents")
    if op.get_bind().dialect.name != "sqlite":
        for column in ("similarity", "duplicate_of", "signature", "source_id"):
            op.drop_column("documents", column)
        op.drop_table("sources")
