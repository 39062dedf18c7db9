"""streak cache: where `habits streaks` resumes each habit's walk, kept honest by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 12:00:00

The triggers delete a habit's cached rows when one of its check-ins or skips on or
before the row's day is added, removed or moved (to another habit, day or person),
every together habit's rows when an away range starting on or before it changes, a
habit's rows when its cadence, target or sharing changes, and (PostgreSQL) all rows
on a TRUNCATE: whatever writes (the CLI, an import, plain SQL), the cache never
outlives the history it summarizes. A later batch migration
that rebuilds checkins, skips or away on SQLite drops their triggers: it must create
them again (TRIGGERS below).
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The history tables, their day column, and the columns whose change moves a row to
# another habit, day or person.
WATCHED = (
    ("checkins", "day", ("habit_id", "day", "person")),
    ("skips", "day", ("habit_id", "day", "person")),
    ("away", "start", ("start", "end")),
)
TOGETHER = "habit_id IN (SELECT id FROM habits WHERE who = 'together')"  # away excuses only these


def _forget(table: str, row: str, day: str) -> str:
    """Delete the cache rows that a row of `table` on or after their day may change."""
    match = TOGETHER if table == "away" else f"habit_id = {row}.habit_id"
    return f"DELETE FROM streak_cache WHERE {match} AND through >= {row}.{day}"


# A habit's rule or sharing changing: its rows go (they are keyed by rule, but a
# habit changed back and forth would otherwise find rows that missed away changes).
HABIT_CHANGE = ("cadence", "target", "who")
FORGET_HABIT = "DELETE FROM streak_cache WHERE habit_id = NEW.id"


def _sqlite_triggers() -> list[str]:
    out = []
    for table, day, moved in WATCHED:
        columns = ", ".join(f'"{c}"' for c in moved)
        out += [
            f"CREATE TRIGGER streak_cache_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {_forget(table, 'NEW', day)}; END",
            f"CREATE TRIGGER streak_cache_{table}_delete AFTER DELETE ON {table} "
            f"BEGIN {_forget(table, 'OLD', day)}; END",
            f"CREATE TRIGGER streak_cache_{table}_update AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {_forget(table, 'OLD', day)}; {_forget(table, 'NEW', day)}; END",
        ]
    out.append(
        f"CREATE TRIGGER streak_cache_habits_update AFTER UPDATE OF {', '.join(HABIT_CHANGE)} "
        f"ON habits BEGIN {FORGET_HABIT}; END"
    )
    return out


def _postgresql_triggers() -> list[str]:
    out = []
    for table, day, moved in WATCHED:
        columns = ", ".join(f'"{c}"' for c in moved)
        out += [
            f"CREATE FUNCTION streak_cache_forget_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP <> 'INSERT' THEN {_forget(table, 'OLD', day)}; END IF;\n"
            f"  IF TG_OP <> 'DELETE' THEN {_forget(table, 'NEW', day)}; END IF;\n"
            "  RETURN NULL;\n"
            "END $$",
            f"CREATE TRIGGER streak_cache_{table} AFTER INSERT OR DELETE OR UPDATE OF {columns} ON {table} "
            f"FOR EACH ROW EXECUTE PROCEDURE streak_cache_forget_{table}()",
            # TRUNCATE fires no row trigger: it forgets everything.
            f"CREATE TRIGGER streak_cache_{table}_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE PROCEDURE streak_cache_forget_all()",
        ]
    out += [
        "CREATE FUNCTION streak_cache_forget_habit() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN {FORGET_HABIT}; RETURN NULL; END $$",
        f"CREATE TRIGGER streak_cache_habits AFTER UPDATE OF {', '.join(HABIT_CHANGE)} ON habits "
        "FOR EACH ROW EXECUTE PROCEDURE streak_cache_forget_habit()",
    ]
    forget_all = (
        "CREATE FUNCTION streak_cache_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN DELETE FROM streak_cache; RETURN NULL; END $$"
    )
    return [forget_all, *out]


def upgrade() -> None:
    op.create_table(
        "streak_cache",
        sa.Column("habit_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=300), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("through", sa.Date(), nullable=False),
        sa.Column("run", sa.Integer(), nullable=False),
        sa.Column("longest", sa.Integer(), nullable=False),
        sa.Column("tracks", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["habit_id"], ["habits.id"], name=op.f("fk_streak_cache_habit_id_habits"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("habit_id", "scope", "rule", name=op.f("pk_streak_cache")),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        statements = _sqlite_triggers()
    elif dialect == "postgresql":
        statements = _postgresql_triggers()
    else:  # pragma: no cover - habits runs on SQLite and PostgreSQL
        raise NotImplementedError(f"no streak cache triggers for {dialect}")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table, _, _ in WATCHED:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS streak_cache_{table}_{event}")
        op.execute("DROP TRIGGER IF EXISTS streak_cache_habits_update")
    else:
        for table, _, _ in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS streak_cache_{table} ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS streak_cache_{table}_truncate ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS streak_cache_forget_{table}()")
        op.execute("DROP TRIGGER IF EXISTS streak_cache_habits ON habits")
        op.execute("DROP FUNCTION IF EXISTS streak_cache_forget_habit()")
        op.execute("DROP FUNCTION IF EXISTS streak_cache_forget_all()")
    op.drop_table("streak_cache")
