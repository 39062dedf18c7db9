"""The daemon and the nudge's buttons, against a private dbus-daemon and the fake
notification server (tests/fakenotify.py): what Done and Snooze do to the store and
the reminder log, the harmless edges, closing nudges done elsewhere, SIGTERM."""

import json
import logging
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone

import pytest

pytest.importorskip("jeepney", reason="the dbus backend (and jeepney) is for Linux")

from fakenotify import FakeServer
from sessionbus import Desktop

from habits.cli.context import AppContext
from habits.daemon.engine import Reminders
from habits.daemon.scheduler import Daemon
from habits.notify.dbus import DBusNotifier

UTC = timezone.utc
T0 = datetime(2026, 3, 11, 9, 0, 30, tzinfo=UTC)  # 10:00:30 in Berlin (conftest's config)
SEEDS = ("six-second-kiss", "ask-about-their-day", "weekly-date")


class Rig:
    def __init__(self, h, desk, server):
        self.h, self.desk, self.server = h, desk, server
        h.clock.instant = T0
        self.app = AppContext(clock=h.clock)
        self.notifier = DBusNotifier(address=desk.address, timeout=2)
        self.daemon = Daemon(Reminders(self.app.store, self.app.config, "Alex", self.notifier), h.clock)
        self.signals, self.handled = 0, 0
        self.arrived = threading.Condition()
        self.notifier.on_event = self._arrived  # no scheduler here: the test runs the job itself

    def _arrived(self):
        with self.arrived:
            self.signals += 1
            self.arrived.notify_all()

    def tick(self):
        assert self.daemon.run_tick() is None

    def handle(self, signals=1):
        """Wait for that many more signals from the server, then run the daemon's job."""
        with self.arrived:
            assert self.arrived.wait_for(lambda: self.signals >= self.handled + signals, 10), (
                "signals missing"
            )
        self.handled += signals
        self.daemon.handle_buttons()

    def ok(self, *args):
        result = self.h(*args)
        assert result.exit_code == 0, result.output + result.stderr
        return result

    def checkins(self, slug="stretch"):
        return [c for c in json.loads(self.ok("log", "--json").stdout) if c["habit"] == slug]

    def log(self):
        return {
            (r["habit"], r["slot"]): r for r in json.loads(self.ok("reminders", "--log", "--json").stdout)
        }

    def snoozes(self):
        return [row[1:] for row in self.h.dump() if row[0] == "snoozes"]


@pytest.fixture
def rig(habits, tmp_path):
    h = habits  # SQLite, and PostgreSQL when there is one
    h.write_config(h.config.read_text() + 'partner = "Sam"\n[notifications]\nbackend = "dbus"\ntimeout = 2\n')
    for slug in SEEDS:
        assert h("delete", slug, "--yes").exit_code == 0
    assert h("add", "stretch", "--title", "Stretch", "--daily", "--remind", "10:00").exit_code == 0
    with Desktop(tmp_path) as desk:
        server = FakeServer(desk.address).start()
        r = Rig(h, desk, server)
        yield r
        r.app.close()
        if server._thread.is_alive():
            server.stop()


def test_done_logs_the_habit_like_habits_done_and_the_at_risk_nudge_stays_quiet(rig):
    rig.h.clock.instant = T0 - timedelta(days=1)
    rig.ok("done", "stretch")  # a 1-day streak: today's is at risk until done
    rig.h.clock.instant = T0
    rig.tick()
    shown = rig.server.shown[1]
    assert shown.summary == "Stretch" and shown.actions == ["done", "Done", "snooze", "Snooze"]
    rig.server.click(1, "done")
    rig.handle()
    assert [(c["date"], c["by"]) for c in rig.checkins()] == [("2026-03-10", "Alex"), ("2026-03-11", "Alex")]
    row = rig.log()[("stretch", "10:00")]
    assert (row["status"], row["reason"]) == ("done", "done from notification")
    assert shown.closed == 3  # the daemon closed it (it was resident)
    rig.h.clock.instant = datetime(2026, 3, 11, 20, 0, 30, tzinfo=UTC)  # 21:00:30 in Berlin
    rig.tick()
    risk = rig.log()[("stretch", "at-risk")]
    assert (risk["status"], risk["reason"]) == ("suppressed", "already done by Alex")
    assert [s.summary for s in rig.server.shown.values()].count("Stretch") == 1  # (and the day's question)
    text = rig.ok("reminders", "--log").stdout
    assert "[10:00] done from notification" in text


def test_snooze_nudges_exactly_once_more(rig):
    rig.tick()
    rig.server.click(1, "snooze")
    rig.handle()
    assert rig.checkins() == [] and len(rig.snoozes()) == 1
    row = rig.log()[("stretch", "10:00")]
    assert (row["status"], row["reason"]) == ("snoozed", "snoozed: again at 10:30")
    assert rig.server.shown[1].closed == 3
    for minutes in (10, 30, 45, 120):
        rig.h.clock.instant = T0 + timedelta(minutes=minutes)
        rig.tick()
    assert [s.summary for s in rig.server.shown.values()] == ["Stretch", "Stretch"]
    assert rig.server.shown[2].actions == ["done", "Done", "snooze", "Snooze"]
    assert rig.log()[("stretch", "snooze:2026-03-11T09:30:30Z")]["status"] == "sent"
    assert "[10:00] snoozed: again at 10:30" in rig.ok("reminders", "--log").stdout


def test_the_cli_snooze_and_the_button_write_the_same_snooze(rig):
    rig.ok("snooze", "stretch")
    rig.tick()
    rig.server.click(1, "snooze")
    rig.handle()
    rows = [row[1:] for row in rig.snoozes()]  # without the id
    assert rows[0] == rows[1] and len(rows) == 2  # same clock, same reminders.snooze: the same row twice


def test_a_snooze_that_quiet_hours_would_swallow_says_so_and_stores_nothing(rig):
    rig.h.write_config(rig.h.config.read_text() + '[reminders]\nsnooze = "12h"\n')  # 22:00 in Berlin
    rig.daemon.engine.config = AppContext(clock=rig.h.clock).config
    rig.tick()
    rig.server.click(1, "snooze")
    rig.handle()
    assert rig.snoozes() == [] and rig.server.shown[1].closed == 3
    row = rig.log()[("stretch", "10:00")]
    assert (row["status"], row["reason"]) == (
        "snoozed",
        "snoozed: no nudge again: quiet hours last until Thu 07:00, after the day ends (00:00)",
    )


def test_dismissing_and_a_click_on_the_body_log_nothing(rig, caplog):
    caplog.set_level(logging.INFO, logger="habits")
    rig.tick()
    rig.server.click(1, "default")  # some servers send "default" for a body click; we offered none
    rig.server.close(1, 2)  # the person closed it
    rig.handle(2)
    assert rig.checkins() == [] and rig.snoozes() == []
    row = rig.log()[("stretch", "10:00")]
    assert (row["status"], row["reason"]) == ("dismissed", "dismissed")
    assert "ignored the 'default' action of notification 1" in caplog.text


def test_unknown_ids_and_duplicate_clicks_are_harmless(rig, caplog):
    caplog.set_level(logging.INFO, logger="habits")
    rig.ok("edit", "stretch", "--times", "2")  # two check-ins a day: a second Done would count
    rig.ok("add", "tea", "--title", "Tea", "--daily", "--remind", "10:00")
    rig.tick()
    by_title = {s.summary: s.id for s in rig.server.shown.values()}
    stretch, tea = by_title["Stretch"], by_title["Tea"]
    rig.server.click(stretch, "done")
    rig.server.click(stretch, "done")
    rig.server.click(tea, "snooze")
    rig.server.click(tea, "snooze")
    rig.server.click(99, "done", to=rig.server.shown[stretch].client)
    rig.handle(5)
    assert len(rig.checkins()) == 1 and rig.checkins("tea") == [] and len(rig.snoozes()) == 1
    assert caplog.text.count("not an open nudge of this daemon") == 3


def test_a_click_for_a_habit_deleted_meanwhile_is_harmless(rig, caplog):
    caplog.set_level(logging.INFO, logger="habits")
    rig.ok("add", "tea", "--title", "Tea", "--daily", "--remind", "10:00")
    rig.tick()
    rig.ok("delete", "stretch", "--yes")
    rig.ok("delete", "tea", "--yes")
    rig.ok("add", "stretch", "--title", "Stretch again", "--daily")  # may even get the old id back
    by_title = {s.summary: s.id for s in rig.server.shown.values()}
    rig.server.click(by_title["Stretch"], "done")
    rig.server.click(by_title["Tea"], "snooze")
    rig.handle(2)
    assert rig.checkins() == [] and rig.snoozes() == []
    assert "ignored Done for stretch: the habit was deleted meanwhile" in caplog.text
    assert "ignored Snooze for tea: the habit was deleted meanwhile" in caplog.text


def test_a_forged_click_from_another_connection_changes_nothing(rig):
    from jeepney import DBusAddress, HeaderFields, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    rig.tick()
    with open_dbus_connection(rig.desk.address) as forger:
        emitter = DBusAddress("/org/freedesktop/Notifications", interface="org.freedesktop.Notifications")
        forged = new_signal(emitter, "ActionInvoked", "us", (1, "done"))
        forged.header.fields[HeaderFields.destination] = rig.server.shown[1].client
        forger.send(forged)
        forger.send_and_get_reply(message_bus.GetId(), timeout=5)
    rig.daemon.handle_buttons()
    assert rig.checkins() == [] and rig.log()[("stretch", "10:00")]["status"] == "sent"
    rig.server.click(1, "done")  # the real button still works
    rig.handle()
    assert len(rig.checkins()) == 1


def test_a_nudge_done_elsewhere_is_closed_on_the_next_tick(rig):
    rig.ok("add", "tea", "--title", "Tea", "--daily", "--remind", "10:00")
    rig.tick()
    rig.ok("done", "stretch", "--by", "Sam")  # the partner, on the other machine
    rig.h.clock.instant = T0 + timedelta(minutes=1)
    rig.tick()
    by_title = {s.summary: s for s in rig.server.shown.values()}
    assert by_title["Stretch"].closed == 3 and by_title["Tea"].closed is None
    row = rig.log()[("stretch", "10:00")]
    assert (row["status"], row["reason"]) == ("closed", "closed: done elsewhere")
    assert "[10:00] closed: done elsewhere" in rig.ok("reminders", "--log").stdout
    rig.h.clock.instant = datetime(2026, 3, 11, 23, 0, 30, tzinfo=UTC)  # past midnight in Berlin
    rig.tick()
    assert by_title["Tea"].closed == 3
    assert rig.log()[("tea", "10:00")]["reason"] == "closed: its day is over"


def test_a_hung_server_fails_the_nudge_and_the_daemon_carries_on(rig):
    rig.server.hang.add("Notify")
    rig.tick()
    row = rig.log()[("stretch", "10:00")]
    assert (row["status"], row["reason"]) == (
        "failed",
        "the notification server did not answer within 2 s (hung?)",
    )
    rig.server.hang.clear()
    rig.ok("add", "tea", "--title", "Tea", "--daily", "--remind", "10:05")
    rig.h.clock.instant = T0 + timedelta(minutes=5)
    rig.tick()
    (shown,) = rig.server.shown.values()
    assert shown.summary == "Tea"
    rig.server.click(shown.id, "done")
    rig.handle()
    assert len(rig.checkins("tea")) == 1


def test_sigterm_closes_the_open_nudges_and_exits_within_2s(habits_sqlite, tmp_path):
    h = habits_sqlite
    now = datetime.now(UTC)
    for slug in SEEDS:
        assert h("delete", slug, "--yes").exit_code == 0
    assert h("add", "due", "--title", "Due now", "--daily", "--remind", f"{now:%H:%M}").exit_code == 0
    h.write_config(
        '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\n'
        '[reminders]\nquiet_hours = ["00:00", "00:00"]\ncatch_up = "3m"\n'
        '[notifications]\nbackend = "dbus"\n'
    )
    with Desktop(tmp_path) as desk:
        server = FakeServer(desk.address).start()
        env = {k: v for k, v in desk.env.items() if k not in ("HABITS_CONFIG", "HABITS_DB")}
        env["HABITS_HOME"] = str(h.home)
        proc = subprocess.Popen(
            [sys.executable, "-m", "habits", "daemon"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            server.wait(lambda s: 1 in s.shown)
            server.hang.add("CloseNotification")  # even a server that does not answer cannot hold it
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=2) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
        assert ("CloseNotification", (1,)) in server.calls
        server.stop()
