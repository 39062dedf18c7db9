"""The SQLite store: permissions, seeding once, WAL, BEGIN IMMEDIATE writes."""

import os
import sqlite3
import threading
from datetime import date, datetime, timezone

import pytest

from habits.store import queries
from habits.store.db import open_store

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 11)


def test_new_store_is_private_even_under_a_permissive_umask(tmp_path):
    old = os.umask(0o000)
    try:
        folder = tmp_path / "deep" / "data"
        open_store(f"sqlite:///{folder / 'habits.db'}", now=NOW, today=TODAY).close()
    finally:
        os.umask(old)
    assert (folder.stat().st_mode & 0o777) == 0o700
    assert ((folder / "habits.db").stat().st_mode & 0o777) == 0o600


def test_cli_creates_home_0700_and_store_0600(isolated_env, ok_fresh):
    ok_fresh()
    assert (isolated_env.stat().st_mode & 0o777) == 0o700
    assert ((isolated_env / "habits.db").stat().st_mode & 0o777) == 0o600


@pytest.fixture
def ok_fresh(isolated_env):
    from click.testing import CliRunner

    from habits.cli import main

    def run(*args):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    return run


def test_seeded_once_and_a_deleted_seed_does_not_come_back(tmp_path):
    url = f"sqlite:///{tmp_path / 'h.db'}"
    store = open_store(url, now=NOW, today=TODAY)
    with store.read() as conn:
        assert [h.slug for h in queries.habits(conn)] == [
            "six-second-kiss",
            "ask-about-their-day",
            "weekly-date",
        ]
        kiss = queries.habit_by_slug(conn, "six-second-kiss")
    with store.write() as conn:
        queries.delete_habit(conn, kiss.id)
    store.close()
    store = open_store(url, now=NOW, today=TODAY)
    with store.read() as conn:
        assert queries.habit_by_slug(conn, "six-second-kiss") is None
        assert len(queries.habits(conn)) == 2
    store.close()


def test_seed_can_be_turned_off_for_a_store_import_creates(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}", now=NOW, today=TODAY, seed=False)
    with store.read() as conn:
        assert queries.habits(conn, include_archived=True) == []
        assert queries.get_meta(conn, "seeded") == "no"
    store.close()


def test_wal_and_foreign_keys(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}", now=NOW, today=TODAY)
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    store.close()


def test_write_takes_the_write_lock_up_front(tmp_path):
    """BEGIN IMMEDIATE: while one write transaction is open, another writer
    cannot even start one (with a deferred BEGIN it could, and would fail later)."""
    path = tmp_path / "h.db"
    store = open_store(f"sqlite:///{path}", now=NOW, today=TODAY)
    with store.write():
        other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()
    store.close()


def test_concurrent_writers_all_land(tmp_path):
    url = f"sqlite:///{tmp_path / 'h.db'}"
    open_store(url, now=NOW, today=TODAY).close()
    errors = []

    def log(i):
        try:
            store = open_store(url, now=NOW, today=TODAY)
            with store.write() as conn:
                kiss = queries.habit_by_slug(conn, "six-second-kiss")
                queries.add_checkin(conn, kiss, day=date(2026, 1, 1 + i), person="Alex", now=NOW)
            store.close()
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=log, args=(i,)) for i in range(20)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    store = open_store(url, now=NOW, today=TODAY)
    with store.read() as conn:
        assert queries.checkin_count(conn, queries.habit_by_slug(conn, "six-second-kiss").id) == 20
    store.close()


def test_deleting_a_habit_removes_its_check_ins(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'h.db'}", now=NOW, today=TODAY)
    with store.write() as conn:
        kiss = queries.habit_by_slug(conn, "six-second-kiss")
        queries.add_checkin(conn, kiss, day=TODAY, person="Alex", now=NOW)
        queries.delete_habit(conn, kiss.id)
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM checkins").scalar() == 0
    store.close()
