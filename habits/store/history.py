"""Reading history in bulk: ten years of check-ins are ~70,000 rows, so they are read
straight from the driver's cursor (half the time of SQLAlchemy's rows here)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import Select

from habits.store import tables as t


def day_counts(
    conn: Connection,
    habit_ids: Iterable[int],
    *,
    since: date | None = None,
    until: date | None = None,
    measured: Collection[int] = (),
) -> dict[int, dict[str, dict[date, int]]]:
    """habit id -> person -> day -> number of check-ins (an indexed query; the rows are
    counted here). For the habits in `measured`, the day's total amount in thousandths
    instead: a day whose only entries are zeros is present with 0 (a known entry)."""
    ids = list(habit_ids)
    out: dict[int, dict[str, dict[date, int]]] = {i: {} for i in ids}
    if not ids:
        return out
    c = t.checkins.c
    amounts = frozenset(measured).intersection(ids)
    query = select(c.habit_id, c.person, c.day, c.amount) if amounts else select(c.habit_id, c.person, c.day)
    query = query.where(c.habit_id.in_(ids))
    if since is not None:
        query = query.where(c.day >= since)
    if until is not None:
        query = query.where(c.day <= until)
    parse = date.fromisoformat
    for row in driver_rows(conn, query):
        habit_id, person, day = row[0], row[1], row[2]
        per_day = out[habit_id].setdefault(person, {})
        if isinstance(day, str):  # SQLite stores dates as text
            day = parse(day)
        step = (row[3] or 0) if habit_id in amounts else 1
        per_day[day] = per_day.get(day, 0) + step
    return out


def driver_rows(conn: Connection, query: Select[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only query with plain parameters (numbers, dates), as the
    DB-API cursor gives them: no SQLAlchemy result processing (dates may come back
    as ISO text). Driver errors are raised as SQLAlchemy's DBAPIError, like execute's."""
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    dbapi_error = conn.dialect.loaded_dbapi.Error
    try:
        cursor = conn.connection.cursor()
        try:
            cursor.execute(sql)
            yield from cursor  # type: ignore[misc]  # DB-API cursors iterate; the stub does not say so
        finally:
            cursor.close()
    except dbapi_error as exc:
        raise DBAPIError.instance(sql, None, exc, dbapi_error) from exc
