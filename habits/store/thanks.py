"""Thank-yous between partners: who thanked whom for which check-in, when, and
whether the thanked person has been told."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import and_, insert, select, update
from sqlalchemy.engine import Connection, Row

from habits.store import tables as t
from habits.store.queries import naive_utc


class Thank(NamedTuple):
    """One thank-you, with the habit it is for (logged_at and read_at naive UTC)."""

    id: int
    from_person: str
    to_person: str
    slug: str
    title: str
    day: date  # the thanked check-in's day
    thanked_on: date  # the habit-day it was given
    note: str | None
    logged_at: datetime
    read_at: datetime | None


class Checkin(NamedTuple):
    """A check-in a thank-you can be for."""

    habit_id: int
    slug: str
    title: str
    person: str
    day: date


def _select() -> Any:
    th, h = t.thanks.c, t.habits.c
    return (
        select(
            th.id,
            th.from_person,
            th.to_person,
            h.slug,
            h.title,
            th.day,
            th.thanked_on,
            th.note,
            th.logged_at,
            th.read_at,
        )
        .join_from(t.thanks, t.habits, th.habit_id == h.id)
        .order_by(th.logged_at, th.id)
    )


def _thank(row: Row[Any]) -> Thank:
    return Thank._make(row)


def latest_checkin(conn: Connection, person: str, *, habit_id: int | None, until: date) -> Checkin | None:
    """That person's latest check-in on or before `until` (of one habit, or of any)."""
    c, h = t.checkins.c, t.habits.c
    query = (
        select(c.habit_id, h.slug, h.title, c.person, c.day)
        .join_from(t.checkins, t.habits, c.habit_id == h.id)
        .where(c.person == person, c.day <= until)
        .order_by(c.day.desc(), c.logged_at.desc(), c.id.desc())
        .limit(1)
    )
    if habit_id is not None:
        query = query.where(c.habit_id == habit_id)
    row = conn.execute(query).first()
    return None if row is None else Checkin._make(row)


def find(conn: Connection, *, from_person: str, checkin: Checkin) -> Thank | None:
    th = t.thanks.c
    row = conn.execute(
        _select()
        .where(
            th.from_person == from_person,
            th.to_person == checkin.person,
            th.habit_id == checkin.habit_id,
            th.day == checkin.day,
        )
        .limit(1)
    ).first()
    return None if row is None else _thank(row)


def add(
    conn: Connection, *, from_person: str, checkin: Checkin, thanked_on: date, note: str | None, now: datetime
) -> int:
    result = conn.execute(
        insert(t.thanks).values(
            from_person=from_person,
            to_person=checkin.person,
            habit_id=checkin.habit_id,
            day=checkin.day,
            thanked_on=thanked_on,
            note=note,
            logged_at=naive_utc(now),
            read_at=None,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def given_to(conn: Connection, person: str, *, on: date) -> list[Thank]:
    """The thank-yous `person` was given on that habit-day, oldest first."""
    th = t.thanks.c
    return [_thank(r) for r in conn.execute(_select().where(th.to_person == person, th.thanked_on == on))]


def unread(conn: Connection, person: str) -> list[Thank]:
    """The thank-yous `person` has not been told of yet, oldest first."""
    th = t.thanks.c
    return [_thank(r) for r in conn.execute(_select().where(th.to_person == person, th.read_at.is_(None)))]


def mark_read(conn: Connection, person: str, *, upto: datetime, now: datetime) -> int:
    """Mark `person`'s unread thank-yous logged at or before `upto` as told (at `now`);
    returns how many."""
    th = t.thanks.c
    result = conn.execute(
        update(t.thanks)
        .where(and_(th.to_person == person, th.read_at.is_(None), th.logged_at <= naive_utc(upto)))
        .values(read_at=naive_utc(now))
    )
    return int(result.rowcount)


def all_thanks(conn: Connection) -> list[Thank]:
    """Every thank-you, oldest first (the export's order)."""
    return [_thank(r) for r in conn.execute(_select())]


def keys(conn: Connection) -> set[tuple[str, str, int, date, datetime]]:
    """What makes a thank-you the same one: from, to, habit, day and when it was given."""
    th = t.thanks.c
    query = select(th.from_person, th.to_person, th.habit_id, th.day, th.logged_at)
    return {(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(query)}


def insert_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.thanks), rows)
