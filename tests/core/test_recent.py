"""habits.core.recent: the board's bounded current streak equals the full computation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import START, rules

from habits.core.recent import current_from, window_start
from habits.core.streaks import Rule, Stats, Track, compute

SPAN = 120  # days of random history


def exact_fields(s: Stats) -> tuple[int, bool, bool, bool]:
    return (s.current, s.done_this_period, s.excused_this_period, s.at_risk)


@st.composite
def tracks(draw: st.DrawFn, n: int) -> list[Track]:
    out = []
    for _ in range(n):
        # Mostly-done histories, so that long streaks (the hard case) are common.
        density = draw(st.sampled_from([0.5, 0.9, 1.0]))
        days = draw(st.lists(st.integers(0, SPAN), max_size=SPAN, unique=True))
        keep = draw(st.lists(st.floats(0, 1), min_size=len(days), max_size=len(days)))
        counts = {START + timedelta(d): draw(st.integers(1, 3)) for d, k in zip(days, keep) if k <= density}
        skips = draw(st.lists(st.integers(0, SPAN), max_size=8))
        out.append(Track(counts, frozenset(START + timedelta(d) for d in skips)))
    return out


@settings(max_examples=400, deadline=None)
@given(
    rule=rules,
    group=st.integers(1, 2).flatmap(tracks),
    as_of_offset=st.integers(0, SPAN + 10),
    periods=st.integers(1, 40),
)
def test_bounded_current_equals_the_full_computation(
    rule: Rule, group: list[Track], as_of_offset: int, periods: int
) -> None:
    as_of = START + timedelta(as_of_offset)
    full = compute(rule, group, as_of)
    since = window_start(as_of, rule, periods)
    bounded = current_from(rule, group, as_of, since)
    if bounded is not None:
        assert exact_fields(bounded) == exact_fields(full)
        assert (bounded.longest, bounded.rate_30, bounded.strength) == (0, 0.0, 0.0)
    # Widening until it answers always ends with the full computation's answer.
    while bounded is None:
        periods *= 2
        since = window_start(as_of, rule, periods)
        bounded = current_from(rule, group, as_of, since)
        assert since >= START - timedelta(days=7 * 2 * (SPAN + 20)), "never answers"
    assert exact_fields(bounded) == exact_fields(full)


def test_a_streak_reaching_the_window_edge_asks_for_more() -> None:
    rule = Rule("daily")
    as_of = START + timedelta(99)
    unbroken = Track({START + timedelta(i): 1 for i in range(100)})
    assert current_from(rule, [unbroken], as_of, window_start(as_of, rule, 10)) is None
    # One empty day before the history is enough to know it all.
    s = current_from(rule, [unbroken], as_of, START - timedelta(1))
    assert s is not None and s.current == 100


def test_a_break_inside_the_window_is_enough() -> None:
    rule = Rule("daily")
    as_of = START + timedelta(99)
    broken = Track({START + timedelta(i): 1 for i in range(100) if i != 95})
    s = current_from(rule, [broken], as_of, window_start(as_of, rule, 10))
    assert s is not None and (s.current, s.done_this_period) == (4, True)


def test_an_excused_period_at_the_edge_is_passed_over() -> None:
    rule = Rule("weekly")
    as_of = date(2024, 3, 27)  # a Wednesday
    since = window_start(as_of, rule, 3)  # Monday 2024-03-11
    weeks = Track({date(2024, 3, 4): 1, date(2024, 3, 19): 1, date(2024, 3, 26): 1}, frozenset({since}))
    assert current_from(rule, [weeks], as_of, since) is None  # the excused week hides the edge
    assert current_from(rule, [weeks], as_of, window_start(as_of, rule, 4)) is None  # satisfied edge
    s = current_from(rule, [weeks], as_of, window_start(as_of, rule, 5))  # an empty week: the end
    assert s is not None and s.current == compute(rule, [weeks], as_of).current == 3


def test_since_must_start_a_period() -> None:
    with pytest.raises(ValueError, match="not the first day"):
        current_from(Rule("weekly"), [Track({})], date(2024, 3, 27), date(2024, 3, 12))


def test_windows_of_months_and_blocks() -> None:
    assert window_start(date(2024, 3, 27), Rule("monthly"), 3) == date(2024, 1, 1)
    every = Rule("every", every=10, created=date(2024, 1, 5))
    assert window_start(date(2024, 3, 27), every, 2) == date(2024, 3, 15)
    with pytest.raises(ValueError, match="not the first day"):
        current_from(Rule("monthly"), [Track({})], date(2024, 3, 27), date(2024, 3, 2))


def test_an_at_most_streak_reaching_the_window_edge_asks_for_more() -> None:
    rule = Rule("daily", measure="at_most", goal=2_000)
    as_of = START + timedelta(99)
    history = Track({START: 0, START + timedelta(99): 0})  # nothing logged between: 0 a day
    assert current_from(rule, [history], as_of, window_start(as_of, rule, 10)) is None
    assert current_from(rule, [history], as_of, START - timedelta(1)) is None
    # Told where the history begins, a window holding it all answers.
    s = current_from(rule, [history], as_of, START, history_from=START)
    assert s is not None and s.current == 99 == compute(rule, [history], as_of).current
    assert current_from(rule, [history], as_of, START + timedelta(1), history_from=START) is None


def test_a_measured_window_without_entries_asks_for_more() -> None:
    """Whether a skip excuses the period depends on whether the walk has begun: a
    window without an entry cannot tell."""
    rule = Rule("daily", measure="at_least", goal=1_000)
    history = Track({START: 0}, frozenset({START + timedelta(2)}))
    as_of = START + timedelta(2)
    assert compute(rule, [history], as_of).excused_this_period
    assert current_from(rule, [history], as_of, START + timedelta(1)) is None
    s = current_from(rule, [history], as_of, START)
    assert s is not None and s.excused_this_period
