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


def add_habits(db: Path, *, created: date) -> dict[str, tuple[int, str, str]]:
    """17 more habits (15 daily, 2 weekly; 2 of the daily ones "each"), all
    created `created`; the seed habits are moved back to that day too.
    Returns slug -> (id, cadence, who)."""
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE habits SET created_on = ?", (created.isoformat(),))
        pos = con.execute("SELECT max(position) FROM habits").fetchone()[0]
        for i in range(EXTRA_HABITS):
            cadence = "weekly" if i >= EXTRA_HABITS - 2 else "daily"
            who = "each" if i in (0, 1) else "together"
            con.execute(
                "INSERT INTO habits (slug, title, cadence, target, who, reminders, days, why,"
                " archived, position, created_on, created_at) VALUES (?,?,?,1,?,?,'','',0,?,?,?)",
                (
                    f"habit-{i:02d}",
                    f"Habit number {i:02d}",
                    cadence,
                    who,
                    "20:00",
                    pos + 1 + i,
                    created.isoformat(),
                    _stamp(created, 8),
                ),
            )
        rows = con.execute("SELECT id, slug, cadence, who FROM habits").fetchall()
    con.close()
    return {slug: (hid, cadence, who) for hid, slug, cadence, who in rows}


def fill_history(
    db: Path, habits: dict[str, tuple[int, str, str]], *, first: date, last: date, seed: int = 7
) -> int:
    """Daily history from `first` to `last` (inclusive): the kiss unbroken (a streak
    as long as the history, the worst case for a bounded board), the others done on
    ~97% of days with the odd skip; weekly habits once a week. Returns check-ins."""
    rng = random.Random(seed)
    checkins: list[tuple[int, str, str, str]] = []
    skips: list[tuple[int, str, str]] = []
    ndays = (last - first).days + 1
    for slug, (hid, cadence, who) in sorted(habits.items()):
        people = (ME, PARTNER) if who == "each" else (ME,)
        for n in range(ndays):
            day = first + timedelta(days=n)
            if cadence == "weekly":
                if day.weekday() == 3:  # Thursdays
                    checkins.append((hid, day.isoformat(), rng.choice((ME, PARTNER)), _stamp(day)))
                continue
            for person in people:
                roll = rng.random()
                if slug == "six-second-kiss" or roll < 0.97:
                    checkins.append((hid, day.isoformat(), person, _stamp(day)))
                elif roll < 0.98:
                    skips.append((hid, day.isoformat(), person))
    con = sqlite3.connect(db)
    with con:
        con.executemany(
            "INSERT INTO checkins (habit_id, day, person, seq, note, place, logged_at)"
            " VALUES (?, ?, ?, 0, NULL, NULL, ?)",
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
    rows = con.execute("SELECT id, slug, cadence, who FROM habits").fetchall()
    con.close()
    habits = {slug: (hid, cadence, who) for hid, slug, cadence, who in rows}
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
