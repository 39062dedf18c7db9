"""From stored history to the core's tracks: who counts, what is excused.
Plain data in, plain data out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from habits.core.habit import Habit
from habits.core.streaks import Track


def away_days(ranges: Sequence[tuple[date, date]]) -> frozenset[date]:
    days: set[date] = set()
    for start, end in ranges:
        day = start
        while day <= end:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


def tracks_for(
    habit: Habit,
    counts: Mapping[str, Mapping[date, int]],
    skips: Mapping[str, set[date]],
    away: frozenset[date],
    people: Sequence[str],
) -> dict[str, Track]:
    """The tracks to compute: {"": pooled} for a together habit, one per person for "each"."""
    everyone = frozenset(skips.get("", set()))
    if habit.who == "together":
        pooled: dict[date, int] = {}
        for per_day in counts.values():
            for day, n in per_day.items():
                pooled[day] = pooled.get(day, 0) + n
        excused = everyone | away
        for person_skips in skips.values():  # one shared act: anyone's skip excuses it
            excused |= person_skips
        return {"": Track(counts=pooled, excused=frozenset(excused))}
    return {
        person: Track(
            counts=dict(counts.get(person, {})),
            excused=everyone | frozenset(skips.get(person, set())),
        )
        for person in people
    }
