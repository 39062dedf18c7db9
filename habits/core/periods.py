"""Days, weeks and the habit-day boundary.

Pure functions: every date, instant and zone is passed in; nothing reads the clock.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

from habits.errors import BadValue

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
CADENCES: tuple[str, ...] = ("daily", "weekly", "monthly", "every")
# The days a period counts as in a habit's strength (its N): a month counts as 30.
MONTH_DAYS = 30

_WEEKDAY_LOOKUP: dict[str, int] = {
    **{name: i for i, name in enumerate(WEEKDAYS)},
    **{name: i for i, name in enumerate(WEEKDAY_NAMES)},
}


def weekday_number(text: str) -> int | None:
    """0..6 for a weekday name ("mon" or "monday", any case, spaces ignored); else None."""
    return _WEEKDAY_LOOKUP.get(text.strip().lower())


def parse_weekday(text: str) -> int:
    """Parse a weekday name, full or three-letter, any case, into 0 (Monday) .. 6 (Sunday)."""
    number = weekday_number(text) if isinstance(text, str) else None
    if number is None:
        raise BadValue(
            f"Weekday {text!r} is not a weekday name; use one of {', '.join(WEEKDAYS)} (or the full name)."
        )
    return number


def _check_cadence(cadence: str) -> None:
    if cadence not in CADENCES:
        raise ValueError(f"unknown cadence {cadence!r}; expected one of {', '.join(CADENCES)}")


def _check_week_start(week_start: int) -> None:
    if not (isinstance(week_start, int) and 0 <= week_start <= 6):
        raise ValueError(f"week_start must be 0 (Monday) .. 6 (Sunday), not {week_start!r}")


def days_per_period(cadence: str, every: int = 0) -> int:
    """The period's days N: 1 a day, 7 a week, 30 for a month (its strength counts a
    month as 30 days), `every` for an every-N-days habit."""
    _check_cadence(cadence)
    if cadence == "every":
        if every < 1:
            raise ValueError(f"an 'every' period needs every >= 1 days, not {every!r}")
        return every
    return {"daily": 1, "weekly": 7, "monthly": MONTH_DAYS}[cadence]


def unit_of(cadence: str) -> str:
    """The unit a streak of this cadence counts in: "days", "weeks", "months" or "periods"."""
    return {"daily": "days", "weekly": "weeks", "monthly": "months"}.get(cadence, "periods")


def period_start(
    day: date, cadence: str, week_start: int = 0, *, every: int = 0, anchor: date | None = None
) -> date:
    """First day of the period holding `day`: the day itself; the most recent
    `week_start` weekday on or before it; the first of its month; or, every N days,
    the start of its block of N days counted from `anchor` (the habit's first day)."""
    _check_cadence(cadence)
    if cadence == "daily":
        return day
    if cadence == "monthly":
        return day.replace(day=1)
    if cadence == "every":
        n = days_per_period(cadence, every)
        base = anchor.toordinal() if anchor is not None else 1
        o = day.toordinal()
        return date.fromordinal(o - (o - base) % n)
    _check_week_start(week_start)
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def period_end(
    day: date, cadence: str, week_start: int = 0, *, every: int = 0, anchor: date | None = None
) -> date:
    """Last day (inclusive) of the period holding `day`."""
    start = period_start(day, cadence, week_start, every=every, anchor=anchor)
    if cadence == "monthly":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return start + timedelta(days=days_per_period(cadence, every) - 1)


def local_day(instant: datetime, tz: tzinfo, day_starts_at: time = time(0)) -> date:
    """The habit-day an aware instant counts for in zone `tz`.

    The day boundary is moved to the wall-clock time `day_starts_at`: with a 04:00
    boundary, 00:30 local time still counts for the previous calendar date. The
    comparison is on local wall time, so it holds on DST days too; a day begins at
    `day_start_instant` (the first occurrence of a repeated boundary), never twice.
    """
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("local_day needs an aware datetime")
    local = instant.astimezone(tz)
    boundary = day_starts_at.replace(tzinfo=None)
    if local.time() >= boundary:
        return local.date()
    # Before the boundary on the wall clock: usually the previous day. But when the clocks
    # went back across the boundary (02:30 with the 02:00-03:00 hour repeated), the day
    # began at its first occurrence and a later wall time such as 02:10 belongs to it.
    start = day_start_instant(local.date(), tz, day_starts_at).astimezone(timezone.utc)
    if instant.astimezone(timezone.utc) >= start:
        return local.date()
    return local.date() - timedelta(days=1)


def day_start_instant(day: date, tz: tzinfo, day_starts_at: time = time(0)) -> datetime:
    """The aware instant (in `tz`) at which habit-day `day` begins.

    This is the first instant whose local wall time on `day` is at or after
    `day_starts_at`, which is exactly the boundary `local_day` uses:
    - normally that wall time itself;
    - when clocks go back and the wall time happens twice, its first occurrence
      (fold=0);
    - when clocks go forward over it (a DST gap, e.g. 02:30 on a spring-forward
      day), the end of the gap: the transition instant (03:00 local in Berlin).
    The result is expressed in `tz` (fold set). Python compares and subtracts two
    datetimes of the same zone by wall time: convert to UTC before doing arithmetic.
    """
    wall = datetime.combine(day, day_starts_at.replace(tzinfo=None))
    first = wall.replace(tzinfo=tz, fold=0)
    utc0 = first.astimezone(timezone.utc)
    if utc0.astimezone(tz).replace(tzinfo=None) == wall:
        return utc0.astimezone(tz)
    # A gap: fold=0 maps through the offset before the transition (a later instant),
    # fold=1 through the offset after it (an earlier one). The transition lies between;
    # find the first instant whose local wall time has reached `wall`.
    utc1 = wall.replace(tzinfo=tz, fold=1).astimezone(timezone.utc)
    lo, hi = min(utc0, utc1), max(utc0, utc1)
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if mid <= lo:
            break
        if mid.astimezone(tz).replace(tzinfo=None) >= wall:
            hi = mid
        else:
            lo = mid
    if lo.astimezone(tz).replace(tzinfo=None) >= wall:
        hi = lo
    return hi.astimezone(tz)


class PeriodGrid:
    """A cadence's periods numbered by whole numbers, on day ordinals: `index(o)` is the
    period holding ordinal o, `first(p)`/`last(p)` its first and last ordinal. Days,
    weeks and every-N blocks have a fixed `size` in days (period p starts on
    p*size + base); calendar months have size 0 and are numbered year*12 + month - 1."""

    __slots__ = ("size", "base")

    def __init__(self, cadence: str, week_start: int = 0, *, every: int = 0, anchor: date | None = None):
        _check_cadence(cadence)
        if cadence == "monthly":
            self.size, self.base = 0, 0
        elif cadence == "every":
            self.size = days_per_period(cadence, every)
            self.base = anchor.toordinal() if anchor is not None else 1
        elif cadence == "weekly":
            _check_week_start(week_start)
            self.size, self.base = 7, 1 + week_start  # ordinal 1 is a Monday
        else:
            self.size, self.base = 1, 0

    def index(self, o: int) -> int:
        if self.size:
            return (o - self.base) // self.size
        d = date.fromordinal(o)
        return d.year * 12 + d.month - 1

    def first(self, p: int) -> int:
        if self.size:
            return p * self.size + self.base
        year, month = divmod(p, 12)
        return date(year, month + 1, 1).toordinal()

    def last(self, p: int) -> int:
        if self.size:
            return p * self.size + self.base + self.size - 1
        return self.first(p + 1) - 1

    def length(self, p: int) -> int:
        """The days of period p (28 to 31 for a month)."""
        return self.size or self.first(p + 1) - self.first(p)
