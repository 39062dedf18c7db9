"""End to end on a real desktop stack: a private D-Bus session bus, Xvfb, dunst.

`habits daemon` runs as a subprocess with the plyer backend (notify-send on Linux);
dunst's own history says what it received.
"""

import json
import queue
import signal
import subprocess
import sys
import threading
from datetime import datetime, timezone

import pytest
from sessionbus import DUNSTRC, Desktop, need
from sessionbus import wait_for as _wait

pytestmark = pytest.mark.desktop


@pytest.fixture
def desktop(tmp_path):
    need(
        "dbus-daemon",
        "dbus-send",
        "Xvfb",
        "dunst",
        "dunstctl",
        "notify-send",
        why="the desktop end-to-end test needs dbus, Xvfb, dunst and libnotify-bin",
    )
    with Desktop(tmp_path) as desk:
        desk.start_x()
        desk.start_dunst(DUNSTRC)
        yield desk.env


def received(env) -> list[dict]:
    subprocess.run(["dunstctl", "close-all"], env=env, check=True)
    out = subprocess.run(["dunstctl", "history"], env=env, capture_output=True, text=True, check=True).stdout
    items = json.loads(out)["data"][0]
    return [{k: v["data"] for k, v in item.items() if isinstance(v, dict) and "data" in v} for item in items]


def run_habits(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "habits", *args], env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def home_env(desktop, tmp_path):
    home = tmp_path / "habits-home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text(
        '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\n'
        '[reminders]\nquiet_hours = ["00:00", "00:00"]\ncatch_up = "3m"\n'
        '[notifications]\nbackend = "plyer"\ntimeout = 60\n'
    )
    env = {k: v for k, v in desktop.items() if k not in ("HABITS_CONFIG", "HABITS_DB")}
    env["HABITS_HOME"] = str(home)
    for slug in ("six-second-kiss", "ask-about-their-day", "weekly-date"):
        assert run_habits(env, "delete", slug, "--yes").returncode == 0
    return env


def test_daemon_delivers_exactly_one_nudge_through_dunst(home_env):
    env = home_env
    # Due at the current minute: on its first start the daemon sends what fell due
    # in the last reminders.catch_up, so it arrives within seconds of the start.
    hhmm = f"{datetime.now(timezone.utc):%H:%M}"
    assert (
        run_habits(
            env, "add", "stretch", "--title", "-Stretch together", "--daily", "--remind", hhmm
        ).returncode
        == 0
    )
    assert (
        run_habits(env, "add", "tea", "--title", "Tea already", "--daily", "--remind", hhmm).returncode == 0
    )
    assert run_habits(env, "done", "tea").returncode == 0
    daemon = subprocess.Popen(
        [sys.executable, "-m", "habits", "daemon"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in daemon.stdout], daemon=True).start()
    try:

        def both_logged():
            out = run_habits(env, "reminders", "--log", "--json")
            rows = json.loads(out.stdout) if out.returncode == 0 else []
            return rows if {r["status"] for r in rows} >= {"sent", "suppressed"} else None

        rows = _wait(both_logged, "the daemon to act on both reminders", limit=60)
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=10)
    by_habit = {r["habit"]: r for r in rows}
    assert by_habit["stretch"]["status"] == "sent"
    assert by_habit["tea"]["status"] == "suppressed" and by_habit["tea"]["reason"] == "already done by Alex"
    got = received(env)
    assert len(got) == 1, got
    (note,) = got
    assert note["appname"] == "habits"
    assert note["summary"] == "-Stretch together"
    assert note["body"] == "Not done yet today."


def test_notify_test_is_delivered_through_dunst(home_env):
    result = run_habits(home_env, "notify-test")
    assert result.returncode == 0, result.stderr
    assert "Delivered through the plyer backend" in result.stdout
    got = received(home_env)
    assert [(n["appname"], n["summary"]) for n in got] == [("habits", "habits: test notification")]


def test_notify_test_without_a_notification_server_says_why(home_env, tmp_path):
    env = {**home_env, "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus"}
    result = run_habits(env, "notify-test")
    assert result.returncode == 1
    assert "was not delivered through the plyer backend: notify-send exited with status" in result.stderr
