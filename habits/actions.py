"""Use cases that change the store, shared by the command line and the daemon
(the notification's "Done" goes through `log_done`, exactly as `habits done`)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.store import queries

if TYPE_CHECKING:
    from habits.store.thanks import Thank


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


def thank(
    conn: Connection,
    *,
    by: str,
    partner: str | None,
    habit: Habit | None = None,
    note: str | None = None,
    today: date,
    now: datetime,
) -> Outcome:
    """Thank `partner` for their latest check-in (of `habit`, or of any habit) up to
    today. Thanking the same check-in again adds nothing. Refused (HabitsError) when
    no partner is set or the partner has no such check-in."""
    from habits.errors import HabitsError
    from habits.store import thanks

    if not partner:
        raise HabitsError("There is no partner to thank: set couple.partner in the config first.")
    if note is not None:
        from habits.core.notes import check_note

        check_note(note)
    checkin = thanks.latest_checkin(conn, partner, habit_id=habit.id if habit else None, until=today)
    if checkin is None:
        what = habit.title if habit else "any habit"
        raise HabitsError(f"{partner} has not logged {what} yet, so there is nothing to thank them for.")
    on = checkin.day.isoformat()
    if thanks.find(conn, from_person=by, checkin=checkin) is not None:
        return Outcome(False, f"You already thanked {partner} for {checkin.title} on {on}; nothing added.")
    thanks.add(conn, from_person=by, checkin=checkin, thanked_on=today, note=note, now=now)
    return Outcome(True, f"Thanked {partner} for {checkin.title} on {on}.", logged=True)


def thanks_for(conn: Connection, person: str, day: date) -> list[Thank]:
    """The thank-yous `person` was given on that habit-day (what their board shows)."""
    from habits.store import thanks

    return thanks.given_to(conn, person, on=day)


def unread_thanks(conn: Connection, person: str) -> list[Thank]:
    """The thank-yous `person` has not been told of yet."""
    from habits.store import thanks

    return thanks.unread(conn, person)


def mark_thanks_read(conn: Connection, person: str, upto: datetime, *, now: datetime | None = None) -> int:
    """Mark `person`'s thank-yous logged up to `upto` as told; returns how many."""
    from habits.store import thanks

    return thanks.mark_read(conn, person, upto=upto, now=now or upto)


def set_own_times(conn: Connection, habit: Habit, *, person: str, times: list[str]) -> Outcome:
    """Give `person` their own reminder times for `habit` (the habit's stay for the other)."""
    from habits.store import own_times

    assert habit.id is not None
    own_times.set_times(conn, habit.id, person, times)
    shown = ", ".join(sorted(set(times)))
    return Outcome(True, f"{person} is reminded of {habit.title} at {shown}.")


def clear_own_times(conn: Connection, habit: Habit, *, person: str) -> Outcome:
    """Back to the habit's reminder times for `person`."""
    from habits.store import own_times

    assert habit.id is not None
    if own_times.clear(conn, habit.id, person):
        return Outcome(True, f"{person} is reminded of {habit.title} at the habit's times again.")
    return Outcome(False, f"{person} has no reminder times of their own for {habit.title}; nothing changed.")
