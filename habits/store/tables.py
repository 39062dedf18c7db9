"""The schema, as SQLAlchemy Core tables (no ORM on the command line's path).

Alembic revisions in migrations/versions/ create exactly this; a test checks
that upgrading an empty store to head leaves no difference.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# The newest Alembic revision. The CLI compares the store against this constant
# (without importing Alembic) and runs migrations only when the store is behind.
HEAD_REVISION = "0005"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Instants are naive UTC datetimes; days are local calendar dates.

habits = Table(
    "habits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(64), nullable=False, unique=True),
    Column("title", String(200), nullable=False),
    Column("cadence", String(10), nullable=False),  # "daily" | "weekly" | "monthly" | "every"
    Column("target", Integer, nullable=False, default=1),  # check-ins per period
    Column("who", String(10), nullable=False, default="together"),  # "together" | "each"
    Column("reminders", String(200), nullable=False, default=""),  # "07:45,19:30"
    Column("days", String(40), nullable=False, default=""),  # "mon,thu"; "" = every day
    Column("why", Text, nullable=False, default=""),
    Column("archived", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False, default=0),
    Column("created_on", Date, nullable=False),
    Column("created_at", DateTime, nullable=False),
    # Revision 0005: any cadence and measured habits.
    Column("every", Integer, nullable=False, server_default="0", default=0),  # days, cadence "every"
    Column("measure", String(40), nullable=False, server_default="", default=""),  # unit; "" = yes/no
    Column("measure_kind", String(10), nullable=False, server_default="", default=""),  # at_least|at_most
    Column("measure_target", Integer, nullable=False, server_default="0", default=0),  # thousandths
)

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("habit_id", Integer, ForeignKey("habits.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("person", String(100), nullable=False),
    Column("seq", Integer, nullable=False, default=0),  # 0..target-1 for --times N
    Column("note", Text, nullable=True),
    Column("place", String(200), nullable=True),
    Column("logged_at", DateTime, nullable=False),
    Column("amount", Integer, nullable=True),  # thousandths of the unit; None for a yes/no check-in
    UniqueConstraint("habit_id", "day", "person", "seq"),
)

skips = Table(
    "skips",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("habit_id", Integer, ForeignKey("habits.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("person", String(100), nullable=False, default=""),  # "" = for everyone
    Column("reason", Text, nullable=True),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("habit_id", "day", "person"),
)

away = Table(
    "away",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("start", Date, nullable=False),
    Column("end", Date, nullable=False),
    Column("note", Text, nullable=True),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("start", "end"),
)

haunts = Table(
    "haunts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False, unique=True),  # casefolded name
    Column("created_at", DateTime, nullable=False),
)

# One row per habit, day, reminder slot and person: the record that makes
# "never twice" hold. The row is written before a notification is sent.
reminder_log = Table(
    "reminder_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("habit_id", Integer, ForeignKey("habits.id", ondelete="CASCADE"), nullable=False),
    Column("person", String(100), nullable=False),
    Column("day", Date, nullable=False),
    Column("slot", String(64), nullable=False),  # "07:45", "at-risk", "snooze:<instant>"
    Column("due_at", DateTime, nullable=False),
    Column("status", String(32), nullable=False),  # sent, suppressed, deferred, missed, failed...
    Column("reason", Text, nullable=True),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("habit_id", "day", "slot", "person"),
)

snoozes = Table(
    "snoozes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("habit_id", Integer, ForeignKey("habits.id", ondelete="CASCADE"), nullable=False),
    Column("person", String(100), nullable=False),
    Column("due_at", DateTime, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

# Where `habits streaks` and the board resume each habit's walk through its history
# (so `habits streaks` need not walk all history): the state after the period ending on `through` (core.streaks.Checkpoint).
# A cache, kept honest by triggers (revision 0002, which lists them). scope: the
# people whose tracks were walked, a JSON list ([] = pooled); rule: "daily:target" or
# "weekly:target:week_start" (partners may start weeks on different days), and for
# the other types store.checkpoints.rule_key's longer forms (at most 40 characters);
# tracks: JSON [[total, first, first_checkin, score], ...].
streak_cache = Table(
    "streak_cache",
    metadata,
    Column("habit_id", Integer, ForeignKey("habits.id", ondelete="CASCADE"), primary_key=True),
    Column("scope", String(300), primary_key=True),
    Column("rule", String(40), primary_key=True),
    Column("through", Date, nullable=False),
    Column("run", Integer, nullable=False),
    Column("longest", Integer, nullable=False),
    Column("tracks", Text, nullable=False),
)

# A thank-you from one partner to the other for a check-in (of habit_id on day):
# thanked_on is the habit-day it was given (the day the thanked person's board shows
# it), read_at when the thanked person's daemon told them (None: unread). A habit's
# thanks go with the habit, as its check-ins do.
thanks = Table(
    "thanks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("from_person", String(100), nullable=False),
    Column("to_person", String(100), nullable=False),
    Column("habit_id", Integer, ForeignKey("habits.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),
    Column("thanked_on", Date, nullable=False),
    Column("note", Text, nullable=True),
    Column("logged_at", DateTime, nullable=False),
    Column("read_at", DateTime, nullable=True),
)

# One person's own reminder times for a habit, in place of the habit's `reminders`
# for that person only ("07:00,21:30", the same form).
own_times = Table(
    "own_times",
    metadata,
    Column("habit_id", Integer, ForeignKey("habits.id", ondelete="CASCADE"), primary_key=True),
    Column("person", String(100), primary_key=True),
    Column("times", String(200), nullable=False),
)

# The couple's rituals: one answer per person, kind and period. kind "checkin" (period:
# the week's first day; body: JSON {"appreciations": [...], "went_well", "work_on",
# "connected"}) or "question" (period: the question's day; body: the answer's text).
# Kept in the clear: the partner's text is sealed by the program until both answered.
answers = Table(
    "answers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("period", Date, nullable=False),
    Column("body", Text, nullable=False),
    Column("logged_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    UniqueConstraint("person", "kind", "period"),
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

Index("ix_checkins_habit_day", checkins.c.habit_id, checkins.c.day)
Index("ix_reminder_log_created_at", reminder_log.c.created_at)
Index("ix_snoozes_due_at", snoozes.c.due_at)
Index("ix_thanks_to_person_thanked_on", thanks.c.to_person, thanks.c.thanked_on)
Index("ix_answers_kind_period", answers.c.kind, answers.c.period)

OUR_TABLES = frozenset(metadata.tables) | {"alembic_version"}
