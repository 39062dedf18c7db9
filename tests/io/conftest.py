"""A Loop Habit Tracker backup built from Loop's real schema.

The tables are the ones Loop's migrations (iSoron/uhabits, uhabits-core
resources/migrations 09..25) leave behind: Habits with reminder_days (11),
type (16), target_type/target_value/unit (18), question (23), uuid (24);
Repetitions rebuilt with a unique (habit, timestamp) index (22) and a notes
column (25); Events (19). Loop stores the schema version in PRAGMA user_version.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# Entry values (Loop's Entry companion object) and habit types.
YES_MANUAL, YES_AUTO, NO, UNKNOWN, SKIP = 2, 1, 0, -1, 3


def _habits_ddl(version: int) -> str:
    cols = [
        "id integer primary key autoincrement",
        "archived integer",
        "color integer",
        "description text",
        "freq_den integer",
        "freq_num integer",
        "highlight integer",
        "name text",
        "position integer",
        "reminder_hour integer",
        "reminder_min integer",
        "reminder_days integer not null default 127",
        "type integer not null default 0",
        "target_type integer not null default 0",
        "target_value real not null default 0",
        "unit text not null default ''",
    ]
    if version >= 23:
        cols.append("question text")
    if version >= 24:
        cols.append("uuid text")
    return "create table Habits (" + ", ".join(cols) + ")"


def _repetitions_ddl(version: int) -> list[str]:
    notes = ", notes text" if version >= 25 else ""
    return [
        "create table Repetitions (id integer primary key autoincrement, "
        "habit integer not null references habits(id), timestamp integer not null, "
        f"value integer not null{notes})",
        "create unique index idx_repetitions_habit_timestamp on Repetitions(habit, timestamp)",
        "create table Events (id integer primary key autoincrement, timestamp integer, "
        "message text, server_id integer)",
    ]


def stamp(day: date) -> int:
    """Loop's Timestamp: UTC midnight of the day, in milliseconds."""
    return (day - date(1970, 1, 1)).days * 86_400_000


def loop_weekdays(*names: str) -> int:
    """Loop's WeekdayList bit field: bit 0 Saturday, bit 1 Sunday, bit 2 Monday ... bit 6 Friday."""
    order = ("sat", "sun", "mon", "tue", "wed", "thu", "fri")
    return sum(1 << order.index(n) for n in names)


def build_loop_backup(
    path: Path,
    habits: Sequence[dict[str, Any]],
    entries: Sequence[tuple[int, date, int, str | None]],
    version: int = 25,
) -> Path:
    """habits: column dicts (id, name, freq_num, freq_den, ...); entries: (habit id, day, value, notes)."""
    con = sqlite3.connect(path)
    try:
        con.execute(_habits_ddl(version))
        for ddl in _repetitions_ddl(version):
            con.execute(ddl)
        for i, h in enumerate(habits):
            row = {
                "archived": 0,
                "color": 8,
                "description": "",
                "highlight": 0,
                "position": i,
                "reminder_hour": None,
                "reminder_min": None,
                "reminder_days": 127,
                "type": 0,
                "target_type": 0,
                "target_value": 0,
                "unit": "",
            }
            if version >= 23:
                row["question"] = ""
            if version >= 24:
                row["uuid"] = f"{h['id']:032x}"
            row.update(h)
            if version < 23:
                row.pop("question", None)
            if version < 24:
                row.pop("uuid", None)
            con.execute(
                f"insert into Habits ({', '.join(row)}) values ({', '.join('?' for _ in row)})",
                list(row.values()),
            )
        for habit, day, value, notes in entries:
            if version >= 25:
                con.execute(
                    "insert into Repetitions (habit, timestamp, value, notes) values (?, ?, ?, ?)",
                    (habit, stamp(day), value, notes),
                )
            else:
                con.execute(
                    "insert into Repetitions (habit, timestamp, value) values (?, ?, ?)",
                    (habit, stamp(day), value),
                )
        con.execute(f"pragma user_version = {version}")
        con.commit()
    finally:
        con.close()
    return path


@pytest.fixture
def loop_backup(tmp_path: Path) -> Callable[..., Path]:
    def make(
        habits: Sequence[dict[str, Any]],
        entries: Sequence[tuple[int, date, int, str | None]],
        version: int = 25,
        name: str = "Loop Habits Backup.db",
    ) -> Path:
        return build_loop_backup(tmp_path / name, habits, entries, version)

    return make
