"""The report's pictures as plain values: the strength over time and the streaks come
from the streaks' own walk (trace), and agree with compute() day by day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habits.core import pictures
from habits.core.streaks import Rule, Track, compute
from habits.core.trace import Run, trace

D0 = date(2025, 6, 2)  # a Monday


def d(i: int) -> date:
    return D0 + timedelta(days=i)


days_with = st.dictionaries(st.integers(0, 90), st.integers(1, 3), max_size=60)
skipped = st.frozensets(st.integers(0, 90), max_size=10)


@settings(max_examples=60, deadline=None)
@given(a=days_with, b=days_with, skips=skipped, target=st.integers(1, 2))
def test_the_strength_over_time_is_computes_strength_on_each_day(a, b, skips, target) -> None:
    """For a daily habit, the strength noted on a day is compute()'s as of that day, for one
    person and for a pair (whose strength is that of the one with fewer check-ins then)."""
    rule = Rule("daily", target)
    one = Track({d(i): n for i, n in a.items()}, frozenset(d(i) for i in skips))
    two = Track({d(i): n for i, n in b.items()})
    marks = [d(i) for i in range(-3, 95, 4)]
    for group in ([one], [one, two]):
        walked = trace(rule, group, d(95), marks)
        assert walked.stats == compute(rule, group, d(95))
        for mark, value in zip(marks, walked.strength):
            assert value == pytest.approx(compute(rule, group, mark).strength, abs=1e-12), mark


@settings(max_examples=40, deadline=None)
@given(a=days_with, skips=skipped)
def test_weekly_strength_at_each_weeks_end_is_computes(a, skips) -> None:
    rule = Rule("weekly", 2)
    track = Track({d(i): n for i, n in a.items()}, frozenset(d(i) for i in skips))
    marks = [d(6 + 7 * w) for w in range(13)]
    walked = trace(rule, [track], d(95), marks)
    for mark, value in zip(marks, walked.strength):
        assert value == pytest.approx(compute(rule, [track], mark).strength, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(a=days_with, skips=skipped, cadence=st.sampled_from(["daily", "weekly"]))
def test_the_streaks_found_are_the_longest_and_the_current(a, skips, cadence) -> None:
    rule = Rule(cadence)
    track = Track({d(i): n for i, n in a.items()}, frozenset(d(i) for i in skips))
    walked = trace(rule, [track], d(95), [])
    stats = walked.stats
    assert max((r.length for r in walked.runs), default=0) == stats.longest
    if stats.current:
        assert walked.runs[-1].length == stats.current
    for earlier, later in zip(walked.runs, walked.runs[1:]):
        assert earlier.last < later.first
    for run in walked.runs:
        assert track.counts.get(run.first, 0) or cadence == "weekly"
        assert run.first <= run.last <= d(95)


def test_streaks_of_a_daily_habit_by_hand() -> None:
    track = Track({d(i): 1 for i in (0, 1, 2, 4, 5, 8)}, frozenset({d(6)}))
    walked = trace(Rule("daily"), [track], d(9), [])
    # day 3 missed ends the first run; the skipped day 6 is passed over; day 7 ends the second
    assert walked.runs == [Run(d(0), d(2), 3), Run(d(4), d(5), 2), Run(d(8), d(8), 1)]


def test_no_history_is_all_zero() -> None:
    walked = trace(Rule("daily"), [Track({})], d(9), [d(1), d(9)])
    assert walked.strength == [0.0, 0.0] and walked.runs == []


def test_marks_must_be_sorted_and_not_after_the_as_of_day() -> None:
    with pytest.raises(ValueError):
        trace(Rule("daily"), [Track({})], d(9), [d(3), d(1)])
    with pytest.raises(ValueError):
        trace(Rule("daily"), [Track({})], d(9), [d(10)])


def test_buckets_follow_the_windows_length() -> None:
    short = pictures.Window(date(2026, 3, 2), date(2026, 3, 11))
    assert pictures.bucket_for(short) == "day"
    assert pictures.bucket_ends(short, "day", 0)[-1] == date(2026, 3, 11)
    half = pictures.weeks_window(date(2026, 3, 11), 26, 0)
    assert half.start == date(2025, 9, 15) and pictures.bucket_for(half) == "week"
    ends = pictures.bucket_ends(half, "week", 0)
    assert len(ends) == 26 and ends[0] == date(2025, 9, 21) and ends[-1] == date(2026, 3, 11)
    long = pictures.weeks_window(date(2026, 3, 11), 104, 0)
    assert pictures.bucket_for(long) == "month"
    months = pictures.bucket_ends(long, "month", 0)
    assert (
        months[0] == date(2024, 3, 31) and months[1] == date(2024, 4, 30) and months[-1] == date(2026, 3, 11)
    )
    assert pictures.year_window(2025, date(2026, 3, 11)) == pictures.Window(
        date(2025, 1, 1), date(2025, 12, 31)
    )


def test_progress_counts_the_period_against_its_whole_target() -> None:
    track = Track({date(2026, 3, 9): 1, date(2026, 3, 10): 2, date(2026, 2, 27): 1, date(2025, 12, 31): 5})
    daily = pictures.progress(Rule("daily", 2), [track], date(2026, 3, 11))
    assert daily == [
        pictures.Progress("this week", 3, 14),
        pictures.Progress("this month", 3, 62),
        pictures.Progress("this year", 4, 730),
    ]
    weekly = pictures.progress(Rule("weekly", 1), [track], date(2026, 3, 11))
    assert [g.goal for g in weekly] == [1, 4, 52]


def test_our_year_counts_haunts_keeps_streaks_alive_in_it_and_thanks() -> None:
    runs = {
        "Kiss": [
            Run(date(2024, 1, 1), date(2024, 12, 1), 300),
            Run(date(2024, 12, 20), date(2025, 2, 1), 44),
        ],
        "Ask": [Run(date(2025, 3, 1), date(2025, 3, 5), 5)],
    }
    year = pictures.our_year(
        2025,
        [(date(2025, 5, 3), "Luigi's"), (date(2025, 1, 4), None), (date(2025, 6, 1), "Luigi's")],
        runs,
        [("Sam", "Alex"), ("Sam", "Alex"), ("Alex", "Sam")],
    )
    assert year.dates[0] == (date(2025, 1, 4), "")
    assert year.haunts == [("Luigi's", 2)]
    assert [(s.title, s.run.length) for s in year.streaks] == [("Kiss", 44), ("Ask", 5)]
    assert year.thanks == [("Alex", "Sam", 1), ("Sam", "Alex", 2)]
