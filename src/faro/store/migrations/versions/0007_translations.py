"""Translations of knowledge-base records (issue 6): a fact-check's claim and title, a
narrative's title, summary and debunk, by language, shared as STIX language-content objects.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("factchecks", "narratives"):
        op.add_column(table, sa.Column("translations", sa.JSON, nullable=False,
                                       server_default="{}"))


def downgrade() -> None:
    for table in ("narratives", "factchecks"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("translations")
