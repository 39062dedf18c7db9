"""The daemon's records: the reminder log (one row per habit, day, slot and person:
the record that makes "never twice" hold), snoozes, and the heartbeat (meta table)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import and_, insert, select, update
from sqlalchemy.engine import Connection

from habits.store import queries
from habits.store import tables as t

LOG = t.reminder_log


def aware(stored: datetime) -> datetime:
    return stored.replace(tzinfo=timezone.utc) if stored.tzinfo is None else stored


def logged_keys(conn: Connection, person: str, since_day: date) -> set[tuple[int, date, str]]:
    """(habit id, day, slot) of every row for this person from since_day on."""
    rows = conn.execute(
        select(LOG.c.habit_id, LOG.c.day, LOG.c.slot).where(LOG.c.person == person, LOG.c.day >= since_day)
    )
    return {(r.habit_id, r.day, r.slot) for r in rows}


def deferred(conn: Connection, person: str, *, due_by: datetime | None = None) -> list[dict[str, Any]]:
    """Deferred rows of this person (those due by `due_by`, if given)."""
    query = select(LOG).where(LOG.c.person == person, LOG.c.status == "deferred")
    if due_by is not None:
        query = query.where(LOG.c.due_at <= queries.naive_utc(due_by))
    return [dict(r._mapping, due_at=aware(r.due_at)) for r in conn.execute(query.order_by(LOG.c.due_at))]


def record(
    conn: Connection,
    *,
    habit_id: int,
    person: str,
    day: date,
    slot: str,
    due_at: datetime,
    status: str,
    reason: str,
    now: datetime,
) -> None:
    """Insert the row of (habit, day, slot, person), or update it (a deferred one)."""
    key = and_(LOG.c.habit_id == habit_id, LOG.c.person == person, LOG.c.day == day, LOG.c.slot == slot)
    values = {
        "due_at": queries.naive_utc(due_at),
        "status": status,
        "reason": reason,
        "updated_at": queries.naive_utc(now),
    }
    done = conn.execute(update(LOG).where(key).values(**values))
    if done.rowcount == 0:
        conn.execute(
            insert(LOG).values(
                habit_id=habit_id,
                person=person,
                day=day,
                slot=slot,
                created_at=queries.naive_utc(now),
                **values,
            )
        )


def set_status(
    conn: Connection,
    *,
    habit_id: int,
    person: str,
    day: date,
    slot: str,
    status: str,
    reason: str,
    now: datetime,
) -> None:
    conn.execute(
        update(LOG)
        .where(LOG.c.habit_id == habit_id, LOG.c.person == person, LOG.c.day == day, LOG.c.slot == slot)
        .values(status=status, reason=reason, updated_at=queries.naive_utc(now))
    )


def log_since(conn: Connection, since: datetime, person: str | None = None) -> list[dict[str, Any]]:
    """Rows touched since `since`, oldest first, with the habit's slug and title."""
    query = (
        select(LOG, t.habits.c.slug, t.habits.c.title)
        .join(t.habits, t.habits.c.id == LOG.c.habit_id)
        .where(LOG.c.updated_at >= queries.naive_utc(since))
        .order_by(LOG.c.due_at, t.habits.c.slug, LOG.c.slot)
    )
    if person is not None:
        query = query.where(LOG.c.person == person)
    out = []
    for row in conn.execute(query):
        item = dict(row._mapping)
        for key in ("due_at", "created_at", "updated_at"):
            item[key] = aware(item[key])
        out.append(item)
    return out


# -- snoozes -----------------------------------------------------------------


def add_snooze(conn: Connection, *, habit_id: int, person: str, due_at: datetime, now: datetime) -> None:
    conn.execute(
        insert(t.snoozes).values(
            habit_id=habit_id,
            person=person,
            due_at=queries.naive_utc(due_at),
            created_at=queries.naive_utc(now),
        )
    )


def snoozes_between(
    conn: Connection, person: str, since: datetime, until: datetime
) -> list[tuple[int, datetime]]:
    """(habit id, due) of this person's snoozes due in (since, until]."""
    s = t.snoozes.c
    rows = conn.execute(
        select(s.habit_id, s.due_at)
        .where(s.person == person, s.due_at > queries.naive_utc(since), s.due_at <= queries.naive_utc(until))
        .order_by(s.due_at)
    )
    return [(r.habit_id, aware(r.due_at)) for r in rows]


# -- heartbeat -----------------------------------------------------------------


def heartbeat_key(person: str) -> str:
    return queries.person_key("heartbeat", person)


def get_heartbeat(conn: Connection, person: str) -> datetime | None:
    value = queries.get_meta(conn, heartbeat_key(person))
    if not value:
        return None
    try:
        return aware(datetime.fromisoformat(value))
    except ValueError:
        return None


def set_heartbeat(conn: Connection, person: str, now: datetime) -> None:
    queries.set_meta(conn, heartbeat_key(person), now.astimezone(timezone.utc).isoformat())


def mark(
    conn: Connection,
    *,
    habit_id: int,
    person: str,
    day: date,
    slot: str,
    status: str,
    reason: str,
    now: datetime,
    only_from: tuple[str, ...] = ("sent", "sending"),
) -> bool:
    """What became of a sent nudge (done from it, snoozed, dismissed, closed): the row's
    new status, only if it is still one of `only_from`. True when the row changed."""
    done = conn.execute(
        update(LOG)
        .where(
            LOG.c.habit_id == habit_id,
            LOG.c.person == person,
            LOG.c.day == day,
            LOG.c.slot == slot,
            LOG.c.status.in_(only_from),
        )
        .values(status=status, reason=reason, updated_at=queries.naive_utc(now))
    )
    return done.rowcount > 0


def status_of(conn: Connection, *, habit_id: int, person: str, day: date, slot: str) -> str | None:
    return conn.execute(
        select(LOG.c.status).where(
            LOG.c.habit_id == habit_id, LOG.c.person == person, LOG.c.day == day, LOG.c.slot == slot
        )
    ).scalar()


# -- nudges on screen ------------------------------------------------------------
# The nudges with buttons that a daemon showed and that are not acted on yet, with
# the handle to close them (meta "nudges:<person>", a JSON list), so that the next
# daemon can close what a crashed or killed one left on screen.


def _nudges_key(person: str) -> str:
    return queries.person_key("nudges", person)


PARTNER_KEPT = 20  # partner nudges have no log row to say they were used: the latest are kept


def left_nudges(conn: Connection, person: str) -> list[dict[str, Any]]:
    """The remembered nudges whose row still says sent (or sending), and the latest
    partner nudges (kind "partner": they have no row; closing one already gone is harmless)."""
    try:
        items = json.loads(queries.get_meta(conn, _nudges_key(person)) or "[]")
    except ValueError:
        return []
    out: list[dict[str, Any]] = []
    partner: list[dict[str, Any]] = []
    for item in items if isinstance(items, list) else []:
        try:
            habit_id, day, slot = int(item["habit_id"]), date.fromisoformat(item["day"]), str(item["slot"])
            kind = str(item.get("kind", "reminder"))
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
        key: dict[str, Any] = {"habit_id": habit_id, "person": person, "day": day, "slot": slot, "kind": kind}
        if kind == "partner":
            partner.append({**key, "handle": str(item.get("handle", ""))})
        elif status_of(conn, habit_id=habit_id, person=person, day=day, slot=slot) in ("sent", "sending"):
            out.append({**key, "handle": str(item.get("handle", ""))})
    return out + partner[-PARTNER_KEPT:]


def remember_nudge(
    conn: Connection, *, person: str, handle: str, habit_id: int, day: date, slot: str, kind: str = "reminder"
) -> None:
    """Add a nudge on screen (and drop the remembered ones acted on since)."""
    items = [
        {
            "habit_id": n["habit_id"],
            "day": n["day"].isoformat(),
            "slot": n["slot"],
            "handle": n["handle"],
            "kind": n["kind"],
        }
        for n in left_nudges(conn, person)
    ]
    items.append({"habit_id": habit_id, "day": day.isoformat(), "slot": slot, "handle": handle, "kind": kind})
    queries.set_meta(conn, _nudges_key(person), json.dumps(items))


def forget_nudges(conn: Connection, person: str) -> None:
    queries.set_meta(conn, _nudges_key(person), "[]")
