"""`habits daemon` checks its notification backend at start: when nothing can be
delivered it says so plainly on stderr and in its log, and keeps running."""

import os
import signal
import subprocess
import sys

import pytest
from sessionbus import Desktop, need, wait_for


def start_daemon(home, backend_toml, env_extra=None):
    (home / "config.toml").write_text(
        '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\n'
        '[reminders]\nquiet_hours = ["00:00", "00:00"]\n' + backend_toml
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_") and k != "NO_COLOR"}
    env.update(HABITS_HOME=str(home), **(env_extra or {}))
    return subprocess.Popen(
        [sys.executable, "-m", "habits", "daemon"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def warned_and_still_running(proc, home, *expected):
    """Wait for the warning in the log, check the daemon still runs, stop it: its stderr."""
    log = home / "habits.log"
    wait_for(lambda: log.exists() and "cannot be delivered" in log.read_text(), "the warning in the log")
    assert proc.poll() is None, "the daemon must keep running"
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    for text in expected:
        assert text in err and text in log.read_text()
    assert "Traceback" not in err
    return err


@pytest.fixture
def home(isolated_env):
    isolated_env.mkdir(mode=0o700)
    return isolated_env


def test_a_command_backend_whose_program_is_missing_is_reported(home, tmp_path):
    proc = start_daemon(
        home, f'[notifications]\nbackend = "command"\ncommand = ["{tmp_path}/no-such-notifier"]\n'
    )
    err = warned_and_still_running(
        proc,
        home,
        "notifications cannot be delivered through the command backend",
        f"{tmp_path}/no-such-notifier",
    )
    assert "does not exist" in err


def test_a_command_backend_whose_program_is_not_executable_is_reported(home, tmp_path):
    script = tmp_path / "notifier"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o644)
    proc = start_daemon(home, f'[notifications]\nbackend = "command"\ncommand = ["{script}"]\n')
    warned_and_still_running(proc, home, "is not executable")


def test_dbus_without_a_notification_server_is_reported(home, tmp_path):
    pytest.importorskip("jeepney", reason="the dbus backend (and jeepney) is for Linux")
    with Desktop(tmp_path) as desk:  # a session bus with nobody owning org.freedesktop.Notifications
        proc = start_daemon(
            home,
            '[notifications]\nbackend = "dbus"\ntimeout = 3\n',
            {"DBUS_SESSION_BUS_ADDRESS": desk.address},
        )
        warned_and_still_running(proc, home, "through the dbus backend", "no notification server is running")


def test_plyer_without_a_session_bus_is_reported(home, tmp_path):
    need("notify-send", why="plyer's Linux path runs notify-send")
    if not sys.platform.startswith("linux"):
        pytest.skip("the check of plyer's Linux path")
    proc = start_daemon(
        home,
        '[notifications]\nbackend = "plyer"\ntimeout = 3\n',
        {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus"},
    )
    warned_and_still_running(proc, home, "through the plyer backend", "session bus")


def test_a_working_backend_says_nothing_of_the_kind(home):
    proc = start_daemon(home, '[notifications]\nbackend = "stdout"\n')
    log = home / "habits.log"
    wait_for(lambda: log.exists() and "started (pid" in log.read_text(), "the daemon to start")
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=10)
    assert "cannot be delivered" not in err + log.read_text()
