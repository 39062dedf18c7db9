"""Queries over the tables. Plain functions taking a connection; rows come back
as plain data (habits.core.habit.Habit, dicts of day -> count)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from habits.core.habit import Habit
from habits.core.haunts import place_key, place_name
from habits.store import tables as t
from habits.store.history import day_counts  # noqa: F401 - part of this module's interface


def _habit(row: Row[Any]) -> Habit:
    return Habit(
        id=row.id,
        slug=row.slug,
        title=row.title,
        cadence=row.cadence,
        target=row.target,
        who=row.who,
        reminders=tuple(x for x in row.reminders.split(",") if x),
        days=tuple(x for x in row.days.split(",") if x),
        why=row.why,
        archived=bool(row.archived),
        created_on=row.created_on,
        position=row.position,
        every=row.every,
        measure=row.measure,
        measure_kind=row.measure_kind,
        measure_target=row.measure_target,
    )


def habit_values(spec: Mapping[str, Any]) -> dict[str, Any]:
    """Column values from a habit spec (a Habit's fields, lists allowed)."""
    out: dict[str, Any] = {}
    for key in (
        "slug",
        "title",
        "cadence",
        "target",
        "who",
        "why",
        "archived",
        "every",
        "measure",
        "measure_kind",
        "measure_target",
    ):
        if key in spec:
            out[key] = spec[key]
    if "reminders" in spec:
        out["reminders"] = ",".join(sorted(spec["reminders"]))
    if "days" in spec:
        out["days"] = ",".join(spec["days"])
    return out


def max_position(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(t.habits.c.position), 0))).scalar_one())


def insert_habit(conn: Connection, spec: Mapping[str, Any], *, now: datetime, today: date) -> int:
    position = max_position(conn)
    values = {
        "target": 1,
        "who": "together",
        "reminders": "",
        "days": "",
        "why": "",
        "archived": False,
        "every": 0,
        "measure": "",
        "measure_kind": "",
        "measure_target": 0,
    }
    values.update(habit_values(spec))
    values.update(position=position + 1, created_at=naive_utc(now))
    values["created_on"] = spec.get("created_on") or today
    key = conn.execute(insert(t.habits).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def update_habit(conn: Connection, habit_id: int, spec: Mapping[str, Any]) -> None:
    values = habit_values(spec)
    if values:
        conn.execute(update(t.habits).where(t.habits.c.id == habit_id).values(**values))


def delete_habit(conn: Connection, habit_id: int) -> None:
    conn.execute(delete(t.habits).where(t.habits.c.id == habit_id))


def habits(conn: Connection, *, include_archived: bool = False) -> list[Habit]:
    query = select(t.habits).order_by(t.habits.c.position, t.habits.c.slug)
    if not include_archived:
        query = query.where(t.habits.c.archived.is_(False))
    return [_habit(row) for row in conn.execute(query)]


def habit_by_slug(conn: Connection, slug: str) -> Habit | None:
    row = conn.execute(select(t.habits).where(t.habits.c.slug == slug)).first()
    return _habit(row) if row else None


# -- check-ins -------------------------------------------------------------


def add_checkin(
    conn: Connection,
    habit: Habit,
    *,
    day: date,
    person: str,
    now: datetime,
    note: str | None = None,
    place: str | None = None,
    amount: int | None = None,
) -> bool:
    """Log one check-in (with `amount`, thousandths of a measured habit's unit); False
    when the day already holds as many as allowed."""
    assert habit.id is not None
    taken = (
        conn.execute(
            select(t.checkins.c.seq).where(
                t.checkins.c.habit_id == habit.id, t.checkins.c.day == day, t.checkins.c.person == person
            )
        )
        .scalars()
        .all()
    )
    free = sorted(set(range(habit.per_day_limit)) - set(taken))
    if not free:
        return False
    conn.execute(
        insert(t.checkins).values(
            habit_id=habit.id,
            day=day,
            person=person,
            seq=free[0],
            note=note,
            place=place,
            logged_at=naive_utc(now),
            amount=amount,
        )
    )
    return True


class Removed(NamedTuple):
    amount: int | None  # the removed check-in's amount (None for a yes/no one)


def remove_checkin(conn: Connection, habit: Habit, *, day: date, person: str) -> Removed | None:
    """Remove the latest check-in of that person on that day (None: there was none)."""
    row = conn.execute(
        select(t.checkins.c.id, t.checkins.c.amount)
        .where(t.checkins.c.habit_id == habit.id, t.checkins.c.day == day, t.checkins.c.person == person)
        .order_by(t.checkins.c.seq.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    conn.execute(delete(t.checkins).where(t.checkins.c.id == row.id))
    return Removed(row.amount)


def period_total(
    conn: Connection, habit: Habit, *, first: date, last: date, person: str | None = None
) -> int:
    """A measured habit's total (thousandths) from first to last, of one person or everyone."""
    c = t.checkins.c
    query = select(func.coalesce(func.sum(c.amount), 0)).where(
        c.habit_id == habit.id, c.day >= first, c.day <= last
    )
    if person is not None:
        query = query.where(c.person == person)
    return int(conn.execute(query).scalar_one())


def checkin_log(
    conn: Connection, *, habit_id: int | None = None, since: date | None = None, until: date | None = None
) -> list[dict[str, Any]]:
    c = t.checkins.c
    query = select(
        t.habits.c.slug, c.day, c.person, c.note, c.place, c.logged_at, c.amount, t.habits.c.measure
    ).join(t.habits, t.habits.c.id == c.habit_id)
    if habit_id is not None:
        query = query.where(c.habit_id == habit_id)
    if since is not None:
        query = query.where(c.day >= since)
    if until is not None:
        query = query.where(c.day <= until)
    query = query.order_by(c.day, c.logged_at, t.habits.c.slug, c.person, c.seq)
    return [dict(row._mapping) for row in conn.execute(query)]


def checkin_count(conn: Connection, habit_id: int) -> int:
    return conn.execute(select(func.count()).where(t.checkins.c.habit_id == habit_id)).scalar_one()


def done_by(conn: Connection, habit_id: int, first: date, last: date) -> dict[str, int]:
    """person -> check-ins between first and last (inclusive)."""
    c = t.checkins.c
    rows = conn.execute(
        select(c.person, func.count())
        .where(c.habit_id == habit_id, c.day >= first, c.day <= last)
        .group_by(c.person)
    )
    return dict(rows)


# -- skips and days apart ---------------------------------------------------


def add_skip(
    conn: Connection, habit: Habit, *, day: date, person: str, reason: str | None, now: datetime
) -> bool:
    exists = conn.execute(
        select(t.skips.c.id).where(
            t.skips.c.habit_id == habit.id, t.skips.c.day == day, t.skips.c.person == person
        )
    ).first()
    if exists:
        return False
    conn.execute(
        insert(t.skips).values(
            habit_id=habit.id, day=day, person=person, reason=reason, created_at=naive_utc(now)
        )
    )
    return True


def remove_skip(conn: Connection, habit: Habit, *, day: date, person: str) -> bool:
    result = conn.execute(
        delete(t.skips).where(
            t.skips.c.habit_id == habit.id, t.skips.c.day == day, t.skips.c.person == person
        )
    )
    return result.rowcount > 0


def skipped_days(
    conn: Connection, habit_ids: Iterable[int], *, since: date | None = None
) -> dict[int, dict[str, set[date]]]:
    """habit id -> person ("" = everyone) -> skipped days."""
    ids = list(habit_ids)
    out: dict[int, dict[str, set[date]]] = {i: {} for i in ids}
    if not ids:
        return out
    query = select(t.skips.c.habit_id, t.skips.c.person, t.skips.c.day).where(t.skips.c.habit_id.in_(ids))
    if since is not None:
        query = query.where(t.skips.c.day >= since)
    for habit_id, person, day in conn.execute(query):
        out[habit_id].setdefault(person, set()).add(day)
    return out


def away_ranges(conn: Connection, *, since: date | None = None) -> list[tuple[date, date]]:
    query = select(t.away.c.start, t.away.c.end).order_by(t.away.c.start)
    if since is not None:
        query = query.where(t.away.c.end >= since)
    return [(row.start, row.end) for row in conn.execute(query)]


# -- meta ------------------------------------------------------------------


# The meta rows that belong to one person ("<prefix>:<name>"): renamed with the person.
PERSON_META = ("heartbeat", "nudges", "partner-seen", "rituals-told", "daemon")


def person_key(prefix: str, person: str) -> str:
    """The meta key of one person's row. The key column holds 100 characters: a name
    too long for it is replaced by a digest of itself."""
    key = f"{prefix}:{person}"
    if len(key) <= 100:
        return key
    import hashlib

    return f"{prefix}:#{hashlib.sha256(person.encode('utf-8')).hexdigest()[:40]}"


def get_meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(t.meta.c.value).where(t.meta.c.key == key)).scalar_one_or_none()


def set_meta(conn: Connection, key: str, value: str) -> None:
    done = conn.execute(update(t.meta).where(t.meta.c.key == key).values(value=value))
    if done.rowcount == 0:
        conn.execute(insert(t.meta).values(key=key, value=value))


def naive_utc(instant: datetime) -> datetime:
    """Aware instants are stored as naive UTC."""
    from datetime import timezone

    if instant.tzinfo is None:
        return instant
    return instant.astimezone(timezone.utc).replace(tzinfo=None)


def add_away(
    conn: Connection, *, start: date, end: date, note: str | None, now: datetime
) -> tuple[date, date, bool]:
    """Add days apart, merged with every range it overlaps or touches into one range
    (their notes joined with "; "). Returns that range and whether anything changed."""
    from datetime import timedelta

    c = t.away.c
    after = end + timedelta(days=1) if end < date.max else end
    touching = conn.execute(
        select(c.id, c.start, c.end, c.note, c.created_at)
        .where(c.start <= after, c.end >= start - timedelta(days=1))
        .order_by(c.start, c.end)
    ).all()
    first = min([start, *(r.start for r in touching)])
    last = max([end, *(r.end for r in touching)])
    notes: list[str] = []
    for text in [*(r.note for r in touching), note]:
        notes += [part for part in (text or "").split("; ") if part.strip() and part not in notes]
    joined = "; ".join(notes) or None
    if len(touching) == 1 and (touching[0].start, touching[0].end, touching[0].note) == (first, last, joined):
        return first, last, False
    if touching:
        conn.execute(delete(t.away).where(c.id.in_([r.id for r in touching])))
    created = min([naive_utc(now), *(r.created_at for r in touching)])
    conn.execute(insert(t.away).values(start=first, end=last, note=joined, created_at=created))
    return first, last, True


def remove_away(conn: Connection, *, start: date, end: date) -> bool:
    result = conn.execute(delete(t.away).where(t.away.c.start == start, t.away.c.end == end))
    return result.rowcount > 0


def away_list(conn: Connection) -> list[dict[str, Any]]:
    query = select(t.away.c.start, t.away.c.end, t.away.c.note).order_by(t.away.c.start, t.away.c.end)
    return [dict(row._mapping) for row in conn.execute(query)]


# -- haunts ----------------------------------------------------------------


def haunt_key(name: str) -> str:
    return place_key(name)


def find_haunt(conn: Connection, name: str) -> str | None:
    """The stored spelling of a haunt, matched case-insensitively."""
    return conn.execute(
        select(t.haunts.c.name).where(t.haunts.c.name_key == haunt_key(name))
    ).scalar_one_or_none()


def add_haunt(conn: Connection, name: str, *, now: datetime) -> bool:
    if find_haunt(conn, name) is not None:
        return False
    clean = place_name(name)
    conn.execute(insert(t.haunts).values(name=clean, name_key=haunt_key(clean), created_at=naive_utc(now)))
    return True


def remove_haunt(conn: Connection, name: str) -> bool:
    result = conn.execute(delete(t.haunts).where(t.haunts.c.name_key == haunt_key(name)))
    return result.rowcount > 0


def haunt_visits(conn: Connection) -> list[tuple[str, date | None]]:
    """Every haunt with the last day a check-in named it (None: never)."""
    names = conn.execute(select(t.haunts.c.name, t.haunts.c.name_key).order_by(t.haunts.c.name_key)).all()
    last: dict[str, date] = {}
    rows = conn.execute(
        select(t.checkins.c.place, func.max(t.checkins.c.day))
        .where(t.checkins.c.place.is_not(None))
        .group_by(t.checkins.c.place)
    )
    for place, day in rows:
        key = haunt_key(place)
        if key not in last or day > last[key]:
            last[key] = day
    return [(name, last.get(key)) for name, key in names]
