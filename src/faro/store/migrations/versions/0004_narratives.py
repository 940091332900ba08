"""Narratives found in an organisation's claims (issue 7): the clusters the incremental
clusterer builds, which claim is in which, the analysts' labels, links to the knowledge base's
known narratives and DISARM tags, and the clusterer's state (document frequencies and the claim
count) so it resumes where it stopped.

The knowledge base's *known* narratives (EUvsDisinfo-style cases) keep table ``narratives``;
the narratives found in claims are ``clusters``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clusters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("label", sa.Text),
        sa.Column("representative", sa.Text),
        sa.Column("representative_claim_id", sa.Integer,
                  sa.ForeignKey("claims.id", ondelete="SET NULL")),
        sa.Column("key_terms", sa.JSON, nullable=False),
        sa.Column("kb_narrative_id", sa.String(512),
                  sa.ForeignKey("narratives.id", ondelete="SET NULL")),
        sa.Column("disarm", sa.JSON, nullable=False),
        sa.Column("centroid", sa.JSON, nullable=False),
        sa.Column("exemplars", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_clusters_org_id", "clusters", ["org_id"])
    op.create_table(
        "cluster_members",
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("cluster_id", sa.Integer, sa.ForeignKey("clusters.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
    )
    op.create_index("ix_cluster_members_cluster_id_day", "cluster_members",
                    ["cluster_id", "day"])
    op.create_table(
        "cluster_state",
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
        sa.Column("claims", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "cluster_terms",
        sa.Column("org_id", sa.Integer, sa.ForeignKey("organisations.id"), primary_key=True),
        sa.Column("term", sa.Text, primary_key=True),
        sa.Column("df", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("cluster_terms", "cluster_state", "cluster_members", "clusters"):
        op.drop_table(table)
