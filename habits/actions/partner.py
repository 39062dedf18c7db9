"""The two of you: thank-yous for each other's check-ins, and reminder times of
one's own on a shared habit."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from habits.actions import Outcome
from habits.core.habit import Habit

if TYPE_CHECKING:
    from habits.store.thanks import Thank


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
