"""A damaged SQLite store, through the real command: "damaged" (not "not a habits
store"), naming the newest copy to restore from; and the daily export that makes
such a copy, written by the daemon when it runs."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

PAGE = 4096


def damage(db: Path) -> None:
    """Overwrite the b-tree header of every page after the first (the file header and
    the schema on page 1 stay intact: it still opens as an SQLite database)."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA page_size").fetchone()[0] == PAGE
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    size = db.stat().st_size
    assert size >= 4 * PAGE
    with db.open("r+b") as fh:
        for offset in range(PAGE, size, PAGE):
            fh.seek(offset)
            fh.write(b"\xa5" * 64)


def age(path: Path, days: float) -> None:
    stamp = time.time() - days * 86400
    os.utime(path, (stamp, stamp))


def _fails_damaged(procs, *args: str) -> str:  # type: ignore[no-untyped-def]
    proc = procs.run(*args, check=False)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    err = proc.stderr.strip()
    assert err.startswith("habits: ") and "\n" not in err and "Traceback" not in err, err
    assert "damaged" in err and "not a habits store" not in err, err
    return err


@pytest.mark.parametrize("command", [(), ("done", "ask"), ("log",)])
def test_a_damaged_store_names_the_newest_daily_export(procs_sqlite, command):
    procs = procs_sqlite
    procs.run("done", "kiss")  # the first change of the day also writes today's export (keep = 7 by default)
    db = procs.home / "habits.db"
    exports = list((procs.home / "backups").glob("habits-export-*.json"))
    assert len(exports) == 1
    older = procs.home / "backups" / "habits-export-2020-01-01.json"
    older.write_text(exports[0].read_text(encoding="utf-8"), encoding="utf-8")
    age(older, 30)
    upgrade_copy = db.with_name("habits.db.bak-0001")
    upgrade_copy.write_bytes(db.read_bytes())
    age(upgrade_copy, 20)
    damage(db)
    before = db.read_bytes()
    err = _fails_damaged(procs, *command)
    assert str(exports[0]) in err and f"habits import {exports[0]}" in err, err
    assert str(older) not in err and str(upgrade_copy) not in err
    assert db.read_bytes() == before  # nothing written to it


def test_a_newer_upgrade_copy_is_named_with_the_command_to_restore_it(procs_sqlite):
    procs = procs_sqlite
    procs.run("done", "kiss")  # keep = 7 by default
    db = procs.home / "habits.db"
    for export in (procs.home / "backups").iterdir():
        age(export, 3)
    upgrade_copy = db.with_name("habits.db.bak-0007")
    upgrade_copy.write_bytes(db.read_bytes())
    damage(db)
    err = _fails_damaged(procs, "streaks")
    assert f"cp {upgrade_copy} {db}" in err, err


def test_a_damaged_store_without_copies_says_so(procs_sqlite):
    procs = procs_sqlite
    (procs.home / "config.toml").write_text(
        (procs.home / "config.toml").read_text(encoding="utf-8") + "\n[backup]\nkeep = 0\n", encoding="utf-8"
    )
    procs.run("done", "kiss")
    damage(procs.home / "habits.db")
    err = _fails_damaged(procs, "done", "ask")
    assert "no copy" in err and ".recover" in err, err


def test_a_restored_export_brings_the_check_ins_back(procs_sqlite):
    """Following the message: move the damaged store aside and import the export."""
    procs = procs_sqlite
    procs.run("done", "kiss", "--note", "good morning")
    db = procs.home / "habits.db"
    damage(db)
    err = _fails_damaged(procs)
    export = err.split("`habits import ")[1].split("`")[0]
    for name in ("habits.db", "habits.db-wal", "habits.db-shm"):
        if (procs.home / name).exists():
            (procs.home / name).rename(procs.home / f"{name}.damaged")
    procs.run("import", export)
    log = json.loads(procs.run("log", "--json").stdout)
    assert [entry.get("note") for entry in log] == ["good morning"]


def test_the_daemon_process_makes_the_daily_export(procs_sqlite, tmp_path):
    """The real `habits daemon`: its first tick writes the day's export."""
    procs = procs_sqlite
    procs.run("done", "kiss")
    folder = procs.home / "backups"
    for path in folder.iterdir():
        path.unlink()
    daemon = procs.daemon(tmp_path)
    try:
        deadline = time.monotonic() + 60
        while (
            not list(folder.glob("habits-export-*.json"))
            and daemon.poll() is None
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)
    finally:
        daemon.kill()
        out, err = daemon.communicate()
    written = list(folder.glob("habits-export-*.json"))
    assert len(written) == 1, (out, err)
    assert json.loads(written[0].read_text(encoding="utf-8"))["format"] == "habits-export"
    assert "daily backup written" in err


def test_damage_the_commands_do_not_meet_stops_the_daily_export(procs_sqlite):
    """Damage in a page neither `done` nor the export reads (an index of the reminder
    log): the command works, but the daily export's quick check finds it, logs it,
    writes no export and keeps the older ones."""
    procs = procs_sqlite
    procs.run("list")  # creates the store; nothing written by a command yet, so no export
    db = procs.home / "habits.db"
    con = sqlite3.connect(db)
    try:
        (page,) = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_reminder_log_created_at'"
        ).fetchone()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    folder = procs.home / "backups"
    folder.mkdir(mode=0o700)
    older = folder / "habits-export-2020-01-01.json"
    older.write_text("{}", encoding="utf-8")
    with db.open("r+b") as fh:
        fh.seek((page - 1) * PAGE)
        fh.write(b"\xa5" * 64)
    procs.run("done", "kiss")
    assert [p.name for p in folder.iterdir()] == [older.name]
    log = (procs.home / "habits.log").read_text(encoding="utf-8")
    assert "daily backup not written" in log and "damaged" in log and str(older) in log
