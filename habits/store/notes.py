"""The note of a check-in, changed without touching the day, person or habit (so the
streak cache's triggers, which watch those, leave the cache alone)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.store import tables as t


def latest_checkin(
    conn: Connection, habit: Habit, *, day: date, person: str
) -> tuple[int, str | None] | None:
    """(id, note) of that person's latest check-in of the day (the highest of a
    `--times N` habit's), or None when there is none."""
    c = t.checkins.c
    row = conn.execute(
        select(c.id, c.note)
        .where(c.habit_id == habit.id, c.day == day, c.person == person)
        .order_by(c.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else (row.id, row.note)


def set_note(conn: Connection, checkin_id: int, note: str) -> None:
    conn.execute(update(t.checkins).where(t.checkins.c.id == checkin_id).values(note=note))
