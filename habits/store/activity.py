"""What the daemon knows of the partner's activity: their check-ins since it last
looked, and how far it has looked (meta "partner-seen:<person>": the largest check-in
id told of, and when it last looked)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import NamedTuple

from sqlalchemy import select
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
    last_id: int  # the largest check-in id already told of (or passed over)
    at: datetime  # when the daemon last looked (UTC)


def _key(person: str) -> str:
    return f"partner-seen:{person}"


def get_seen(conn: Connection, person: str) -> Seen | None:
    """How far `person`'s daemon has looked, or None (never, or an unreadable mark)."""
    try:
        item = json.loads(queries.get_meta(conn, _key(person)) or "null")
        return Seen(int(item["id"]), datetime.fromisoformat(item["at"]).astimezone(timezone.utc))
    except (KeyError, TypeError, ValueError):
        return None


def set_seen(conn: Connection, person: str, last_id: int, at: datetime) -> None:
    queries.set_meta(conn, _key(person), json.dumps({"id": last_id, "at": at.astimezone(timezone.utc).isoformat()}))


def checkins_after(conn: Connection, partner: str, *, after_id: int, since: datetime | None) -> list[Activity]:
    """The partner's check-ins with an id above `after_id` (logged at or after `since`,
    when given), oldest first."""
    c, h = t.checkins.c, t.habits.c
    query = (
        select(c.id, c.habit_id, h.slug, h.title, c.day, c.logged_at)
        .join_from(t.checkins, t.habits, c.habit_id == h.id)
        .where(c.person == partner, c.id > after_id)
        .order_by(c.id)
    )
    if since is not None:
        query = query.where(c.logged_at >= queries.naive_utc(since))
    return [Activity(r.id, r.habit_id, r.slug, r.title, r.day, r.logged_at.replace(tzinfo=timezone.utc))
            for r in conn.execute(query)]


def last_checkin_id(conn: Connection, partner: str) -> int:
    """The partner's largest check-in id (0 when none)."""
    from sqlalchemy import func

    c = t.checkins.c
    return int(conn.execute(select(func.max(c.id)).where(c.person == partner)).scalar() or 0)
