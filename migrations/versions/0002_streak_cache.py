"""streak cache: where `habits streaks` resumes each habit's walk, kept honest by triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 12:00:00

The triggers delete a habit's cached rows when one of its check-ins or skips on or
before the row's day is added, removed or moved, and every habit's rows when an away
range starting on or before it changes: whatever writes (the CLI, an import, plain
SQL), the cache never outlives the history it summarizes. A later batch migration
that rebuilds checkins, skips or away on SQLite drops their triggers: it must create
them again (TRIGGERS below).
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# (table, key column or None for every habit, day column)
WATCHED = (("checkins", "habit_id", "day"), ("skips", "habit_id", "day"), ("away", None, "start"))


def _forget(row: str, key: str | None, day: str) -> str:
    match = f"habit_id = {row}.{key} AND " if key else ""
    return f"DELETE FROM streak_cache WHERE {match}through >= {row}.{day}"


def _sqlite_triggers() -> list[str]:
    out = []
    for table, key, day in WATCHED:
        moved = f"{key}, {day}" if key else f'{day}, "end"'
        out += [
            f"CREATE TRIGGER streak_cache_{table}_insert AFTER INSERT ON {table} "
            f"BEGIN {_forget('NEW', key, day)}; END",
            f"CREATE TRIGGER streak_cache_{table}_delete AFTER DELETE ON {table} "
            f"BEGIN {_forget('OLD', key, day)}; END",
            f"CREATE TRIGGER streak_cache_{table}_update AFTER UPDATE OF {moved} ON {table} "
            f"BEGIN {_forget('OLD', key, day)}; {_forget('NEW', key, day)}; END",
        ]
    return out


def _postgresql_triggers() -> list[str]:
    out = []
    for table, key, day in WATCHED:
        out += [
            f"CREATE FUNCTION streak_cache_forget_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            "BEGIN\n"
            f"  IF TG_OP <> 'INSERT' THEN {_forget('OLD', key, day)}; END IF;\n"
            f"  IF TG_OP <> 'DELETE' THEN {_forget('NEW', key, day)}; END IF;\n"
            "  RETURN NULL;\n"
            "END $$",
            f"CREATE TRIGGER streak_cache_{table} AFTER INSERT OR DELETE OR UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE PROCEDURE streak_cache_forget_{table}()",
        ]
    return out


def upgrade() -> None:
    op.create_table('streak_cache',
    sa.Column('habit_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=300), nullable=False),
    sa.Column('rule', sa.String(length=40), nullable=False),
    sa.Column('through', sa.Date(), nullable=False),
    sa.Column('run', sa.Integer(), nullable=False),
    sa.Column('longest', sa.Integer(), nullable=False),
    sa.Column('tracks', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['habit_id'], ['habits.id'], name=op.f('fk_streak_cache_habit_id_habits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('habit_id', 'scope', name=op.f('pk_streak_cache'))
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
    for table, _, _ in WATCHED:
        if dialect == "sqlite":
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS streak_cache_{table}_{event}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS streak_cache_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS streak_cache_forget_{table}()")
    op.drop_table('streak_cache')
