"""The couple a store records (two `meta` rows), the names its rows hold, and renaming
a person everywhere a name is kept."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, union, update

from habits.errors import StoreError
from habits.store import tables as t

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from habits.core.couple import Couple
    from habits.store.db import Store

# The first name recorded, then the second; the keys are the config's.
COUPLE_KEYS = ("couple.me", "couple.partner")

# Every column that holds a person's name ("" in skips.person means everyone).
PERSON_COLUMNS = (
    t.checkins.c.person,
    t.skips.c.person,
    t.reminder_log.c.person,
    t.snoozes.c.person,
    t.thanks.c.from_person,
    t.thanks.c.to_person,
    t.own_times.c.person,
    t.answers.c.person,
)


def recorded_couple(conn: Connection) -> list[str]:
    rows = dict(conn.execute(select(t.meta.c.key, t.meta.c.value).where(t.meta.c.key.in_(COUPLE_KEYS))).all())
    return [rows[key] for key in COUPLE_KEYS if rows.get(key)]


def record_couple(conn: Connection, names: list[str]) -> None:
    from habits.store.queries import set_meta

    for key, name in zip(COUPLE_KEYS, names):
        set_meta(conn, key, name)
    conn.execute(delete(t.meta).where(t.meta.c.key.in_(COUPLE_KEYS[len(names) :])))


def names_in_rows(conn: Connection) -> set[str]:
    query = union(
        *(select(column.label("person")).where(column != "").distinct() for column in PERSON_COLUMNS)
    )
    return {row.person for row in conn.execute(query)}


def store_people(conn: Connection) -> list[str]:
    """The recorded couple, or (before any was recorded) the names in the rows."""
    return recorded_couple(conn) or sorted(names_in_rows(conn))


def settle_couple(store: Store, couple: Couple) -> None:
    """Record the couple, or refuse a config that names a stranger (CoupleMismatch).
    A store that cannot be written (read-only, a full disk) is still read: the names
    are then recorded by a later command."""
    from habits.core.couple import settle

    def decide(conn: Connection) -> tuple[list[str], list[str]]:
        recorded = recorded_couple(conn)
        return recorded, settle(recorded, names_in_rows(conn), couple)

    try:
        with store.write() as conn:
            recorded, names = decide(conn)
            if names != recorded:
                record_couple(conn, names)
    except StoreError:
        with store.read() as conn:
            decide(conn)


def rename_person(conn: Connection, old: str, new: str) -> dict[str, int]:
    """Rename `old` to `new` in every row that holds a name; returns the rows changed per table."""
    changed: dict[str, int] = {}
    for column in PERSON_COLUMNS:
        result = conn.execute(update(column.table).where(column == old).values({column.name: new}))
        changed[column.table.name] = changed.get(column.table.name, 0) + result.rowcount
    cache = t.streak_cache.c
    for habit_id, scope, rule in conn.execute(select(cache.habit_id, cache.scope, cache.rule)).all():
        names = json.loads(scope)
        if old in names:
            renamed = [new if n == old else n for n in names]
            new_scope = json.dumps(renamed if len(renamed) == 1 else sorted(renamed), ensure_ascii=False)
            conn.execute(
                update(t.streak_cache)
                .where(cache.habit_id == habit_id, cache.scope == scope, cache.rule == rule)
                .values(scope=new_scope)
            )
    from habits.store.queries import PERSON_META, person_key

    for prefix in PERSON_META:  # the daemon's marks follow the person: nothing is told twice
        conn.execute(
            update(t.meta).where(t.meta.c.key == person_key(prefix, old)).values(key=person_key(prefix, new))
        )
    recorded = recorded_couple(conn)
    if old in recorded:
        record_couple(conn, [new if n == old else n for n in recorded])
    return changed
