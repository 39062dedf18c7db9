"""The daemon and the partner's activity, against a private dbus-daemon and the fake
notification server (tests/fakenotify.py), two configs on one store: Sam's check-ins
reach Alex's daemon as one nudge per tick, never twice, never a burst of old ones,
deferred in quiet hours; its Thank button thanks Sam, and Sam's daemon tells Sam."""

from datetime import datetime, timedelta, timezone

import pytest

pytest.importorskip("jeepney", reason="the dbus backend (and jeepney) is for Linux")

from couplerig import ALEX, NOTIFY, couple_rig
from sessionbus import wait_for

UTC = timezone.utc
T0 = datetime(2026, 3, 11, 9, 0, 30, tzinfo=UTC)  # 10:00:30 in Berlin (conftest's config)


@pytest.fixture
def rig(habits, tmp_path):
    add = (
        ("stretch", "--title", "Stretch", "--daily", "--each"),
        ("read", "--title", "Read aloud", "--daily", "--together"),
    )
    with couple_rig(habits, tmp_path, T0, add=add) as r:
        yield r


def test_sams_checkins_reach_alex_as_one_nudge_with_a_thank_button_never_twice(rig):
    rig.alex.run_tick()  # the daemon has looked: nothing yet
    assert rig.shown() == []
    rig.at(T0 + timedelta(seconds=10))
    rig.ok("done", "stretch", person="Sam")
    rig.ok("done", "read", person="Sam")
    rig.ok("done", "stretch")  # Alex's own check-in is not news to Alex
    rig.at(T0 + timedelta(seconds=60))
    assert rig.alex.run_tick() is None
    assert rig.shown() == [("Sam: Stretch ✓ · Read aloud ✓", ["thank", "Thank"])]
    for seconds in (120, 180):
        rig.at(T0 + timedelta(seconds=seconds))
        rig.alex.run_tick()
    rig.alex = rig.daemon("Alex")  # a restart: the mark is in the store
    rig.alex.run_tick()
    assert len(rig.shown()) == 1


def test_thank_on_the_nudge_shows_on_sams_board_and_sams_daemon_tells_sam_once(rig):
    sam = rig.daemon("Sam")
    sam.run_tick()
    rig.alex.run_tick()
    rig.ok("done", "stretch", person="Sam")
    rig.at(T0 + timedelta(seconds=60))
    rig.alex.run_tick()
    ident = max(rig.server.shown)
    rig.server.click(ident, "thank")
    wait_for(lambda: rig.signals >= 1 or None, "the click", 10)
    rig.alex.handle_buttons()
    assert rig.server.shown[ident].closed == 3  # the daemon closed it once used
    thanks = [row for row in rig.h.dump() if row[0] == "thanks"]
    assert [(r[2], r[3], str(r[5])) for r in thanks] == [("Alex", "Sam", "2026-03-11")], thanks
    assert "Alex thanked you for Stretch" in rig.ok(person="Sam").stdout  # Sam's board says so
    rig.at(T0 + timedelta(seconds=120))
    sam.run_tick()
    rig.at(T0 + timedelta(seconds=180))
    sam.run_tick()
    assert [s for s, _ in rig.shown()].count("Alex thanked you for Stretch") == 1


def test_nothing_old_after_a_first_start_or_a_long_gap(rig):
    rig.at(T0 - timedelta(hours=3))
    rig.ok("done", "stretch", person="Sam")  # before the daemon ever looked, older than catch_up (2 h)
    rig.at(T0)
    rig.alex.run_tick()
    assert rig.shown() == []
    rig.at(T0 + timedelta(minutes=1))
    rig.ok("done", "read", person="Sam")
    rig.at(T0 + timedelta(hours=4))  # the machine slept: one check-in now too old, one fresh
    rig.ok("undo", "stretch", person="Sam")
    rig.ok("done", "stretch", person="Sam")
    rig.at(T0 + timedelta(hours=4, minutes=1))
    rig.alex.run_tick()
    assert rig.shown() == [("Sam: Stretch ✓", ["thank", "Thank"])]


def test_quiet_hours_defer_the_news_to_their_end(rig):
    night = datetime(2026, 3, 11, 22, 0, tzinfo=UTC)  # 23:00 in Berlin: quiet
    rig.at(night)
    rig.alex.run_tick()
    rig.ok("done", "stretch", person="Sam")
    for minutes in (1, *range(60, 8 * 60, 60)):  # an awake daemon (a long sleep would pass it over)
        rig.at(night + timedelta(minutes=minutes))
        rig.alex.run_tick()
    assert rig.shown() == []
    rig.at(datetime(2026, 3, 12, 6, 0, 30, tzinfo=UTC))  # 07:00:30: the quiet hours are over
    rig.alex.run_tick()
    assert rig.shown() == [("Sam: Stretch ✓", ["thank", "Thank"])]


def test_partner_false_keeps_the_daemon_quiet_about_sam(rig):
    rig.h.write_config(ALEX + NOTIFY + "partner = false\n")
    rig.alex = rig.daemon("Alex")
    rig.alex.run_tick()
    rig.ok("done", "stretch", person="Sam")
    rig.at(T0 + timedelta(minutes=1))
    rig.alex.run_tick()
    assert rig.shown() == []


def test_a_check_in_undone_and_logged_again_is_told_again(rig):
    """SQLite hands a re-logged check-in the id of the one undone just before it: the
    mark's instant still tells it apart."""
    rig.alex.run_tick()
    rig.ok("done", "stretch", person="Sam")
    rig.at(T0 + timedelta(seconds=60))
    rig.alex.run_tick()
    rig.ok("undo", "stretch", person="Sam")
    rig.at(T0 + timedelta(seconds=70))
    rig.ok("done", "stretch", person="Sam")
    rig.at(T0 + timedelta(seconds=120))
    rig.alex.run_tick()
    assert [s for s, _ in rig.shown()] == ["Sam: Stretch ✓", "Sam: Stretch ✓"]


def test_a_first_start_in_quiet_hours_brings_no_old_history_at_their_end(rig):
    rig.at(datetime(2026, 3, 9, 12, 0, tzinfo=UTC))
    rig.ok("done", "stretch", person="Sam")  # two days before the daemon first starts
    rig.ok("done", "read", "--date", "-1", person="Sam")
    night = datetime(2026, 3, 11, 22, 0, tzinfo=UTC)
    rig.at(night)
    rig.alex = rig.daemon("Alex")
    rig.alex.run_tick()  # a first start, in quiet hours
    rig.at(night + timedelta(minutes=30))
    rig.ok("done", "stretch", person="Sam")  # logged during the quiet hours: deferred
    for minutes in (31, *range(60, 8 * 60, 60)):
        rig.at(night + timedelta(minutes=minutes))
        rig.alex.run_tick()
    rig.at(datetime(2026, 3, 12, 6, 0, 30, tzinfo=UTC))
    rig.alex.run_tick()
    assert [s for s, _ in rig.shown()] == ["Sam: Stretch ✓"]  # the night's, not the old ones


def test_a_restarted_daemon_closes_the_partner_nudge_a_killed_one_left(rig):
    rig.alex.run_tick()
    rig.ok("done", "stretch", person="Sam")
    rig.at(T0 + timedelta(seconds=60))
    rig.alex.run_tick()
    ident = max(rig.server.shown)
    assert rig.server.shown[ident].closed is None  # on screen, with its Thank button
    rig.alex = rig.daemon("Alex")  # the first one was killed: nothing closed it
    rig.at(T0 + timedelta(seconds=120))
    rig.alex.run_tick()
    assert rig.server.shown[ident].closed is not None  # the new daemon closed it
    assert len(rig.shown()) == 1  # and told nothing twice
