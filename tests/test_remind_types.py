"""Reminders for the new habit types, end to end on a real store with a fixed clock:
a measured habit is done once its total is reached (at least) or once anything is
logged that day (at most, never at risk); a monthly habit's at-risk nudge comes on
its month's last day, not on a week's."""

from __future__ import annotations

import pytest

from tests.test_remind import Recorder, at, configure, engine, log_rows


@pytest.fixture
def berlin(habits, ok):
    configure(habits)
    at(habits, 2026, 3, 11, 6, 0)  # 07:00 in Berlin, a Wednesday
    ok("list")  # create and seed the store
    return habits


def test_an_at_least_habit_is_nudged_with_its_total_until_reached(berlin, ok):
    ok(
        "add",
        "talk",
        "--title",
        "Talk",
        "--daily",
        "--measure",
        "minutes",
        "--at-least",
        "20",
        "--remind",
        "08:00",
    )
    ok("add", "walk", "--title", "Walk", "--daily", "--measure", "km", "--at-least", "3", "--remind", "08:00")
    ok("done", "talk", "5")
    ok("done", "walk", "2")
    ok("done", "walk", "1.5")
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 7, 0))  # 08:00 in Berlin
    assert ("Talk", "5/20 minutes today.") in rec.sent
    assert not [s for s in rec.sent if s[0] == "Walk"]
    (walk,) = [r for r in log_rows(ok) if r["habit"] == "walk"]
    assert walk["status"] == "suppressed" and walk["reason"] == "already done by Alex"


def test_an_at_most_habit_is_done_for_the_day_once_anything_is_logged_and_never_at_risk(berlin, ok):
    for slug in ("sweets", "coffee"):
        ok(
            "add",
            slug,
            "--title",
            slug.title(),
            "--daily",
            "--measure",
            slug,
            "--at-most",
            "2",
            "--remind",
            "08:00",
        )
        for day in ("-3", "-2", "-1"):
            ok("done", slug, "1", "--date", day)  # a 3-day streak: nothing of it is at risk
    ok("done", "sweets", "0")  # none today: known, so no nudge
    rec = Recorder()
    eng = engine(berlin, rec)
    eng.tick(at(berlin, 2026, 3, 11, 7, 0))
    mine = [s for s in rec.sent if s[0] in ("Sweets", "Coffee")]
    assert mine == [("Coffee", "Keep your 3-day streak going: 0 of at most 2 coffee today.")]
    outs = eng.tick(at(berlin, 2026, 3, 11, 20, 0))  # 21:00 in Berlin: the at-risk check
    assert not [o for o in outs if o.occurrence.slug in ("sweets", "coffee")]
    (sweets,) = [r for r in log_rows(ok) if r["habit"] == "sweets"]
    assert sweets["status"] == "suppressed" and sweets["reason"] == "already done by Alex"


def test_a_monthly_habits_at_risk_nudge_comes_on_the_months_last_day(berlin, ok):
    ok("add", "clean", "--title", "Deep clean", "--monthly", "--remind", "08:00")
    ok("done", "clean", "--date", "2026-02-10")  # February done: a 1-month streak
    rec = Recorder()
    eng = engine(berlin, rec)
    sunday = eng.tick(at(berlin, 2026, 3, 29, 19, 0))  # 21:00 in Berlin (summer time), a Sunday
    assert not [o for o in sunday if o.occurrence.slug == "clean" and o.occurrence.kind == "at-risk"]
    last = eng.tick(at(berlin, 2026, 3, 31, 19, 0))
    (risk,) = [o for o in last if o.occurrence.slug == "clean" and o.occurrence.kind == "at-risk"]
    assert risk.status == "sent"
    assert ("Deep clean", "Your 1-month streak ends at midnight.") in rec.sent
