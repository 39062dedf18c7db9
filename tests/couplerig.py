"""Two daemons of a couple on one store, against a private dbus-daemon and the fake
notification server (tests/fakenotify.py): Alex's and Sam's configs, daemons made and
ticked by the test on an injected clock, the installed commands run as either of them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from fakenotify import FakeServer
from sessionbus import Desktop

from habits.cli.context import AppContext
from habits.daemon.engine import Reminders
from habits.daemon.scheduler import Daemon
from habits.notify.dbus import DBusNotifier

SEEDS = ("six-second-kiss", "ask-about-their-day", "weekly-date")
ALEX = '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n'
SAM = '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Sam"\npartner = "Alex"\n'
NOTIFY = '[notifications]\nbackend = "dbus"\ntimeout = 2\n'


class CoupleRig:
    def __init__(self, h, desk, server, sam_config, start: datetime) -> None:  # type: ignore[no-untyped-def]
        self.h, self.desk, self.server, self.sam_config = h, desk, server, sam_config
        h.clock.instant = start
        self.apps: list[AppContext] = []
        self.signals = 0
        self.alex = self.daemon("Alex")

    def daemon(self, person: str) -> Daemon:
        """A fresh daemon of `person` (a restart, when there was one before)."""
        old = os.environ.get("HABITS_CONFIG")
        if person == "Sam":
            os.environ["HABITS_CONFIG"] = str(self.sam_config)
        try:
            app = AppContext(clock=self.h.clock)
            config, store = app.config, app.store
        finally:
            if person == "Sam":
                if old is None:
                    os.environ.pop("HABITS_CONFIG")
                else:
                    os.environ["HABITS_CONFIG"] = old
        self.apps.append(app)
        notifier = DBusNotifier(address=self.desk.address, timeout=2)
        daemon = Daemon(Reminders(store, config, person, notifier), self.h.clock)
        notifier.on_event = self._arrived  # no scheduler here: the test runs the job itself
        return daemon

    def _arrived(self) -> None:
        self.signals += 1

    def at(self, instant: datetime, *daemons: Daemon) -> None:
        """Set the clock, then run one tick of each daemon given."""
        self.h.clock.instant = instant
        for daemon in daemons:
            assert daemon.run_tick() is None

    def ok(self, *args: str, person: str = "Alex"):  # type: ignore[no-untyped-def]
        env = {"HABITS_CONFIG": str(self.sam_config)} if person == "Sam" else None
        result = self.h(*args, env=env)
        assert result.exit_code == 0, result.output + result.stderr
        return result

    def shown(self) -> list[tuple[str, list[str]]]:
        return [(s.summary, s.actions) for s in self.server.shown.values()]


@contextmanager
def couple_rig(habits, tmp_path, start: datetime, rig=CoupleRig, add=()) -> Iterator:  # type: ignore[no-untyped-def]
    """The store (SQLite, and PostgreSQL when there is one) without the seeded habits,
    with the habits `add` lists (argument tuples of `habits add`), and the rig."""
    h = habits
    h.write_config(ALEX + NOTIFY)
    sam = tmp_path / "sam.toml"
    sam.write_text(SAM + NOTIFY + (f'[store]\nurl = "{h.url}"\n' if h.url else ""), encoding="utf-8")
    for slug in SEEDS:
        assert h("delete", slug, "--yes").exit_code == 0
    for args in add:
        assert h("add", *args).exit_code == 0
    with Desktop(tmp_path) as desk:
        server = FakeServer(desk.address).start()
        r = rig(h, desk, server, sam, start)
        try:
            yield r
        finally:
            for app in r.apps:
                app.close()
            if server._thread.is_alive():
                server.stop()
