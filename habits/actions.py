"""Use cases that change the store, shared by the command line and the daemon
(the notification's "Done" goes through `log_done`, exactly as `habits done`), and the
status for bars and prompts that both write after a change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.store import queries

if TYPE_CHECKING:
    from habits.store.db import Store


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
) -> Outcome:
    """Log a check-in; on a day already full, a note is added to the latest check-in."""
    added = queries.add_checkin(conn, habit, day=day, person=person, now=now, note=note, place=place)
    if added:
        return Outcome(True, f"Logged {habit.title} for {day.isoformat()} ({person}).", logged=True)
    limit = habit.per_day_limit
    already = "already logged" if limit == 1 else f"already logged {limit} times"
    said = f"{habit.title} is {already} for {day.isoformat()} by {person}"
    noted = add_note(conn, habit, day=day, person=person, note=note) if note is not None else None
    if noted is None:
        return Outcome(False, f"{said}; nothing added.")
    if noted.changed:
        return Outcome(True, f"{said}; added the note to that check-in.")
    return Outcome(False, f"{said} and that check-in already has this note; nothing added.")


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
    planned by habits.daemon.engine.Reminders.snooze (quiet hours, the period's end), shared by
    `habits snooze` and the notification's Snooze button. Returns `due` (UTC, whole seconds)."""
    from habits.store import reminder_log

    assert habit.id is not None
    due = due.astimezone(timezone.utc).replace(microsecond=0)
    reminder_log.add_snooze(conn, habit_id=habit.id, person=person, due_at=due, now=now)
    return due


# -- the status for bars and prompts (written by commands that change the store and by the daemon)


def status_payload(
    conn: Connection, *, day: date, me: str, partner: str | None, people: Sequence[str], week_start: int,
    store: str, now: datetime,
) -> dict[str, Any]:
    """The status as of now: each active habit's state for `me` (my part of a habit each
    of us does), from the board's figures, and my unread thanks."""
    from habits.core.status import HabitLine, build
    from habits.reports import board, load_checkpoints

    habits = queries.habits(conn)
    rows = board(conn, habits, as_of=day, week_start=week_start, people=people,
                 checkpoints=load_checkpoints(conn, habits))
    lines = []
    for r in rows:
        mine = r.people.get(me, r.stats) if r.habit.who == "each" else r.stats
        lines.append(HabitLine(r.habit.slug, r.habit.title, mine.done_this_period, tuple(r.done_today_by),
                               mine.at_risk, mine.current, mine.excused_this_period))
    return build(day=day, me=me, partner=partner, store=store, written_at=now, habits=lines,
                 thanks=unread_thanks(conn, me, day))


def unread_thanks(conn: Connection, person: str, day: date) -> list[dict[str, Any]]:
    """The thank-yous `person` has not seen yet, each {"from", "habit", "note"}: none
    until thanks are stored."""
    return []


def publish_status(
    store: Store, *, path: Path, store_id: str, day: date, me: str, partner: str | None,
    people: Sequence[str], week_start: int, now: datetime, on_change: Sequence[str] = (),
    report: Callable[[str], None] | None = None,
) -> None:
    """Compute the status and write it (then status.on_change). Never raises: a store
    or file trouble goes to `report` in one line; bars then compute it themselves."""
    from habits.io.status_file import write_status

    try:
        with store.read() as conn:
            payload = status_payload(conn, day=day, me=me, partner=partner, people=people,
                                     week_start=week_start, store=store_id, now=now)
    except Exception as exc:  # noqa: BLE001 - the status never fails what the user did
        if report is not None:
            report(f"status not computed: {type(exc).__name__}: {exc}")
        return
    write_status(path, payload, on_change=on_change, report=report)
