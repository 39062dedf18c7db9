"""The couple's rituals: the weekly check-in and the answer to the day's question, and
reading them back sealed (a partner's text only once both of you have answered)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.engine import Connection

from habits.actions import Outcome
from habits.core.rituals import CHECKIN, QUESTION, Answer, Checkin, both_answered, visible


def week_of(day: date, week_start: int) -> date:
    """The first day of the week holding `day` (`week_start`: 0 Monday .. 6 Sunday)."""
    from habits.core.periods import period_start

    return period_start(day, "weekly", week_start)


def _save(
    conn: Connection,
    *,
    person: str,
    people: Sequence[str],
    kind: str,
    period: date,
    body: str,
    what: str,
    now: datetime,
) -> Outcome:
    from habits.errors import HabitsError
    from habits.store import answers

    given = answers.for_period(conn, kind, period)
    partners = [p for p in people if p and p != person]
    mine = any(a.person == person for a in given)
    if mine and partners and both_answered(given, people, kind, period):
        raise HabitsError(
            f"Your {what} is already revealed to {partners[0]}, who has answered too; it can no longer be changed."
        )
    answers.put(conn, person=person, kind=kind, period=period, body=body, now=now)
    given = answers.for_period(conn, kind, period)
    verb = "replaced" if mine else "saved"
    if not partners:
        return Outcome(True, f"Your {what} is {verb}.")
    if both_answered(given, people, kind, period):
        return Outcome(
            True, f"Your {what} is {verb}; {partners[0]} has answered too, so you both see both now."
        )
    return Outcome(True, f"Your {what} is {verb}; {partners[0]} will see it once they have answered too.")


def save_checkin(
    conn: Connection,
    checkin: Checkin,
    *,
    person: str,
    people: Sequence[str],
    week: date,
    today: date,
    week_start: int,
    now: datetime,
) -> Outcome:
    """Save `person`'s check-in for the week holding `week` (replacing theirs until the
    partner has answered too, then refused). A week not begun yet is refused."""
    from habits.core.rituals import encode_checkin
    from habits.errors import BadValue

    first = week_of(week, week_start)
    if first > today:
        raise BadValue(
            f"The week of {first.isoformat()} has not begun yet; check in for this week or an earlier one."
        )
    what = f"check-in for the week of {first.isoformat()}"
    body = encode_checkin(checkin)
    return _save(
        conn, person=person, people=people, kind=CHECKIN, period=first, body=body, what=what, now=now
    )


def answer_question(
    conn: Connection,
    text: str,
    *,
    person: str,
    people: Sequence[str],
    day: date,
    today: date,
    now: datetime,
) -> Outcome:
    """Save `person`'s answer to the question of `day` (not a future one); the same
    replacing rule as the check-in."""
    from habits.core.rituals import check_text
    from habits.errors import BadValue

    if day > today:
        raise BadValue(f"{day.isoformat()} is in the future; answer today's question or an earlier day's.")
    check_text(text, "answer")
    what = f"answer to the question of {day.isoformat()}"
    return _save(conn, person=person, people=people, kind=QUESTION, period=day, body=text, what=what, now=now)


def checkins(conn: Connection, *, viewer: str, people: Sequence[str], week: date) -> list[Answer]:
    """The check-ins of the week starting `week`, as `viewer` may see them."""
    from habits.store import answers

    return visible(answers.for_period(conn, CHECKIN, week), viewer, people)


def question_answers(conn: Connection, *, viewer: str, people: Sequence[str], day: date) -> list[Answer]:
    """The answers to the question of `day`, as `viewer` may see them."""
    from habits.store import answers

    return visible(answers.for_period(conn, QUESTION, day), viewer, people)


def answered_between(
    conn: Connection, kind: str, *, viewer: str, people: Sequence[str], first: date, last: date
) -> list[Answer]:
    """The answers of that kind for periods first..last, as `viewer` may see them."""
    from habits.store import answers

    return visible(answers.between(conn, kind, first, last), viewer, people)
