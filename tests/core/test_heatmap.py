"""habits.core.heatmap: a day's cell agrees with how the streaks judge it."""

from __future__ import annotations

from datetime import date, timedelta

from habits.core.heatmap import day_state, render_heatmap
from habits.core.streaks import Track

DAY = date(2025, 6, 3)


def test_a_day_is_done_only_when_every_track_did_it() -> None:
    alex, sam, nobody = Track({DAY: 1}), Track({}), Track({})
    assert day_state(DAY, [alex, Track({DAY: 1})], 1) == "done"
    assert day_state(DAY, [alex, sam], 1) == "partly"
    assert day_state(DAY, [alex, Track({}, frozenset({DAY}))], 1) == "excused"  # as the joint streak
    assert day_state(DAY, [nobody, sam], 1) == "missed"
    assert day_state(DAY, [Track({DAY: 1})], 2) == "partly"  # one of a day's two
    assert day_state(DAY, [Track({}, frozenset({DAY}))], 1) == "excused"


def test_the_map_draws_the_states_and_names_them_in_the_legend() -> None:
    monday = DAY - timedelta(days=1)
    days = [monday + timedelta(i) for i in range(3)]
    lines = render_heatmap(
        days,
        {days[0]: "done", days[1]: "partly", days[2]: "excused"},
        week_start=0,
        partly="partly (not all of you)",
    )
    assert lines[1:4] == ["Mon █", "Tue ▒", "Wed ~"] and lines[4].rstrip() == "Thu"
    assert "▒ partly (not all of you)" in lines[-1]


def test_measured_days_are_judged_by_the_period_s_running_total() -> None:
    from habits.core.heatmap import day_states
    from habits.core.streaks import Rule

    monday = DAY - timedelta(days=1)
    days = [monday + timedelta(i) for i in range(7)]
    week = Rule("weekly", measure="at_least", goal=60_000)
    minutes = Track({days[0]: 20_000, days[1]: 0, days[2]: 40_000, days[4]: 5_000}, frozenset({days[5]}))
    states = day_states(week, [minutes], days)
    assert [states[day] for day in days] == [
        "partly",
        "missed",
        "done",
        "missed",
        "done",
        "excused",
        "missed",
    ]
    daily = Rule("daily", measure="at_least", goal=20_000)
    assert [day_states(daily, [minutes], days)[day] for day in days[:3]] == ["done", "missed", "done"]
    limit = Rule("daily", measure="at_most", goal=2_000)
    cups = Track({days[0]: 0, days[1]: 3_000, days[2]: 2_000})
    assert [day_states(limit, [cups], days)[day] for day in days[:4]] == ["done", "missed", "done", "missed"]
    # A couple: done when both are, partly when one has part of it.
    assert day_states(daily, [minutes, Track({days[0]: 20_000})], days[:1]) == {days[0]: "done"}
    assert day_states(daily, [minutes, Track({})], days[:1]) == {days[0]: "partly"}


def test_yes_no_days_of_longer_periods_are_done_when_done() -> None:
    from habits.core.heatmap import day_states
    from habits.core.streaks import Rule

    days = [DAY + timedelta(i) for i in range(3)]
    track = Track({days[0]: 1, days[2]: 1})
    for rule in (Rule("monthly", 2), Rule("every", 2, every=3), Rule("weekly", 3)):
        assert day_states(rule, [track], days) == dict(zip(days, ["done", "missed", "done"]))
    assert day_states(Rule("daily", 2), [track], days)[days[0]] == "partly"
