"""The week's review computes the figures `streaks` computes as of the same days:
now, a week ago and four weeks ago, whether it resumes from a checkpoint or not."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SPAN, START, clip, tracks, wide_rules

from habits.core.review import Day, carried_by, cells, figures, tip_of_week, week_days
from habits.core.streaks import LOOKBACK_DAYS, RATE_WINDOW_DAYS, Rule, Track, compute


@settings(max_examples=300, deadline=None)
@given(
    rule=wide_rules,
    group=st.integers(1, 3).flatmap(tracks),
    as_of_offset=st.integers(0, SPAN + 60),
    later=st.integers(0, 120),
)
def test_review_figures_are_the_streaks_of_those_days(
    rule: Rule, group: list[Track], as_of_offset: int, later: int
) -> None:
    as_of = START + timedelta(as_of_offset)
    got, mark = figures(rule, group, as_of)
    assert got.now == compute(rule, group, as_of)
    assert got.week_ago == compute(rule, group, as_of - timedelta(days=7))
    assert got.month_ago == compute(rule, group, as_of - timedelta(days=28))
    # The same review again, or a later one, resumes from the checkpoint left here,
    # reading only the days after it.
    read = clip(group, mark.through - timedelta(days=LOOKBACK_DAYS + RATE_WINDOW_DAYS))
    assert figures(rule, read, as_of, resume=mark) == (got, mark)
    next_as_of = as_of + timedelta(days=later)
    resumed, _ = figures(rule, read, next_as_of, resume=mark)
    again, _ = figures(rule, group, next_as_of)
    assert resumed == again


def test_a_review_resumed_from_its_own_checkpoint_on_the_same_day() -> None:
    """The checkpoint a review leaves is where the next review of the same week resumes."""
    today = date(2026, 3, 11)
    counts = {today - timedelta(days=b): 1 for b in range(130, 0, -1) if b % 7 != 3}
    rule = Rule("daily", 1, 0, today)
    first, mark = figures(rule, [Track(counts)], today)
    read = Track({d: n for d, n in counts.items() if d >= mark.through - timedelta(days=44)})
    again, same = figures(rule, [read], today, resume=mark)
    assert again == first and same == mark
    assert first.now == compute(rule, [Track(counts)], today)


def test_week_cells_and_who_carried() -> None:
    monday = date(2026, 3, 2)
    track = Track({monday: 1, monday + timedelta(1): 2}, frozenset({monday + timedelta(2)}))
    days = week_days(track, monday, monday + timedelta(4))
    assert days[0] == Day(monday, 1, False, False)
    assert cells(days, per_day=2) == "+#-..  "
    assert carried_by({"alex": 3, "sam": 1}) == ["alex"]
    assert carried_by({"alex": 2, "sam": 2}) == ["alex", "sam"]
    assert carried_by({"alex": 0, "sam": 0}) == []


def test_the_tip_names_its_expert_and_turns_weekly() -> None:
    whys = ['"Kiss." — Michelle Terry, LMHC', '"Talk." — Dr. Catherine Jackson']
    monday = date(2026, 3, 2)
    first, second = tip_of_week(whys, monday), tip_of_week(whys, monday + timedelta(7))
    assert first is not None and second is not None
    assert {first.expert, second.expert} == {"Michelle Terry, LMHC", "Dr. Catherine Jackson"}
    assert first.text in ('"Kiss."', '"Talk."')
