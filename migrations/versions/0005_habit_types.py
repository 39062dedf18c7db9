"""habit types: any cadence (monthly, every N days) and measured habits

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 03:00:00

New columns only (added in place, so no table is rebuilt and every trigger stays):
habits.every, habits.measure (the unit), habits.measure_kind, habits.measure_target
(thousandths of the unit) and checkins.amount (thousandths; NULL for a yes/no
check-in). Existing habits become what they were: yes/no, every = 0, and their
history is not touched.

The streak cache's triggers (0002) learn the new columns: a habit's cached rows go
when its period length, measure or target amount changes, and a check-in's when its
amount changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_HABIT_CHANGE = ("cadence", "target", "who")
HABIT_CHANGE = (*OLD_HABIT_CHANGE, "every", "measure", "measure_kind", "measure_target")
OLD_CHECKIN_MOVES = ("habit_id", "day", "person")
CHECKIN_CHANGE = (*OLD_CHECKIN_MOVES, "amount")
FORGET_HABIT = "DELETE FROM streak_cache WHERE habit_id = NEW.id"


def _forget_checkin(row: str) -> str:
    return f"DELETE FROM streak_cache WHERE habit_id = {row}.habit_id AND through >= {row}.day"


def _columns(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in names)


def _triggers(habit_columns: tuple[str, ...], checkin_columns: tuple[str, ...]) -> None:
    """Replace the two update triggers so that they watch these columns."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS streak_cache_habits_update")
        op.execute(
            f"CREATE TRIGGER streak_cache_habits_update AFTER UPDATE OF {_columns(habit_columns)} "
            f"ON habits BEGIN {FORGET_HABIT}; END"
        )
        op.execute("DROP TRIGGER IF EXISTS streak_cache_checkins_update")
        op.execute(
            f"CREATE TRIGGER streak_cache_checkins_update AFTER UPDATE OF {_columns(checkin_columns)} "
            f"ON checkins BEGIN {_forget_checkin('OLD')}; {_forget_checkin('NEW')}; END"
        )
    else:
        op.execute("DROP TRIGGER IF EXISTS streak_cache_habits ON habits")
        op.execute(
            f"CREATE TRIGGER streak_cache_habits AFTER UPDATE OF {_columns(habit_columns)} ON habits "
            "FOR EACH ROW EXECUTE PROCEDURE streak_cache_forget_habit()"
        )
        op.execute("DROP TRIGGER IF EXISTS streak_cache_checkins ON checkins")
        op.execute(
            "CREATE TRIGGER streak_cache_checkins AFTER INSERT OR DELETE OR UPDATE OF "
            f"{_columns(checkin_columns)} ON checkins "
            "FOR EACH ROW EXECUTE PROCEDURE streak_cache_forget_checkins()"
        )


def upgrade() -> None:
    op.add_column("habits", sa.Column("every", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("habits", sa.Column("measure", sa.String(length=40), nullable=False, server_default=""))
    op.add_column(
        "habits", sa.Column("measure_kind", sa.String(length=10), nullable=False, server_default="")
    )
    op.add_column("habits", sa.Column("measure_target", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("checkins", sa.Column("amount", sa.Integer(), nullable=True))
    _triggers(HABIT_CHANGE, CHECKIN_CHANGE)


def downgrade() -> None:
    _triggers(OLD_HABIT_CHANGE, OLD_CHECKIN_MOVES)
    if op.get_bind().dialect.name == "sqlite":
        # Dropping a column rebuilds nothing on SQLite >= 3.35, and the triggers above
        # no longer name these columns.
        for column in ("every", "measure", "measure_kind", "measure_target"):
            op.execute(f'ALTER TABLE habits DROP COLUMN "{column}"')
        op.execute('ALTER TABLE checkins DROP COLUMN "amount"')
    else:
        for column in ("every", "measure", "measure_kind", "measure_target"):
            op.drop_column("habits", column)
        op.drop_column("checkins", "amount")
