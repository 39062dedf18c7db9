"""What an import brings in, as plain data.

Both readers (a habits JSON export: habits.io.check_export; a Loop Habit Tracker
backup: habits.io.loop_db) turn their file into a Bundle; habits.io.merge writes
a Bundle into the store. Reading is complete before anything is written, so a
broken file changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from habits.core.habit import ENTRIES_PER_DAY
from habits.errors import HabitsError

FORMAT = "habits-export"
# 2: thanks, answers, each habit's reminders_for; then any cadence ("every"), measured
# habits ("measure") and their check-ins' amounts, all optional (version 1 files still import)
VERSION = 2


class BadImportFile(HabitsError):
    """An import file that cannot be read, is broken, or is of a newer format."""


@dataclass(frozen=True)
class HabitIn:
    slug: str
    title: str
    cadence: str
    target: int
    who: str
    reminders: tuple[str, ...]
    days: tuple[str, ...]
    why: str
    archived: bool
    created_on: date
    position: int
    loop_uuid: str | None = None
    reminders_for: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (person, their own times), by name
    match_title: bool = False  # Loop: match an existing habit by uuid, then by title
    every: int = 0  # the period's days for cadence "every"
    measure: str = ""  # a measured habit's unit; "" = yes/no
    measure_kind: str = ""  # "at_least" | "at_most"
    measure_target: int = 0  # thousandths of the unit

    @property
    def measured(self) -> bool:
        return bool(self.measure)

    @property
    def per_day_limit(self) -> int:
        if self.measure:
            return ENTRIES_PER_DAY
        return self.target if self.cadence == "daily" else 1


@dataclass(frozen=True)
class CheckinIn:
    habit: str
    day: date
    by: str
    logged_at: datetime  # naive UTC
    note: str | None
    place: str | None
    amount: int | None = None  # thousandths of a measured habit's unit; None for yes/no


@dataclass(frozen=True)
class SkipIn:
    habit: str
    day: date
    by: str  # "" = everyone
    reason: str | None


@dataclass(frozen=True)
class AwayIn:
    start: date
    end: date
    note: str | None


@dataclass(frozen=True)
class ThankIn:
    habit: str
    day: date  # the thanked check-in's day
    by: str
    to: str
    thanked_on: date
    logged_at: datetime  # naive UTC
    read_at: datetime | None  # naive UTC; None: not told yet
    note: str | None


@dataclass(frozen=True)
class AnswerIn:
    kind: str  # "checkin" | "question"
    period: date  # the week's first day | the question's day
    by: str
    body: str  # as stored: a check-in's JSON text, or the answer's text
    logged_at: datetime  # naive UTC
    updated_at: datetime  # naive UTC


@dataclass
class Bundle:
    habits: list[HabitIn] = field(default_factory=list)
    checkins: list[CheckinIn] = field(default_factory=list)
    skips: list[SkipIn] = field(default_factory=list)
    away: list[AwayIn] = field(default_factory=list)
    haunts: list[str] = field(default_factory=list)
    thanks: list[ThankIn] = field(default_factory=list)
    answers: list[AnswerIn] = field(default_factory=list)
    couple: tuple[str, str | None] | None = None
    notes: list[str] = field(default_factory=list)  # lines for the report (what was left out...)
