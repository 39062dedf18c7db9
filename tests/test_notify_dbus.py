"""The dbus notifier against a private dbus-daemon and a fake notification server:
what a nudge carries, markup, `auto`, and the edges (a hung server, a forged
signal, a restarted server, a lost bus)."""

import logging
import time
from datetime import date

import pytest

pytest.importorskip("jeepney", reason="the dbus backend (and jeepney) is for Linux")

from fakenotify import FakeServer
from sessionbus import Desktop, wait_for

from habits.notify import Nudge, make_notifier
from habits.notify.dbus import DBusNotifier

NUDGE = Nudge(1, "stretch", date(2026, 3, 11), "10:00")


@pytest.fixture
def desk(tmp_path):
    with Desktop(tmp_path) as d:
        yield d


@pytest.fixture
def serve(desk):
    servers: list[FakeServer] = []

    def start(**kwargs) -> FakeServer:
        server = FakeServer(desk.address, **kwargs).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        if server._thread.is_alive():
            server.stop()


def events(notifier, count=1):
    got = []
    wait_for(lambda: got.extend(notifier.take_events()) or len(got) >= count, "the notifier's events", 10)
    return got


def test_a_nudge_carries_done_and_snooze_and_stays_an_ordinary_notification_expires(desk, serve):
    server = serve()
    notifier = DBusNotifier(address=desk.address)
    assert notifier.send_nudge("-Stretch", "Not done yet today.", 7, NUDGE).ok
    plain = notifier.send("habits: test notification", "If you can read this...", 7)
    assert plain.ok
    nudge, test = server.shown[1], server.shown[2]
    assert nudge.app == "habits" and nudge.summary == "-Stretch" and nudge.body == "Not done yet today."
    assert nudge.actions == ["done", "Done", "snooze", "Snooze"]  # no "default": a body click does nothing
    assert nudge.hints == {"urgency": 1, "resident": True} and nudge.expire == 0
    assert test.actions == [] and test.hints == {"urgency": 1} and test.expire == 7000
    assert notifier.open_nudges() == [((notifier._bus.number, server.unique_name, 1), NUDGE)]


def test_the_body_is_escaped_only_for_a_server_that_reads_markup(desk, serve):
    text = "Tom & Jerry <3\nsee <b>this</b> > that"
    server = serve(caps=("actions", "body", "body-markup"))
    assert DBusNotifier(address=desk.address).send_nudge("A & <B>", text, 5, NUDGE).ok
    assert server.shown[1].body == "Tom &amp; Jerry &lt;3\nsee &lt;b&gt;this&lt;/b&gt; &gt; that"
    assert server.shown[1].summary == "A & <B>"  # the summary is never markup
    server.stop()
    plain = serve(caps=("actions", "body"))
    assert DBusNotifier(address=desk.address).send_nudge("A & <B>", text, 5, NUDGE).ok
    assert plain.shown[1].body == text


def test_auto_is_dbus_only_when_the_server_offers_actions(desk, serve, monkeypatch, tmp_path):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desk.address)
    assert make_notifier("auto", timeout=2, platform="linux").name == "plyer"  # a bus, but no server
    server = serve(caps=("body", "body-markup"))
    assert make_notifier("auto", timeout=2, platform="linux").name == "plyer"
    assert ("GetCapabilities", ()) in server.calls
    server.stop()
    server = serve(caps=("actions", "body"))
    assert make_notifier("auto", timeout=2, platform="linux").name == "dbus"
    calls = len(server.calls)
    assert make_notifier("auto", timeout=2, platform="darwin").name == "plyer"
    assert make_notifier("auto", timeout=2, platform="win32").name == "plyer"
    assert len(server.calls) == calls  # macOS and Windows do not even ask
    server.hang.add("GetCapabilities")
    assert make_notifier("auto", timeout=0.5, platform="linux").name == "plyer"  # no answer in time
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    assert make_notifier("auto", timeout=2, platform="linux").name == "plyer"
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert make_notifier("auto", timeout=2, platform="linux").name == "plyer"
    assert make_notifier("dbus", timeout=2).name == "dbus"  # asked for explicitly: failures show when sending


def test_a_hung_server_times_out_and_the_notifier_carries_on(desk, serve):
    server = serve(hang={"Notify"})
    notifier = DBusNotifier(address=desk.address)
    failed = notifier.send_nudge("Stretch", "x", 0.5, NUDGE)
    assert not failed.ok and failed.reason == "the notification server did not answer within 0.5 s (hung?)"
    assert notifier.open_nudges() == []
    server.hang.clear()
    assert notifier.send_nudge("Stretch", "x", 5, NUDGE).ok
    server.click(1, "done")  # a hung call numbers nothing here
    (event,) = events(notifier)
    assert event.kind == "done" and event.nudge == NUDGE


def test_no_server_and_no_bus_are_failed_deliveries_with_a_reason(desk, tmp_path):
    notifier = DBusNotifier(address=desk.address)
    failed = notifier.send_nudge("Stretch", "x", 2, NUDGE)
    assert not failed.ok and "no notification server is running in this session" in failed.reason
    gone = DBusNotifier(address=f"unix:path={tmp_path}/no-bus").send("t", "m", 2)
    assert not gone.ok and "cannot connect to the session bus" in gone.reason


def test_a_forged_click_from_another_connection_is_ignored(desk, serve, caplog):
    from jeepney import DBusAddress, HeaderFields, new_signal
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    server = serve()
    notifier = DBusNotifier(address=desk.address)
    assert notifier.send_nudge("Stretch", "x", 5, NUDGE).ok
    client = server.shown[1].client
    with open_dbus_connection(desk.address) as forger:
        emitter = DBusAddress("/org/freedesktop/Notifications", interface="org.freedesktop.Notifications")
        for to in (client, None):  # addressed to the daemon, and broadcast
            forged = new_signal(emitter, "ActionInvoked", "us", (1, "done"))
            if to:
                forged.header.fields[HeaderFields.destination] = to
            forger.send(forged)
        forger.send_and_get_reply(message_bus.GetId(), timeout=5)  # the bus has routed both by now
    server.click(1, "snooze")
    (event,) = events(notifier)
    assert event.kind == "snooze"  # the forged "done" never counted, and did not use up the nudge
    assert notifier.take_events() == []
    assert "ignored ActionInvoked from" in caplog.text and "it is not the notification server" in caplog.text


def test_a_restarted_server_counts_from_1_again_and_old_ids_do_not_match(desk, serve, caplog):
    caplog.set_level(logging.INFO, logger="habits")
    first = serve()
    notifier = DBusNotifier(address=desk.address)
    assert notifier.send_nudge("Old", "x", 5, NUDGE).ok
    first.stop()
    second = serve()
    other = Nudge(2, "tea", date(2026, 3, 11), "10:00")
    assert notifier.send_nudge("New", "x", 5, other).ok
    assert second.shown[1].summary == "New"  # id 1 again
    second.click(1, "done")
    (event,) = events(notifier)
    assert event.kind == "done" and event.nudge == other
    assert [n for _, n in notifier.open_nudges()] == []  # the old server's nudge went with it
    assert "forgot 1 open nudge(s): the notification server went away" in caplog.text


def test_a_lost_bus_is_reconnected_on_the_next_notification(desk, serve, caplog):
    caplog.set_level(logging.INFO, logger="habits")
    server = serve()
    notifier = DBusNotifier(address=desk.address)
    assert notifier.send_nudge("Before", "x", 5, NUDGE).ok
    server.stop()
    desk.stop_bus()
    wait_for(lambda: "lost the session bus" in caplog.text, "the notifier to notice")
    assert notifier.take_events() == [] and notifier.open_nudges() == []
    desk.start_bus()
    server = serve()
    assert notifier.send_nudge("After", "x", 5, NUDGE).ok
    assert "reconnected to the session bus" in caplog.text
    server.click(1, "done")
    (event,) = events(notifier)
    assert event.kind == "done" and event.nudge == NUDGE


def test_close_and_close_all(desk, serve):
    server = serve()
    notifier = DBusNotifier(address=desk.address)
    for _ in range(3):
        assert notifier.send_nudge("Stretch", "x", 5, NUDGE).ok
    key = notifier.open_nudges()[0][0]
    assert notifier.close(key)
    assert server.shown[1].closed == 3 and len(notifier.open_nudges()) == 2
    assert notifier.close_all(1.0) == 2
    assert [s.closed for s in server.shown.values()] == [3, 3, 3]
    # Our own closes come back as NotificationClosed(3): not events of ours.
    time.sleep(0.2)
    assert notifier.take_events() == []
