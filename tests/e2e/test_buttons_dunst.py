"""End to end: the nudge's Done and Snooze buttons through the real dunst, on a
private session bus and Xvfb, with `habits daemon` as a subprocess on the default
(`auto`) backend.

A button is pressed as a person would, through dunst's action menu (tests/dunstsession.py).
"""

from datetime import datetime, timedelta

import pytest
from dunstsession import LOCAL, Session, start_picking_dunst
from sessionbus import Desktop, need, wait_for

pytestmark = pytest.mark.desktop


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
    home = tmp_path / "habits-home"
    home.mkdir(mode=0o700)
    with Desktop(tmp_path) as desk:
        start_picking_dunst(desk, tmp_path)
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


def test_a_measured_habits_nudge_offers_snooze_alone(session):
    """A button cannot say how many minutes: the nudge of a measured habit has no Done."""
    now = datetime.now(LOCAL)
    session.habits(
        "add", "talk", "--title", "Talk, phones away", "--daily", "--measure", "minutes",
        "--at-least", "20", "--remind", f"{now:%H:%M}",
    )  # fmt: skip
    session.start()
    session.wait_log(sent(("talk", f"{now:%H:%M}")), "the nudge to be sent")
    session.press("nothing-matches-this")  # dunst's menu of actions, nothing picked
    wait_for(session.offered, "dunst to offer the buttons")
    assert [line.split(" ")[0] for line in session.offered()] == ["#Snooze"]
    session.dunstctl("close")
    session.wait_log(lambda log: log[("talk", f"{now:%H:%M}")]["status"] == "dismissed", "the dismissal")
    assert session.checkins() == []
    session.stop()


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
