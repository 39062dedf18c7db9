"""What the end-to-end tests through dunst share: a time zone where it is around noon,
a person's session (the program, its daemon, dunst's action menu), and dunst started
with a menu that picks a line as a person would.

A button is pressed headlessly the way dunst lets a person do it: `dunstctl context`
hands dunst's action menu to the configured `dmenu`, here a script that picks the
line matching a word (as `grep -m1 -i done` would) and keeps a copy of the menu it
was offered, so a test also sees exactly which buttons dunst had."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from sessionbus import DUNSTRC, Desktop, wait_for

# A zone where it is around noon now, so that no test runs into a day boundary.
_OFFSET = 12 - datetime.now(timezone.utc).hour
ZONE = f"Etc/GMT{-_OFFSET:+d}" if _OFFSET else "Etc/GMT"
LOCAL = ZoneInfo(ZONE)


def config_text(me: str, partner: str | None = None, url: str = "") -> str:
    """A config in ZONE, without quiet hours, catching up 3 minutes."""
    couple = f'me = "{me}"\n' + (f'partner = "{partner}"\n' if partner else "")
    store = f'[store]\nurl = "{url}"\n' if url else ""
    return (
        f'[time]\ntimezone = "{ZONE}"\n[couple]\n{couple}'
        '[reminders]\nquiet_hours = ["00:00", "00:00"]\ncatch_up = "3m"\n' + store
    )


def start_picking_dunst(desk: Desktop, tmp_path: Path) -> None:
    """X and dunst, whose action menu is the picking script (see above)."""
    pick = tmp_path / "pick"
    pick.write_text(
        f"#!/bin/sh\ntee -a '{tmp_path / 'menus.txt'}' | /usr/bin/grep -m1 -i "
        f"\"$(cat '{tmp_path / 'choice'}')\"\n"
    )
    pick.chmod(0o755)
    desk.start_x()
    desk.start_dunst(DUNSTRC.replace("[global]\n", f"[global]\n    dmenu = {pick}\n"))


class Session:
    """One person's side of the desktop: the program run as a subprocess, its daemon,
    and dunst's menu of actions."""

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
        (self.home / "config.toml").write_text(config_text("Alex") + extra)

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
