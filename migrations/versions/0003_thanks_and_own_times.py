"""thanks between partners, and per-person reminder times

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 12:00:00

Two new tables, nothing else touched: the streak cache's triggers (0002) watch
checkins, skips, away and habits, none of which changes here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "thanks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_person", sa.String(length=100), nullable=False),
        sa.Column("to_person", sa.String(length=100), nullable=False),
        sa.Column("habit_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("thanked_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("logged_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["habit_id"], ["habits.id"], name=op.f("fk_thanks_habit_id_habits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thanks")),
    )
    op.create_index("ix_thanks_to_person_thanked_on", "thanks", ["to_person", "thanked_on"], unique=False)
    op.create_table(
        "own_times",
        sa.Column("habit_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=100), nullable=False),
        sa.Column("times", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["habit_id"], ["habits.id"], name=op.f("fk_own_times_habit_id_habits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("habit_id", "person", name=op.f("pk_own_times")),
    )


def downgrade() -> None:
    op.drop_table("own_times")
    op.drop_index("ix_thanks_to_person_thanked_on", table_name="thanks")
    op.drop_table("thanks")
