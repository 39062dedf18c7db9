"""Disk and permissions: a full disk is one clear sentence and the store survives it;
everything habits writes is private under any umask; passwords never show."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

PASSWORD = "s3cr3t-Pa55"


# -- a full disk ----------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 512 KiB tmpfs of the test's own (needs root, as under CI)."""
    where = tmp_path / "disk"
    where.mkdir()
    if os.geteuid() != 0:
        from conftest import require

        require("tmpfs mount", "mounting a small disk needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0755", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        from conftest import require

        require("tmpfs mount", done.stderr.strip())
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    try:
        with filler.open("wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:
        pass
    return filler


def one_sentence(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("habits: "), stderr
    assert "Traceback" not in stderr and "Unexpected" not in stderr
    return lines[0]


def test_full_disk_is_a_clear_error_and_the_store_survives(small_disk, procs_sqlite):
    procs = procs_sqlite
    procs.home = small_disk / "home"
    procs.home.mkdir(mode=0o700)
    (procs.home / "config.toml").write_text('[couple]\nme = "Alex"\n', encoding="utf-8")
    procs.run("done", "kiss", "--date", "2026-01-01", "--note", "before the disk filled up")
    filler = fill(small_disk)

    failed = procs.run("done", "ask", "--date", "2026-01-02", "--note", "x" * 100_000, check=False)
    assert failed.returncode == 1
    line = one_sentence(failed.stderr)
    assert "full" in line and "free some space" in line, line

    filler.unlink()
    logged = json.loads(procs.run("log", "--json").stdout)
    assert [(e["habit"], e["date"], e["note"]) for e in logged] == [
        ("six-second-kiss", "2026-01-01", "before the disk filled up")
    ]
    con = sqlite3.connect(procs.home / "habits.db")
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()
    procs.run("done", "ask", "--date", "2026-01-02")  # and it takes writes again


def test_full_disk_on_first_use_leaves_a_store_that_works_later(small_disk, procs_sqlite):
    procs = procs_sqlite
    procs.home = small_disk / "home"
    filler = fill(small_disk)
    failed = procs.run("done", "kiss", check=False)
    assert failed.returncode == 1
    assert "full" in one_sentence(failed.stderr)
    filler.unlink()
    procs.run("done", "kiss", "--date", "2026-01-01")
    assert len(json.loads(procs.run("list", "--json").stdout)) == 3


READS = [
    (),
    ("log",),
    ("streaks",),
    ("streaks", "--json"),
    ("list", "--all"),
    ("show", "kiss"),
    ("history", "kiss"),
    ("export",),
]


@pytest.mark.parametrize("beside", ["alone", "beside-a-daemon"])
def test_a_full_disk_leaves_every_read_working(small_disk, procs_sqlite, tmp_path, beside):
    """Reads need no room: not for SQLite's shared-memory file (-shm; alone, nobody else
    holds it), nor for the streak checkpoints they would renew, nor for the daily backup;
    only a write fails."""
    procs = procs_sqlite
    procs.home = small_disk / "home"
    procs.home.mkdir(mode=0o700)
    (procs.home / "config.toml").write_text(
        '[couple]\nme = "Alex"\npartner = "Sam"\n\n[backup]\nkeep = 3\n', encoding="utf-8"
    )
    for days_ago in (60, 59, 58, 2, 1):
        procs.run("done", "kiss", "--date", f"-{days_ago}")
    procs.run("skip", "ask", "--date", "-1", "--reason", "travel")
    assert not list(procs.home.glob("habits.db-shm"))  # the last process took it away
    # What the reads say, from a copy elsewhere (they renew its streak checkpoints; the
    # store itself has none yet, so its reads below will want to write them).
    copy = tmp_path / "copy.db"
    con = sqlite3.connect(procs.home / "habits.db")
    con.execute(f"VACUUM INTO '{copy}'")
    con.close()
    expected = {args: procs.run("--db", str(copy), *args).stdout for args in READS}
    assert _count(copy, "streak_cache") > 0 and _count(procs.home / "habits.db", "streak_cache") == 0
    daemon = None
    if beside == "beside-a-daemon":  # another process holds the store open, -shm and all
        daemon = sqlite3.connect(procs.home / "habits.db")
        daemon.execute("SELECT count(*) FROM checkins").fetchall()
    filler = fill(small_disk)

    for args in READS:
        done = procs.run(*args, check=False)
        assert (done.returncode, done.stderr) == (0, ""), (args, done.stderr)
        assert done.stdout == expected[args], args
    elsewhere = tmp_path / "elsewhere" / "export.json"
    procs.run("export", "-o", str(elsewhere))
    assert elsewhere.read_text(encoding="utf-8") == expected[("export",)]
    if daemon is not None:
        daemon.close()
    assert _count(procs.home / "habits.db", "streak_cache") == 0  # they wanted to write, and could not

    failed = procs.run("done", "ask", check=False)
    assert failed.returncode == 1
    assert "full" in one_sentence(failed.stderr)
    filler.unlink()
    con = sqlite3.connect(procs.home / "habits.db")
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()
    procs.run("done", "ask")


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_full_disk_injected_is_the_same_clear_error(habits, monkeypatch):
    """Where no disk can be mounted: the driver's own error, injected at the edge."""
    from sqlalchemy.exc import OperationalError

    from habits.store import queries

    assert habits("done", "kiss", "--date", "-1").exit_code == 0
    before = habits.dump()

    def full(*_a, **_k):
        raise OperationalError("INSERT INTO checkins ...", {}, Exception("database or disk is full"))

    monkeypatch.setattr(queries, "add_checkin", full)
    result = habits("done", "kiss")
    assert result.exit_code == 1
    assert "is full; free some space" in one_sentence(result.stderr)
    monkeypatch.undo()
    assert habits.dump() == before
    assert habits("log").exit_code == 0


# -- private files under a permissive umask ---------------------------------------


def private(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    expected = 0o700 if path.is_dir() else 0o600
    assert mode == expected, f"{path} is {oct(mode)}, not {oct(expected)}"


def test_everything_written_is_private_even_under_umask_0(procs_sqlite, tmp_path):
    """Store, upgrade backup, daily exports, exports, CSV folders and the log: 0600 files
    in 0700 folders, with umask 0 in the shell that runs habits."""
    procs = procs_sqlite
    home = procs.home = procs.home.parent / "fresh-home"  # habits creates its home itself
    home.parent.joinpath("config.toml").write_text("[backup]\nkeep = 2\n", encoding="utf-8")
    env = {"HABITS_CONFIG": str(home.parent / "config.toml")}
    umask0 = ["sh", "-c", 'umask 0 && exec "$@"', "sh"]

    def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        import sys

        done = subprocess.run(
            [*umask0, sys.executable, "-m", "habits", *args],
            env={**procs.env, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert not check or done.returncode == 0, (args, done.stderr)
        return done

    run("done", "kiss")  # creates home, store, WAL files and the day's export
    run("export", "-o", str(tmp_path / "out" / "deep" / "habits.json"))
    run("export", "--format", "csv", "-o", str(tmp_path / "csv"))
    # an unexpected error writes the log: a store that breaks under habits' feet
    con = sqlite3.connect(home / "habits.db")
    con.execute("CREATE TRIGGER boom BEFORE INSERT ON checkins BEGIN SELECT RAISE(ABORT, 'boom'); END")
    con.commit()
    con.close()
    run("done", "ask", check=False)
    # and the backup made before an upgrade
    from habits.store.sqlite_file import backup_sqlite

    old = os.umask(0)
    try:
        backup_sqlite(home / "habits.db", "0001")
    finally:
        os.umask(old)

    made = [
        home,
        *home.rglob("*"),
        tmp_path / "out" / "deep",
        *(tmp_path / "out").rglob("*"),
        tmp_path / "csv",
        *(tmp_path / "csv").rglob("*"),
    ]
    names = {p.name for p in made}
    assert {"habits.db", "habits.db.bak-0001", "backups", "habits.json"} <= names
    assert any(p.name.startswith("habits-export-") for p in made)
    assert "habits.log" in names, "the unexpected error was logged"
    for path in made:
        private(path)


# -- passwords never show ---------------------------------------------------------

BAD_URLS = [
    f"postgresql+psycopg://alex:{PASSWORD}@127.0.0.1:1/habits",  # nothing listens there
    f"postgresql+psycopg://alex:{PASSWORD}@127.0.0.1:notaport/habits",
    f"postgresql+psycopg://alex:{PASSWORD}@[::1:1/habits",
    f"postgresql+psycopg://alex:p@{PASSWORD}@127.0.0.1:1/habits",  # a raw '@' in the password
    f"postgresql+psycopg://alex:{PASSWORD}@no-such-host.invalid/habits",
    f"postgresql+nosuchdriver://alex:{PASSWORD}@127.0.0.1:1/habits",
    f"nosuchdb://alex:{PASSWORD}@127.0.0.1:1/habits",
    f"postgresql+psycopg://:{PASSWORD}@127.0.0.1:1/habits",
    f"postgresql+psycopg://alex:{PASSWORD}@127.0.0.1:1/habits?sslmode=bogus",
]


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("given_by", ["--db", "HABITS_DB", "store.url"])
def test_store_errors_never_show_the_password(habits_sqlite, url, given_by):
    habits = habits_sqlite
    args, env = ["list"], None
    if given_by == "--db":
        args = ["--db", url, "list"]
    elif given_by == "HABITS_DB":
        env = {"HABITS_DB": url}
    else:
        habits.write_config(f'[store]\nurl = "{url}"\n')
    result = habits(*args, env=env)
    assert result.exit_code == 1
    line = one_sentence(result.stderr)
    assert PASSWORD not in result.output
    assert "***" in line or "://" not in line, line
    log = habits.home / "habits.log"
    assert not log.exists() or PASSWORD not in log.read_text(encoding="utf-8")


def test_config_show_and_paths_mask_the_password(habits_sqlite):
    habits = habits_sqlite
    url = f"postgresql+psycopg://alex:{PASSWORD}@db.example:5432/habits"
    habits.write_config(f'[store]\nurl = "{url}"\n')
    for args in (["config", "show"], ["paths"], ["config", "check"]):
        result = habits(*args)
        assert result.exit_code == 0, result.output
        assert PASSWORD not in result.output
    assert "postgresql+psycopg://alex:***@db.example:5432/habits" in habits("config", "show").stdout
    result = habits("paths", env={"HABITS_DB": url.replace(PASSWORD, "p@" + PASSWORD)})
    assert PASSWORD not in result.output
