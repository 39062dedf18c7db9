"""The reminder engine end to end on a real SQLite store, with a fixed clock."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from habits.cli.context import AppContext
from habits.daemon.engine import Reminders
from habits.notify import Delivery

UTC = timezone.utc
CONFIG = """
[time]
timezone = "Europe/Berlin"
{time_extra}

[couple]
me = "Alex"
{couple_extra}

[reminders]
quiet_hours = {quiet}
{reminders_extra}
"""


class Recorder:
    name = "recorder"

    def __init__(self, ok: bool = True, reason: str = "") -> None:
        self.sent: list[tuple[str, str]] = []
        self.bodies: list[str] = []
        self.ok, self.reason = ok, reason

    def send(self, title, message, timeout):
        self.sent.append((title, message.splitlines()[0]))  # the why line comes every third day
        self.bodies.append(message)
        return Delivery(self.ok, self.reason or ("shown" if self.ok else "server said no"))


def configure(habits, quiet='["22:00", "07:00"]', time_extra="", couple_extra="", reminders_extra=""):
    habits.write_config(
        CONFIG.format(
            quiet=quiet, time_extra=time_extra, couple_extra=couple_extra, reminders_extra=reminders_extra
        )
    )


def engine(habits, notifier=None):
    app = AppContext(clock=habits.clock)
    cfg = app.config
    return Reminders(app.store, cfg, cfg.me, notifier or Recorder(), people=app.people)


def at(habits, *args):
    habits.clock.instant = datetime(*args, tzinfo=UTC)
    return habits.clock.now()


def log_rows(ok):
    return json.loads(ok("reminders", "--log", "--json").stdout)


@pytest.fixture
def berlin(habits, ok):
    configure(habits)
    at(habits, 2026, 3, 11, 6, 0)  # 07:00 in Berlin, a Wednesday
    ok("list")  # create and seed the store
    return habits


def test_due_reminder_is_sent_once_with_title_and_streak(berlin, ok):
    rec = Recorder()
    eng = engine(berlin, rec)
    assert eng.tick(at(berlin, 2026, 3, 11, 6, 44)) == []
    (out,) = eng.tick(at(berlin, 2026, 3, 11, 6, 45))
    assert out.status == "sent" and out.occurrence.slot == "07:45"
    assert rec.sent == [("Six-second kiss", "Not done yet today.")]
    eng.tick(at(berlin, 2026, 3, 11, 6, 45, 30))
    assert len(rec.sent) == 1
    (row,) = log_rows(ok)
    assert (row["habit"], row["slot"], row["status"], row["person"]) == (
        "six-second-kiss",
        "07:45",
        "sent",
        "Alex",
    )


def test_restart_does_not_send_again(berlin):
    rec = Recorder()
    engine(berlin, rec).tick(at(berlin, 2026, 3, 11, 6, 45))
    assert len(rec.sent) == 1
    again = Recorder()
    engine(berlin, again).tick(at(berlin, 2026, 3, 11, 6, 46))  # a new process, same store
    assert again.sent == []


def test_done_habit_is_suppressed_with_who_did_it(berlin, ok):
    berlin.write_config(berlin.config.read_text().replace('me = "Alex"', 'me = "Alex"\npartner = "Sam"'))
    ok("done", "kiss", "--by", "sam")
    ok("done", "ask", "--by", "sam")
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 6, 45))
    eng.tick(at(berlin, 2026, 3, 11, 17, 30))  # 18:30: "ask" is an each habit: Sam's check-in is not mine
    assert rec.sent == [("Ask about their day", "Not done yet today.")]
    rows = {r["slot"]: r for r in log_rows(ok)}
    assert rows["07:45"]["status"] == "suppressed" and rows["07:45"]["reason"] == "already done by Sam"


def test_skip_and_days_apart_suppress(berlin, ok):
    ok("skip", "kiss", "--reason", "flu")
    ok("away", "2026-03-11", "2026-03-11")
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 6, 45))
    eng.tick(at(berlin, 2026, 3, 11, 17, 30))
    assert rec.sent == [("Ask about their day", "Not done yet today.")]  # away excuses together habits only
    (kiss,) = [r for r in log_rows(ok) if r["habit"] == "six-second-kiss"]
    assert kiss["status"] == "suppressed" and kiss["reason"].startswith("excused")


def test_quiet_hours_defer_then_send_at_their_end(berlin, ok):
    configure(berlin, quiet='["12:00", "13:00"]')
    ok("add", "tea", "--title", "Tea together", "--daily", "--remind", "12:30")
    rec = Recorder()
    eng = engine(berlin, rec)
    (d,) = eng.tick(at(berlin, 2026, 3, 11, 11, 30))
    assert d.status == "deferred" and d.reason == "quiet hours until 13:00" and rec.sent == []
    assert eng.tick(at(berlin, 2026, 3, 11, 11, 59)) == []
    (s,) = eng.tick(at(berlin, 2026, 3, 11, 12, 0))
    assert s.status == "sent" and rec.sent == [("Tea together", "Not done yet today.")]
    (row,) = [r for r in log_rows(ok) if r["habit"] == "tea"]
    assert row["status"] == "sent" and row["due"] == "2026-03-11T12:00:00Z"


def test_deferred_past_the_end_of_the_day_is_missed(berlin, ok):
    ok("add", "late", "--title", "Late", "--daily", "--remind", "23:00")
    eng = engine(berlin)
    assert eng.tick(at(berlin, 2026, 3, 11, 22, 0))[0].status == "deferred"
    outs = {o.occurrence.slug: o for o in eng.tick(at(berlin, 2026, 3, 12, 6, 0))}
    assert outs["late"].status == "missed"


def test_at_risk_nudge_names_the_day_boundary_and_ignores_weekdays(berlin, ok):
    configure(berlin, time_extra='day_starts_at = "04:00"')
    ok("add", "mon", "--title", "Monday thing", "--daily", "--remind", "08:00", "--days", "mon")
    ok("done", "mon", "--date", "yesterday")
    ok("done", "mon", "--date", "-2")
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 19, 59))
    outs = eng.tick(at(berlin, 2026, 3, 11, 20, 0))  # 21:00 Berlin, a Wednesday
    assert ("Monday thing", "Your 2-day streak ends at 04:00.") in rec.sent
    kiss = [o for o in outs if o.occurrence.slug == "six-second-kiss"]
    assert kiss[0].status == "suppressed" and kiss[0].reason == "no streak to lose"


def test_wake_from_suspend_sends_only_the_latest_per_habit(berlin, ok):
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 6, 0))  # heartbeat at 07:00, then the laptop sleeps
    outs = eng.tick(at(berlin, 2026, 3, 11, 18, 40))  # wakes at 19:40
    status = {(o.occurrence.slug, o.occurrence.slot): o.status for o in outs}
    assert status == {
        ("six-second-kiss", "07:45"): "missed",
        ("six-second-kiss", "19:30"): "sent",
        ("ask-about-their-day", "18:30"): "sent",
    }
    assert len(rec.sent) == 2


def test_wake_next_day_does_not_send_yesterdays(berlin):
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 17, 0))
    outs = eng.tick(at(berlin, 2026, 3, 12, 5, 0))  # 06:00 next morning, quiet hours over? no: 06:00 is quiet
    assert rec.sent == []
    assert {o.status for o in outs} <= {"missed", "suppressed"}


def test_first_start_catches_up_only_within_catch_up(berlin, ok):
    rec = Recorder()
    engine(berlin, rec).tick(at(berlin, 2026, 3, 11, 9, 0))  # 10:00: 07:45 is 2h15 ago
    assert rec.sent == [] and log_rows(ok) == []


def test_first_start_with_a_longer_catch_up_sends_it(berlin):
    configure(berlin, reminders_extra='catch_up = "3h"')
    rec = Recorder()
    engine(berlin, rec).tick(at(berlin, 2026, 3, 11, 9, 0))
    assert rec.sent == [("Six-second kiss", "Not done yet today.")]


def test_lookback_is_at_most_24_hours(berlin, ok):
    eng = engine(berlin)
    eng.tick(at(berlin, 2026, 3, 9, 6, 0))
    eng.tick(at(berlin, 2026, 3, 11, 19, 0))
    assert {r["day"] for r in log_rows(ok)} == {"2026-03-10", "2026-03-11"}


@pytest.mark.parametrize(
    ("zone", "before", "gap"),
    [
        ("Europe/Berlin", (2026, 3, 29, 0, 59), (2026, 3, 29, 1, 0)),
        ("America/New_York", (2026, 3, 8, 6, 59), (2026, 3, 8, 7, 0)),
    ],
)
def test_spring_forward_reminder_in_the_gap_is_sent_once(berlin, ok, zone, before, gap):
    berlin.write_config(berlin.config.read_text().replace("Europe/Berlin", zone))
    ok("add", "gap", "--title", "Gap", "--daily", "--remind", "02:30")
    configure(berlin, quiet='["00:00", "00:00"]')
    berlin.write_config(berlin.config.read_text().replace("Europe/Berlin", zone))
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, *before))
    assert rec.sent == []
    eng.tick(at(berlin, *gap))
    for _minutes in range(1, 120, 7):
        eng.tick(berlin.clock.now() + timedelta(minutes=7))
    assert rec.sent == [("Gap", "Not done yet today.")]


@pytest.mark.parametrize(
    ("zone", "hhmm", "first"),
    [("Europe/Berlin", "02:30", (2026, 10, 25, 0, 30)), ("America/New_York", "01:30", (2026, 11, 1, 5, 30))],
)
def test_fall_back_repeated_hour_sends_once(berlin, ok, zone, hhmm, first):
    ok("add", "twice", "--title", "Twice", "--daily", "--remind", hhmm)
    configure(berlin, quiet='["00:00", "00:00"]')
    berlin.write_config(berlin.config.read_text().replace("Europe/Berlin", zone))
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, *first) - timedelta(minutes=1))
    for step in range(0, 150, 5):  # through both occurrences of the wall time, ticking every 5 min
        eng.tick(at(berlin, *first) + timedelta(minutes=step))
    engine(berlin, rec).tick(at(berlin, *first) + timedelta(hours=1))  # and a restart in the second one
    assert rec.sent.count(("Twice", "Not done yet today.")) == 1


def test_live_reload_picks_up_cli_changes(berlin, ok):
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 9, 0))
    ok("add", "walk", "--title", "Evening walk", "--daily", "--remind", "10:05")
    ok("edit", "kiss", "--remind", "10:06")
    eng.tick(at(berlin, 2026, 3, 11, 9, 6))
    assert sorted(t for t, _ in rec.sent) == ["Evening walk", "Six-second kiss"]
    assert [u.habit.slug for u in eng.upcoming(berlin.clock.now(), hours=1)] == []


def test_failing_backend_is_logged_and_the_next_reminder_still_goes(berlin, ok):
    bad = Recorder(ok=False, reason="notify-send exited with status 1: no server")
    eng = engine(berlin, bad)
    (out,) = eng.tick(at(berlin, 2026, 3, 11, 6, 45))
    assert out.status == "failed"
    (row,) = log_rows(ok)
    assert row["status"] == "failed" and row["reason"] == "notify-send exited with status 1: no server"
    eng.notifier = Recorder()
    eng.tick(at(berlin, 2026, 3, 11, 17, 30))
    assert eng.notifier.sent == [("Ask about their day", "Not done yet today.")]
    assert "failed" in ok("reminders", "--log").stdout


def test_a_backend_that_raises_is_a_failed_delivery(berlin, ok):
    class Broken:
        name = "broken"

        def send(self, title, message, timeout):
            raise RuntimeError("kaput")

    (out,) = engine(berlin, Broken()).tick(at(berlin, 2026, 3, 11, 6, 45))
    assert out.status == "failed" and "kaput" in out.reason


def test_snooze_is_a_reminder_time_of_its_own(berlin, ok):
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 6, 45))
    result = ok("snooze", "kiss", "10m")
    assert "again at Wed 07:55:00" in result.stdout
    eng.tick(at(berlin, 2026, 3, 11, 6, 54))
    eng.tick(at(berlin, 2026, 3, 11, 6, 55))
    eng.tick(at(berlin, 2026, 3, 11, 6, 56))
    assert len(rec.sent) == 2
    slots = [r["slot"] for r in log_rows(ok)]
    assert slots == ["07:45", "snooze:2026-03-11T06:55:00Z"]


def test_upcoming_lists_the_next_day_with_notes(berlin, ok):
    ok("done", "kiss")
    listing = ok("reminders").stdout
    assert "Wed 19:30  Six-second kiss  (done already: will be suppressed)" in listing
    assert "Weekly date" not in listing  # Thursday 17:00 is more than 24 hours away
    assert "streak check" in listing
    items = json.loads(ok("reminders", "--json").stdout)
    assert (items[1]["habit"], items[1]["due"], items[1]["kind"]) == (
        "ask-about-their-day",
        "2026-03-11T17:30:00Z",
        "reminder",
    )


def test_weekly_date_reminder_suggests_the_least_recent_haunt(berlin, ok):
    ok("haunts", "add", "Luigi's")
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 12, 15, 59))
    eng.tick(at(berlin, 2026, 3, 12, 16, 0))  # Thursday 17:00 in Berlin
    (body,) = [b for t, b in zip([t for t, _ in rec.sent], rec.bodies) if t.startswith("Weekly date")]
    assert body.splitlines()[:2] == ["Not done yet this week.", "You have not been back to Luigi's yet."]


def test_a_snooze_deferred_by_quiet_hours_is_still_listed_as_a_snooze(berlin, ok):
    at(berlin, 2026, 3, 11, 20, 40)  # 21:40 in Berlin; quiet hours start at 22:00
    ok("snooze", "kiss", "15m")  # due 21:55, but the daemon was asleep until 22:06
    eng = engine(berlin)
    (out,) = [o for o in eng.tick(at(berlin, 2026, 3, 11, 21, 6)) if o.occurrence.slot.startswith("snooze:")]
    assert out.status == "deferred"
    (item,) = [
        u
        for u in eng.upcoming(at(berlin, 2026, 3, 11, 21, 7))
        if u.habit.slug == "six-second-kiss" and u.note.startswith("deferred")
    ]
    assert item.occurrence.kind == "snooze"


def test_at_risk_nudge_of_a_twice_weekly_habit_waits_for_the_days_left(berlin, ok):
    for slug in ("gym", "swim"):
        ok("add", slug, "--title", slug.title(), "--weekly", "--times", "2", "--remind", "08:00")
        ok("done", slug, "--date", "-8")
        ok("done", slug, "--date", "-6")  # last week's two: a 1-week streak
    ok("done", "gym", "--date", "-2")  # Monday: one more to go this week; swim needs two
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 14, 19, 59))
    saturday = {
        o.occurrence.slug: o
        for o in eng.tick(at(berlin, 2026, 3, 14, 20, 0))
        if o.occurrence.kind == "at-risk"
    }  # 21:00 Berlin
    assert (saturday["gym"].status, saturday["gym"].reason) == ("suppressed", "not at risk yet")
    assert saturday["swim"].status == "sent"
    sunday = {
        o.occurrence.slug: o
        for o in eng.tick(at(berlin, 2026, 3, 15, 20, 0))
        if o.occurrence.kind == "at-risk"
    }
    assert sunday["gym"].status == "sent" and ("Gym", "Your 1-week streak ends at midnight.") in rec.sent
