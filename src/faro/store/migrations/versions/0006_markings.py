"""TLP 2.0 releasability (issue 6): knowledge-base records name the organisations an AMBER or
AMBER+STRICT record may go to; documents carry their own marking and releasability (their
claims, matches and reviews share the document's); organisations set the defaults new
documents get. What may leave faro and to whom is decided by ``faro.sharing.may_release``.

Existing rows: knowledge-base records released to no one; documents TLP:AMBER, an
organisation's findings staying in it until someone marks them otherwise.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_AMBER = "TLP:AMBER"


def upgrade() -> None:
    for table in ("factchecks", "narratives", "documents"):
        op.add_column(table, sa.Column("releasable_to", sa.JSON, nullable=False,
                                       server_default="[]"))
    op.add_column("documents", sa.Column("marking", sa.String(24), nullable=False,
                                         server_default=_AMBER))
    op.add_column("organisations", sa.Column("default_marking", sa.String(24), nullable=False,
                                             server_default=_AMBER))
    op.add_column("organisations", sa.Column("default_releasable_to", sa.JSON, nullable=False,
                                             server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("default_releasable_to")
        batch.drop_column("default_marking")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("marking")
        batch.drop_column("releasable_to")
    for table in ("narratives", "factchecks"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("releasable_to")
