"""Every configuration key habits knows: its default, its type, what it means and how
it is checked. One source: `habits config check` validates with it, and the
configuration reference and config.example.toml are generated from it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta
from typing import Any, NamedTuple

from habits.errors import BadValue

BACKENDS = ("auto", "dbus", "plyer", "stdout", "command")


def _hhmm(value: Any) -> time:
    from habits.core.dates import parse_hhmm

    return parse_hhmm(value)


def _duration(value: Any) -> timedelta:
    from habits.core.dates import parse_duration

    return parse_duration(value)


def _weekday(value: Any) -> int:
    from habits.core.periods import parse_weekday

    return parse_weekday(value)


def _timezone(value: Any) -> str:
    name = value.strip()
    if name:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise BadValue(
                f"{name!r} is not a known time zone; use an IANA name such as 'Europe/Berlin', "
                "or leave it empty for the system's"
            ) from None
    return name


def _name(value: Any) -> str:
    name = value.strip()
    if len(name) > 100:  # the store's person columns hold 100 characters
        raise BadValue(f"it is {len(name)} characters long; use at most 100")
    return name


def _quiet_hours(value: Any) -> tuple[time, time]:
    if len(value) != 2:
        raise BadValue('it must be two times, like ["22:00", "07:00"]')
    return _hhmm(value[0]), _hhmm(value[1])


def _backend(value: Any) -> str:
    if value not in BACKENDS:
        raise BadValue(f"use one of {', '.join(BACKENDS)}")
    return value


def _positive(value: Any) -> int:
    if value <= 0:
        raise BadValue("it must be a positive number of seconds")
    return value


def _keep(value: Any) -> int:
    if value < 0:
        raise BadValue("it must be 0 (no daily exports) or the number to keep")
    return value


class Key(NamedTuple):
    default: Any
    kind: type  # str, bool, int or list (of strings)
    doc: str  # what the key means, in a few sentences
    parse: Callable[[Any], Any] | None = None  # the checked, typed value; raises BadValue


class Section(NamedTuple):
    doc: str
    keys: dict[str, Key]


SCHEMA: dict[str, Section] = {
    "store": Section(
        "Where habits keeps its data.",
        {
            "url": Key(
                "",
                str,
                (
                    'A file path, or an SQLAlchemy URL such as "postgresql://alex@db.example/habits" '
                    "to share one store as a couple (needs the PostgreSQL extra). Empty: "
                    "$HABITS_HOME/habits.db, else the platform's user data folder. A path given "
                    "here must be in an existing folder."
                ),
            ),
        },
    ),
    "time": Section(
        "Your days and weeks.",
        {
            "timezone": Key(
                "",
                str,
                ('IANA time zone for your days, e.g. "Europe/Berlin". Empty: the system\'s.'),
                _timezone,
            ),
            "day_starts_at": Key(
                "00:00",
                str,
                ('When a new habit-day begins. "04:00" makes a kiss at 00:30 count for the day before.'),
                _hhmm,
            ),
            "week_starts_on": Key(
                "monday", str, ("First day of the week for weekly habits: monday ... sunday."), _weekday
            ),
        },
    ),
    "couple": Section(
        "The two of you. The store records the couple the first time it is used; "
        "both partners' configs must use the same names (see `habits couple`).",
        {
            "me": Key("", str, "Your name in check-ins. Empty: your login name.", _name),
            "partner": Key("", str, ("Your partner's name. Empty: habits is a one-person tracker."), _name),
        },
    ),
    "reminders": Section(
        "What `habits daemon` does.",
        {
            "enabled": Key(True, bool, "Whether the daemon sends reminders at all."),
            "quiet_hours": Key(
                ["22:00", "07:00"],
                list,
                (
                    "No nudges between these two times (deferred to the end, not dropped). Equal "
                    "times mean no quiet hours."
                ),
                _quiet_hours,
            ),
            "at_risk_time": Key("21:00", str, "When to warn that a streak is about to end.", _hhmm),
            "catch_up": Key(
                "2h",
                str,
                ("On a first start, reminders missed this long ago are still sent (once)."),
                _duration,
            ),
            "snooze": Key("30m", str, 'How long "Snooze" and `habits snooze` wait.', _duration),
        },
    ),
    "notifications": Section(
        "How nudges reach you.",
        {
            "backend": Key(
                "auto",
                str,
                (
                    "auto, dbus, plyer, stdout (prints, for headless machines) or command. dbus "
                    '(Linux): nudges carry "Done" and "Snooze" buttons and stay until used. auto: '
                    "dbus when the session's notification server offers buttons, else plyer (always "
                    "plyer on macOS and Windows). plyer on Linux runs notify-send (package "
                    "libnotify-bin) and checks its exit status."
                ),
                _backend,
            ),
            "timeout": Key(
                10,
                int,
                (
                    "Seconds before an ordinary notification expires (nudges with buttons stay), "
                    "and the longest a hung notification server can hold the daemon."
                ),
                _positive,
            ),
            "command": Key(
                [],
                list,
                (
                    "argv for the command backend (never run through a shell); the title and the "
                    "message are appended as two more arguments."
                ),
            ),
            "partner": Key(
                True,
                bool,
                (
                    "When a partner is set: the daemon tells you, within a minute, when your partner "
                    "logs a check-in (one notification per minute for all of them; with the dbus "
                    'backend it has a "Thank" button) and when your partner thanks you. false: '
                    "neither."
                ),
            ),
        },
    ),
    "rituals": Section(
        "When the daemon nudges you about the weekly check-in and the question of the day.",
        {
            "review_day": Key(
                "sunday", str, "The day of the weekly check-in nudge: monday ... sunday.", _weekday
            ),
            "review_time": Key(
                "19:00",
                str,
                "When, on review_day, to nudge you to do this week's check-in (if you have not).",
                _hhmm,
            ),
            "question_time": Key(
                "20:00", str, "When to show today's question (if you have not answered it).", _hhmm
            ),
        },
    ),
    "status": Section(
        "The status file for bars and prompts (`habits status`).",
        {
            "on_change": Key(
                [],
                list,
                (
                    "argv started (never through a shell, not waited for) after the status file was "
                    'written with something new, e.g. ["pkill", "-RTMIN+8", "waybar"] to refresh '
                    "a waybar module. Empty: nothing is run."
                ),
            ),
        },
    ),
    "backup": Section(
        "Daily exports, to restore from.",
        {
            "keep": Key(
                7,
                int,
                (
                    "Keep this many daily JSON exports (habits-export-YYYY-MM-DD.json) in a backups/ "
                    "folder beside the store, written by the daemon or else after the first change "
                    "of a day. 0: no daily exports. (A copy is always made before a schema "
                    "upgrade.)"
                ),
                _keep,
            ),
        },
    ),
}

KIND_NAMES = {str: "a string", bool: "true or false", int: "a whole number", list: "a list of strings"}


def known_keys() -> list[str]:
    return [f"{section}.{key}" for section, body in SCHEMA.items() for key in body.keys]
