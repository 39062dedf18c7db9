"""habits.core.risk: at risk only once the check-ins still needed fill the days left."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import START, rules

from habits.core.periods import period_end, period_start
from habits.core.risk import at_risk, may_be_at_risk, still_needed
from habits.core.streaks import Rule, Track, compute

MON = date(2025, 6, 2)  # a Monday; the week before holds a satisfied week for a streak of 1
TWICE = Rule("weekly", target=2)


def week_before(n: int) -> dict[date, int]:
    return {MON - timedelta(days=7 - i): 1 for i in range(n)}


def test_weekly_twice_with_monday_done_is_at_risk_only_on_the_last_day() -> None:
    counts = {**week_before(2), MON: 1}
    flags = {
        (MON + timedelta(i)).strftime("%a"): compute(TWICE, [Track(counts)], MON + timedelta(i)).at_risk
        for i in range(7)
    }
    assert flags == {
        "Mon": False,
        "Tue": False,
        "Wed": False,
        "Thu": False,
        "Fri": False,
        "Sat": False,
        "Sun": True,
    }


def test_weekly_twice_with_none_done_is_at_risk_on_the_last_two_days() -> None:
    at = [compute(TWICE, [Track(week_before(2))], MON + timedelta(i)).at_risk for i in range(7)]
    assert at == [False] * 5 + [True, True]


def test_daily_is_at_risk_all_day_until_done() -> None:
    daily = Rule("daily", target=2)
    yesterday = {MON - timedelta(1): 2}
    assert compute(daily, [Track(yesterday)], MON).at_risk
    assert compute(daily, [Track({**yesterday, MON: 1})], MON).at_risk  # one of two
    assert not compute(daily, [Track({**yesterday, MON: 2})], MON).at_risk


def test_each_habit_jointly_follows_the_person_who_needs_most() -> None:
    alex = Track({**week_before(2), MON: 1, MON + timedelta(1): 1})  # done this week
    sam = Track({**week_before(2), MON: 1})  # one more to go
    sunday, saturday = MON + timedelta(6), MON + timedelta(5)
    assert compute(TWICE, [alex, sam], saturday).at_risk is False
    assert compute(TWICE, [alex, sam], sunday).at_risk is True
    assert compute(TWICE, [sam], sunday).at_risk is True and compute(TWICE, [alex], sunday).at_risk is False
    excused = Track(sam.counts, frozenset({sunday}))  # Sam is excused: nobody needs more
    assert compute(TWICE, [alex, excused], sunday).at_risk is False


def test_the_rule_itself() -> None:
    assert at_risk(satisfied=False, excused=False, current=1, needed=1, days_left=1)
    assert not at_risk(satisfied=False, excused=False, current=1, needed=1, days_left=2)
    assert not at_risk(satisfied=False, excused=False, current=0, needed=3, days_left=1)
    assert not at_risk(satisfied=True, excused=False, current=4, needed=0, days_left=1)
    assert not at_risk(satisfied=False, excused=True, current=4, needed=1, days_left=1)
    assert still_needed(3, [(1, False), (2, False)]) == 2
    assert still_needed(3, [(1, True), (2, False)]) == 1
    assert still_needed(1, [(0, True)]) == 0
    assert may_be_at_risk(1, 1) and may_be_at_risk(2, 2) and not may_be_at_risk(3, 2)


@settings(max_examples=300, deadline=None)
@given(
    rule=rules,
    days=st.lists(st.integers(0, 60), max_size=60),
    n=st.integers(1, 3),
    skips=st.lists(st.integers(0, 60), max_size=4),
    offset=st.integers(0, 70),
)
def test_compute_applies_the_rule_to_the_current_period(
    rule: Rule, days: list[int], n: int, skips: list[int], offset: int
) -> None:
    counts = {START + timedelta(d): n for d in days}
    track = Track(counts, frozenset(START + timedelta(d) for d in skips))
    as_of = START + timedelta(offset)
    s = compute(rule, [track], as_of)
    first = period_start(as_of, rule.cadence, rule.week_start)
    so_far = sum(c for d, c in counts.items() if first <= d <= as_of)
    days_left = (period_end(as_of, rule.cadence, rule.week_start) - as_of).days + 1
    expected = at_risk(
        satisfied=s.done_this_period,
        excused=s.excused_this_period,
        current=s.current,
        needed=rule.target - so_far,
        days_left=days_left,
    )
    assert s.at_risk == expected
    if s.at_risk:  # never at risk while the period could still be made up with a day to spare
        assert may_be_at_risk(days_left, rule.target)
        if rule.cadence == "daily":
            assert not s.done_this_period and s.current >= 1


@settings(max_examples=200, deadline=None)
@given(rule=rules, days=st.lists(st.integers(0, 40), max_size=40), offset=st.integers(0, 45))
def test_a_couple_who_did_the_same_is_judged_like_one_person(
    rule: Rule, days: list[int], offset: int
) -> None:
    track = Track({START + timedelta(d): 1 for d in days})
    as_of = START + timedelta(offset)
    assert compute(rule, [track, track], as_of).at_risk == compute(rule, [track], as_of).at_risk


def test_period_need_by_type() -> None:
    from habits.core.risk import period_need

    assert (period_need("", 3), period_need("at_least", 1), period_need("at_most", 1)) == (3, 1, 0)
    assert may_be_at_risk(1, period_need("at_least", 1)) and not may_be_at_risk(2, period_need("at_least", 1))
    assert not may_be_at_risk(1, period_need("at_most", 1))
