"""Properties of the walk for every cadence and measured habits: strength is Loop's
score (a literal reference), bounded, monotone in the amounts; a resumed walk equals
the whole walk; the board's bounded streak equals the whole history's."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta

import pytest
from core.test_strength import reference as yes_no_reference  # the yes/no score as it was defined
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SPAN, START, amounts, any_rules, clip, tracks

from habits.core.periods import days_per_period, period_end, period_start
from habits.core.recent import current_from, window_start
from habits.core.streaks import (
    Rule,
    Track,
    checkpoint_day,
    compute,
    compute_with_checkpoint,
    lookback_days,
)


def loop_reference(rule: Rule, as_of: date, counts: Mapping[date, int], skips=()) -> float:
    """Slow and literal, as Loop's ScoreList.recompute walks the days: a rolling sum
    over a window, the score's recurrence, an excused day holding it."""
    measured = bool(rule.measure)
    counts = {k: v for k, v in counts.items() if k <= as_of and (v >= 0 if measured else v > 0)}
    skips = {k for k in skips if k <= as_of}
    if not counts:
        return 0.0
    n = days_per_period(rule.cadence, rule.every)
    k = 1 if measured else rule.target
    f = k / n
    k2, n2 = (2 * k, 2 * n) if f < 1 and not measured else (k, n)
    m = 0.5 ** (math.sqrt(f) / 13)
    x = rule.goal / 1000

    def bounds(t: date) -> tuple[date, date]:
        kw = {"every": rule.every, "anchor": rule.created}
        return period_start(t, rule.cadence, rule.week_start, **kw), period_end(
            t, rule.cadence, rule.week_start, **kw
        )

    def excused(t: date) -> bool:
        first, last = bounds(t)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        total = sum(counts.get(day, 0) for day in days)
        if rule.measure == "at_most":
            done = total <= rule.goal and last < bounds(as_of)[0]
        elif measured:
            done = total >= rule.goal
        else:
            done = total >= (min(k, len(days)) if rule.cadence == "monthly" else k)  # a month: its days
        return not done and any(day in skips for day in days)

    s = 1.0 if rule.measure == "at_most" else 0.0
    t = min(counts) if measured else min([*counts, *skips])
    while t <= as_of:
        if not excused(t):
            r = sum(counts.get(t - timedelta(days=i), 0) for i in range(n2))
            if rule.measure == "at_least":
                c = min(1.0, r / 1000 / x) if x > 0 else 1.0
            elif rule.measure == "at_most":
                c = min(max(1 - (r / 1000 - x) / x, 0.0), 1.0) if x > 0 else (0.0 if r > 0 else 1.0)
            else:
                c = min(1.0, r / k2)
            s = s * m + c * (1 - m)
        t += timedelta(days=1)
    return s


def one(group: list[Track]) -> Track:
    return group[0]


as_ofs = st.integers(0, SPAN + 40).map(lambda n: START + timedelta(n))


@settings(max_examples=300, deadline=None)
@given(rule=any_rules(), group=tracks(1), as_of=as_ofs)
def test_strength_is_loop_s_score(rule: Rule, group: list[Track], as_of: date) -> None:
    (track,) = amounts(group, rule)
    got = compute(rule, [track], as_of).strength
    assert got == pytest.approx(loop_reference(rule, as_of, track.counts, track.excused), abs=1e-12)
    assert 0.0 <= got <= 1.0


@settings(max_examples=200, deadline=None)
@given(
    rule=any_rules().filter(lambda r: not r.measure and r.cadence in ("daily", "weekly")),
    group=tracks(1),
    as_of=as_ofs,
)
def test_yes_no_daily_and_weekly_keep_the_old_score(rule: Rule, group: list[Track], as_of: date) -> None:
    (track,) = group
    got = compute(rule, [track], as_of).strength
    assert got == pytest.approx(yes_no_reference(rule, as_of, track.counts, track.excused), abs=1e-12)
    assert got == pytest.approx(loop_reference(rule, as_of, track.counts, track.excused), abs=1e-12)


@settings(max_examples=300, deadline=None)
@given(
    rule=any_rules().filter(lambda r: bool(r.measure)),
    group=tracks(1),
    day=st.integers(0, SPAN).map(lambda n: START + timedelta(n)),
    more=st.integers(1, 30_000),
    as_of=as_ofs,
)
def test_strength_is_monotone_in_the_amounts(
    rule: Rule, group: list[Track], day: date, more: int, as_of: date
) -> None:
    """More on a day never lowers an at-least score nor raises an at-most one (the
    walk starts on the same day; without skips, which a change of amount can turn from
    holding the score to not, as with yes/no habits)."""
    (track,) = amounts(group, rule)
    if not track.counts:
        return
    day = max(day, min(track.counts))
    track = Track(track.counts)
    bigger = Track({**track.counts, day: track.counts.get(day, 0) + more})
    before, after = compute(rule, [track], as_of), compute(rule, [bigger], as_of)
    for s in (before, after):
        assert 0.0 <= s.strength <= 1.0
    if rule.measure == "at_least":
        assert after.strength >= before.strength - 1e-12
    else:
        assert after.strength <= before.strength + 1e-12


@settings(max_examples=400, deadline=None)
@given(
    rule=any_rules(),
    group=st.integers(1, 3).flatmap(tracks),
    as_of_offset=st.integers(60, SPAN + 60),
    back=st.integers(0, 120),
    more=st.integers(0, 120),
)
def test_a_resumed_walk_equals_the_whole_walk(
    rule: Rule, group: list[Track], as_of_offset: int, back: int, more: int
) -> None:
    group = amounts(group, rule)
    as_of = START + timedelta(as_of_offset)
    full = compute(rule, group, as_of)
    through = checkpoint_day(rule, as_of - timedelta(days=back))
    stats, checkpoint = compute_with_checkpoint(rule, group, as_of, through)
    assert stats == full
    since = through - timedelta(days=lookback_days(rule) - 1)
    assert compute(rule, clip(group, since), as_of, resume=checkpoint) == full
    as_of_later = as_of + timedelta(days=more)
    later = checkpoint_day(rule, as_of_later)
    if later > through:
        resumed = compute_with_checkpoint(rule, clip(group, since), as_of_later, later, resume=checkpoint)
        assert resumed == compute_with_checkpoint(rule, group, as_of_later, later)


@settings(max_examples=300, deadline=None)
@given(
    rule=any_rules(),
    group=st.integers(1, 2).flatmap(tracks),
    as_of=as_ofs,
    periods=st.integers(1, 12),
)
def test_the_board_s_bounded_streak_equals_the_whole_walk(
    rule: Rule, group: list[Track], as_of: date, periods: int
) -> None:
    """Answered or not (None: the streak may reach back before the window, and the board
    then reads more, at last everything), an answer is the whole walk's."""
    group = amounts(group, rule)
    full = compute(rule, group, as_of)
    exact = (full.current, full.done_this_period, full.excused_this_period, full.at_risk)
    since = window_start(as_of, rule, periods)
    while since >= START - timedelta(days=400):
        bounded = current_from(rule, group, as_of, since)
        if bounded is not None:
            got = (bounded.current, bounded.done_this_period, bounded.excused_this_period, bounded.at_risk)
            assert got == exact
            return
        periods *= 2
        since = window_start(as_of, rule, periods)
    # Not answered from a window: with the history's first day known, a window holding
    # it all answers (what the board does last is read everything).
    days = [day for t in group for day in [*t.counts, *t.excused]]
    if days:
        first = min(days)
        grid = rule.grid()
        since = date.fromordinal(grid.first(grid.index(first.toordinal())))
        bounded = current_from(rule, group, as_of, since, history_from=first)
        assert bounded is not None
        got = (bounded.current, bounded.done_this_period, bounded.excused_this_period, bounded.at_risk)
        assert got == exact


def streak_reference(
    rule: Rule, as_of: date, counts: Mapping[date, int], skips=()
) -> tuple[int, int, bool, bool]:
    """Slow and literal: (current, longest, done, excused) walking the periods one by
    one with periods.period_start/period_end, from the one holding the walk's start."""
    measured = bool(rule.measure)
    counts = {k: v for k, v in counts.items() if k <= as_of and (v >= 0 if measured else v > 0)}
    skips = {k for k in skips if k <= as_of}
    starts = [*counts] if measured else [*counts, *skips]
    if not starts:
        return 0, 0, False, False
    kw = {"every": rule.every, "anchor": rule.created}
    first = period_start(min(starts), rule.cadence, rule.week_start, **kw)
    now = period_start(as_of, rule.cadence, rule.week_start, **kw)
    run = longest = 0
    done = excused = False
    while first <= now:
        last = period_end(first, rule.cadence, rule.week_start, **kw)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        total = sum(counts.get(day, 0) for day in days)
        if rule.measure == "at_most":
            done = total <= rule.goal and first != now
        elif measured:
            done = total >= rule.goal
        else:
            done = total >= (min(rule.target, len(days)) if rule.cadence == "monthly" else rule.target)
        excused = not done and any(day in skips for day in days)
        if done:
            run += 1
            longest = max(longest, run)
        elif not excused and first != now:
            run = 0
        first = last + timedelta(days=1)
    return run, longest, done, excused


@settings(max_examples=300, deadline=None)
@given(rule=any_rules(), group=tracks(1), as_of=as_ofs)
def test_streaks_walk_the_periods_of_every_cadence(rule: Rule, group: list[Track], as_of: date) -> None:
    (track,) = amounts(group, rule)
    s = compute(rule, [track], as_of)
    assert (s.current, s.longest, s.done_this_period, s.excused_this_period) == streak_reference(
        rule, as_of, track.counts, track.excused
    )
