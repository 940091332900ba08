"""Reviews: an analyst's verdict, note and DISARM techniques on a match.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("match_id", sa.Integer, sa.ForeignKey("matches.id", ondelete="CASCADE"),
                  nullable=False, unique=True),
        sa.Column("verdict", sa.String(16)),
        sa.Column("note", sa.Text),
        sa.Column("techniques", sa.JSON, nullable=False),
        sa.Column("reviewer_id", sa.Integer),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("verdict IN ('true', 'mostly_true', 'partly_true', 'complicated', "
                           "'other', 'mostly_false', 'false')", name="ck_reviews_verdict"),
    )


def downgrade() -> None:
    op.drop_table("reviews")
