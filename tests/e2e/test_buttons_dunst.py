"""End to end: the nudge's Done and Snooze buttons through the real dunst, on a
private session bus and Xvfb, with `habits daemon` as a subprocess on the default
(`auto`) backend.

A button is pressed headlessly the way dunst lets a person do it: `dunstctl context`
hands dunst's action menu to the configured `dmenu`, here a script that picks the
line matching a word (as `grep -m1 -i done` would) and keeps a copy of the menu it
was offered, so the test also sees exactly which buttons dunst had.
"""

import json
import signal
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sessionbus import DUNSTRC, Desktop, need, wait_for

pytestmark = pytest.mark.desktop
# A zone where it is around noon now, so that no test runs into a day boundary.
_OFFSET = 12 - datetime.now(timezone.utc).hour
ZONE = f"Etc/GMT{-_OFFSET:+d}" if _OFFSET else "Etc/GMT"
LOCAL = ZoneInfo(ZONE)


class Session:
    def __init__(self, desk, home, tmp_path):
        self.desk, self.home = desk, home
        self.choice = tmp_path / "choice"
        self.menus = tmp_path / "menus.txt"
        self.env = {k: v for k, v in desk.env.items() if k not in ("HABITS_CONFIG", "HABITS_DB")}
        self.env["HABITS_HOME"] = str(home)
        self.daemon = None

    def habits(self, *args):
        done = subprocess.run(
            [sys.executable, "-m", "habits", *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def config(self, extra=""):
        (self.home / "config.toml").write_text(
            f'[time]\ntimezone = "{ZONE}"\n[couple]\nme = "Alex"\n'
            '[reminders]\nquiet_hours = ["00:00", "00:00"]\ncatch_up = "3m"\n' + extra
        )

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
            self.daemon.send_signal(signal.SIGTERM)
            assert self.daemon.wait(timeout=10) == 0

    def log(self):
        return {(r["habit"], r["slot"]): r for r in json.loads(self.habits("reminders", "--log", "--json"))}

    def wait_log(self, check, what, limit=60.0):
        """The reminder log (by habit and slot), once check(log) holds."""

        def ready():
            log = self.log()
            return log if check(log) else None

        return wait_for(ready, what, limit)

    def checkins(self):
        return json.loads(self.habits("log", "--json"))

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
        """Every notification dunst got (shown ones are closed first so all are in its history)."""
        self.dunstctl("close-all")
        items = json.loads(self.dunstctl("history"))["data"][0]
        return [item["summary"]["data"] for item in items if item["appname"]["data"] == "habits"]


@pytest.fixture
def session(tmp_path):
    need(
        "dbus-daemon",
        "dbus-send",
        "Xvfb",
        "dunst",
        "dunstctl",
        why="the buttons end-to-end test needs dbus, Xvfb and dunst",
    )
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
        s = Session(desk, home, tmp_path)
        s.config()
        for slug in ("six-second-kiss", "ask-about-their-day", "weekly-date"):
            s.habits("delete", slug, "--yes")
        try:
            yield s
        finally:
            if s.daemon is not None and s.daemon.poll() is None:
                s.daemon.kill()
                s.daemon.wait()


def sent(slot_key):
    return lambda log: log.get(slot_key, {}).get("status") == "sent"


@pytest.mark.slow
def test_done_logs_the_habit_and_the_at_risk_nudge_no_longer_fires(session):
    now = datetime.now(LOCAL)
    # The streak check at the next whole minute at least 15 s away: after the press.
    risk = (now + timedelta(seconds=75)).replace(second=0, microsecond=0)
    session.config(f'at_risk_time = "{risk:%H:%M}"\n')
    session.habits("add", "stretch", "--title", "Stretch together", "--daily", "--remind", f"{now:%H:%M}")
    session.habits("done", "stretch", "--date", "yesterday")  # a 1-day streak, at risk today
    session.start()
    session.wait_log(sent(("stretch", f"{now:%H:%M}")), "the nudge to be sent")
    session.press("done")
    wait_for(lambda: len(session.checkins()) == 2, "the check-in from the Done button")
    offered = session.offered()  # dunst's menu: "#Done (Stretch together) [<id>,done]"
    assert [line.split(" ")[0] for line in offered] == ["#Done", "#Snooze"]  # and no "default"
    assert all("(Stretch together)" in line for line in offered)
    today = [c for c in session.checkins() if c["date"] == f"{now:%Y-%m-%d}"]
    assert [(c["habit"], c["by"]) for c in today] == [("stretch", "Alex")]
    row = session.wait_log(lambda log: log[("stretch", f"{now:%H:%M}")]["status"] == "done", "the log row")
    assert row[("stretch", f"{now:%H:%M}")]["reason"] == "done from notification"
    log = session.wait_log(lambda log: ("stretch", "at-risk") in log, "the streak check", limit=120)
    assert (log[("stretch", "at-risk")]["status"], log[("stretch", "at-risk")]["reason"]) == (
        "suppressed",
        "already done by Alex",
    )
    session.stop()
    assert session.history() == ["Stretch together"]  # the at-risk nudge never came


def test_snooze_leads_to_exactly_one_more_nudge(session):
    now = datetime.now(LOCAL)
    session.config('snooze = "3s"\n')
    session.habits("add", "stretch", "--title", "Stretch together", "--daily", "--remind", f"{now:%H:%M}")
    session.start()
    session.wait_log(sent(("stretch", f"{now:%H:%M}")), "the nudge to be sent")
    session.press("snooze")
    log = session.wait_log(
        lambda log: any(k[1].startswith("snooze:") and r["status"] == "sent" for k, r in log.items()),
        "the snoozed nudge",
    )
    assert log[("stretch", f"{now:%H:%M}")]["status"] == "snoozed"
    assert log[("stretch", f"{now:%H:%M}")]["reason"].startswith("snoozed: again at ")
    assert session.checkins() == []
    session.stop()
    assert len(session.log()) == 2  # the reminder and its one snooze
    assert session.history() == ["Stretch together", "Stretch together"]


def test_a_click_on_the_body_logs_nothing_and_closing_it_only_dismisses(session):
    now = datetime.now(LOCAL)
    session.habits("add", "stretch", "--title", "Stretch together", "--daily", "--remind", f"{now:%H:%M}")
    session.start()
    session.wait_log(sent(("stretch", f"{now:%H:%M}")), "the nudge to be sent")
    # With no "default" action, dunst answers the body's action by offering the menu of
    # buttons; the person picks nothing.
    session.choice.write_text("nothing-matches-this")
    session.dunstctl("action", "0")
    wait_for(session.offered, "dunst to offer the buttons")
    assert [line.split(" ")[0] for line in session.offered()] == ["#Done", "#Snooze"]
    session.dunstctl("close")  # what a left click on the body does in dunst
    log = session.wait_log(lambda log: log[("stretch", f"{now:%H:%M}")]["status"] != "sent", "the dismissal")
    assert log[("stretch", f"{now:%H:%M}")]["status"] == "dismissed"
    assert session.checkins() == []
    session.stop()
    assert len(session.log()) == 1


def test_a_restarted_daemon_closes_the_nudge_a_killed_one_left_and_says_so(session):
    now = datetime.now(LOCAL)
    slot = ("stretch", f"{now:%H:%M}")
    session.habits("add", "stretch", "--title", "Stretch together", "--daily", "--remind", f"{now:%H:%M}")
    session.start()
    session.wait_log(sent(slot), "the nudge to be sent")
    session.daemon.kill()  # SIGKILL: no chance to close its nudge
    session.daemon.wait()
    assert session.dunstctl("count", "displayed").strip() == "1"  # left on screen, its buttons dead
    session.press("done")  # a Done that no daemon hears
    wait_for(session.offered, "dunst to offer the buttons")
    assert session.dunstctl("count", "displayed").strip() == "1"  # resident: still there after the click
    session.start()
    log = session.wait_log(
        lambda log: log[slot]["status"] != "sent", "the new daemon to deal with the old nudge"
    )
    assert (log[slot]["status"], log[slot]["reason"]) == ("closed", "closed: the daemon restarted")
    wait_for(lambda: session.dunstctl("count", "displayed").strip() == "0", "the old nudge to be closed")
    assert session.checkins() == []  # the Done was not heard, and the log says so:
    text = (session.home / "habits.log").read_text()
    assert (
        "an earlier daemon left 1 nudge(s) on screen" in text
        and "a Done clicked on one since was not recorded" in text
    )
    assert "closed: the daemon restarted" in session.habits("reminders", "--log")
    session.stop()
    assert session.history() == ["Stretch together"]  # and no second nudge for that reminder
