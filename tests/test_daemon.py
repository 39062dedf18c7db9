"""The daemon: its tick wrapper in-process, and the real process (signals, the lock)."""

import json
import os
import queue
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from habits.cli.context import AppContext
from habits.daemon.engine import Reminders
from habits.daemon.scheduler import BACKOFF_MAX, Daemon
from habits.store.connect import make_engine
from habits.store.db import Store

UTC = timezone.utc


class Recorder:
    name = "recorder"

    def __init__(self):
        self.sent = []

    def send(self, title, message, timeout):
        from habits.notify import Delivery

        self.sent.append(title)
        return Delivery(True, "ok")


# -- in-process -----------------------------------------------------------------


def test_disabled_reminders_send_nothing_but_keep_the_heartbeat(habits_sqlite):
    h = habits_sqlite
    h.write_config(h.config.read_text() + '\n[reminders]\nenabled = false\ncatch_up = "24h"\n')
    h.clock.instant = datetime(2026, 3, 11, 18, 0, tzinfo=UTC)
    app = AppContext(clock=h.clock)
    rec = Recorder()
    daemon = Daemon(Reminders(app.store, app.config, "Alex", rec), h.clock)
    assert daemon.run_tick() is None
    assert rec.sent == []
    con = sqlite3.connect(h.db)
    assert (
        con.execute("SELECT value FROM meta WHERE key = 'heartbeat:Alex'")
        .fetchone()[0]
        .startswith("2026-03-11T18:00")
    )
    assert con.execute("SELECT count(*) FROM reminder_log").fetchone()[0] == 0


def test_store_trouble_is_retried_with_doubling_backoff(habits_sqlite, tmp_path):
    h = habits_sqlite
    app = AppContext(clock=h.clock)
    url = f"sqlite:///{tmp_path / 'missing-folder' / 'habits.db'}"
    daemon = Daemon(Reminders(Store(make_engine(url), url), app.config, "Alex", Recorder()), h.clock)
    delays = [daemon.run_tick() for _ in range(7)]
    assert delays == [2, 4, 8, 16, 32, 60, 60] and BACKOFF_MAX == 60


def test_unreachable_store_at_start_is_one_sentence(habits_sqlite):
    result = habits_sqlite("--db", "postgresql+psycopg://nobody@127.0.0.1:1/habits", "daemon")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


# -- the real process ----------------------------------------------------------------


class Proc:
    def __init__(self, home: Path, env: dict[str, str]):
        self.home = home
        self.lines: queue.Queue[str] = queue.Queue()
        self.p = subprocess.Popen(
            [sys.executable, "-m", "habits", "daemon"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.seen: list[str] = []

    def _read(self):
        for line in self.p.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, limit: float = 30) -> None:
        deadline = time.monotonic() + limit
        while not any(text in line for line in self.seen):
            try:
                self.seen.append(self.lines.get(timeout=max(0.01, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"no {text!r} in daemon output: {''.join(self.seen)}") from None

    def stop(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()


def wait_until(check, limit: float = 30):
    deadline = time.monotonic() + limit
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached")
        time.sleep(0.05)


@pytest.fixture
def daemon_home(habits_sqlite, tmp_path):
    h = habits_sqlite
    env = {k: v for k, v in os.environ.items() if k not in ("HABITS_CONFIG", "HABITS_DB", "NO_COLOR")}
    env["HABITS_HOME"] = str(h.home)
    procs: list[Proc] = []

    def start(config_extra: str = "") -> Proc:
        h.write_config(
            '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\n'
            '[reminders]\nquiet_hours = ["00:00", "00:00"]\ncatch_up = "3m"\n' + config_extra
        )
        proc = Proc(h.home, env)
        procs.append(proc)
        return proc

    start.habits = h  # type: ignore[attr-defined]
    start.env = env  # type: ignore[attr-defined]
    yield start
    for proc in procs:
        proc.stop()


def hanging_backend(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "started.jsonl"
    exe = tmp_path / "hang"
    exe.write_text(
        f"#!{sys.executable}\nimport json, os, sys, time\n"
        f"open({str(marker)!r}, 'a').write(json.dumps([os.getpid()] + sys.argv[1:]) + '\\n')\n"
        "time.sleep(60)\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe, marker


def test_sigterm_exits_within_2s_while_a_notification_hangs_and_restart_does_not_resend(
    daemon_home, tmp_path
):
    exe, marker = hanging_backend(tmp_path)
    h = daemon_home.habits
    now = datetime.now(UTC)
    h("add", "due", "--title", "Due now", "--daily", "--remind", f"{now:%H:%M}")
    extra = f'[notifications]\nbackend = "command"\ncommand = ["{exe}"]\ntimeout = 50\n'
    proc = daemon_home(extra)
    wait_until(lambda: marker.exists() and marker.read_text().strip())
    child = json.loads(marker.read_text().splitlines()[0])
    assert child[1] == "Due now"
    proc.p.send_signal(signal.SIGTERM)
    try:
        assert proc.p.wait(timeout=2) == 0
    finally:
        os.kill(child[0], signal.SIGKILL)
    con = sqlite3.connect(h.db)
    assert con.execute("SELECT status FROM reminder_log").fetchall() == [("sending",)]
    beat = con.execute("SELECT value FROM meta WHERE key = 'heartbeat:Alex'").fetchone()[0]
    again = daemon_home(extra)  # a restart: the row written before sending stops a second nudge
    wait_until(
        lambda: con.execute("SELECT value FROM meta WHERE key = 'heartbeat:Alex'").fetchone()[0] != beat
    )
    again.p.send_signal(signal.SIGTERM)
    again.p.wait(timeout=5)
    assert len(marker.read_text().splitlines()) == 1


def test_second_daemon_is_refused_naming_the_first(daemon_home):
    first = daemon_home('[notifications]\nbackend = "stdout"\n')
    first.wait_for("Stop with Ctrl-C")
    second = subprocess.run(
        [sys.executable, "-m", "habits", "daemon"],
        env=daemon_home.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 1
    assert "already running for Alex" in second.stderr and f"process id {first.p.pid}" in second.stderr
    assert "Traceback" not in second.stderr
    first.p.send_signal(signal.SIGTERM)
    assert first.p.wait(timeout=5) == 0


def test_sighup_reloads_the_config_and_bad_config_is_kept_out(daemon_home):
    h = daemon_home.habits
    proc = daemon_home('[notifications]\nbackend = "stdout"\n')
    proc.wait_for("Stop with Ctrl-C")
    h.config.write_text(h.config.read_text().replace("quiet_hours", "enabled = false\nquiet_hours"))
    proc.p.send_signal(signal.SIGHUP)
    proc.wait_for("config reloaded (reminders off)")
    h.config.write_text(h.config.read_text() + "\n[nonsense]\n")
    proc.p.send_signal(signal.SIGHUP)
    proc.wait_for("config not reloaded, keeping the old one")
    assert proc.p.poll() is None
    log = (h.home / "habits.log").read_text()
    assert "config reloaded (reminders off)" in log
    assert stat.S_IMODE((h.home / "habits.log").stat().st_mode) == 0o600


def test_disabled_daemon_runs_and_says_so(daemon_home):
    proc = daemon_home('enabled = false\n[notifications]\nbackend = "stdout"\n')
    proc.wait_for("schedules nothing")
    assert any("Reminders are off" in line for line in proc.seen)
    proc.p.send_signal(signal.SIGTERM)
    assert proc.p.wait(timeout=5) == 0


def test_daemon_prints_the_board_and_sends_through_stdout(daemon_home):
    h = daemon_home.habits
    now = datetime.now(UTC)
    h("add", "due", "--title", "-Due now", "--daily", "--remind", f"{now:%H:%M}")
    proc = daemon_home('[notifications]\nbackend = "stdout"\n')
    proc.wait_for("[habits] -Due now")
    text = "".join(proc.seen)
    assert "Six-second kiss" in text  # the board came first
    assert text.index("Six-second kiss") < text.index("[habits] -Due now")


def test_postgres_lock_refuses_a_second_daemon_for_the_same_person(pg_url):
    from datetime import date

    from habits.store.db import open_store
    from habits.store.lock import DaemonRunning, acquire

    now = datetime(2026, 3, 11, 9, tzinfo=UTC)
    first = open_store(pg_url, now=now, today=date(2026, 3, 11))
    second = open_store(pg_url, now=now, today=date(2026, 3, 11))
    try:
        held = acquire(first, "Alex")
        with pytest.raises(DaemonRunning, match=f"process id {os.getpid()} on "):
            acquire(second, "Alex")
        acquire(second, "Sam").release()  # the partner's daemon is another matter
        held.release()
        acquire(second, "Alex").release()
    finally:
        first.close()
        second.close()


def test_sqlite_lock_file_is_private_and_names_the_holder(habits_sqlite):
    from habits.store.lock import DaemonRunning, acquire, lock_path

    habits_sqlite("list")
    app = AppContext(clock=habits_sqlite.clock)
    held = acquire(app.store, "Alex")
    path = lock_path(habits_sqlite.db, "Alex")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(DaemonRunning, match=f"process id {os.getpid()}"):
        acquire(app.store, "Alex")  # flock is per open file: a second open in one process conflicts too
    held.release()
    acquire(app.store, "Alex").release()
    app.close()
