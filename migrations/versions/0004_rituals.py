"""the couple's rituals: check-in and question answers

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 01:00:00

One new table, nothing else touched: the streak cache's triggers (0002) do not
watch answers.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("logged_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_answers")),
        sa.UniqueConstraint("person", "kind", "period", name=op.f("uq_answers_person_kind_period")),
    )
    op.create_index("ix_answers_kind_period", "answers", ["kind", "period"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_answers_kind_period", table_name="answers")
    op.drop_table("answers")
