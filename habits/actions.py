"""Use cases that change the store, shared by the command line and the daemon
(the notification's "Done" goes through `log_done`, exactly as `habits done`)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import NamedTuple

from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.store import queries


class Outcome(NamedTuple):
    changed: bool
    message: str


def log_done(
    conn: Connection,
    habit: Habit,
    *,
    day: date,
    person: str,
    now: datetime,
    note: str | None = None,
    place: str | None = None,
) -> Outcome:
    added = queries.add_checkin(conn, habit, day=day, person=person, now=now, note=note, place=place)
    if added:
        return Outcome(True, f"Logged {habit.title} for {day.isoformat()} ({person}).")
    limit = habit.per_day_limit
    already = "already logged" if limit == 1 else f"already logged {limit} times"
    return Outcome(False, f"{habit.title} is {already} for {day.isoformat()} by {person}; nothing added.")


def undo_done(conn: Connection, habit: Habit, *, day: date, person: str) -> Outcome:
    if queries.remove_checkin(conn, habit, day=day, person=person):
        return Outcome(True, f"Removed {person}'s check-in of {habit.title} for {day.isoformat()}.")
    return Outcome(False, f"Nothing to undo: {person} has no check-in of {habit.title} on {day.isoformat()}.")


def skip_day(
    conn: Connection, habit: Habit, *, day: date, person: str, reason: str | None, now: datetime
) -> Outcome:
    who = f"for {person}" if person else "for everyone"
    if queries.add_skip(conn, habit, day=day, person=person, reason=reason, now=now):
        return Outcome(True, f"Excused {habit.title} on {day.isoformat()} {who}; streaks pass over it.")
    return Outcome(False, f"{habit.title} is already excused on {day.isoformat()} {who}; nothing changed.")


def unskip_day(conn: Connection, habit: Habit, *, day: date, person: str) -> Outcome:
    who = f"for {person}" if person else "for everyone"
    if queries.remove_skip(conn, habit, day=day, person=person):
        return Outcome(True, f"{habit.title} on {day.isoformat()} is no longer excused {who}.")
    return Outcome(False, f"Nothing to unskip: {habit.title} is not excused on {day.isoformat()} {who}.")


def snooze(conn: Connection, habit: Habit, *, person: str, now: datetime, due: datetime) -> datetime:
    """Remind `person` of `habit` again at `due`: a reminder time of its own (a snooze
    row), so it fires once even after the regular reminder was sent. When it is due is
    planned by habits.remind.Reminders.snooze (quiet hours, the period's end), shared by
    `habits snooze` and the notification's Snooze button. Returns `due` (UTC, whole seconds)."""
    from habits.store import reminders

    assert habit.id is not None
    due = due.astimezone(timezone.utc).replace(microsecond=0)
    reminders.add_snooze(conn, habit_id=habit.id, person=person, due_at=due, now=now)
    return due
