"""The report's pictures as plain values: the strength over time and the streaks come
from the streaks' own walk (trace), and agree with compute() as of each period's last
day, for every cadence and measure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SPAN, START, amounts, any_rules, tracks

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


def _period_ends(rule: Rule, first: date, last: date) -> list[date]:
    grid = rule.grid()
    ends = (grid.last(p) for p in range(grid.index(first.toordinal()), grid.index(last.toordinal()) + 1))
    return [date.fromordinal(o) for o in ends if first.toordinal() <= o <= last.toordinal()]


AS_OF = START + timedelta(SPAN)


@settings(max_examples=120, deadline=None)
@given(rule=any_rules(), group=tracks(2), data=st.data())
def test_every_rule_notes_computes_strength_at_its_periods_ends(rule, group, data) -> None:
    """Monthly, every-N and measured rules too: at the last day of any of the rule's
    periods (and on the as-of day) the noted strength is compute()'s as of that day.
    (An at-most period ending on the day still runs for compute() then: its skips
    would hold the day there, so at-most histories here have none.)"""
    group = amounts(group, rule)
    if rule.measure == "at_most":
        group = [Track(t.counts) for t in group]
    ends = _period_ends(rule, START - timedelta(10), AS_OF - timedelta(1))
    marks = sorted(data.draw(st.lists(st.sampled_from(ends), max_size=8, unique=True))) + [AS_OF]
    for tracks_ in (group[:1], group):
        walked = trace(rule, tracks_, AS_OF, marks)
        assert walked.stats == compute(rule, tracks_, AS_OF)
        for mark, value in zip(marks, walked.strength):
            assert value == pytest.approx(compute(rule, tracks_, mark).strength, abs=1e-12), mark


@settings(max_examples=80, deadline=None)
@given(rule=any_rules(), group=tracks(2), data=st.data())
def test_without_skips_any_day_notes_computes_strength(rule, group, data) -> None:
    group = [Track(t.counts) for t in amounts(group, rule)]
    days = st.integers(-5, SPAN).map(lambda i: START + timedelta(i))
    marks = sorted(data.draw(st.lists(days, max_size=8, unique=True)))
    walked = trace(rule, group, AS_OF, marks)
    for mark, value in zip(marks, walked.strength):
        assert value == pytest.approx(compute(rule, group, mark).strength, abs=1e-12), mark


@settings(max_examples=120, deadline=None)
@given(rule=any_rules(), group=tracks(2))
def test_every_rules_streaks_lie_on_its_period_grid(rule, group) -> None:
    """The runs found are the longest and the current one, and each begins on the first
    day of one of the rule's periods (a month's first, an every-N block's first) and
    ends on the last day of one (or on the as-of day)."""
    group = amounts(group, rule)
    walked = trace(rule, group, AS_OF, [])
    grid = rule.grid()
    assert max((r.length for r in walked.runs), default=0) == walked.stats.longest
    if walked.stats.current:
        assert walked.runs[-1].length == walked.stats.current
    for earlier, later in zip(walked.runs, walked.runs[1:]):
        assert earlier.last < later.first
    for run in walked.runs:
        first, last = run.first.toordinal(), run.last.toordinal()
        assert grid.first(grid.index(first)) == first
        assert grid.last(grid.index(last)) == last or run.last == AS_OF
        assert grid.index(last) - grid.index(first) + 1 >= run.length


def test_streaks_of_a_monthly_habit_run_over_calendar_months() -> None:
    track = Track({date(2025, 1, 30): 1, date(2025, 2, 3): 1, date(2025, 4, 9): 1})
    walked = trace(Rule("monthly"), [track], date(2025, 5, 10), [date(2025, 2, 28)])
    # March missed ends the first run; May is still running, so April's run is current
    assert walked.runs == [
        Run(date(2025, 1, 1), date(2025, 2, 28), 2),
        Run(date(2025, 4, 1), date(2025, 4, 30), 1),
    ]
    assert walked.stats.current == 1 and walked.stats.longest == 2


def test_streaks_of_an_every_3_habit_run_over_its_blocks() -> None:
    # blocks of 3 days from the creation day: 0-2, 3-5, 6-8, 9-11, 12-14
    track = Track({d(i): 1 for i in (1, 4, 8, 13)})
    walked = trace(Rule("every", created=d(0), every=3), [track], d(14), [])
    assert walked.runs == [Run(d(0), d(8), 3), Run(d(12), d(14), 1)]


def test_streaks_of_measured_habits_by_hand() -> None:
    minutes = Track({d(0): 25_000, d(1): 10_000, d(2): 5_000, d(3): 20_000, d(4): 12_500})
    least = trace(Rule("daily", measure="at_least", goal=20_000), [minutes], d(4), [])
    assert least.runs == [Run(d(0), d(0), 1), Run(d(3), d(3), 1)]  # day 4 runs: passed over
    # At most 2 a week: the week running on d(9) is passed over, never ends the run.
    takeaways = Track({d(0): 1_000, d(2): 1_000, d(8): 3_000})
    most = trace(Rule("weekly", measure="at_most", goal=2_000), [takeaways], d(9), [d(6)])
    assert most.runs == [Run(d(0), d(6), 1)] and most.stats.current == 1
    assert most.strength == [
        pytest.approx(compute(Rule("weekly", measure="at_most", goal=2_000), [takeaways], d(6)).strength)
    ]


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


def test_totals_judge_each_period_and_the_running_one() -> None:
    window = pictures.Window(d(0), d(16))  # Monday 2 June to Wednesday 18 June
    most = Rule("weekly", measure="at_most", goal=2_000)
    over_now = Track({d(0): 3_000, d(7): 2_000, d(14): 2_500})
    assert pictures.totals(most, [over_now], window) == [
        pictures.PeriodTotal(d(0), d(6), 3_000, "missed"),
        pictures.PeriodTotal(d(7), d(13), 2_000, "met"),
        pictures.PeriodTotal(d(14), d(20), 2_500, "missed"),  # already over the limit
    ]
    least = Rule("monthly", measure="at_least", goal=10_000)
    june = pictures.Window(d(0), d(28))  # to 30 June: the month's last day is not over
    assert pictures.totals(least, [Track({d(0): 4_000, d(28): 6_000, d(30): 9_000})], june) == [
        pictures.PeriodTotal(date(2025, 6, 1), date(2025, 6, 30), 10_000, "met"),
    ]
    late = Track({d(30): 9_000})  # nothing in June: the habit began in July, or on 2 June
    assert [t.first for t in pictures.totals(least, [late], pictures.Window(d(27), d(31)))] == [
        date(2025, 7, 1)
    ]
    least = Rule("monthly", created=d(0), measure="at_least", goal=10_000)
    assert pictures.totals(least, [late], pictures.Window(d(27), d(31))) == [
        pictures.PeriodTotal(date(2025, 6, 1), date(2025, 6, 30), 0, "missed"),
        pictures.PeriodTotal(date(2025, 7, 1), date(2025, 7, 31), 9_000, "running"),
    ]


def test_progress_of_monthly_every_n_and_measured_rules() -> None:
    track = Track({date(2026, 3, 2): 1, date(2026, 3, 9): 1, date(2026, 1, 3): 1})
    monthly = pictures.progress(Rule("monthly", 2), [track], date(2026, 3, 11))
    assert monthly == [pictures.Progress("this month", 2, 2), pictures.Progress("this year", 3, 24)]
    every_10 = Rule("every", created=date(2026, 3, 1), every=10)
    assert pictures.progress(every_10, [track], date(2026, 3, 11)) == [
        pictures.Progress("this period", 0, 1),  # 11 to 20 March
        pictures.Progress("this month", 2, 3),  # 1-10, 11-20, 21-30 and a tenth of 31 March-9 April
        pictures.Progress("this year", 3, 36),
    ]
    minutes = Track({date(2026, 3, 9): 12_500, date(2026, 3, 10): 30_000})
    least = pictures.progress(Rule("daily", measure="at_least", goal=20_000), [minutes], date(2026, 3, 11))
    assert least[0] == pictures.Progress("this week", 42_500, 140_000)
    halves = Rule("weekly", measure="at_most", goal=2_500)
    assert pictures.progress(halves, [minutes], date(2026, 3, 11))[1].goal == 11_071  # 31 days of 2.5 a week


def test_a_mark_inside_a_period_sees_the_period_as_it_ended() -> None:
    """Monday is skipped, and the week still reaches its two check-ins: the walk to the
    week's end counts Monday like any day, where compute() as of Monday held it."""
    rule = Rule("weekly", 2)
    track = Track({d(-2): 1, d(1): 1, d(2): 1}, frozenset({d(0)}))
    walked = trace(rule, [track], d(6), [d(0), d(6)])
    assert walked.strength[0] > compute(rule, [track], d(0)).strength
    assert walked.strength[1] == pytest.approx(compute(rule, [track], d(6)).strength, abs=1e-12)
