"""End to end: the partner's activity through the real dunst, on a private session bus
and Xvfb, with two configs on one store (SQLite, and PostgreSQL when there is one):
Sam logs with the installed program, Alex's `habits daemon` (default `auto` backend)
shows one nudge naming Sam within a minute; Thank on it (through dunst's action menu,
as a person picks it) records the thank-you, and Sam's daemon tells Sam.

The seconds from Sam's check-in to Alex's nudge are written to
$HABITS_PARTNER_LATENCY_FILE when that is set (the figure for the benchmark notes)."""

import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from conftest import dump_store
from sessionbus import DUNSTRC, Desktop, need, wait_for

pytestmark = pytest.mark.desktop
# A zone where it is around noon now, so that no test runs into a day boundary.
_OFFSET = 12 - datetime.now(timezone.utc).hour
ZONE = f"Etc/GMT{-_OFFSET:+d}" if _OFFSET else "Etc/GMT"
LOCAL = ZoneInfo(ZONE)


class Session:
    """Alex's side of the desktop: the installed program, the daemon, dunst's menu."""

    def __init__(self, desk, home, tmp_path):
        self.desk, self.home = desk, home
        self.choice, self.menus = tmp_path / "choice", tmp_path / "menus.txt"
        self.env = {k: v for k, v in desk.env.items() if k not in ("HABITS_CONFIG", "HABITS_DB")}
        self.env["HABITS_HOME"] = str(home)
        self.daemon = None

    def habits(self, *args):
        done = subprocess.run(
            [sys.executable, "-m", "habits", *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self):
        self.daemon = subprocess.Popen(
            [sys.executable, "-m", "habits", "daemon"],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self):
        if self.daemon is not None and self.daemon.poll() is None:
            self.daemon.terminate()
            assert self.daemon.wait(timeout=10) == 0

    def press(self, word):
        """Open dunst's menu of actions, as a person would, and pick the line with `word`."""
        self.choice.write_text(word)
        self.dunstctl("context")

    def dunstctl(self, *args):
        return subprocess.run(
            ["dunstctl", *args], env=self.env, capture_output=True, text=True, check=True
        ).stdout

    def offered(self):
        return self.menus.read_text().splitlines() if self.menus.exists() else []

    def history(self):
        self.dunstctl("close-all")
        import json

        items = json.loads(self.dunstctl("history"))["data"][0]
        return [item["summary"]["data"] for item in items if item["appname"]["data"] == "habits"]


def config(me, partner, url):
    store = f'[store]\nurl = "{url}"\n' if url else ""
    return (
        f'[time]\ntimezone = "{ZONE}"\n[couple]\nme = "{me}"\npartner = "{partner}"\n'
        '[reminders]\nquiet_hours = ["00:00", "00:00"]\ncatch_up = "3m"\n' + store
    )


@pytest.fixture(params=["sqlite", "postgres"])
def couple(request, tmp_path):
    need(
        "dbus-daemon",
        "dbus-send",
        "Xvfb",
        "dunst",
        "dunstctl",
        why="the partner end-to-end test needs dbus, Xvfb and dunst",
    )
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else ""
    pick = tmp_path / "pick"
    pick.write_text(
        f"#!/bin/sh\ntee -a '{tmp_path / 'menus.txt'}' | /usr/bin/grep -m1 -i "
        f"\"$(cat '{tmp_path / 'choice'}')\"\n"
    )
    pick.chmod(0o755)
    home = tmp_path / "habits-home"
    home.mkdir(mode=0o700)
    with Desktop(tmp_path) as desk:
        desk.start_x()
        desk.start_dunst(DUNSTRC.replace("[global]\n", f"[global]\n    dmenu = {pick}\n"))
        session = Session(desk, home, tmp_path)
        (home / "config.toml").write_text(config("Alex", "Sam", url))
        sam = home / "sam.toml"
        sam.write_text(config("Sam", "Alex", url))
        try:
            yield session, sam, url
        finally:
            if session.daemon is not None and session.daemon.poll() is None:
                session.daemon.kill()
                session.daemon.wait()


def log_text(session):
    path = session.home / "habits.log"
    return path.read_text() if path.exists() else ""


@pytest.mark.slow
def test_sam_logs_alex_is_told_once_and_thank_reaches_sam(couple):
    session, sam, url = couple
    for slug in ("six-second-kiss", "ask-about-their-day", "weekly-date"):
        session.habits("delete", slug, "--yes")
    session.habits("add", "stretch", "--title", "Stretch", "--daily", "--each")
    session.start()
    wait_for(lambda: "started (pid" in log_text(session), "Alex's daemon to start")
    time.sleep(2)  # its first tick has looked
    as_sam = dict(session.env, HABITS_CONFIG=str(sam))
    logged = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "habits", "done", "stretch"],
        env=as_sam,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    wait_for(lambda: "partner activity sent: Sam: Stretch ✓" in log_text(session), "Alex's nudge", limit=90)
    latency = time.monotonic() - logged
    if os.environ.get("HABITS_PARTNER_LATENCY_FILE"):
        with open(os.environ["HABITS_PARTNER_LATENCY_FILE"], "a") as out:
            out.write(f"{'postgres' if url else 'sqlite'} {latency:.1f}\n")
    assert latency <= 75
    session.press("thank")
    wait_for(lambda: "thank from notification: Thanked Sam for Stretch" in log_text(session), "the Thank")
    assert [line.split(" ")[0] for line in session.offered()] == ["#Thank"]
    rows = [r for r in dump_store(url or f"sqlite:///{session.home / 'habits.db'}") if r[0] == "thanks"]
    today = datetime.now(LOCAL).date()
    assert [(r[2], r[3], r[5]) for r in rows] == [("Alex", "Sam", today)]
    board = subprocess.run(
        [sys.executable, "-m", "habits"], env=as_sam, capture_output=True, text=True, timeout=60
    )
    assert "Alex thanked you for Stretch" in board.stdout, board.stdout + board.stderr  # on Sam's board
    sams = subprocess.Popen(
        [sys.executable, "-m", "habits", "daemon"],
        env=as_sam,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(
            lambda: "thanks sent: Alex thanked you for Stretch" in log_text(session), "Sam's nudge", limit=90
        )
    finally:
        sams.terminate()
        sams.wait(timeout=10)
    session.stop()
    assert log_text(session).count("partner activity sent:") == 1
    assert session.history().count("Sam: Stretch ✓") == 1
    assert "Alex thanked you for Stretch" in session.history()
