"""Migrations: a store at every released schema revision, with rows in every table,
is upgraded to head by the command line with every row kept and the pre-upgrade
backup beside it; and the newest revision downgrades.

The fixtures are generated here from the revisions themselves (no binary files in
the repository): adding revision 0002 adds the case "0001 -> head" by itself. The
store at head is upgraded to a simulated next revision (as in
tests/store/test_migrations.py), so the backup path runs today too.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, create_engine, types

from habits.store import migrate, tables

ROWS_PER_TABLE = 3


def released_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]  # oldest first


REVISIONS = released_revisions()

# Realistic values where a later data migration may look at them; anything else is generic.
KNOWN = {
    "cadence": ["daily", "weekly", "daily"],
    "who": ["together", "each", "together"],
    "reminders": ["07:45,19:30", "18:30", ""],
    "days": ["", "mon,thu", "thu"],
    "status": ["sent", "suppressed", "missed"],
    "slot": ["07:45", "at-risk", "snooze:2026-03-10T18:00:00Z"],
    "person": ["Alex", "Sam", ""],
    "key": ["seeded", "heartbeat:Alex", "note"],
    "from_person": ["Alex", "Sam", "Alex"],
    "to_person": ["Sam", "Alex", "Sam"],
    "times": ["07:00", "21:30,07:15", ""],
    "kind": ["question", "checkin", "question"],
    # Habit types (0005): a yes/no habit, a measured one (20 minutes at least, a day logged
    # with 25), and a yes/no one; a check-in points at the habit of its index.
    "every": [0, 0, 0],
    "measure": ["", "minutes", ""],
    "measure_kind": ["", "at_least", ""],
    "measure_target": [0, 20000, 0],
    "amount": [None, 25000, None],
    "body": [
        "The walk to the bakery, and you laughing at the pigeons.",
        '{"appreciations": ["you made tea"], "went_well": "the kiss", "work_on": "phones", "connected": 4}',
        "\u05e9\u05dc\u05d5\u05dd, caf\u00e9 \U0001f48b\nsecond line",
    ],
}


def _value(table: str, column: Any, i: int) -> Any:
    if column.name in KNOWN:
        return KNOWN[column.name][i % 3]
    kind = column.type
    if isinstance(kind, types.Boolean):
        return bool(i % 2)
    if isinstance(kind, types.Integer):
        return i + 1
    if isinstance(kind, types.DateTime):
        return datetime(2026, 3, 1, 8, 30) + timedelta(days=i, seconds=i)
    if isinstance(kind, types.Date):
        return date(2026, 3, 1) + timedelta(days=i)
    if isinstance(kind, types.String):  # Text too
        text = f"{table}.{column.name} #{i} caf\u00e9 \U0001f48b \u05e9\u05dc\u05d5\u05dd"
        length = getattr(kind, "length", None)
        return text[:length] if length else text
    raise AssertionError(f"no fixture value for {table}.{column.name} ({kind!r}); add one here")


def build_fixture(path: Path, revision: str) -> dict[str, list[dict[str, Any]]]:
    """A store at `revision`, every table filled; returns what was written."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.upgrade(conn, revision)
    reflected = MetaData()
    reflected.reflect(engine)
    written: dict[str, list[dict[str, Any]]] = {}
    with engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        for table in reflected.sorted_tables:  # parents before children
            if table.name == "alembic_version":
                continue
            rows = []
            for i in range(ROWS_PER_TABLE):
                row = {c.name: _value(table.name, c, i) for c in table.columns}
                for fk in table.foreign_keys:  # point at a row of the parent that exists
                    row[fk.parent.name] = written[fk.column.table.name][i % ROWS_PER_TABLE][fk.column.name]
                if table.name == "habits" and "every" in row and i == 2:
                    row.update(cadence="every", every=3)  # where the store knows them: every 3 days
                rows.append(row)
            conn.execute(table.insert(), rows)
            written[table.name] = rows
    engine.dispose()
    assert set(written) | {"alembic_version"} == set(reflected.tables), "every table has rows"
    return written


def read_all(path: Path) -> dict[str, list[dict[str, Any]]]:
    engine = create_engine(f"sqlite:///{path}")
    reflected = MetaData()
    reflected.reflect(engine)
    with engine.connect() as conn:
        out = {
            t.name: [dict(r._mapping) for r in conn.execute(t.select().order_by(*t.primary_key.columns))]
            for t in reflected.sorted_tables
            if t.name != "alembic_version"
        }
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    engine.dispose()
    out["alembic_version"] = [{"version_num": version}]
    return out


def assert_rows_kept(
    before: dict[str, list[dict[str, Any]]],
    after: dict[str, list[dict[str, Any]]],
    *,
    dropped_ok: bool = False,
) -> None:
    """Every row of every table is still there, with every value it had (new columns
    aside; with dropped_ok, columns that are gone too: a downgrade)."""
    for name, rows in before.items():
        if name == "alembic_version":
            continue
        assert name in after, f"table {name} is gone"
        keys = list(rows[0]) if rows else []
        if dropped_ok and after[name]:
            keys = [k for k in keys if k in after[name][0]]
        old = sorted((tuple(r[k] for k in keys) for r in rows), key=repr)
        new = sorted((tuple(r.get(k) for k in keys) for r in after[name]), key=repr)
        assert new == old, name


@pytest.mark.parametrize("revision", REVISIONS)
def test_released_store_upgrades_through_the_cli_keeping_every_row(revision, habits_sqlite, monkeypatch):
    habits = habits_sqlite
    written = build_fixture(habits.db, revision)
    before = read_all(habits.db)
    assert_rows_kept(written, before)
    if revision == tables.HEAD_REVISION:  # simulate the next release, whose head is newer
        simulated_head = "ffff-next"
        real_upgrade = migrate.upgrade

        def upgrade(conn, target="head"):
            real_upgrade(conn, target)
            conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{simulated_head}'")

        monkeypatch.setattr(tables, "HEAD_REVISION", simulated_head)
        monkeypatch.setattr(migrate, "known_revisions", lambda: set(REVISIONS) | {simulated_head})
        monkeypatch.setattr(migrate, "upgrade", upgrade)

    result = habits("log", "--json")  # any command that opens the store upgrades it
    assert result.exit_code == 0, result.output
    kinds = [entry["kind"] for entry in json.loads(result.stdout)]  # check-ins, skips, days apart
    assert {kind: kinds.count(kind) for kind in kinds} == dict.fromkeys(
        ("checkin", "skip", "away"), ROWS_PER_TABLE
    )

    after = read_all(habits.db)
    assert after["alembic_version"] == [{"version_num": tables.HEAD_REVISION}]
    # The store learnt its couple from the names in its rows and the config (me = "Alex").
    couple = [r for r in after["meta"] if r["key"].startswith("couple.")]
    assert couple == [{"key": "couple.me", "value": "Alex"}, {"key": "couple.partner", "value": "Sam"}]
    after["meta"] = [r for r in after["meta"] if r not in couple]
    assert_rows_kept(before, after)
    backup = habits.db.with_name(f"habits.db.bak-{revision}")
    assert backup.exists()
    assert (backup.stat().st_mode & 0o777) == 0o600
    assert read_all(backup) == before  # the copy is the store as it was before the upgrade
    con = sqlite3.connect(habits.db)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_downgrade_of_the_newest_revision_keeps_the_older_tables_rows(tmp_path):
    newest = REVISIONS[-1]
    path = tmp_path / "habits.db"
    build_fixture(path, newest)
    before = read_all(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate.downgrade(conn, "-1")
    engine.dispose()
    previous = REVISIONS[-2] if len(REVISIONS) > 1 else None
    if previous is None:  # the first revision: down to an empty database
        con = sqlite3.connect(path)
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        con.close()
        assert names <= {"alembic_version"}
    else:
        after = read_all(path)
        assert after["alembic_version"] == [{"version_num": previous}]
        assert_rows_kept({k: v for k, v in before.items() if k in after}, after, dropped_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # and up again
        migrate.upgrade(conn)
    engine.dispose()
    assert read_all(path)["alembic_version"] == [{"version_num": newest}]


def test_every_table_of_head_is_covered_by_the_fixture(tmp_path):
    written = build_fixture(tmp_path / "h.db", REVISIONS[-1])
    assert set(written) == set(tables.metadata.tables)
