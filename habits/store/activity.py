"""What the daemon knows of the partner's activity: their check-ins since it last
looked, and how far it has looked (meta "partner-seen:<person>": the largest check-in
id and the latest instant told of, and when it last looked)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from habits.store import queries
from habits.store import tables as t


class Activity(NamedTuple):
    """One check-in of the partner, with its habit."""

    id: int
    habit_id: int
    slug: str
    title: str
    day: date
    logged_at: datetime  # UTC


class Seen(NamedTuple):
    """How far the daemon has told: the largest check-in id and the latest logged_at
    among the check-ins told of (or passed over), and when it last looked (UTC). A
    check-in is new when either is exceeded: SQLite gives a re-logged check-in the id
    of one undone just before it, but never its instant."""

    last_id: int
    last_logged: datetime
    at: datetime


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _key(person: str) -> str:
    return queries.person_key("partner-seen", person)


def get_seen(conn: Connection, person: str) -> Seen | None:
    """How far `person`'s daemon has looked, or None (never, or an unreadable mark)."""
    try:
        item = json.loads(queries.get_meta(conn, _key(person)) or "null")
        logged = (
            datetime.fromisoformat(item["logged"]).astimezone(timezone.utc) if item.get("logged") else EPOCH
        )
        return Seen(int(item["id"]), logged, datetime.fromisoformat(item["at"]).astimezone(timezone.utc))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def set_seen(conn: Connection, person: str, seen: Seen) -> None:
    queries.set_meta(
        conn,
        _key(person),
        json.dumps(
            {
                "id": seen.last_id,
                "logged": seen.last_logged.astimezone(timezone.utc).isoformat(),
                "at": seen.at.astimezone(timezone.utc).isoformat(),
            }
        ),
    )


def _activity(conn: Connection, partner: str, *conditions: Any) -> list[Activity]:
    c, h = t.checkins.c, t.habits.c
    query = (
        select(c.id, c.habit_id, h.slug, h.title, c.day, c.logged_at)
        .join_from(t.checkins, t.habits, c.habit_id == h.id)
        .where(c.person == partner, *conditions)
        .order_by(c.logged_at, c.id)
    )
    return [
        Activity(r.id, r.habit_id, r.slug, r.title, r.day, r.logged_at.replace(tzinfo=timezone.utc))
        for r in conn.execute(query)
    ]


def checkins_after(conn: Connection, partner: str, seen: Seen) -> list[Activity]:
    """The partner's check-ins not told of yet: an id above the mark's, or an instant after it."""
    c = t.checkins.c
    return _activity(
        conn, partner, or_(c.id > seen.last_id, c.logged_at > queries.naive_utc(seen.last_logged))
    )


def baseline(conn: Connection, partner: str, before: datetime) -> tuple[int, datetime]:
    """The mark that passes over every check-in the partner logged before `before`."""
    c = t.checkins.c
    row = conn.execute(
        select(func.max(c.id), func.max(c.logged_at)).where(
            c.person == partner, c.logged_at < queries.naive_utc(before)
        )
    ).one()
    return int(row[0] or 0), (row[1].replace(tzinfo=timezone.utc) if row[1] is not None else EPOCH)
