"""Migrations: the CLI's head constant, models == migrations, backups, downgrade."""

import sqlite3
from datetime import date, datetime, timezone

from sqlalchemy import create_engine

from habits.store import migrate, tables
from habits.store.db import open_store
from habits.store.sqlite_file import backup_sqlite

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)


def test_head_constant_matches_the_migrations_head():
    assert tables.HEAD_REVISION == migrate.script_head()


def test_upgraded_empty_store_has_no_difference_from_the_tables(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    store = open_store(f"sqlite:///{tmp_path / 'h.db'}", now=NOW, today=date(2026, 3, 11))
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, tables.metadata)
    store.close()
    assert diff == []


def test_downgrade_of_the_newest_revision_then_upgrade_again(tmp_path):
    path = tmp_path / "h.db"
    store = open_store(f"sqlite:///{path}", now=NOW, today=date(2026, 3, 11))
    store.close()
    engine = create_engine(f"sqlite:///{path}")

    def schema() -> tuple[set[str], set[str]]:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT type, name FROM sqlite_master").all()
        return {n for t, n in rows if t == "table"}, {n for t, n in rows if t == "trigger"}

    def columns(table: str) -> set[str]:
        with engine.connect() as conn:
            return {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}

    def trigger_sql(name: str) -> str:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).scalar_one()

    assert {"every", "measure", "measure_kind", "measure_target"} <= columns("habits")
    assert "amount" in columns("checkins") and '"amount"' in trigger_sql("streak_cache_checkins_update")
    with engine.begin() as conn:
        migrate.downgrade(conn, "-1")  # 0005: the habit types' columns go, the triggers stay
    assert not {"every", "measure", "measure_kind", "measure_target"} & columns("habits")
    assert "amount" not in columns("checkins") and len(schema()[1]) == 10
    assert "measure" not in trigger_sql("streak_cache_habits_update")
    with engine.begin() as conn:
        migrate.downgrade(conn, "-1")  # 0004: the rituals' answers go
    tables_then, triggers_then = schema()
    assert (
        "answers" not in tables_then and {"thanks", "own_times"} <= tables_then and len(triggers_then) == 10
    )
    with engine.begin() as conn:
        migrate.downgrade(conn, "-1")  # 0003: thanks and own reminder times go
    tables_then, triggers_then = schema()
    assert (
        not {"thanks", "own_times"} & tables_then
        and "streak_cache" in tables_then
        and len(triggers_then) == 10
    )
    with engine.begin() as conn:
        migrate.downgrade(conn, "-1")  # 0002: the streak cache and its triggers go
    tables_then, triggers_then = schema()
    assert "streak_cache" not in tables_then and "habits" in tables_then and triggers_then == set()
    with engine.begin() as conn:
        migrate.downgrade(conn, "base")
    assert schema()[0] == {"alembic_version"}
    with engine.begin() as conn:
        migrate.upgrade(conn)
    tables_now, triggers_now = schema()
    assert {"habits", "streak_cache", "thanks", "own_times", "answers"} <= tables_now and len(
        triggers_now
    ) == 10
    engine.dispose()


def test_backup_is_a_private_complete_copy(tmp_path):
    path = tmp_path / "h.db"
    store = open_store(f"sqlite:///{path}", now=NOW, today=date(2026, 3, 11))
    store.close()
    copy = backup_sqlite(path, "0001")
    assert copy.name == "h.db.bak-0001"
    assert (copy.stat().st_mode & 0o777) == 0o600
    con = sqlite3.connect(copy)
    assert con.execute("SELECT count(*) FROM habits").fetchone()[0] == 3
    con.close()


def test_store_behind_head_is_backed_up_then_upgraded(tmp_path, monkeypatch):
    """Simulate a release whose head is newer than the store: the store is
    copied to .bak-<old revision> before Alembic runs, and every row is kept."""
    path = tmp_path / "h.db"
    store = open_store(f"sqlite:///{path}", now=NOW, today=date(2026, 3, 11))
    store.close()
    con = sqlite3.connect(path)
    con.execute("UPDATE habits SET title = 'Kiss!' WHERE slug = 'six-second-kiss'")
    con.commit()
    con.close()
    calls = []
    current = tables.HEAD_REVISION
    known = migrate.known_revisions() | {"next"}
    monkeypatch.setattr(tables, "HEAD_REVISION", "next")
    monkeypatch.setattr(migrate, "known_revisions", lambda: known)
    monkeypatch.setattr(migrate, "upgrade", lambda conn, target="head": calls.append(target))
    store = open_store(f"sqlite:///{path}", now=NOW, today=date(2026, 3, 11))
    store.close()
    assert calls == ["head"]
    backup = tmp_path / f"h.db.bak-{current}"
    assert backup.exists()
    con = sqlite3.connect(backup)
    assert con.execute("SELECT title FROM habits WHERE slug='six-second-kiss'").fetchone()[0] == "Kiss!"
    con.close()


def test_store_from_a_newer_habits_is_refused(tmp_path):
    import pytest

    from habits.errors import StoreError

    path = tmp_path / "h.db"
    open_store(f"sqlite:///{path}", now=NOW, today=date(2026, 3, 11)).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer habits"):
        open_store(f"sqlite:///{path}", now=NOW, today=date(2026, 3, 11))
