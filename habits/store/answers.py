"""The rituals' answers: one row per person, kind ("checkin" | "question") and period."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from habits.core.rituals import Answer
from habits.store import tables as t
from habits.store.queries import naive_utc


def _select() -> Any:
    a = t.answers.c
    return select(a.person, a.kind, a.period, a.body, a.logged_at, a.updated_at).order_by(
        a.period, a.kind, a.logged_at, a.id
    )


def for_period(conn: Connection, kind: str, period: date) -> list[Answer]:
    """Everyone's answer of that kind for that period, oldest first."""
    a = t.answers.c
    return [Answer._make(r) for r in conn.execute(_select().where(a.kind == kind, a.period == period))]


def between(conn: Connection, kind: str, first: date, last: date) -> list[Answer]:
    """The answers of that kind whose period lies in first..last, by period."""
    a = t.answers.c
    query = _select().where(a.kind == kind, a.period >= first, a.period <= last)
    return [Answer._make(r) for r in conn.execute(query)]


def periods_before(conn: Connection, kind: str, before: date, limit: int) -> list[date]:
    """The latest `limit` periods before `before` that anyone answered, newest first."""
    a = t.answers.c
    query = (
        select(a.period)
        .where(a.kind == kind, a.period < before)
        .group_by(a.period)
        .order_by(a.period.desc())
        .limit(limit)
    )
    return [r[0] for r in conn.execute(query)]


def put(conn: Connection, *, person: str, kind: str, period: date, body: str, now: datetime) -> bool:
    """Store `person`'s answer, replacing the one they gave before; True when it is new.
    Call it inside a write transaction (its lock keeps two writers apart)."""
    a = t.answers.c
    stamp = naive_utc(now)
    result = conn.execute(
        update(t.answers)
        .where(a.person == person, a.kind == kind, a.period == period)
        .values(body=body, updated_at=stamp)
    )
    if result.rowcount:
        return False
    conn.execute(
        insert(t.answers).values(
            person=person, kind=kind, period=period, body=body, logged_at=stamp, updated_at=stamp
        )
    )
    return True


def all_answers(conn: Connection) -> list[Answer]:
    """Every answer, sealed ones too (the export: a full backup), by period."""
    return [Answer._make(r) for r in conn.execute(_select())]


def keys(conn: Connection) -> set[tuple[str, str, date]]:
    """What makes an answer the same one: person, kind and period."""
    a = t.answers.c
    return {(r[0], r[1], r[2]) for r in conn.execute(select(a.person, a.kind, a.period))}


def insert_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(t.answers), rows)
