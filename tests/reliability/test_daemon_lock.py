"""The PostgreSQL one-daemon lock survives a server restart: the daemon takes it
again before it sends anything, a daemon started after the restart is refused, and
when another daemon got the lock meanwhile, the first one stops (exit 1, naming it)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

pytestmark = pytest.mark.slow

# `habits daemon` on the real clock with a heartbeat of the given seconds (60 s otherwise).
DAEMON_LAUNCHER = """
import sys
import habits.daemon.scheduler
from habits.cli import main
habits.daemon.scheduler.HEARTBEAT_SECONDS = float(sys.argv[1])
main(["daemon"], prog_name="habits")
"""


class Daemon:
    """`habits daemon` with a short heartbeat; its output read line by line."""

    def __init__(self, env, tmp_path, heartbeat=1.0):
        launcher = tmp_path / "daemon_launcher.py"
        launcher.write_text(DAEMON_LAUNCHER, encoding="utf-8")
        self.p = subprocess.Popen(
            [sys.executable, str(launcher), str(heartbeat)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.p.stdout], daemon=True).start()

    def wait_for(self, text, limit=60.0):
        deadline = time.monotonic() + limit
        while not any(text in line for line in self.seen):
            try:
                self.seen.append(self.lines.get(timeout=max(0.01, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"no {text!r} in daemon output: {''.join(self.seen)}") from None
        return next(i for i, line in enumerate(self.seen) if text in line)

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGCONT)
            self.p.terminate()
            try:
                self.p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()


@pytest.fixture
def setup(isolated_env, private_pg):
    home = isolated_env
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text(
        '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\n[reminders]\nquiet_hours = ["00:00", "00:00"]\n'
        f'[notifications]\nbackend = "stdout"\n[store]\nurl = "{private_pg.url}"\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_") and k != "NO_COLOR"}
    env.update(HABITS_HOME=str(home), PYTHONUNBUFFERED="1")

    def habits(*args, check=True):
        done = subprocess.run(
            [sys.executable, "-m", "habits", *args], env=env, capture_output=True, text=True, timeout=60
        )
        if check:
            assert done.returncode == 0, done.stderr
        return done

    habits("add", "tea", "--title", "Tea together", "--daily")
    for slug in ("six-second-kiss", "ask-about-their-day", "weekly-date"):
        habits("archive", slug)
    daemons: list[Daemon] = []

    def start(tmp_path):
        daemon = Daemon(env, tmp_path)
        daemons.append(daemon)
        return daemon

    yield private_pg, habits, start
    for daemon in daemons:
        daemon.stop()


def restart(server):
    server.stop()
    server.start()
    server.wait_ready()


def test_the_lock_is_taken_again_before_a_nudge_and_a_later_daemon_is_refused(setup, tmp_path):
    server, habits, start = setup
    first = start(tmp_path)
    first.wait_for("Stop with Ctrl-C")
    habits("snooze", "tea", "12s")
    restart(server)
    took = first.wait_for("took the one-daemon lock again")
    sent = first.wait_for("[habits] Tea together", limit=90)
    assert took < sent  # the lock came back before the nudge went out
    second = habits("daemon", check=False)
    assert second.returncode == 1
    assert "already running for Alex" in second.stderr and f"process id {first.p.pid} on" in second.stderr
    assert first.p.poll() is None


def test_a_daemon_that_lost_the_lock_to_another_stops_naming_it(setup, tmp_path):
    server, habits, start = setup
    first = start(tmp_path)
    first.wait_for("Stop with Ctrl-C")
    first.p.send_signal(signal.SIGSTOP)  # asleep while the server restarts and another daemon starts
    restart(server)
    second = start(tmp_path)
    second.wait_for("Stop with Ctrl-C")
    habits("snooze", "tea", "3s")
    first.p.send_signal(signal.SIGCONT)
    assert first.p.wait(timeout=60) == 1
    first.wait_for(f"process id {second.p.pid} on")
    text = "".join(first.seen)
    assert "took over" in text and "this one stops" in text and "Traceback" not in text
    assert "[habits] Tea together" not in text  # the nudge is the second daemon's
    second.wait_for("[habits] Tea together", limit=60)
    assert second.p.poll() is None
