"""habits.core.streaks: current/longest streaks, at_risk and rate_30 on hand-worked calendars."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import pytest

from habits.core.periods import period_start
from habits.core.streaks import Rule, Stats, Track, compute

D0 = date(2025, 6, 2)  # a Monday
DAILY = Rule("daily")
WEEKLY = Rule("weekly")


def d(i: int) -> date:
    return D0 + timedelta(days=i)


def day(text: str) -> date:
    return date.fromisoformat(text)


def track(*days: date, skips: Iterable[date] = (), n: int = 1) -> Track:
    return Track(dict.fromkeys(days, n), frozenset(skips))


def stats(rule: Rule, as_of: date, *tracks: Track) -> Stats:
    return compute(rule, tracks, as_of)


# -- daily ----------------------------------------------------------------------------


def test_empty_history() -> None:
    assert stats(DAILY, d(0), Track({})) == Stats(0, 0, False, False, False, 0.0, 0.0)
    assert stats(WEEKLY, d(0), Track({}), Track({})) == Stats(0, 0, False, False, False, 0.0, 0.0)


def test_done_today_counts() -> None:
    s = stats(DAILY, d(2), track(d(0), d(1), d(2)))
    assert (s.current, s.longest, s.done_this_period, s.at_risk) == (3, 3, True, False)
    assert not s.excused_this_period


def test_today_not_done_is_passed_over_and_at_risk() -> None:
    s = stats(DAILY, d(2), track(d(0), d(1)))
    assert (s.current, s.longest, s.done_this_period, s.at_risk) == (2, 2, False, True)


def test_missed_yesterday_ends_the_streak() -> None:
    s = stats(DAILY, d(2), track(d(0)))
    assert (s.current, s.longest, s.at_risk) == (0, 1, False)


def test_gap_splits_runs() -> None:
    s = stats(DAILY, d(5), track(d(0), d(1), d(2), d(4), d(5)))
    assert (s.current, s.longest) == (2, 3)


def test_longest_run_in_the_middle() -> None:
    s = stats(DAILY, d(9), track(d(0), d(2), d(3), d(4), d(5), d(8)))
    assert (s.current, s.longest, s.at_risk) == (1, 4, True)
    s = stats(DAILY, d(10), track(d(0), d(2), d(3), d(4), d(5), d(8)))
    assert (s.current, s.longest, s.at_risk) == (0, 4, False)


def test_skip_is_passed_over_not_counted() -> None:
    assert stats(DAILY, d(3), track(d(0), d(1), d(3), skips=[d(2)])).current == 3
    assert stats(DAILY, d(3), track(d(0), d(1), d(3))).current == 1


def test_skips_neither_break_nor_extend_longest() -> None:
    s = stats(DAILY, d(6), track(d(0), d(6), skips=[d(i) for i in range(1, 6)]))
    assert (s.current, s.longest) == (2, 2)
    s = stats(DAILY, d(8), track(d(0), d(6), skips=[d(i) for i in range(1, 6)]))
    assert (s.current, s.longest) == (0, 2)


def test_skip_today() -> None:
    s = stats(DAILY, d(2), track(d(0), d(1), skips=[d(2)]))
    assert s.excused_this_period and not s.done_this_period
    assert (s.current, s.at_risk) == (2, False)


def test_skip_on_a_done_day_is_just_done() -> None:
    s = stats(DAILY, d(1), track(d(0), d(1), skips=[d(1)]))
    assert s.done_this_period and not s.excused_this_period
    assert s.current == 2


def test_only_skips() -> None:
    s = stats(DAILY, d(1), track(skips=[d(0), d(1)]))
    assert s == Stats(0, 0, False, True, False, 0.0, 0.0)


def test_as_of_in_the_past_ignores_later_days() -> None:
    t = track(*(d(i) for i in range(10)), skips=[d(5)])
    s = stats(DAILY, d(4), t)
    assert (s.current, s.longest, s.done_this_period) == (5, 5, True)
    assert s == stats(DAILY, d(4), track(*(d(i) for i in range(5))))
    assert not stats(DAILY, d(4), track(d(3), skips=[d(5)])).excused_this_period


def test_as_of_before_any_history() -> None:
    assert stats(DAILY, d(0), track(d(5), skips=[d(6)])) == Stats(0, 0, False, False, False, 0.0, 0.0)


def test_backfilled_before_creation_counts() -> None:
    s = stats(Rule("daily", created=d(9)), d(9), track(*(d(i) for i in range(10))))
    assert (s.current, s.longest, s.rate_30) == (10, 10, 1.0)


def test_times_two_daily() -> None:
    rule = Rule("daily", target=2)
    t = Track({d(0): 2, d(1): 3, d(2): 1})
    s = stats(rule, d(2), t)
    assert (s.current, s.longest, s.done_this_period, s.at_risk) == (2, 2, False, True)
    s = stats(rule, d(3), t)  # d(2) had only one of two: missed
    assert (s.current, s.longest, s.at_risk) == (0, 2, False)


def test_times_two_partial_day_with_skip_is_excused() -> None:
    rule = Rule("daily", target=2)
    t = Track({d(0): 2, d(1): 1, d(2): 2}, frozenset({d(1)}))
    assert stats(rule, d(2), t).current == 2
    assert stats(rule, d(1), t).excused_this_period


def test_zero_counts_are_no_check_ins() -> None:
    assert stats(DAILY, d(1), Track({d(0): 0, d(1): -1})) == Stats(0, 0, False, False, False, 0.0, 0.0)


# -- weekly ---------------------------------------------------------------------------


def test_weekly_current_week_pending() -> None:
    t = track(day("2025-06-03"), day("2025-06-13"))
    s = stats(WEEKLY, day("2025-06-18"), t)  # Wednesday: five days left for one check-in
    assert (s.current, s.longest, s.done_this_period, s.at_risk) == (2, 2, False, False)
    assert stats(WEEKLY, day("2025-06-21"), t).at_risk is False  # Saturday
    assert stats(WEEKLY, day("2025-06-22"), t).at_risk is True  # Sunday: the last day
    t = track(day("2025-06-03"), day("2025-06-13"), day("2025-06-17"))
    s = stats(WEEKLY, day("2025-06-18"), t)
    assert (s.current, s.done_this_period, s.at_risk) == (3, True, False)


def test_weekly_missed_week() -> None:
    t = track(day("2025-05-20"), day("2025-05-27"), day("2025-06-03"), day("2025-06-17"))
    s = stats(WEEKLY, day("2025-06-18"), t)
    assert (s.current, s.longest) == (1, 3)


def test_weekly_skip_excuses_the_week() -> None:
    t = track(day("2025-06-03"), day("2025-06-17"), skips=[day("2025-06-12")])
    s = stats(WEEKLY, day("2025-06-18"), t)
    assert (s.current, s.longest) == (2, 2)


def test_weekly_times_three() -> None:
    rule = Rule("weekly", target=3)
    t = track(day("2025-06-02"), day("2025-06-04"), day("2025-06-06"), day("2025-06-09"), day("2025-06-10"))
    s = stats(rule, day("2025-06-15"), t)  # Sunday: week B still open with 2 of 3
    assert (s.current, s.done_this_period, s.at_risk) == (1, False, True)
    s = stats(rule, day("2025-06-16"), t)  # week B is over and missed
    assert (s.current, s.longest, s.at_risk) == (0, 1, False)
    # Three on one day (a pooled "together" track) satisfy a 3-a-week habit.
    assert stats(rule, day("2025-06-15"), Track({day("2025-06-09"): 3})).done_this_period


def test_weekly_week_start_sunday() -> None:
    t = track(day("2025-06-07"), day("2025-06-08"))  # Sat, Sun
    assert stats(Rule("weekly", week_start=0), day("2025-06-08"), t).current == 1
    assert stats(Rule("weekly", week_start=6), day("2025-06-08"), t).current == 2


def test_weekly_thursday_weeks() -> None:
    t = track(day("2025-06-11"), day("2025-06-12"))  # Wed, Thu
    assert stats(Rule("weekly", week_start=3), day("2025-06-12"), t).current == 2
    assert stats(Rule("weekly", week_start=4), day("2025-06-12"), t).current == 1


def test_week_across_new_year_2025() -> None:
    two = Rule("weekly", target=2)
    t = track(day("2024-12-31"), day("2025-01-04"))  # both in Mon 12-30 .. Sun 01-05
    assert stats(two, day("2025-01-05"), t).current == 1
    s = stats(two, day("2025-01-06"), t)  # Monday: seven days left for two check-ins
    assert (s.current, s.at_risk) == (1, False)
    assert stats(two, day("2025-01-11"), t).at_risk is True  # Saturday: two left, two needed
    t = track(day("2024-12-29"), day("2025-01-04"))  # Sunday before: two different weeks
    assert stats(two, day("2025-01-05"), t).current == 0
    assert stats(WEEKLY, day("2025-01-05"), t).current == 2


def test_week_across_new_year_2026() -> None:
    two = Rule("weekly", target=2)
    assert stats(two, day("2026-01-04"), track(day("2025-12-31"), day("2026-01-03"))).current == 1
    assert stats(two, day("2026-01-04"), track(day("2025-12-28"), day("2026-01-01"))).current == 0
    t = track(day("2025-12-22"), day("2025-12-29"), day("2026-01-05"))
    assert stats(WEEKLY, day("2026-01-05"), t).current == 3


# -- couples: several tracks ----------------------------------------------------------


def test_joint_needs_both() -> None:
    me, partner = track(d(0), d(1), d(2)), track(d(0), d(2))
    s = stats(DAILY, d(2), me, partner)
    assert (s.current, s.longest) == (1, 1)
    assert stats(DAILY, d(2), me).current == 3


def test_joint_excused_when_the_missing_one_is_excused() -> None:
    me = track(d(0), d(1), d(2))
    partner = track(d(0), d(2), skips=[d(1)])
    assert stats(DAILY, d(2), me, partner).current == 2


def test_joint_not_excused_when_the_other_just_missed() -> None:
    me = track(d(0), d(2))
    partner = track(d(0), d(2), skips=[d(1)])
    assert stats(DAILY, d(2), me, partner).current == 1
    both = track(d(0), d(2), skips=[d(1)])
    assert stats(DAILY, d(2), both, partner).current == 2


def test_joint_today() -> None:
    s = stats(DAILY, d(1), track(d(0), d(1)), track(d(0)))
    assert (s.done_this_period, s.at_risk, s.current) == (False, True, 1)
    s = stats(DAILY, d(1), track(d(0), d(1)), track(d(0), skips=[d(1)]))
    assert (s.excused_this_period, s.at_risk, s.current) == (True, False, 1)


def test_joint_weekly_on_different_days() -> None:
    me, partner = track(day("2025-06-02")), track(day("2025-06-08"))
    assert stats(WEEKLY, day("2025-06-08"), me, partner).done_this_period
    assert not stats(WEEKLY, day("2025-06-07"), me, partner).done_this_period


def test_joint_strength_is_the_fewer_check_ins() -> None:
    me, partner = track(d(0), d(1), d(2)), track(d(1), d(2))
    joint = stats(DAILY, d(2), me, partner).strength
    assert joint == stats(DAILY, d(2), partner).strength
    assert joint != stats(DAILY, d(2), me).strength
    # Check-ins after as_of do not count towards "fewer".
    late = track(d(1), d(2), d(5), d(6))
    assert stats(DAILY, d(2), me, late).strength == stats(DAILY, d(2), partner).strength


def test_joint_strength_follows_fewer_check_ins_not_lower_strength() -> None:
    lapsed = track(*(d(i) for i in range(10)))  # 10 check-ins, long ago
    recent = track(*(d(i) for i in range(26, 31)))  # 5 check-ins, lately
    weak, strong = stats(DAILY, d(30), lapsed).strength, stats(DAILY, d(30), recent).strength
    assert weak < strong
    assert stats(DAILY, d(30), lapsed, recent).strength == strong


def test_joint_strength_tie_takes_the_lower() -> None:
    me, partner = track(d(0), d(1)), track(d(1), d(2))
    lower = min(stats(DAILY, d(2), me).strength, stats(DAILY, d(2), partner).strength)
    assert stats(DAILY, d(2), me, partner).strength == lower == stats(DAILY, d(2), me).strength


def test_joint_with_a_silent_partner() -> None:
    s = stats(DAILY, d(1), track(d(0), d(1)), Track({}))
    assert (s.current, s.longest, s.strength, s.rate_30) == (0, 0, 0.0, 0.0)


def test_no_tracks_is_an_error() -> None:
    with pytest.raises(ValueError):
        compute(DAILY, [], d(0))


def test_bad_rules() -> None:
    for bad in (
        {"cadence": "yearly"},
        {"cadence": "every", "every": 0},
        {"cadence": "daily", "measure": "about"},
        {"cadence": "daily", "measure": "at_least", "goal": -1},
        {"cadence": "daily", "target": 0},
        {"cadence": "weekly", "week_start": 7},
    ):
        with pytest.raises(ValueError):
            Rule(**bad)


# -- rate_30 --------------------------------------------------------------------------

A = date(2025, 6, 30)


def days_back(first: int, last: int = 0, skip: Iterable[int] = ()) -> list[date]:
    """A - first .. A - last, leaving out the offsets in `skip`."""
    return [A - timedelta(days=k) for k in range(last, first + 1) if k not in set(skip)]


def test_rate_all_done() -> None:
    assert stats(DAILY, A, track(*days_back(59))).rate_30 == 1.0


def test_rate_today_pending_is_left_out() -> None:
    assert stats(DAILY, A, track(*days_back(59, 1))).rate_30 == 1.0


def test_rate_window_is_thirty_days() -> None:
    assert stats(DAILY, A, track(*days_back(59, skip=[29]))).rate_30 == pytest.approx(29 / 30)
    assert stats(DAILY, A, track(*days_back(59, skip=[30]))).rate_30 == 1.0


def test_rate_starts_at_first_check_in_or_creation() -> None:
    t = track(*days_back(9, 1))
    assert stats(DAILY, A, t).rate_30 == 1.0
    assert stats(Rule("daily", created=A - timedelta(days=19)), A, t).rate_30 == pytest.approx(9 / 19)
    assert stats(Rule("daily", created=A - timedelta(days=3)), A, t).rate_30 == 1.0


def test_rate_leaves_excused_days_out() -> None:
    skipped = [A - timedelta(days=k) for k in range(1, 6)]
    assert stats(DAILY, A, track(*days_back(59, skip=range(1, 6)), skips=skipped)).rate_30 == 1.0
    assert stats(DAILY, A, track(*days_back(59, skip=range(1, 6)))).rate_30 == pytest.approx(25 / 30)


def test_rate_without_check_ins_is_zero() -> None:
    assert stats(Rule("daily", created=A - timedelta(days=5)), A, Track({})).rate_30 == 0.0
    assert stats(DAILY, A, track(skips=[A])).rate_30 == 0.0


def test_rate_weekly() -> None:
    as_of = day("2025-06-18")  # Wed; window 05-20 .. 06-18: weeks ending 05-25 .. 06-15
    base = [day("2025-05-13"), day("2025-05-21"), day("2025-06-04")]  # 05-13: before window
    assert stats(WEEKLY, as_of, track(*base)).rate_30 == pytest.approx(2 / 4)
    assert stats(WEEKLY, as_of, track(*base, day("2025-06-17"))).rate_30 == pytest.approx(3 / 5)


def test_rate_weekly_anchor() -> None:
    as_of = day("2025-06-18")
    t = track(day("2025-06-04"))
    assert stats(WEEKLY, as_of, t).rate_30 == pytest.approx(1 / 2)
    created = Rule("weekly", created=day("2025-05-28"))
    assert stats(created, as_of, t).rate_30 == pytest.approx(1 / 3)


def test_rate_weekly_as_of_last_day_of_week() -> None:
    as_of = day("2025-06-15")  # Sunday, the current week ends today
    every_week = [day("2025-04-01") + timedelta(weeks=k) for k in range(10)]  # Tuesdays
    assert max(every_week) == day("2025-06-03")
    t = track(*every_week, day("2025-06-10"))
    assert stats(WEEKLY, as_of, t).rate_30 == 1.0
    t = track(*every_week)  # current week open: left out, not missed
    assert stats(WEEKLY, as_of, t).rate_30 == 1.0
    assert stats(WEEKLY, as_of + timedelta(days=1), t).rate_30 == pytest.approx(4 / 5)


# -- ten years ------------------------------------------------------------------------


def test_ten_years_daily() -> None:
    start = date(2015, 7, 3)
    as_of = start + timedelta(days=3649)
    t = track(*(start + timedelta(days=i) for i in range(3650) if i % 100 != 99))
    s = stats(DAILY, as_of, t)
    m = 0.5 ** (1 / 13)
    assert (s.current, s.longest, s.done_this_period, s.at_risk) == (50, 99, True, False)
    assert s.rate_30 == 1.0
    assert 1 - m**50 <= s.strength < 1 - m**50 + m**50 * 0.99
    missed_yesterday = stats(DAILY, start + timedelta(days=3700), t)
    assert (missed_yesterday.current, missed_yesterday.longest) == (0, 99)


def test_ten_years_weekly() -> None:
    start = date(2015, 7, 1)  # a Wednesday
    as_of = date(2025, 6, 28)  # a Saturday
    wednesdays = [start + timedelta(weeks=k) for k in range(600)]
    t = track(*wednesdays)
    expected = len({period_start(x, "weekly", 0) for x in wednesdays if x <= as_of})
    s = stats(WEEKLY, as_of, t)
    assert expected == 522
    assert (s.current, s.longest, s.done_this_period, s.rate_30) == (522, 522, True, 1.0)
    # Thursday weeks: each Wednesday still lies in its own week.
    assert stats(Rule("weekly", week_start=3), as_of, t).current == 522
