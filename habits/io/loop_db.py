"""Read a Loop Habit Tracker backup (.db, schema version 22 or newer) into a Bundle.

Loop's schema and meanings, from its source (iSoron/uhabits):
- table Habits: name, description, question (v23+), freq_num/freq_den, archived,
  position, reminder_hour/reminder_min, reminder_days, type (0 yes/no, 1 numerical),
  unit/target_type/target_value (v18+), uuid (v24+);
- table Repetitions: habit, timestamp (UTC midnight of the day, in ms), value,
  notes (v25+); Entry values: 2 YES_MANUAL, 1 YES_AUTO, 0 NO, -1 UNKNOWN, 3 SKIP;
- reminder_days is Loop's WeekdayList bit field: bit 0 is Saturday, bit 1 Sunday,
  bit 2 Monday ... bit 6 Friday (Timestamp.weekday = DAY_OF_WEEK % 7); 127 = every day.

Every habit is imported, with its frequency as a cadence (habits.io.loop_types).
Manual YES entries become check-ins by couple.me, SKIP entries skips for everyone
(their notes as reasons); NO and automatic entries are left out and counted in the
report. A numerical habit (type 1) becomes a measured one (unit, target type and
value) and each of its entries a check-in with its amount (an entered 0 included).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from habits.core.habit import free_slug
from habits.io.bundle import BadImportFile, Bundle, CheckinIn, HabitIn, SkipIn

MIN_VERSION = 22
YES_MANUAL, YES_AUTO, NO, UNKNOWN, SKIP = 2, 1, 0, -1, 3
NUMERICAL = 1
# Loop's weekday index (0 = Saturday) -> ours ("mon" = 0).
_LOOP_DAYS = ("sat", "sun", "mon", "tue", "wed", "thu", "fri")
_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_EPOCH = date(1970, 1, 1)


def read_loop_backup(path: Path, *, me: str, today: date) -> Bundle:
    name = path.name
    try:
        con = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BadImportFile(f"Cannot open {name} as a Loop backup: {exc}; nothing was imported.") from None
    try:
        return _read(con, name, me, today)
    except sqlite3.DatabaseError as exc:
        raise BadImportFile(
            f"{name} is not a readable Loop Habit Tracker backup ({exc}); it may be truncated; nothing was imported."
        ) from None
    finally:
        con.close()


def _read(con: sqlite3.Connection, name: str, me: str, today: date) -> Bundle:
    tables = {row[0].lower() for row in con.execute("select name from sqlite_master where type = 'table'")}
    if not {"habits", "repetitions"} <= tables:
        if {"checkins", "alembic_version"} <= tables:
            raise BadImportFile(
                f"{name} is a habits store, not an export; run `habits --db {name} export -o FILE` "
                "and import that file."
            )
        raise BadImportFile(
            f"{name} is an SQLite database but not a Loop Habit Tracker backup (no Habits and Repetitions "
            "tables); nothing was imported."
        )
    version = con.execute("pragma user_version").fetchone()[0]
    if version < MIN_VERSION:
        raise BadImportFile(
            f"{name} is a Loop backup of schema version {version}; habits reads version {MIN_VERSION} or newer: "
            "open it in a current Loop Habit Tracker and export a new backup."
        )
    habit_cols = _columns(con, "Habits")
    rep_cols = _columns(con, "Repetitions")
    wanted = [
        "id",
        "name",
        "freq_num",
        "freq_den",
        "archived",
        "position",
        "reminder_hour",
        "reminder_min",
        "reminder_days",
        "type",
        "unit",
        "target_type",
        "target_value",
    ]
    missing = [c for c in wanted + ["description"] if c not in habit_cols] + [
        c for c in ("habit", "timestamp", "value") if c not in rep_cols
    ]
    if missing:
        raise BadImportFile(
            f"{name} looks like a Loop backup but lacks the column {missing[0]!r}; nothing was imported."
        )
    extra: list[str] = [c for c in ("uuid", "question") if c in habit_cols]
    rows = con.execute(
        f"select {', '.join(wanted + ['description'] + extra)} from Habits order by position, id"
    ).fetchall()
    notes_col = "notes" if "notes" in rep_cols else "null"
    entries: dict[int, list[tuple[Any, Any, Any]]] = {}
    for habit, stamp, value, note in con.execute(
        f"select habit, timestamp, value, {notes_col} from Repetitions order by habit, timestamp"
    ):
        entries.setdefault(habit, []).append((stamp, value, note))
    return _bundle([dict(zip(wanted + ["description"] + extra, r)) for r in rows], entries, me, today, name)


def _columns(con: sqlite3.Connection, table: str) -> set[str]:
    return {row[1].lower() for row in con.execute(f"pragma table_info({table})")}


def _bundle(
    rows: list[dict[str, Any]],
    entries: dict[int, list[tuple[Any, Any, Any]]],
    me: str,
    today: date,
    name: str,
) -> Bundle:
    from habits.io import loop_types

    bundle = Bundle()
    slugs: set[str] = set()
    left = {"no": 0, "auto": 0, "other": 0}
    no_unit: list[str] = []
    for position, row in enumerate(rows, start=1):
        title = _title(row["name"], row["id"])
        numerical = row["type"] == NUMERICAL
        slug = free_slug(slugify(title) or f"loop-habit-{row['id']}", slugs)
        slugs.add(slug)
        cadence, every, target = loop_types.schedule(
            row["freq_num"], row["freq_den"], numerical=numerical, name=name, title=title
        )
        unit, kind, goal = "", "", 0
        if numerical:
            unit, kind, goal, missing = loop_types.measure(row, name=name, title=title)
            if missing:
                no_unit.append(title)
        days: list[date] = []
        for stamp, value, text in entries.get(row["id"], []):
            day = _day(stamp)
            if day is None:
                left["other"] += 1
                continue
            text = text.strip() if isinstance(text, str) and text.strip() else None
            at = datetime.combine(day, time(12, 0))
            if value == SKIP:
                bundle.skips.append(SkipIn(slug, day, "", text))
            elif numerical:
                amount = loop_types.amount(value, name=name, title=title, day=day.isoformat())
                if amount is None:
                    left["other"] += 1
                    continue
                bundle.checkins.append(CheckinIn(slug, day, me, at, text, None, amount))
            elif value == YES_MANUAL:
                bundle.checkins.append(CheckinIn(slug, day, me, at, text, None))
            else:
                left["no" if value == NO else "auto" if value == YES_AUTO else "other"] += 1
                continue
            days.append(day)
        description = (row.get("description") or "").strip()
        bundle.habits.append(
            HabitIn(
                slug=slug,
                title=title,
                cadence=cadence,
                target=target,
                who="together",
                reminders=_reminders(row),
                days=_weekdays(row["reminder_days"]),
                why=description,
                archived=bool(row["archived"]),
                created_on=min(days + [today]),
                position=position,
                loop_uuid=(row.get("uuid") or None),
                match_title=True,
                every=every,
                measure=unit,
                measure_kind=kind,
                measure_target=goal,
            )
        )
    if no_unit:
        bundle.notes.append(
            f"Gave {', '.join(no_unit)} the unit {loop_types.NO_UNIT!r} (it has none in Loop)."
        )
    parts = []
    if left["no"]:
        parts.append(f'{left["no"]} "No" {"entry" if left["no"] == 1 else "entries"}')
    if left["auto"]:
        parts.append(f"{left['auto']} automatic {'entry' if left['auto'] == 1 else 'entries'}")
    if left["other"]:
        parts.append(f"{left['other']} other {'entry' if left['other'] == 1 else 'entries'}")
    if parts:
        bundle.notes.append("Left out from the Loop backup (not check-ins): " + "; ".join(parts) + ".")
    return bundle


def _reminders(row: dict[str, Any]) -> tuple[str, ...]:
    hour, minute = row["reminder_hour"], row["reminder_min"]
    if not isinstance(hour, int) or not isinstance(minute, int) or not (0 <= hour < 24 and 0 <= minute < 60):
        return ()
    if isinstance(row["reminder_days"], int) and row["reminder_days"] & 127 == 0:
        return ()  # Loop never fires a reminder with no weekdays
    return (f"{hour:02d}:{minute:02d}",)


def _weekdays(bits: Any) -> tuple[str, ...]:
    if not isinstance(bits, int) or bits & 127 in (0, 127):
        return ()
    chosen = {_LOOP_DAYS[i] for i in range(7) if bits & (1 << i)}
    return tuple(d for d in _WEEK if d in chosen)


def _day(stamp: Any) -> date | None:
    if not isinstance(stamp, int) or stamp < 0:
        return None
    try:
        return _EPOCH + timedelta(days=stamp // 86_400_000)
    except OverflowError:
        return None


def _title(name: Any, habit_id: Any) -> str:
    text = name if isinstance(name, str) else ""
    text = "".join(" " if ord(ch) < 0x20 else ch for ch in text).strip()[:200].strip()
    return text or f"Loop habit {habit_id}"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:64].rstrip("-")
