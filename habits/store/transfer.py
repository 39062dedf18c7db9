"""Store reads and writes for export and import: the whole store in a
deterministic order, and inserts that keep the values an export carries
(position, created_on, seq, logged_at). Plain functions taking a connection."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.store import queries
from habits.store import tables as t

LOOP_LINK = "loop-uuid:"  # meta key prefix: a Loop habit's uuid -> our slug


def all_habits(conn: Connection) -> list[Habit]:
    return queries.habits(conn, include_archived=True)


def checkins(conn: Connection) -> list[dict[str, Any]]:
    """Every check-in with its habit's slug (and its amount, None for yes/no), in
    (slug, day, person, seq) order."""
    c = t.checkins.c
    query = (
        select(t.habits.c.slug, c.habit_id, c.day, c.person, c.seq, c.note, c.place, c.logged_at, c.amount)
        .join(t.habits, t.habits.c.id == c.habit_id)
        .order_by(t.habits.c.slug, c.day, c.person, c.seq)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def skips(conn: Connection) -> list[dict[str, Any]]:
    s = t.skips.c
    query = (
        select(t.habits.c.slug, s.habit_id, s.day, s.person, s.reason)
        .join(t.habits, t.habits.c.id == s.habit_id)
        .order_by(t.habits.c.slug, s.day, s.person)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def away(conn: Connection) -> list[dict[str, Any]]:
    a = t.away.c
    return [dict(r._mapping) for r in conn.execute(select(a.start, a.end, a.note).order_by(a.start, a.end))]


def haunts(conn: Connection) -> list[dict[str, Any]]:
    h = t.haunts.c
    return [dict(r._mapping) for r in conn.execute(select(h.name, h.name_key).order_by(h.name_key))]


def untouched_seeds(conn: Connection) -> set[str]:
    """Slugs of the seeded habits nobody has used yet: the store was seeded, the habit's
    settings still equal its seed definition in the catalog (never edited, archived or
    renamed) and it has no check-ins and no skips."""
    from habits.core.catalog import SEED_HABITS

    if queries.get_meta(conn, "seeded") != "yes":
        return set()
    seeds = {seed["slug"]: seed for seed in SEED_HABITS}
    used = set(conn.execute(select(t.checkins.c.habit_id).distinct()).scalars())
    used |= set(conn.execute(select(t.skips.c.habit_id).distinct()).scalars())
    out = set()
    for h in all_habits(conn):
        seed = seeds.get(h.slug)
        if seed is None or h.id in used or h.archived:
            continue
        if (h.title, h.cadence, h.target, h.who, h.why) == (
            seed["title"],
            seed["cadence"],
            seed["target"],
            seed["who"],
            seed["why"],
        ) and (tuple(sorted(h.reminders)), tuple(h.days)) == (
            tuple(sorted(seed["reminders"])),
            tuple(seed["days"]),
        ):
            out.add(h.slug)
    return out


def take_settings(
    conn: Connection, habit_id: int, spec: dict[str, Any], *, position: int | None, created_on: date
) -> None:
    """Give an existing habit the settings of spec (and the day it was created; its place
    in the list when position is given)."""
    values = queries.habit_values(spec)
    values["created_on"] = created_on
    if position is not None:
        values["position"] = position
    conn.execute(t.habits.update().where(t.habits.c.id == habit_id).values(**values))


def loop_links(conn: Connection) -> dict[str, str]:
    """Loop uuid -> slug, for habits that came from a Loop backup."""
    rows = conn.execute(select(t.meta.c.key, t.meta.c.value).where(t.meta.c.key.startswith(LOOP_LINK)))
    return {key[len(LOOP_LINK) :]: value for key, value in rows}


def set_loop_link(conn: Connection, uuid: str, slug: str) -> None:
    queries.set_meta(conn, LOOP_LINK + uuid, slug)


def insert_habit(
    conn: Connection, spec: dict[str, Any], *, position: int, created_on: date, now: datetime
) -> int:
    values = queries.habit_values(spec)
    values.update(position=position, created_on=created_on, created_at=queries.naive_utc(now))
    key = conn.execute(insert(t.habits).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def taken_checkins(conn: Connection) -> dict[tuple[int, date, str], dict[int, int | None]]:
    """(habit id, day, person) -> seq -> amount (None for a yes/no check-in)."""
    c = t.checkins.c
    out: dict[tuple[int, date, str], dict[int, int | None]] = {}
    for habit_id, day, person, seq, amount in conn.execute(
        select(c.habit_id, c.day, c.person, c.seq, c.amount)
    ):
        out.setdefault((habit_id, day, person), {})[seq] = amount
    return out


def insert_checkins(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.checkins), rows)


def skip_keys(conn: Connection) -> set[tuple[int, date, str]]:
    s = t.skips.c
    return {(r.habit_id, r.day, r.person) for r in conn.execute(select(s.habit_id, s.day, s.person))}


def insert_skips(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.skips), rows)


def away_keys(conn: Connection) -> set[tuple[date, date]]:
    return {(r.start, r.end) for r in conn.execute(select(t.away.c.start, t.away.c.end))}


def insert_away(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.away), rows)


def haunt_keys(conn: Connection) -> set[str]:
    return set(conn.execute(select(t.haunts.c.name_key)).scalars())


def insert_haunts(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.haunts), rows)


def haunt_key(name: str) -> str:
    return queries.haunt_key(name)
