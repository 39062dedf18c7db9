"""Skips and days apart as a log: what `habits log` and `habits show` list beside check-ins."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from habits.store import tables as t


def skip_log(
    conn: Connection, *, habit_id: int | None = None, since: date | None = None, newest: int | None = None
) -> list[dict[str, Any]]:
    """Skips with their habit's slug, oldest first (with `newest`: only that many of the latest)."""
    s = t.skips.c
    query = select(t.habits.c.slug, s.day, s.person, s.reason, s.created_at).join(
        t.habits, t.habits.c.id == s.habit_id
    )
    if habit_id is not None:
        query = query.where(s.habit_id == habit_id)
    if since is not None:
        query = query.where(s.day >= since)
    if newest is not None:
        query = query.order_by(s.day.desc(), s.person.desc()).limit(newest)
        return [dict(row._mapping) for row in reversed(conn.execute(query).all())]
    return [dict(row._mapping) for row in conn.execute(query.order_by(s.day, t.habits.c.slug, s.person))]


def away_log(conn: Connection, *, since: date | None = None) -> list[dict[str, Any]]:
    """Days apart that reach `since` or later, by start."""
    a = t.away.c
    query = select(a.start, a.end, a.note, a.created_at).order_by(a.start, a.end)
    if since is not None:
        query = query.where(a.end >= since)
    return [dict(row._mapping) for row in conn.execute(query)]
