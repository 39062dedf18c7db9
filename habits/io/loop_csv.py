"""`habits export --format csv -o DIR`: Loop Habit Tracker's CSV layout.

Reproduced from Loop's own exporter (iSoron/uhabits HabitsCSVExporter.kt,
HabitList.writeCSV, Entry values, PaletteColor.toCsvColor):
- `Habits.csv`: Loop's exact header, one row per habit (archived ones too) in
  position order; Position is "%03d" of the habit's place in the list;
  a habit's frequency as Loop's numerator/denominator (1/1 a day, K/7 a week, K/30 a
  month, K/N every N days; K/N with K >= N is 1/1, as Loop's frequency picker keeps it);
  a measured habit is NUMERICAL with its unit, AT_LEAST or AT_MOST and its target
  (Kotlin's Double.toString), its frequency 1/N;
- `NNN Name/Checkmarks.csv` per habit (Loop keeps only ASCII letters and digits in
  the name; we keep every letter and replace only what a file system forbids, see
  folder_name): `Date,Value,Notes`,
  newest day first, only the days with a known value (YES_MANUAL, YES_AUTO, SKIP; a
  measured habit's day: its total amount x 1000, written as Loop's Entry.formattedValue
  writes any value, so a total of 0 is "NO");
- `Checkmarks.csv`: `Date,<name>,<name>,...,` then one line per day from today back
  to the oldest entry of any habit, each value followed by a comma (as Loop writes it),
  UNKNOWN before a habit's first entry.
Fields are quoted like opencsv's CSVWriter (only when they hold a quote, comma or
line break; quotes doubled); lines end in "\\n".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.core.periods import days_per_period, period_end, period_start

HEADER = (
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
    "Color,Unit,Target Type,Target Value,Archived?"
)
TEAL = "#00897B"  # Loop's palette colour 8
YES_MANUAL, YES_AUTO, SKIP, UNKNOWN = "YES_MANUAL", "YES_AUTO", "SKIP", "UNKNOWN"
# Loop's Entry.formattedValue: its special values by name, any other value as a number.
_NAMED = {2: YES_MANUAL, 1: YES_AUTO, 0: "NO", 3: SKIP, -1: UNKNOWN}
_LOOP_KIND = {"at_least": "AT_LEAST", "at_most": "AT_MOST"}


def loop_frequency(habit: Habit) -> tuple[int, int]:
    """The habit's frequency as Loop writes it: (numerator, denominator)."""
    times = 1 if habit.measured else habit.target
    days = 1 if habit.cadence == "daily" else days_per_period(habit.cadence, habit.every)
    return (1, 1) if times >= days else (times, days)


def loop_value(milli: int) -> str:
    """A measured day's total (thousandths of the unit: Loop's amount x 1000) as Loop writes it."""
    return _NAMED.get(milli, str(milli))


def field(value: str | None) -> str:
    text = "" if value is None else value
    if any(ch in text for ch in '",\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def row(values: Sequence[str | None]) -> str:
    return ",".join(field(v) for v in values) + "\n"


# What a file system forbids in a name: the path separators, NUL and the other control
# characters, and what Windows refuses (<>:"|?*); each becomes "_".
_FORBIDDEN = re.compile(r'[/\\<>:"|?*\x00-\x1f\x7f-\x9f]')
_NAME_BYTES = 200  # of a file system's 255 per name, in UTF-8


def folder_name(index: int, title: str) -> str:
    """`NNN Title`: every letter of the title kept (any script, emoji), only forbidden
    characters replaced; no trailing dots or spaces (Windows drops them), so the name is
    never empty nor dots only; at most 100 characters and 200 bytes."""
    sane = _FORBIDDEN.sub("_", title)[:100]
    while len(sane.encode("utf-8")) > _NAME_BYTES:
        sane = sane[:-1]
    return f"{index + 1:03d} {sane}".rstrip(". ")


def habit_days(
    habit: Habit,
    counts: Mapping[date, int],
    notes: Mapping[date, list[str]],
    skips: Mapping[date, str | None],
    away: frozenset[date],
    *,
    today: date,
    week_start: int,
) -> dict[date, tuple[str, str]]:
    """day -> (Loop value, notes) for the days with a known value; `counts` is a day's
    check-ins, or, for a measured habit, its total amount in thousandths."""
    out: dict[date, tuple[str, str]] = {}
    excused = dict(skips)
    if habit.who == "together":
        for day in away:
            excused.setdefault(day, None)
    for day, reason in excused.items():
        if day <= today:
            out[day] = (SKIP, reason or "")
    if habit.cadence != "daily" and not habit.measured:
        _fill_satisfied(out, habit, counts, today=today, week_start=week_start)
    for day, n in counts.items():
        value = loop_value(n) if habit.measured else YES_MANUAL
        out[day] = (value, "; ".join(dict.fromkeys(notes.get(day, []))))
    return out


def _fill_satisfied(
    out: dict[date, tuple[str, str]],
    habit: Habit,
    counts: Mapping[date, int],
    *,
    today: date,
    week_start: int,
) -> None:
    """YES_AUTO for the days of each period whose check-ins reached the target (a month:
    the target or its number of days, the fewer), up to today."""
    every, anchor = habit.every, habit.created_on
    periods: dict[date, int] = {}
    for day, n in counts.items():
        start = period_start(day, habit.cadence, week_start, every=every, anchor=anchor)
        periods[start] = periods.get(start, 0) + n
    for start, n in periods.items():
        end = period_end(start, habit.cadence, week_start, every=every, anchor=anchor)
        if n >= min(habit.target, (end - start).days + 1):
            day = start
            while day <= min(end, today):
                out.setdefault(day, (YES_AUTO, ""))
                day += timedelta(days=1)


def render(
    habits: Sequence[Habit], days: Sequence[Mapping[date, tuple[str, str]]], today: date
) -> dict[str, str]:
    """Relative path -> file text."""
    files = {"Habits.csv": HEADER + "\n"}
    for i, h in enumerate(habits):
        num, den = loop_frequency(h)
        measured = (
            [h.measure, _LOOP_KIND[h.measure_kind], repr(h.measure_target / 1000)] if h.measured else []
        )
        files["Habits.csv"] += row(
            [
                f"{i + 1:03d}",
                h.title,
                "NUMERICAL" if h.measured else "YES_NO",
                "",
                h.why,
                str(num),
                str(den),
                TEAL,
                *(measured or ["", "", ""]),
                "true" if h.archived else "false",
            ]
        )
        lines = ["Date,Value,Notes\n"]
        for day in sorted(days[i], reverse=True):
            value, note = days[i][day]
            lines.append(row([day.isoformat(), value, note]))
        files[f"{folder_name(i, h.title)}/Checkmarks.csv"] = "".join(lines)
    known = [d for per_habit in days for d in per_habit]
    lines = ["Date," + "".join(field(h.title) + "," for h in habits) + "\n"]
    if known:
        day, oldest = today, min(known)
        while day >= oldest:
            values = [per_habit.get(day, (UNKNOWN, ""))[0] for per_habit in days]
            lines.append(day.isoformat() + "," + "".join(v + "," for v in values) + "\n")
            day -= timedelta(days=1)
    files["Checkmarks.csv"] = "".join(lines)
    return files


def export_csv(conn: Connection, folder: Path, *, today: date, week_start: int) -> list[str]:
    """Write the layout into folder; returns the relative paths written."""
    from habits.core.tracks import away_days
    from habits.store import queries, transfer

    habits = transfer.all_habits(conn)
    counts: dict[int, dict[date, int]] = {h.id: {} for h in habits if h.id is not None}
    notes: dict[int, dict[date, list[str]]] = {h.id: {} for h in habits if h.id is not None}
    measured = {h.id for h in habits if h.measured}
    for c in transfer.checkins(conn):
        # a yes/no day counts its check-ins; a measured day adds its amounts (an entered 0 is a known day)
        n = (c["amount"] or 0) if c["habit_id"] in measured else 1
        counts[c["habit_id"]][c["day"]] = counts[c["habit_id"]].get(c["day"], 0) + n
        if c["note"]:
            notes[c["habit_id"]].setdefault(c["day"], []).append(c["note"])
    skips: dict[int, dict[date, str | None]] = {h.id: {} for h in habits if h.id is not None}
    for s in transfer.skips(conn):
        skips[s["habit_id"]].setdefault(s["day"], s["reason"])
    away = away_days(queries.away_ranges(conn))
    days = [
        habit_days(h, counts[h.id], notes[h.id], skips[h.id], away, today=today, week_start=week_start)
        for h in habits
        if h.id is not None
    ]
    files = render(habits, days, today)
    _write_tree(folder, files)
    return list(files)


def _write_tree(folder: Path, files: Mapping[str, str]) -> None:
    from habits.errors import HabitsError
    from habits.files import private_dir
    from habits.io.userfile import write_user_file

    try:
        if folder.exists() and not folder.is_dir():
            raise HabitsError(f"{folder} is a file; give a folder for the CSV export (-o DIR).")
        private_dir(folder)  # a link to a folder is followed
        for rel, text in files.items():
            path = folder / rel
            private_dir(path.parent, parents=False)
            write_user_file(path, text)
    except OSError as exc:
        raise HabitsError(
            f"Cannot write the CSV export into {folder}: {exc.strerror or exc}; choose another -o DIR."
        ) from None
