"""`habits snooze` promises only a nudge that will really come: after quiet hours
when the habit's day or week still lasts then, and never for a habit that is done or
excused, nor past its period's end (then it says so and stores nothing)."""

from datetime import datetime, timezone

import pytest

from habits.cli.context import AppContext
from habits.daemon.engine import Reminders
from habits.notify import Delivery

UTC = timezone.utc
CONFIG = """
[time]
timezone = "Europe/Berlin"
[couple]
me = "Alex"
[reminders]
quiet_hours = {quiet}
"""


class Recorder:
    name = "recorder"

    def __init__(self):
        self.sent = []

    def send(self, title, message, timeout):
        self.sent.append(title)
        return Delivery(True, "shown")


@pytest.fixture
def h(habits_sqlite):
    habits_sqlite.write_config(CONFIG.format(quiet='["22:00", "07:00"]'))
    at(habits_sqlite, 6, 0)  # 07:00 in Berlin, Wednesday 11 March
    ok(habits_sqlite, "list")
    return habits_sqlite


def at(h, hour, minute, day=11):
    h.clock.instant = datetime(2026, 3, day, hour, minute, tzinfo=UTC)
    return h.clock.now()


def ok(h, *args):
    result = h(*args)
    assert result.exit_code == 0, result.output + result.stderr
    return result.stdout


def snoozes(h):
    return [row for row in h.dump() if row[0] == "snoozes"]


def engine(h, notifier):
    app = AppContext(clock=h.clock)
    return Reminders(app.store, app.config, "Alex", notifier, people=app.people)


def test_a_snooze_that_quiet_hours_push_past_the_days_end_is_not_promised(h):
    at(h, 21, 30)  # 22:30 in Berlin: quiet hours until 07:00, the day ends at midnight
    out = ok(h, "snooze", "six-second-kiss", "10m")
    assert "22:40" not in out and "Will remind" not in out
    assert out == (
        "No nudge will come for Six-second kiss: quiet hours last until Thu 07:00, "
        "after the day ends (00:00). Nothing was snoozed.\n"
    )
    assert snoozes(h) == []
    rec = Recorder()
    eng = engine(h, rec)
    for hour, minute, day in ((21, 41, 11), (6, 0, 12), (6, 1, 12)):
        eng.tick(at(h, hour, minute, day))
    assert rec.sent.count("Six-second kiss") == 0


def test_a_snooze_of_a_habit_done_today_is_not_promised(h):
    at(h, 9, 0)
    ok(h, "done", "six-second-kiss")
    out = ok(h, "snooze", "six-second-kiss", "10m")
    assert out == "No nudge will come for Six-second kiss: it is done today already. Nothing was snoozed.\n"
    assert snoozes(h) == []


def test_a_snooze_of_a_skipped_habit_is_not_promised(h):
    at(h, 9, 0)
    ok(h, "skip", "six-second-kiss", "--reason", "ill")
    out = ok(h, "snooze", "six-second-kiss", "10m")
    assert out.startswith("No nudge will come for Six-second kiss: it is excused") and "today" in out
    assert snoozes(h) == []


def test_a_snooze_past_the_days_end_without_quiet_hours_is_not_promised(h):
    h.write_config(CONFIG.format(quiet='["00:00", "00:00"]'))
    at(h, 22, 50)  # 23:50 in Berlin
    out = ok(h, "snooze", "six-second-kiss", "30m")
    assert out == (
        "No nudge will come for Six-second kiss: the day ends (00:00) before Thu 00:20. "
        "Nothing was snoozed.\n"
    )
    assert snoozes(h) == []


def test_a_weekly_habit_snoozed_into_quiet_hours_comes_when_they_end(h):
    at(h, 20, 55)  # Wednesday 21:55 in Berlin; the weekly date's week goes on until Sunday
    out = ok(h, "snooze", "weekly-date", "10m")
    assert "again at Thu 07:00:00, when quiet hours end (not in 10m), unless" in out
    listing = ok(h, "reminders")
    assert "Thu 07:00  Weekly date: revisit an early haunt  (snoozed)" in listing
    rec = Recorder()
    eng = engine(h, rec)
    eng.tick(at(h, 21, 6))  # 22:06: nothing (the snooze is not due yet, quiet hours anyway)
    assert rec.sent == []
    eng.tick(at(h, 6, 0, day=12))  # Thursday 07:00 in Berlin
    assert rec.sent.count("Weekly date: revisit an early haunt") == 1


def test_a_snooze_within_the_day_is_promised_as_asked(h):
    at(h, 9, 0)  # 10:00 in Berlin
    out = ok(h, "snooze", "six-second-kiss", "10m")
    assert "again at Wed 10:10:00 (in 10m), unless it is done by then" in out
    (row,) = snoozes(h)
    assert row[4] == datetime(2026, 3, 11, 9, 10)  # stored in UTC
