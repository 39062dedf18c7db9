"""Use cases that change the store, shared by the command line and the daemon
(the notification's "Done" goes through `log_done`, exactly as `habits done`). The
partner's use cases (thanks, own reminder times) are in `actions.partner`, the status
for bars and prompts in `actions.status`."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import NamedTuple

from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.store import queries


class Outcome(NamedTuple):
    changed: bool
    message: str
    logged: bool = False  # a new check-in (not only a note added to one)


def log_done(
    conn: Connection,
    habit: Habit,
    *,
    day: date,
    person: str,
    now: datetime,
    note: str | None = None,
    place: str | None = None,
    amount: int | None = None,
    week_start: int = 0,
) -> Outcome:
    """Log a check-in (a measured habit: an amount, in thousandths, that adds to the day's);
    on a day already full, a note is added to the latest check-in."""
    from habits.errors import BadValue

    if habit.measured and amount is None:
        raise BadValue(
            f"{habit.title} is measured in {habit.measure}; give the amount, "
            f"e.g. `habits done {habit.slug} 20` (0 logs an entered zero)."
        )
    if not habit.measured and amount is not None:
        raise BadValue(
            f"{habit.title} is a yes/no habit and takes no amount; log it with `habits done {habit.slug}`."
        )
    added = queries.add_checkin(
        conn, habit, day=day, person=person, now=now, note=note, place=place, amount=amount
    )
    if added:
        if amount is not None:
            return Outcome(True, _amount_message(conn, habit, day, person, amount, week_start), logged=True)
        return Outcome(True, f"Logged {habit.title} for {day.isoformat()} ({person}).", logged=True)
    limit = habit.per_day_limit
    if habit.measured:
        already = f"already logged {limit} amounts"
    else:
        already = "already logged" if limit == 1 else f"already logged {limit} times"
    said = f"{habit.title} is {already} for {day.isoformat()} by {person}"
    noted = add_note(conn, habit, day=day, person=person, note=note) if note is not None else None
    if noted is None:
        return Outcome(False, f"{said}; nothing added.")
    if noted.changed:
        return Outcome(True, f"{said}; added the note to that check-in.")
    return Outcome(False, f"{said} and that check-in already has this note; nothing added.")


def _amount_message(
    conn: Connection, habit: Habit, day: date, person: str, amount: int, week_start: int
) -> str:
    """ "Logged 25 minutes of Talk for 2026-03-11 (Alex): 25/20 minutes today." """
    from habits.core.cadence import period_noun, period_of, total_text
    from habits.core.habit import format_amount

    first, last = period_of(habit, day, week_start)
    total = queries.period_total(
        conn, habit, first=first, last=last, person=person if habit.who == "each" else None
    )
    said = total_text(habit, total, when=f"that {period_noun(habit)}")
    return (
        f"Logged {format_amount(amount)} {habit.measure} of {habit.title} for {day.isoformat()} "
        f"({person}): {said}."
    )


def add_note(conn: Connection, habit: Habit, *, day: date, person: str, note: str) -> Outcome | None:
    """Add `note` to that person's check-in of the day (after "; " when it has one, once
    only); None when there is no check-in to add it to. A note without text is refused."""
    from habits.core.notes import check_note, join_note
    from habits.store import notes

    check_note(note)
    found = notes.latest_checkin(conn, habit, day=day, person=person)
    if found is None:
        return None
    checkin_id, existing = found
    joined = join_note(existing, note)
    whose = f"{person}'s check-in of {habit.title} on {day.isoformat()}"
    if joined is None:
        return Outcome(False, f"{whose} already has this note; nothing changed.")
    notes.set_note(conn, checkin_id, joined)
    return Outcome(True, f"Added the note to {whose}.")


def undo_done(conn: Connection, habit: Habit, *, day: date, person: str) -> Outcome:
    """Remove that person's latest check-in of the day (a measured habit: the day's last amount)."""
    removed = queries.remove_checkin(conn, habit, day=day, person=person)
    if removed is not None:
        if habit.measured:
            from habits.core.habit import format_amount

            left = queries.period_total(conn, habit, first=day, last=day, person=person)
            return Outcome(
                True,
                f"Removed {person}'s last amount of {habit.title} for {day.isoformat()} "
                f"({format_amount(removed.amount or 0)} {habit.measure}); "
                f"{format_amount(left)} {habit.measure} left that day.",
            )
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
    planned by habits.daemon.engine.Reminders.snooze (quiet hours, the period's end), shared by
    `habits snooze` and the notification's Snooze button. Returns `due` (UTC, whole seconds)."""
    from habits.store import reminder_log

    assert habit.id is not None
    due = due.astimezone(timezone.utc).replace(microsecond=0)
    reminder_log.add_snooze(conn, habit_id=habit.id, person=person, due_at=due, now=now)
    return due
