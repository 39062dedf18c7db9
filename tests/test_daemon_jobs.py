"""The daemon's own jobs: a reminder that falls due while the daemon waits is
delivered by its job at its time (not at the next heartbeat), and a PostgreSQL
store that goes away and comes back is retried, then the nudge still goes."""

import os
import queue
import subprocess
import sys
import threading
import time
from datetime import timezone

import pytest

UTC = timezone.utc


class Daemon:
    def __init__(self, env):
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        self.p = subprocess.Popen(
            [sys.executable, "-m", "habits", "daemon"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.seen: list[str] = []

    def _read(self):
        for line in self.p.stdout:
            self.lines.put((time.time(), line))

    def wait_for(self, text, limit=60.0) -> float:
        deadline = time.monotonic() + limit
        while True:
            try:
                at, line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {text!r} in daemon output: {''.join(self.seen)}") from None
            self.seen.append(line)
            if text in line:
                return at

    def stop(self):
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.p.kill()


def home_env(tmp_path, extra=""):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    (home / "config.toml").write_text(
        '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\n'
        '[reminders]\nquiet_hours = ["00:00", "00:00"]\n[notifications]\nbackend = "stdout"\n' + extra
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_") and k != "NO_COLOR"}
    env["HABITS_HOME"] = str(home)
    return env, home


def habits_run(env, *args):
    result = subprocess.run(
        [sys.executable, "-m", "habits", *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result


def fresh_store(env):
    """A store whose only habit has no reminder times: nothing to catch up on at start."""
    habits_run(env, "add", "tea", "--title", "Tea together", "--daily")
    for slug in ("six-second-kiss", "ask-about-their-day", "weekly-date"):
        habits_run(env, "archive", slug)


@pytest.mark.slow
def test_a_snooze_made_while_the_daemon_waits_is_picked_up_within_a_minute(isolated_env, tmp_path):
    env, _home = home_env(tmp_path)
    fresh_store(env)
    daemon = Daemon(env)
    try:
        daemon.wait_for("Stop with Ctrl-C")
        time.sleep(1.0)  # past the first heartbeat: the store is re-read only on the next one
        before = time.time()
        habits_run(env, "snooze", "tea", "5s")
        after = time.time()
        arrived = daemon.wait_for("[habits] Tea together", limit=90)
        assert before + 5 - 1 <= arrived < after + 5 + 65
    finally:
        daemon.stop()


def test_a_reminder_planned_at_start_fires_at_its_time_not_at_the_next_heartbeat(isolated_env, tmp_path):
    env, _home = home_env(tmp_path)
    fresh_store(env)
    before = time.time()
    habits_run(env, "snooze", "tea", "8s")
    after = time.time()  # the snooze falls due 8 s after a moment between these two
    daemon = Daemon(env)
    try:
        daemon.wait_for("Stop with Ctrl-C")
        arrived = daemon.wait_for("[habits] Tea together", limit=40)
        # A snooze's time is kept to the whole second (it names its reminder slot).
        assert before + 8 - 1 <= arrived < after + 8 + 30  # the next heartbeat: ~60 s after start
    finally:
        daemon.stop()


def test_postgres_going_away_is_retried_and_the_nudge_still_goes(isolated_env, tmp_path, private_pg):
    server = private_pg
    env, home = home_env(tmp_path, f'[store]\nurl = "{server.url}"\n'.replace("[store]", "\n[store]"))
    fresh_store(env)
    habits_run(env, "snooze", "tea", "10s")
    daemon = Daemon(env)
    try:
        daemon.wait_for("Stop with Ctrl-C")
        server.stop()
        time.sleep(14)  # the snooze's job runs while the server is down: retried, 2 s, 4 s, ...
        log = (home / "habits.log").read_text()
        assert "store unavailable" in log and "retrying in 2s" in log
        assert "not-a-secret" not in log
        assert daemon.p.poll() is None
        server.start()
        server.wait_ready()
        daemon.wait_for("[habits] Tea together", limit=90)
        assert daemon.p.poll() is None
    finally:
        daemon.stop()
