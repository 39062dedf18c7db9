"""Measured habits and the monthly and every-N cadences: streaks, at-risk and strength
on small hand-worked histories (strength values computed from the formula by hand)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from habits.core.streaks import Rule, Track, TrackState, checkpoint_day, compute, lookback_days

D0 = date(2025, 6, 2)  # a Monday
M1 = 0.5 ** (1 / 13)  # f = 1
MW = 0.5 ** (math.sqrt(1 / 7) / 13)  # f = 1/7
M_HALF = 0.5 ** (math.sqrt(1 / 2) / 13)  # every 2 days, once
M_2_30 = 0.5 ** (math.sqrt(2 / 30) / 13)  # monthly, twice


def d(i: int) -> date:
    return D0 + timedelta(days=i)


def walk(m: float, shares: list[float], start: float = 0.0) -> float:
    """The recurrence by hand: S = S*m + c*(1-m) for each day's share c."""
    s = start
    for c in shares:
        s = s * m + c * (1 - m)
    return s


AT_LEAST_20 = Rule("daily", created=D0, measure="at_least", goal=20_000)
AT_MOST_2 = Rule("daily", created=D0, measure="at_most", goal=2_000)


# -- measured: at least ----------------------------------------------------------------


def test_three_days_at_least() -> None:
    """10 then 25 then an entered 0, against 20 a day."""
    track = Track({d(0): 10_000, d(1): 25_000, d(2): 0})
    s = compute(AT_LEAST_20, [track], d(2))
    assert s.strength == pytest.approx(walk(M1, [0.5, 1.0, 0.0]), abs=1e-15)
    assert (s.current, s.longest, s.done_this_period) == (1, 1, False)
    assert s.at_risk  # today short of the goal, one entry needed, one day left
    assert s.rate_30 == 0.5  # day 0 missed, day 1 done; today not yet
    assert compute(AT_LEAST_20, [track], d(1)).done_this_period


def test_amounts_add_up_within_the_period() -> None:
    weekly = Rule("weekly", created=D0, measure="at_least", goal=60_000)
    track = Track({d(0): 30_000, d(3): 30_000, d(7): 59_999})
    assert compute(weekly, [track], d(6)).done_this_period
    s = compute(weekly, [track], d(13))
    assert (s.current, s.done_this_period, s.at_risk) == (1, False, True)  # the week's last day
    assert not compute(weekly, [track], d(12)).at_risk  # two days left, one entry needed


def test_at_least_window_is_the_period_not_doubled() -> None:
    weekly = Rule("weekly", created=D0, measure="at_least", goal=60_000)
    track = Track({d(0): 30_000})
    assert compute(weekly, [track], d(6)).strength == pytest.approx(0.5 * (1 - MW**7), abs=1e-15)
    # Day 7: the amount has left the 7-day window (a yes/no weekly habit keeps it 14 days).
    assert compute(weekly, [track], d(7)).strength == pytest.approx(0.5 * (1 - MW**7) * MW, abs=1e-15)


def test_at_least_a_goal_of_zero_is_always_met() -> None:
    rule = Rule("daily", measure="at_least", goal=0)
    assert compute(rule, [Track({d(0): 0})], d(1)).strength == pytest.approx(walk(M1, [1, 1]), abs=1e-15)


# -- measured: at most -----------------------------------------------------------------


def test_at_most_by_hand() -> None:
    """1, 3, nothing, an entered 0 (as of day 3) against at most 2 a day."""
    track = Track({d(0): 1_000, d(1): 3_000, d(3): 0})
    s = compute(AT_MOST_2, [track], d(3))
    # Starts at 1; c = clamp(1 - (R-2)/2): R=1 -> 1, R=3 -> 0.5, no entry -> 1, 0 -> 1.
    assert s.strength == pytest.approx(walk(M1, [1.0, 0.5, 1.0, 1.0], start=1.0), abs=1e-15)
    # Day 0 kept, day 1 over, day 2 (no entry: 0) kept, today passed over while it runs.
    assert (s.current, s.longest, s.done_this_period, s.at_risk) == (1, 1, False, False)
    assert s.rate_30 == pytest.approx(2 / 3)


def test_at_most_today_over_the_limit_is_passed_over() -> None:
    track = Track({d(0): 0, d(1): 0, d(2): 9_000})
    s = compute(AT_MOST_2, [track], d(2))
    assert (s.current, s.done_this_period, s.at_risk) == (2, False, False)
    assert compute(AT_MOST_2, [track], d(3)).current == 0  # once over, it breaks the streak


def test_at_most_far_over_scores_zero_that_day() -> None:
    s = compute(AT_MOST_2, [Track({d(0): 5_000})], d(0))
    assert s.strength == pytest.approx(walk(M1, [0.0], start=1.0), abs=1e-15)


def test_at_most_zero_limit() -> None:
    rule = Rule("daily", measure="at_most", goal=0)
    s = compute(rule, [Track({d(0): 0, d(1): 1})], d(1))
    assert s.strength == pytest.approx(walk(M1, [1.0, 0.0], start=1.0), abs=1e-15)


def test_a_measured_walk_starts_at_the_first_entry() -> None:
    # A skip (or a day away) before the first entry changes nothing.
    track = Track({d(5): 0}, frozenset({d(0)}))
    s = compute(AT_MOST_2, [track], d(7))
    assert s.strength == pytest.approx(walk(M1, [1.0, 1.0, 1.0], start=1.0), abs=1e-15)
    assert s.current == 2  # days 5 and 6; nothing before day 5 counts
    assert compute(AT_MOST_2, [Track({}, frozenset({d(0)}))], d(7)).strength == 0.0


def test_a_skipped_day_keeps_the_measured_score() -> None:
    track = Track({d(0): 10_000}, frozenset({d(1)}))
    s = compute(AT_LEAST_20, [track], d(2))
    assert s.strength == pytest.approx(walk(M1, [0.5, 0.0]), abs=1e-15)  # day 1 held
    assert s.current == 0 and compute(AT_LEAST_20, [track], d(1)).excused_this_period


def test_a_couple_s_measured_strength_is_the_weaker_record() -> None:
    alex, sam = Track({d(0): 20_000}), Track({d(0): 10_000})
    assert compute(AT_LEAST_20, [alex, sam], d(0)).strength == compute(AT_LEAST_20, [sam], d(0)).strength
    assert compute(AT_MOST_2, [Track({d(0): 0}), Track({d(0): 3_000})], d(0)).strength == pytest.approx(
        walk(M1, [0.5], start=1.0), abs=1e-15
    )


# -- every N days ----------------------------------------------------------------------


def test_once_every_two_days_by_hand() -> None:
    """1/2: f = 1/2 < 1, so the window is 2 check-ins in 4 days."""
    rule = Rule("every", 1, created=d(0), every=2)
    track = Track({d(0): 1, d(3): 1})
    s = compute(rule, [track], d(3))
    assert s.strength == pytest.approx(walk(M_HALF, [0.5, 0.5, 0.5, 1.0]), abs=1e-15)
    assert (s.current, s.longest, s.done_this_period) == (2, 2, True)


def test_every_n_blocks_count_from_the_habit_s_first_day() -> None:
    track = Track({d(0): 1, d(3): 1})
    # Created on day 1: blocks [-1, 0], [1, 2], [3, 4]: the middle one is missed.
    s = compute(Rule("every", 1, created=d(1), every=2), [track], d(3))
    assert (s.current, s.longest, s.done_this_period) == (1, 1, True)
    three = Rule("every", 2, created=d(0), every=3)
    s = compute(three, [Track({d(0): 1, d(2): 1, d(4): 1})], d(5))
    assert (s.current, s.at_risk) == (1, True)  # one more needed on the block's last day
    assert not compute(three, [Track({d(0): 1, d(2): 1, d(4): 1})], d(4)).at_risk


# -- monthly ---------------------------------------------------------------------------


def test_twice_a_month_by_hand() -> None:
    """2/30: f = 1/15 < 1, so the window is 4 check-ins in 60 days."""
    rule = Rule("monthly", 2)
    track = Track({date(2024, 1, 10): 1, date(2024, 1, 20): 1})
    s = compute(rule, [track], date(2024, 1, 20))
    assert s.strength == pytest.approx(walk(M_2_30, [0.25] * 10 + [0.5]), abs=1e-15)
    assert (s.current, s.done_this_period) == (1, True)
    # The 10th leaves the 60-day window on March 10 (60 days later).
    march9 = walk(M_2_30, [0.25] * 10 + [0.5] * 50)
    assert compute(rule, [track], date(2024, 3, 10)).strength == pytest.approx(
        march9 * M_2_30 + 0.25 * (1 - M_2_30), abs=1e-15
    )


def test_a_month_asks_at_most_its_days() -> None:
    every_day = Rule("monthly", 30)
    feb_2025 = Track({date(2025, 2, 1) + timedelta(i): 1 for i in range(28)})
    s = compute(every_day, [feb_2025], date(2025, 3, 1))
    assert (s.current, s.longest) == (1, 1)
    feb_2024 = Track({date(2024, 2, 1) + timedelta(i): 1 for i in range(28)})  # 28 of 29
    s = compute(every_day, [feb_2024], date(2024, 3, 1))
    assert (s.current, s.longest) == (0, 0)
    assert compute(Rule("monthly", 31), [feb_2024], date(2024, 2, 28)).at_risk is False  # no streak
    assert compute(
        Rule("monthly", 31),
        [Track({date(2024, 2, 1) + timedelta(i): 1 for i in range(29)})],
        date(2024, 2, 29),
    ).done_this_period


def test_monthly_streak_over_february() -> None:
    rule = Rule("monthly", 2)
    track = Track({date(2025, 1, 5): 1, date(2025, 1, 30): 1, date(2025, 2, 27): 1, date(2025, 3, 2): 1})
    feb27 = compute(rule, [track], date(2025, 2, 27))
    assert (feb27.current, feb27.at_risk) == (1, False)  # two days left, one check-in needed
    feb28 = compute(rule, [track], date(2025, 2, 28))
    assert (feb28.current, feb28.at_risk) == (1, True)  # February's last day
    march = compute(rule, [track], date(2025, 3, 2))
    assert (march.current, march.longest) == (0, 1)
    assert march.rate_30 == 0.0  # February (ends in the 30 days) missed; March not yet done


def test_monthly_skip_excuses_the_month() -> None:
    rule = Rule("monthly", 2)
    track = Track({date(2025, 1, 5): 2, date(2025, 3, 1): 2}, frozenset({date(2025, 2, 14)}))
    s = compute(rule, [track], date(2025, 3, 2))
    assert (s.current, s.longest) == (2, 2)


# -- checkpoints for the new cadences ---------------------------------------------------


def test_checkpoint_days_end_a_period() -> None:
    assert checkpoint_day(Rule("monthly"), date(2025, 3, 20)) == date(2025, 1, 31)
    assert checkpoint_day(Rule("every", every=10, created=date(2025, 1, 1)), date(2025, 3, 20)) == date(
        2025, 2, 9
    )
    assert lookback_days(Rule("monthly", 2)) == 60 and lookback_days(Rule("monthly", 30)) == 30
    assert lookback_days(Rule("every", 1, every=100)) == 200 and lookback_days(Rule("daily")) == 14
    assert lookback_days(Rule("monthly", measure="at_least", goal=5)) == 30


def test_a_resumed_measured_walk_keeps_thousandths() -> None:
    from habits.core.streaks import compute_with_checkpoint

    track = Track({d(i): 1_500 for i in range(60)})
    _, cp = compute_with_checkpoint(AT_LEAST_20, [track], d(100), d(9))
    assert cp.tracks == (
        TrackState(15_000, d(0).toordinal(), d(0).toordinal(), compute(AT_LEAST_20, [track], d(9)).strength),
    )


def test_a_habit_s_rule_carries_what_its_walk_depends_on() -> None:
    from habits.core.habit import Habit
    from habits.core.streaks import rule_for

    talk = Habit(
        "talk", "Talk", measure="minutes", measure_kind="at_least", measure_target=20_000, created_on=D0
    )
    assert rule_for(talk, 6) == Rule("daily", 1, 6, D0, measure="at_least", goal=20_000)
    water = Habit("water", "Water", cadence="every", every=3, target=2, created_on=D0)
    assert rule_for(water, 0) == Rule("every", 2, 0, D0, every=3)
    assert water_period(rule_for(water, 0)) == (d(3), d(5))


def water_period(rule: Rule) -> tuple[date, date]:
    return rule.period(d(4))


def test_every_n_rate_counts_the_blocks_ending_in_the_30_days() -> None:
    rule = Rule("every", 1, created=d(0), every=10)
    track = Track({d(0): 1, d(25): 1})  # blocks [0, 9] done, [10, 19] missed, [20, 29] done
    assert compute(rule, [track], d(29)).rate_30 == pytest.approx(2 / 3)
    assert compute(rule, [track], d(39)).rate_30 == pytest.approx(1 / 2)  # [0, 9] ended before the 30 days
