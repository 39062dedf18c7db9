"""Whose reminder times count: a person's own times for a habit when they have set
some, else the habit's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from habits.core.habit import Habit


def times_for(
    habit: Habit, person: str, overrides: Mapping[int, Mapping[str, Sequence[str]]]
) -> tuple[str, ...]:
    """The reminder times ("HH:MM", sorted) at which `person` is reminded of `habit`."""
    own = overrides.get(habit.id, {}).get(person) if habit.id is not None else None
    return tuple(sorted(own)) if own is not None else tuple(habit.reminders)
