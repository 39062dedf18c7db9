"""Per-person reminder times: one person's own times for a habit, in place of the
habit's for that person only."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.store import tables as t

# habit id -> person -> that person's times ("HH:MM", sorted)
OwnTimes = dict[int, dict[str, tuple[str, ...]]]


def load(conn: Connection, habit_ids: Iterable[int] | None = None) -> OwnTimes:
    """Every override (of those habits), by habit and person."""
    o = t.own_times.c
    query = select(o.habit_id, o.person, o.times).order_by(o.habit_id, o.person)
    if habit_ids is not None:
        query = query.where(o.habit_id.in_(list(habit_ids)))
    out: OwnTimes = {}
    for habit_id, person, times in conn.execute(query):
        out.setdefault(habit_id, {})[person] = tuple(x for x in times.split(",") if x)
    return out


def set_times(conn: Connection, habit_id: int, person: str, times: Iterable[str]) -> None:
    """Give `person` their own times for the habit (replacing any they had)."""
    o = t.own_times.c
    value = ",".join(sorted(set(times)))
    done = conn.execute(
        update(t.own_times).where(o.habit_id == habit_id, o.person == person).values(times=value)
    )
    if not done.rowcount:
        conn.execute(insert(t.own_times).values(habit_id=habit_id, person=person, times=value))


def clear(conn: Connection, habit_id: int, person: str) -> bool:
    """Back to the habit's times for `person`; False when they had none of their own."""
    o = t.own_times.c
    return bool(conn.execute(delete(t.own_times).where(o.habit_id == habit_id, o.person == person)).rowcount)


def habits_for(conn: Connection, person: str, *, include_archived: bool = False) -> list[Habit]:
    """The habits as `person` is reminded of them: each with that person's own times
    in place of the habit's where they set some."""
    from habits.core.own_times import times_for
    from habits.store.queries import habits

    found = habits(conn, include_archived=include_archived)
    overrides = load(conn)
    return [h._replace(reminders=times_for(h, person, overrides)) if h.id in overrides else h for h in found]


def insert_many(conn: Connection, rows: list[dict[str, object]]) -> None:
    if rows:
        conn.execute(insert(t.own_times), rows)
