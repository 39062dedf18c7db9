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
