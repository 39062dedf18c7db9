"""Habit strength (Loop Habit Tracker's score): hand-computed cases, a slow
reference implementation written straight from the definition, and properties."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habits.core.periods import period_start
from habits.core.streaks import Rule, Track, compute

D0 = date(2025, 6, 2)  # a Monday
M1 = 0.5 ** (1 / 13)  # daily, target 1: f = 1
MW = 0.5 ** (math.sqrt(1 / 7) / 13)  # weekly, target 1: f = 1/7
M2 = 0.5 ** (math.sqrt(2) / 13)  # daily, target 2
M3W = 0.5 ** (math.sqrt(3 / 7) / 13)  # weekly, target 3


def d(i: int) -> date:
    return D0 + timedelta(days=i)


def strength(rule: Rule, as_of: date, counts: Mapping[date, int], skips=()) -> float:
    return compute(rule, [Track(dict(counts), frozenset(skips))], as_of).strength


DAILY, WEEKLY = Rule("daily"), Rule("weekly")


# -- hand-computed --------------------------------------------------------------------


def test_one_check_in_today() -> None:
    assert strength(DAILY, d(0), {d(0): 1}) == pytest.approx(1 - M1, abs=1e-12)


def test_thirteen_days_is_the_half_life() -> None:
    counts = {d(i): 1 for i in range(13)}
    assert strength(DAILY, d(12), counts) == pytest.approx(0.5, abs=1e-12)
    assert strength(DAILY, d(1), counts) == pytest.approx(1 - M1**2, abs=1e-12)


def test_a_missed_day_decays() -> None:
    assert strength(DAILY, d(1), {d(0): 1}) == pytest.approx((1 - M1) * M1, abs=1e-12)
    assert strength(DAILY, d(3), {d(0): 1}) == pytest.approx((1 - M1) * M1**3, abs=1e-12)


def test_a_skip_holds_the_score() -> None:
    assert strength(DAILY, d(1), {d(0): 1}, [d(1)]) == pytest.approx(1 - M1, abs=1e-12)
    assert strength(DAILY, d(2), {d(0): 1}, [d(1)]) == pytest.approx((1 - M1) * M1, abs=1e-12)


def test_a_skip_before_the_first_check_in_changes_nothing() -> None:
    assert strength(DAILY, d(1), {d(1): 1}, [d(0)]) == pytest.approx(1 - M1, abs=1e-12)


def test_weekly_window_is_two_weeks_for_two_check_ins() -> None:
    # f = 1/7 < 1: N' = 2, D' = 14, so one check-in is worth half.
    one = {d(0): 1}
    assert strength(WEEKLY, d(0), one) == pytest.approx(0.5 * (1 - MW), abs=1e-12)
    assert strength(WEEKLY, d(2), one) == pytest.approx(0.5 * (1 - MW**3), abs=1e-12)
    assert strength(WEEKLY, d(13), one) == pytest.approx(0.5 * (1 - MW**14), abs=1e-12)
    # Day 14: the check-in has left the 14-day window.
    assert strength(WEEKLY, d(14), one) == pytest.approx(0.5 * (1 - MW**14) * MW, abs=1e-12)
    two = {d(0): 1, d(7): 1}
    s6 = 0.5 * (1 - MW**7)
    assert strength(WEEKLY, d(7), two) == pytest.approx(s6 * MW + (1 - MW), abs=1e-12)


def test_weekly_times_three() -> None:
    # f = 3/7: N' = 6, D' = 14.
    assert strength(Rule("weekly", 3), d(0), {d(0): 3}) == pytest.approx(0.5 * (1 - M3W), abs=1e-12)
    s6 = 0.5 * (1 - M3W**7)
    assert strength(Rule("weekly", 3), d(7), {d(0): 3, d(7): 3}) == pytest.approx(
        s6 * M3W + (1 - M3W), abs=1e-12
    )


def test_daily_times_two_is_capped() -> None:
    rule = Rule("daily", 2)  # f = 2: N' = 2, D' = 1
    assert strength(rule, d(0), {d(0): 1}) == pytest.approx(0.5 * (1 - M2), abs=1e-12)
    assert strength(rule, d(0), {d(0): 2}) == pytest.approx(1 - M2, abs=1e-12)
    assert strength(rule, d(0), {d(0): 5}) == pytest.approx(1 - M2, abs=1e-12)


def test_daily_times_two_partial_skipped_day_holds() -> None:
    rule = Rule("daily", 2)
    counts = {d(0): 2, d(1): 1}
    assert strength(rule, d(1), counts, [d(1)]) == pytest.approx(1 - M2, abs=1e-12)
    assert strength(rule, d(1), counts) == pytest.approx((1 - M2) * M2 + 0.5 * (1 - M2), abs=1e-12)


def test_weekly_excused_week_holds_every_day() -> None:
    counts = {d(0): 1}  # Monday of week A
    held = 0.5 * (1 - MW**7)  # after Sunday of week A
    assert strength(WEEKLY, d(13), counts, [d(9)]) == pytest.approx(held, abs=1e-12)
    # Before the skip day (as_of d(8)), the skip is in the future and ignored.
    assert strength(WEEKLY, d(8), counts, [d(9)]) == pytest.approx(0.5 * (1 - MW**9), abs=1e-12)


def test_weekly_skip_in_a_done_week_does_not_hold() -> None:
    assert strength(WEEKLY, d(1), {d(0): 1}, [d(1)]) == pytest.approx(0.5 * (1 - MW**2), abs=1e-12)


def test_no_history() -> None:
    assert strength(DAILY, d(5), {}) == 0.0
    assert strength(DAILY, d(5), {}, [d(1), d(2)]) == 0.0
    assert strength(DAILY, d(5), {d(6): 1}) == 0.0


def test_as_of_in_the_past() -> None:
    counts = {d(i): 1 for i in range(20)}
    assert strength(DAILY, d(4), counts) == pytest.approx(1 - M1**5, abs=1e-12)


# -- a reference straight from the definition -------------------------------------------


def reference(rule: Rule, as_of: date, counts: Mapping[date, int], skips=()) -> float:
    """Slow and literal: the strength recurrence, one dict look-up at a time."""
    counts = {k: v for k, v in counts.items() if v > 0 and k <= as_of}
    skips = {k for k in skips if k <= as_of}
    if not counts:
        return 0.0
    n, days = rule.target, 1 if rule.cadence == "daily" else 7
    f = n / days
    n2, d2 = (2 * n, 2 * days) if f < 1 else (n, days)
    m = 0.5 ** (math.sqrt(f) / 13)

    def excused(t: date) -> bool:
        first = period_start(t, rule.cadence, rule.week_start)
        period = [first + timedelta(days=k) for k in range(days)]
        total = sum(counts.get(x, 0) for x in period)
        return total < n and any(x in skips for x in period)

    s, t = 0.0, min([*counts, *skips])
    while t <= as_of:
        if not excused(t):
            w = sum(counts.get(t - timedelta(days=k), 0) for k in range(d2))
            s = s * m + min(1.0, w / n2) * (1 - m)
        t += timedelta(days=1)
    return s


rules = st.builds(
    Rule,
    cadence=st.sampled_from(["daily", "weekly"]),
    target=st.integers(1, 4),
    week_start=st.integers(0, 6),
    every=st.just(0),
    measure=st.just(""),
    goal=st.just(0),
)
offsets = st.integers(0, 70)
histories = st.dictionaries(offsets.map(d), st.integers(0, 3), max_size=40)
skip_sets = st.sets(offsets.map(d), max_size=10)


@settings(max_examples=300, deadline=None)
@given(rules, histories, skip_sets, offsets.map(d))
def test_matches_the_reference(rule: Rule, counts, skips, as_of: date) -> None:
    assert strength(rule, as_of, counts, skips) == pytest.approx(
        reference(rule, as_of, counts, skips), abs=1e-12
    )


def test_ten_years_matches_the_reference() -> None:
    start = date(2015, 7, 3)
    counts = {start + timedelta(days=i): 1 for i in range(3650) if i % 7 not in (2, 5)}
    skips = {start + timedelta(days=i) for i in range(0, 3650, 61)}
    as_of = start + timedelta(days=3649)
    for rule in (DAILY, Rule("weekly", 5, week_start=2), Rule("weekly", 3)):
        got = strength(rule, as_of, counts, skips)
        assert got == pytest.approx(reference(rule, as_of, counts, skips), abs=1e-9)
        assert 0.0 < got <= 1.0


# -- properties -----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(rules, histories, skip_sets, offsets.map(d))
def test_strength_is_between_zero_and_one(rule: Rule, counts, skips, as_of: date) -> None:
    assert 0.0 <= strength(rule, as_of, counts, skips) <= 1.0


@settings(max_examples=300, deadline=None)
@given(rules, histories, offsets.map(d), offsets.map(d))
def test_adding_a_check_in_never_lowers_strength(rule: Rule, counts, extra: date, as_of: date) -> None:
    more = dict(counts)
    more[extra] = more.get(extra, 0) + 1
    assert strength(rule, as_of, more) >= strength(rule, as_of, counts) - 1e-12


@settings(max_examples=300, deadline=None)
@given(histories, skip_sets, offsets.map(d), offsets.map(d))
def test_adding_a_check_in_never_lowers_strength_with_skips_daily(
    counts, skips, extra: date, as_of: date
) -> None:
    # With skips, monotony holds for a once-a-day habit (a skipped day that becomes
    # done moves from "hold" to "gain"); for --times N it need not.
    more = dict(counts)
    more[extra] = more.get(extra, 0) + 1
    assert strength(DAILY, as_of, more, skips) >= strength(DAILY, as_of, counts, skips) - 1e-12
