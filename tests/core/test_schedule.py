from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from habits.core.habit import Habit
from habits.core.schedule import (
    HabitState,
    Occurrence,
    decide,
    nudge_body,
    occurrences,
    quiet_until,
    slot_instant,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
UTC = timezone.utc
KISS = Habit(slug="kiss", title="Six-second kiss", reminders=("07:45", "19:30"), why="Why line.", id=1)
DATE = Habit(slug="date", title="Weekly date", cadence="weekly", reminders=("17:00",), days=("thu",), id=2)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def reminders_only(found):
    return [o for o in found if o.kind == "reminder"]


def test_reminders_of_a_day_in_local_time():
    # 2026-03-11 is a Wednesday; Berlin is UTC+1 in winter.
    found = occurrences([KISS], utc(2026, 3, 10, 23), utc(2026, 3, 11, 23), tz=BERLIN)
    assert [(o.slot, o.due) for o in found] == [
        ("07:45", utc(2026, 3, 11, 6, 45)),
        ("19:30", utc(2026, 3, 11, 18, 30)),
        ("at-risk", utc(2026, 3, 11, 20, 0)),
    ]
    assert all(o.day == date(2026, 3, 11) for o in found)


def test_window_is_open_at_the_start_and_closed_at_the_end():
    due = utc(2026, 3, 11, 6, 45)
    assert [o.slot for o in occurrences([KISS], due - timedelta(seconds=1), due, tz=BERLIN)] == ["07:45"]
    assert occurrences([KISS], due, due + timedelta(seconds=1), tz=BERLIN) == []


def test_weekdays_limit_reminders_but_not_the_weekly_at_risk_check():
    week = occurrences([DATE], utc(2026, 3, 9), utc(2026, 3, 16), tz=BERLIN)
    assert [(o.day.isoformat(), o.slot) for o in week] == [("2026-03-12", "17:00"), ("2026-03-15", "at-risk")]
    sunday_start = occurrences([DATE], utc(2026, 3, 9), utc(2026, 3, 16), tz=BERLIN, week_start=6)
    assert [o.day.weekday() for o in sunday_start if o.kind == "at-risk"] == [5]  # Saturday


def test_a_twice_weekly_habit_is_checked_on_the_weeks_last_two_days():
    twice = Habit(slug="gym", title="Gym", cadence="weekly", target=2, reminders=("18:00",), id=6)
    week = occurrences([twice], utc(2026, 3, 9), utc(2026, 3, 16), tz=BERLIN)
    assert [o.day.isoformat() for o in week if o.kind == "at-risk"] == ["2026-03-14", "2026-03-15"]


def test_daily_at_risk_check_ignores_the_habits_weekdays_and_needs_reminders():
    mondays = Habit(slug="m", title="M", reminders=("08:00",), days=("mon",), id=3)
    silent = Habit(slug="s", title="S", id=4)
    found = occurrences([mondays, silent], utc(2026, 3, 10), utc(2026, 3, 12), tz=BERLIN)
    assert {o.day.weekday() for o in found if o.kind == "at-risk"} == {1, 2}
    assert reminders_only(found) == []
    assert all(o.slug == "m" for o in found)


def test_archived_habits_have_no_reminders():
    archived = Habit(slug="a", title="A", reminders=("08:00",), archived=True, id=5)
    assert occurrences([archived], utc(2026, 3, 10), utc(2026, 3, 12), tz=BERLIN) == []


def test_a_time_before_the_day_boundary_belongs_to_the_previous_habit_day():
    late = Habit(slug="late", title="Late", reminders=("01:00",), id=6)
    found = occurrences([late], utc(2026, 3, 10, 12), utc(2026, 3, 11, 12), tz=BERLIN, day_starts_at=time(4))
    (occ,) = reminders_only(found)
    assert occ.day == date(2026, 3, 10) and occ.due == utc(2026, 3, 11, 0, 0)


@pytest.mark.parametrize(
    ("tz", "day", "expected"),
    [
        (BERLIN, date(2026, 3, 29), utc(2026, 3, 29, 1, 0)),  # 02:30 does not exist: 03:00 CEST
        (NEW_YORK, date(2026, 3, 8), utc(2026, 3, 8, 7, 0)),  # 02:30 does not exist: 03:00 EDT
    ],
)
def test_spring_forward_gap_fires_once_at_the_end_of_the_gap(tz, day, expected):
    gap = Habit(slug="gap", title="Gap", reminders=("02:30",), id=7)
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    found = reminders_only(occurrences([gap], start - timedelta(hours=1), start + timedelta(hours=25), tz=tz))
    assert [(o.day, o.due) for o in found] == [(day, expected)]


@pytest.mark.parametrize(
    ("tz", "day", "hhmm", "first"),
    [
        (BERLIN, date(2026, 10, 25), "02:30", utc(2026, 10, 25, 0, 30)),  # CEST, not CET
        (NEW_YORK, date(2026, 11, 1), "01:30", utc(2026, 11, 1, 5, 30)),  # EDT, not EST
    ],
)
def test_fall_back_repeated_hour_fires_once_at_the_first_occurrence(tz, day, hhmm, first):
    twice = Habit(slug="twice", title="Twice", reminders=(hhmm,), id=8)
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    found = reminders_only(
        occurrences([twice], start - timedelta(hours=1), start + timedelta(hours=26), tz=tz)
    )
    assert [(o.day, o.due) for o in found] == [(day, first)]


def test_slot_instant_matches_occurrences_on_ordinary_days():
    assert slot_instant(date(2026, 7, 1), time(7, 45), BERLIN) == utc(2026, 7, 1, 5, 45)


def test_quiet_hours_wrap_midnight_and_end_at_local_wall_time():
    quiet = (time(22), time(7))
    assert quiet_until(utc(2026, 3, 11, 21, 30), BERLIN, quiet) == utc(2026, 3, 12, 6)  # 22:30 -> 07:00
    assert quiet_until(utc(2026, 3, 11, 2), BERLIN, quiet) == utc(2026, 3, 11, 6)  # 03:00 -> 07:00
    assert quiet_until(utc(2026, 3, 11, 12), BERLIN, quiet) is None
    assert quiet_until(utc(2026, 3, 11, 21, 30), BERLIN, (time(22), time(22))) is None  # none
    assert quiet_until(utc(2026, 3, 11, 11, 30), BERLIN, (time(12), time(13))) == utc(2026, 3, 11, 12)


def test_quiet_hours_end_on_a_dst_night_uses_the_new_offset():
    # The night of 2026-03-28/29 in Berlin: 07:00 CEST is 05:00 UTC.
    assert quiet_until(utc(2026, 3, 28, 22), BERLIN, (time(22), time(7))) == utc(2026, 3, 29, 5)


def occ(
    slot: str, due: datetime, slug: str = "kiss", kind: str = "reminder", day: date = date(2026, 3, 11)
) -> Occurrence:
    return Occurrence(slug, day, slot, due, kind)


EVENING = utc(2026, 3, 11, 19)


def run_decide(pending, states=None, now=EVENING, quiet=(time(22), time(7)), habits=None):
    return decide(
        pending,
        states or {},
        habits or {"kiss": KISS, "date": DATE},
        now=now,
        tz=BERLIN,
        day_starts_at=time(0),
        week_start=0,
        quiet=quiet,
    )


def test_only_the_latest_per_habit_is_acted_on_the_others_are_missed():
    early, late = occ("07:45", utc(2026, 3, 11, 6, 45)), occ("19:30", utc(2026, 3, 11, 18, 30))
    decisions = run_decide([late, early])
    assert [(d.occurrence.slot, d.status) for d in decisions] == [("07:45", "missed"), ("19:30", "send")]
    assert "only the latest" in decisions[0].reason


def test_same_time_reminder_and_at_risk_check_become_one_nudge():
    due = utc(2026, 3, 11, 20)
    decisions = run_decide(
        [occ("21:00", due), occ("at-risk", due, kind="at-risk")],
        {"kiss": HabitState(streak=3, at_risk=True)},
        now=due,
    )
    assert [(d.occurrence.slot, d.status) for d in decisions] == [
        ("21:00", "suppressed"),
        ("at-risk", "send"),
    ]


def test_done_and_excused_are_suppressed_with_the_reason():
    o = occ("19:30", utc(2026, 3, 11, 18, 30))
    (done,) = run_decide([o], {"kiss": HabitState(done=True, done_by=("Sam",))})
    assert (done.status, done.reason) == ("suppressed", "already done by Sam")
    (skipped,) = run_decide([o], {"kiss": HabitState(excused="excused: skipped")})
    assert (skipped.status, skipped.reason) == ("suppressed", "excused: skipped")


def test_at_risk_check_without_a_streak_is_suppressed():
    (d,) = run_decide([occ("at-risk", utc(2026, 3, 11, 18), kind="at-risk")], {"kiss": HabitState()})
    assert (d.status, d.reason) == ("suppressed", "no streak to lose")
    (d,) = run_decide([occ("at-risk", utc(2026, 3, 11, 18), kind="at-risk")], {"kiss": HabitState(streak=2)})
    assert (d.status, d.reason) == ("suppressed", "not at risk yet")


def test_quiet_hours_defer_to_their_end():
    now = utc(2026, 3, 11, 21, 30)
    (d,) = run_decide([occ("22:30", now)], now=now)
    assert d.status == "deferred" and d.until == utc(2026, 3, 12, 6) and d.reason == "quiet hours until 07:00"


def test_a_reminder_whose_day_is_over_is_missed():
    (d,) = run_decide([occ("19:30", utc(2026, 3, 11, 18, 30))], now=utc(2026, 3, 12, 6))
    assert d.status == "missed" and "day was over" in d.reason
    (w,) = run_decide(
        [occ("17:00", utc(2026, 3, 12, 16), slug="date", day=date(2026, 3, 12))], now=utc(2026, 3, 13, 8)
    )
    assert w.status == "send"  # the week is not over yet


def test_a_habit_gone_since_is_suppressed():
    (d,) = run_decide([occ("19:30", utc(2026, 3, 11, 18, 30), slug="gone")])
    assert d.status == "suppressed"


def test_nudge_body_names_the_streak_and_sometimes_the_why():
    days = [date(2026, 3, 11) + timedelta(days=i) for i in range(3)]
    bodies = [nudge_body(KISS, occ("07:45", utc(2026, 3, 11), day=d), HabitState(streak=12)) for d in days]
    assert all(b.startswith("Keep your 12-day streak going: not done yet today.") for b in bodies)
    assert sum("Why line." in b for b in bodies) == 1
    assert (
        nudge_body(DATE, occ("17:00", utc(2026, 3, 12), slug="date", day=date(2026, 3, 13)), HabitState())
        == "Not done yet this week."
    )


def test_at_risk_body_names_the_day_boundary():
    at_risk = occ("at-risk", utc(2026, 3, 11, 20), kind="at-risk")
    assert nudge_body(KISS, at_risk, HabitState(streak=12), time(4)) == "Your 12-day streak ends at 04:00."
    assert nudge_body(KISS, at_risk, HabitState(streak=1), time(0)) == "Your 1-day streak ends at midnight."
    assert nudge_body(DATE, at_risk, HabitState(streak=3)) == "Your 3-week streak ends at midnight."
