"""Parsing and formatting of the DATE, HH:MM and DURATION values of the command line.

Every failure is a habits.errors.BadValue carrying one sentence that names the bad
value and the fix; no ValueError or OverflowError escapes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

from habits.core.periods import weekday_number
from habits.errors import BadValue

DATE_FORMS = "use YYYY-MM-DD, today, yesterday, -N or a weekday name"
MAX_DURATION = timedelta(days=7)

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_DAYS_AGO = re.compile(r"-(\d+)", re.ASCII)
_HHMM = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
_DURATION = re.compile(
    r"(?:(?P<d>\d+)\s*d)?\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m)?\s*(?:(?P<s>\d+)\s*s)?",
    re.ASCII,
)
# Longer digit runs than these cannot be valid, and int() must never see a huge string.
_MAX_DIGITS = 9


# The earliest day habits keeps: far enough back for any backfill, and far enough
# from date.min that arithmetic on it (weeks, windows) cannot overflow.
EARLIEST = date(1900, 1, 1)


def parse_date(text: str, today: date, *, allow_future: bool = False, future: str | None = None) -> date:
    """Parse a DATE argument relative to `today`; dates after today are rejected
    unless `allow_future` (e.g. for planning days apart), dates before EARLIEST always.
    A day after today is refused saying what the option wants (`future`, the end of the
    sentence, e.g. "--since wants the first day to list, today or earlier"), else in
    the words of logging."""
    day = _parse_date(text, today, allow_future or future is not None)
    if day > today and not allow_future and future is not None:
        raise BadValue(f"Date {day.isoformat()} is in the future; {future}.")
    if day < EARLIEST:
        raise BadValue(
            f"Date {day.isoformat()} is before {EARLIEST.isoformat()}; habits keeps days from then on."
        )
    return day


def _parse_date(text: str, today: date, allow_future: bool) -> date:
    """parse_date without the lower bound.

    Forms (any case, surrounding whitespace ignored): YYYY-MM-DD, "today",
    "yesterday", "-N" (N >= 0 days ago) and a weekday name, full or three-letter,
    meaning the most recent such day, today included.
    """
    if not isinstance(text, str):
        raise BadValue(f"Date {text!r} is not a valid date; {DATE_FORMS}.")
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return _days_before(today, 1, text)
    if allow_future:
        ahead = _ahead(word, today)
        if ahead is not None:
            return ahead
    ago = _DAYS_AGO.fullmatch(word)
    if ago:
        digits = ago.group(1)
        if len(digits) > _MAX_DIGITS:
            raise _too_far_back(text)
        return _days_before(today, int(digits), text)
    weekday = weekday_number(word)
    if weekday is not None:
        return _days_before(today, (today.weekday() - weekday) % 7, text)
    iso = _ISO_DATE.fullmatch(word)
    if iso is None:
        raise BadValue(f"Date {text.strip()!r} is not a valid date; {DATE_FORMS}.")
    try:
        day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    except ValueError:
        raise BadValue(f"Date {text.strip()!r} is not a valid date; {DATE_FORMS}.") from None
    if day > today and not allow_future:
        raise BadValue(f"Date {day.isoformat()} is in the future; you can only log today or earlier.")
    return day


def _ahead(word: str, today: date) -> date | None:
    """The forms that plan ahead: "tomorrow" and "next WEEKDAY" (the next such day after today)."""
    if word == "tomorrow":
        return today + timedelta(days=1)
    first, _, rest = word.partition(" ")
    weekday = weekday_number(rest.strip()) if first == "next" else None
    if weekday is None:
        return None
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _days_before(today: date, days: int, text: str) -> date:
    try:
        return today - timedelta(days=days)
    except OverflowError:
        raise _too_far_back(text) from None


def _too_far_back(text: str) -> BadValue:
    return BadValue(f"Date {text.strip()!r} is too far back; use a smaller N or a date as YYYY-MM-DD.")


def parse_hhmm(text: str) -> time:
    """Parse "HH:MM" or "H:MM" (00:00 .. 23:59) into a naive time."""
    match = _HHMM.fullmatch(text.strip()) if isinstance(text, str) else None
    if match:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour <= 23 and minute <= 59:
            return time(hour, minute)
    raise BadValue(f"Time {text!r} is not a valid time; use HH:MM between 00:00 and 23:59.")


def format_hhmm(t: time) -> str:
    """ "07:45" for 07:45 (seconds dropped)."""
    return f"{t.hour:02d}:{t.minute:02d}"


def parse_duration(text: str) -> timedelta:
    """Parse a duration such as "30m", "2h", "1h30m", "90s" or "1d" (any case, at most 7 days)."""
    fix = "use e.g. 30m, 2h, 1h30m, 90s or 1d"
    word = text.strip().lower() if isinstance(text, str) else ""
    match = _DURATION.fullmatch(word) if word else None
    if match is None or not any(match.groupdict().values()):
        raise BadValue(f"Duration {text!r} is not a valid duration; {fix}.")
    parts = {unit: value for unit, value in match.groupdict().items() if value is not None}
    if any(len(value) > _MAX_DIGITS for value in parts.values()):
        raise BadValue(f"Duration {text.strip()!r} is too long; it can be at most 7 days (7d).")
    seconds = (
        int(parts.get("d", 0)) * 86400
        + int(parts.get("h", 0)) * 3600
        + int(parts.get("m", 0)) * 60
        + int(parts.get("s", 0))
    )
    if seconds <= 0:
        raise BadValue(f"Duration {text.strip()!r} is not positive; {fix}.")
    duration = timedelta(seconds=seconds)
    if duration > MAX_DURATION:
        raise BadValue(f"Duration {text.strip()!r} is too long; it can be at most 7 days (7d).")
    return duration


def format_duration(td: timedelta) -> str:
    """Compact form: "30m", "2h", "1h30m", "1d2h", "45s" ("0s" for zero; whole seconds)."""
    total = td // timedelta(seconds=1)
    if total < 0:
        raise ValueError("format_duration needs a non-negative duration")
    if total == 0:
        return "0s"
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return "".join(
        f"{value}{unit}"
        for value, unit in ((days, "d"), (hours, "h"), (minutes, "m"), (seconds, "s"))
        if value
    )


def utc_iso(instant: datetime) -> str:
    """An instant as ISO 8601 in UTC with a Z; a naive one is taken as UTC (as stored)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=timezone.utc)
    return instant.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
