"""Resuming the streak walk from a checkpoint gives exactly what a walk
from the beginning gives: every figure, strength to the last bit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SPAN, START, clip, tracks, wide_rules

from habits.core.streaks import (
    LOOKBACK_DAYS,
    Checkpoint,
    Rule,
    Track,
    checkpoint_day,
    compute,
    compute_with_checkpoint,
)


@settings(max_examples=500, deadline=None)
@given(
    rule=wide_rules,
    group=st.integers(1, 3).flatmap(tracks),
    as_of_offset=st.integers(60, SPAN + 60),
    back=st.integers(0, 120),
    more=st.integers(0, 120),
)
def test_a_resumed_walk_equals_the_whole_walk(
    rule: Rule, group: list[Track], as_of_offset: int, back: int, more: int
) -> None:
    as_of = START + timedelta(as_of_offset)
    full = compute(rule, group, as_of)
    through = checkpoint_day(rule, as_of - timedelta(days=back))
    stats, checkpoint = compute_with_checkpoint(rule, group, as_of, through)
    assert stats == full
    assert checkpoint.through == through
    resumed = compute(
        rule, clip(group, through - timedelta(days=LOOKBACK_DAYS - 1)), as_of, resume=checkpoint
    )
    assert resumed == full  # floats included: the same operations in the same order
    # A checkpoint taken from a resumed walk is the one a whole walk takes.
    later = checkpoint_day(rule, as_of + timedelta(days=more))
    as_of_later = as_of + timedelta(days=more)
    if later > through:
        from_resumed = compute_with_checkpoint(
            rule,
            clip(group, through - timedelta(days=LOOKBACK_DAYS - 1)),
            as_of_later,
            later,
            resume=checkpoint,
        )
        assert from_resumed == compute_with_checkpoint(rule, group, as_of_later, later)


def test_checkpoint_figures_by_hand() -> None:
    """Daily, done every day for 60 days from Jan 1, then a gap: the state after Jan 31."""
    rule = Rule("daily")
    track = Track({START + timedelta(d): 1 for d in range(60)})
    _, cp = compute_with_checkpoint(rule, [track], START + timedelta(days=100), date(2024, 1, 31))
    assert (cp.through, cp.run, cp.longest) == (date(2024, 1, 31), 31, 31)
    (state,) = cp.tracks
    assert (state.total, state.first, state.first_checkin) == (31, START.toordinal(), START.toordinal())
    assert state.score == compute(rule, [track], date(2024, 1, 31)).strength


def test_checkpoint_day_is_a_period_end_well_before() -> None:
    weekly = Rule("weekly", week_start=0)
    day = checkpoint_day(weekly, date(2026, 11, 27))  # a Friday
    assert day.weekday() == 6 and (date(2026, 11, 27) - day).days >= 37
    assert checkpoint_day(Rule("daily"), date(2026, 11, 27)) == date(2026, 10, 20)


@pytest.mark.parametrize(
    ("through", "as_of", "match"),
    [
        (date(2024, 3, 2), date(2024, 6, 1), "not the last day"),  # a Saturday, weeks start Monday
        (date(2024, 5, 26), date(2024, 6, 1), "too close"),
    ],
)
def test_bad_checkpoints_are_refused(through: date, as_of: date, match: str) -> None:
    rule = Rule("weekly")
    cp = Checkpoint(through, 0, 0, ((0, None, None, 0.0),))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=match):
        compute(rule, [Track({})], as_of, resume=cp)
