"""Configuration: where things live, and the settings in config.toml.

Loading is cheap (tomllib, no store access) so that `habits paths` and
`habits config` never touch the store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import time, timedelta, tzinfo
from pathlib import Path
from typing import Any, NamedTuple

from habits.errors import BadValue, ConfigError

class Key(NamedTuple):
    default: Any
    kind: type  # str, bool, int or list
    doc: str

# Every key the program knows, with its default. config.example.toml documents
# exactly these (a test checks it).
SCHEMA: dict[str, dict[str, Key]] = {
    "store": {
        "url": Key("", str, "Store location: a path or an SQLAlchemy URL; empty means the default."),
    },
    "time": {
        "timezone": Key("", str, "IANA time zone for your days; empty means the system's."),
        "day_starts_at": Key("00:00", str, "When a new habit-day begins (HH:MM)."),
        "week_starts_on": Key("monday", str, "First day of a week for weekly habits."),
    },
    "couple": {
        "me": Key("", str, "Your name in check-ins; empty means your login name."),
        "partner": Key("", str, "Your partner's name; empty means a one-person tracker."),
    },
    "reminders": {
        "enabled": Key(True, bool, "Whether the daemon sends reminders at all."),
        "quiet_hours": Key(["22:00", "07:00"], list, "No nudges from..to; equal times mean none."),
        "at_risk_time": Key("21:00", str, "When to warn that a streak is about to end."),
        "catch_up": Key("2h", str, "On a first start, send reminders missed this long ago."),
        "snooze": Key("30m", str, "How long Snooze waits."),
    },
    "notifications": {
        "backend": Key("auto", str, "auto, dbus, plyer, stdout or command."),
        "timeout": Key(10, int, "Seconds before an ordinary notification expires."),
        "command": Key([], list, "argv for the command backend; title and message are appended."),
    },
    "backup": {
        "keep": Key(7, int, "Daily JSON exports kept in backups/ beside the store; 0 = none."),
    },
}

BACKENDS = ("auto", "dbus", "plyer", "stdout", "command")

class Config:
    """The effective settings, validated and typed."""

    __slots__ = ("source", "values")

    def __init__(self, source: Path | None = None,
                 values: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.source = source
        self.values: Mapping[str, Mapping[str, Any]] = values if values is not None else {}

    def get(self, section: str, key: str) -> Any:
        return self.values.get(section, {}).get(key, SCHEMA[section][key].default)

    # Typed accessors: each validates its value and names the key when it is bad.
    @property
    def store_url(self) -> str:
        return self.get("store", "url").strip()

    @property
    def timezone(self) -> tzinfo:
        name = self.get("time", "timezone").strip()
        return load_timezone(name) if name else system_timezone()

    @property
    def day_starts_at(self) -> time:
        return self._parsed("time", "day_starts_at", _hhmm)

    @property
    def week_starts_on(self) -> int:
        from habits.core.periods import parse_weekday

        return self._parsed("time", "week_starts_on", parse_weekday)

    @property
    def me(self) -> str:
        return self.get("couple", "me").strip() or login_name()

    @property
    def partner(self) -> str | None:
        return self.get("couple", "partner").strip() or None

    @property
    def reminders_enabled(self) -> bool:
        return bool(self.get("reminders", "enabled"))

    @property
    def quiet_hours(self) -> tuple[time, time]:
        raw = self.get("reminders", "quiet_hours")
        if len(raw) != 2:
            raise ConfigError(
                f"Config key reminders.quiet_hours = {raw!r} must be two times, "
                'like ["22:00", "07:00"].'
            )
        start = self._parsed("reminders", "quiet_hours", lambda _: _hhmm(raw[0]))
        end = self._parsed("reminders", "quiet_hours", lambda _: _hhmm(raw[1]))
        return start, end

    @property
    def at_risk_time(self) -> time:
        return self._parsed("reminders", "at_risk_time", _hhmm)

    @property
    def catch_up(self) -> timedelta:
        return self._parsed("reminders", "catch_up", _duration)

    @property
    def snooze(self) -> timedelta:
        return self._parsed("reminders", "snooze", _duration)

    @property
    def notify_backend(self) -> str:
        return self.get("notifications", "backend")

    @property
    def notify_timeout(self) -> int:
        return self.get("notifications", "timeout")

    @property
    def notify_command(self) -> tuple[str, ...]:
        return tuple(self.get("notifications", "command"))

    @property
    def backup_keep(self) -> int:
        keep = self.get("backup", "keep")
        if keep < 0:
            raise ConfigError(
                f"Config key backup.keep = {keep} must be 0 (no daily exports) or the number to keep."
            )
        return keep

    def _parsed(self, section: str, key: str, parse: Any) -> Any:
        value = self.get(section, key)
        try:
            return parse(value)
        except BadValue as exc:
            raise ConfigError(f"Config key {section}.{key} = {value!r} is not valid: {exc}") from None

    def check(self) -> None:
        """Validate every value now (rather than when it is first used)."""
        for name in ("timezone", "day_starts_at", "week_starts_on", "quiet_hours",
                     "at_risk_time", "catch_up", "snooze", "backup_keep"):
            getattr(self, name)
        partner = self.partner
        for key, name in (("me", self.me), ("partner", partner or "")):
            if len(name) > 100:  # the store's person columns hold 100 characters
                raise ConfigError(f"Config key couple.{key} is {len(name)} characters long; use at most 100.")
        if partner is not None and partner.casefold() == self.me.casefold():
            raise ConfigError(f"Config keys couple.me and couple.partner both name {self.me!r}; "
                              "set couple.partner to your partner's name, or leave it empty.")
        if self.notify_backend not in BACKENDS:
            raise ConfigError(
                f"Config key notifications.backend = {self.notify_backend!r} is not valid; "
                f"use one of {', '.join(BACKENDS)}."
            )
        if self.notify_timeout <= 0:
            raise ConfigError(
                f"Config key notifications.timeout = {self.notify_timeout} must be a positive "
                "number of seconds."
            )
        if self.notify_backend == "command" and not self.notify_command:
            raise ConfigError(
                "Config key notifications.command is empty but the backend is 'command'; "
                'set it to an argv list such as ["notify-send", "--app-name=habits"].'
            )

    def effective(self) -> dict[str, dict[str, Any]]:
        """Every known key with its effective value (defaults filled in), secrets masked."""
        out: dict[str, dict[str, Any]] = {}
        for section, keys in SCHEMA.items():
            out[section] = {}
            for key in keys:
                value = self.get(section, key)
                if (section, key) == ("store", "url"):
                    from habits.store.urls import mask_url

                    value = mask_url(value)
                out[section][key] = value
        return out

def _hhmm(text: Any) -> time:
    from habits.core.dates import parse_hhmm

    return parse_hhmm(text)

def _duration(text: Any) -> timedelta:
    from habits.core.dates import parse_duration

    return parse_duration(text)

def load_config(path: Path | None, explicit: bool) -> Config:
    """Read and check the shape of config.toml. A missing implicit file means defaults."""
    if path is None:
        return Config()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if explicit:
            raise ConfigError(
                f"Config file {path} does not exist; create it (see config.example.toml) "
                "or drop --config / HABITS_CONFIG."
            ) from None
        return Config()
    except IsADirectoryError:
        raise ConfigError(f"Config path {path} is a directory; point it at a TOML file.") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read config file {path}: {exc.strerror}.") from None
    import tomllib

    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"Config file {path} is not UTF-8 text; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid TOML: {exc}.") from None
    return Config(source=path, values=_validate(doc, path))

def _validate(doc: Mapping[str, Any], path: Path) -> dict[str, dict[str, Any]]:
    known = [f"{s}.{k}" for s, keys in SCHEMA.items() for k in keys]
    values: dict[str, dict[str, Any]] = {}
    for section, body in doc.items():
        if section not in SCHEMA:
            raise ConfigError(_unknown(f"[{section}]", section, list(SCHEMA), path, "section"))
        if not isinstance(body, dict):
            raise ConfigError(
                f"Config entry {section!r} in {path} must be a table; write it as [{section}]."
            )
        values[section] = {}
        for key, value in body.items():
            spec = SCHEMA[section].get(key)
            if spec is None:
                raise ConfigError(_unknown(f"{section}.{key}", f"{section}.{key}", known, path, "key"))
            values[section][key] = _typed(section, key, value, spec, path)
    return values

def _typed(section: str, key: str, value: Any, spec: Key, path: Path) -> Any:
    name = f"{section}.{key}"
    kind_names = {str: "a string", bool: "true or false", int: "a whole number", list: "a list"}
    ok = isinstance(value, spec.kind) and not (spec.kind is int and isinstance(value, bool))
    if ok and spec.kind is list:
        ok = all(isinstance(item, str) for item in value)
    if not ok:
        raise ConfigError(
            f"Config key {name} = {value!r} in {path} must be {kind_names[spec.kind]}"
            f"{' of strings' if spec.kind is list else ''}; the default is {spec.default!r}."
        )
    return value

def _unknown(shown: str, name: str, known: list[str], path: Path, what: str) -> str:
    import difflib

    near = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f"did you mean {near[0]!r}?" if near else "see config.example.toml for the known keys."
    return f"Unknown config {what} {shown} in {path}; {hint}"

def login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no passwd entry, no LOGNAME: still a usable name
        return "me"

def load_timezone(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ConfigError(
            f"Config key time.timezone = {name!r} is not a known time zone; "
            "use an IANA name such as 'Europe/Berlin', or leave it empty for the system's."
        ) from None

def system_timezone() -> tzinfo:
    """The system's zone with its DST rules (not just today's offset)."""
    from zoneinfo import ZoneInfo

    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except Exception:
            pass
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
        with open("/etc/localtime", "rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    except Exception:
        from datetime import datetime

        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")
