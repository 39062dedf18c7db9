"""Stores for the benchmarks: created by habits itself (so the schema, the seed and
the pragmas are the real ones), then filled quickly with direct SQL inserts."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

CONFIG = """\
[time]
timezone = "UTC"

[couple]
me = "alex"
partner = "sam"

[reminders]
quiet_hours = ["00:00", "00:00"]

[notifications]
backend = "stdout"
"""

SEED_SLUGS = ("six-second-kiss", "ask-about-their-day", "weekly-date")
EXTRA_HABITS = 17  # + the 3 seed habits = 20
ME, PARTNER = "alex", "sam"


def env_for(home: Path) -> dict[str, str]:
    """The environment of a measured command: its own HABITS_HOME, nothing inherited."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    # As after `pip install`: byte-code cached (a shell that sets this would compile
    # every habits module on every run, ~40 ms here, which no user pays).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(HABITS_HOME=str(home), NO_COLOR="1", LC_ALL="C.UTF-8")
    return env


def today_utc() -> date:
    return datetime.now(timezone.utc).date()


def create(home: Path, habits_argv: list[str]) -> Path:
    """A new store made by `habits list` (creates, migrates, seeds)."""
    home.mkdir(parents=True, mode=0o700)
    (home / "config.toml").write_text(CONFIG, encoding="utf-8")
    subprocess.run([*habits_argv, "list"], env=env_for(home), check=True, stdout=subprocess.DEVNULL)
    return home / "habits.db"


def _stamp(day: date, hour: int = 20) -> str:
    """A naive UTC instant as SQLAlchemy stores DateTime in SQLite."""
    return f"{day.isoformat()} {hour:02d}:00:00.000000"


# The types of the 17 extra habits beyond plain daily ones (a quarter of the 20 measured,
# a quarter on monthly or every-N cadences): index -> (cadence, every, target, measure).
MEASURED = {
    2: ("daily", 0, 1, ("minutes", "at_least", 20_000)),
    3: ("daily", 0, 1, ("pages", "at_least", 10_000)),
    4: ("daily", 0, 1, ("glasses", "at_least", 8_000)),
    5: ("daily", 0, 1, ("coffees", "at_most", 2_000)),
    6: ("weekly", 0, 1, ("takeaways", "at_most", 2_000)),
}
CADENCED = {
    7: ("monthly", 0, 2, None),
    8: ("monthly", 0, 1, None),
    9: ("every", 2, 1, None),
    10: ("every", 3, 1, None),
    11: ("every", 14, 3, None),
}
Kind = tuple[int, str, str, int, int, str]  # id, cadence, who, every, target, measure kind


def add_habits(db: Path, *, created: date) -> dict[str, Kind]:
    """17 more habits (daily ones, 2 of them "each"; 2 weekly; 5 measured; 2 monthly and
    3 every N days), all created `created`; the seed habits are moved back to that day
    too. Returns slug -> (id, cadence, who, every, target, measure kind)."""
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE habits SET created_on = ?", (created.isoformat(),))
        pos = con.execute("SELECT max(position) FROM habits").fetchone()[0]
        for i in range(EXTRA_HABITS):
            cadence, every, target, measure = (
                MEASURED.get(i)
                or CADENCED.get(i)
                or (
                    "weekly" if i >= EXTRA_HABITS - 2 else "daily",
                    0,
                    1,
                    None,
                )
            )
            unit, kind, amount = measure or ("", "", 0)
            who = "each" if i in (0, 1) else "together"
            con.execute(
                "INSERT INTO habits (slug, title, cadence, target, who, reminders, days, why,"
                " archived, position, created_on, created_at, every, measure, measure_kind, measure_target)"
                " VALUES (?,?,?,?,?,?,'','',0,?,?,?,?,?,?,?)",
                (
                    f"habit-{i:02d}",
                    f"Habit number {i:02d}",
                    cadence,
                    target,
                    who,
                    "20:00",
                    pos + 1 + i,
                    created.isoformat(),
                    _stamp(created, 8),
                    every,
                    unit,
                    kind,
                    amount,
                ),
            )
        rows = con.execute(
            "SELECT id, slug, cadence, who, every, target, measure_kind FROM habits"
        ).fetchall()
    con.close()
    return {row[1]: (row[0], *row[2:]) for row in rows}


def fill_history(db: Path, habits: dict[str, Kind], *, first: date, last: date, seed: int = 7) -> int:
    """Daily history from `first` to `last` (inclusive): the kiss unbroken (a streak
    as long as the history, the worst case for a bounded board), the others done on
    ~97% of days with the odd skip (a measured one with an amount around its target);
    weekly habits once a week, monthly ones on the 1st (and 15th for twice), every-N
    ones on the first K days of each block, both ~97% of the time. Returns check-ins."""
    rng = random.Random(seed)
    checkins: list[tuple[int, str, str, str, int | None]] = []
    skips: list[tuple[int, str, str]] = []
    ndays = (last - first).days + 1
    for slug, (hid, cadence, who, every, target, kind) in sorted(habits.items()):
        people = (ME, PARTNER) if who == "each" else (ME,)
        for n in range(ndays):
            day = first + timedelta(days=n)
            if cadence == "weekly" and not kind:
                if day.weekday() == 3:  # Thursdays
                    checkins.append((hid, day.isoformat(), rng.choice((ME, PARTNER)), _stamp(day), None))
                continue
            if cadence == "monthly":  # like the others, ~97% of the time
                if day.day in ((1, 15) if target == 2 else (1,)) and rng.random() < 0.97:
                    checkins.append((hid, day.isoformat(), ME, _stamp(day), None))
                continue
            if cadence == "every":
                if n % every < target and rng.random() < 0.97:
                    checkins.append((hid, day.isoformat(), ME, _stamp(day), None))
                continue
            for person in people:
                roll = rng.random()
                if slug == "six-second-kiss" or roll < 0.97:
                    amount = (
                        None if not kind else rng.randrange(0, 40_000 if kind == "at_least" else 3_000, 500)
                    )
                    checkins.append((hid, day.isoformat(), person, _stamp(day), amount))
                elif roll < 0.98:
                    skips.append((hid, day.isoformat(), person))
    con = sqlite3.connect(db)
    with con:
        con.executemany(
            "INSERT INTO checkins (habit_id, day, person, seq, note, place, logged_at, amount)"
            " VALUES (?, ?, ?, 0, NULL, NULL, ?, ?)",
            checkins,
        )
        con.executemany(
            "INSERT INTO skips (habit_id, day, person, reason, created_at) VALUES (?, ?, ?, 'flu', ?)",
            [(h, d, p, d + " 09:00:00.000000") for h, d, p in skips],
        )
        for k in range(10):  # a trip a year
            start = first + timedelta(days=200 + 365 * k)
            con.execute(
                'INSERT INTO away (start, "end", note, created_at) VALUES (?, ?, ?, ?)',
                (start.isoformat(), (start + timedelta(days=4)).isoformat(), "trip", _stamp(start)),
            )
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("ANALYZE")
    con.close()
    return len(checkins)


def forget_day(db: Path, slug: str, day: date) -> None:
    """Undo a benchmark's `done` directly (untimed), so the next run logs a new day."""
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "DELETE FROM checkins WHERE day = ? AND habit_id = (SELECT id FROM habits WHERE slug = ?)",
            (day.isoformat(), slug),
        )
    con.close()


def forget_streak_cache(db: Path) -> None:
    """Empty the streak cache (untimed), so that the next `streaks` walks everything
    and stores new checkpoints: what happens about once a month, or after a backfill."""
    con = sqlite3.connect(db)
    with con:
        con.execute("DELETE FROM streak_cache")
    con.close()


def small_store(home: Path, habits_argv: list[str]) -> Path:
    """A typical store: the three seed habits, 90 days of history up to yesterday."""
    db = create(home, habits_argv)
    today = today_utc()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT id, slug, cadence, who, every, target, measure_kind FROM habits").fetchall()
    con.close()
    habits = {row[1]: (row[0], *row[2:]) for row in rows}
    fill_history(db, habits, first=today - timedelta(days=90), last=today - timedelta(days=1))
    return db


def twenty_habits(home: Path, habits_argv: list[str], *, years: int, history: bool) -> tuple[Path, int]:
    """20 habits created `years` ago; with `history`, every day since up to yesterday."""
    db = create(home, habits_argv)
    today = today_utc()
    first = today - timedelta(days=round(365.25 * years))
    habits = add_habits(db, created=first)
    n = fill_history(db, habits, first=first, last=today - timedelta(days=1)) if history else 0
    return db, n
