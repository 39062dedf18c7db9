"""Configuration: where things live, and the settings in config.toml.

Loading is cheap (tomllib, no store access) so that `habits paths` and
`habits config` never touch the store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from habits.core.settings import BACKENDS, KIND_NAMES, SCHEMA, Key, known_keys
from habits.errors import BadValue, ConfigError

__all__ = ["BACKENDS", "SCHEMA", "Config", "load_config"]


class Config:
    """The effective settings, validated and typed."""

    __slots__ = ("source", "values")

    def __init__(
        self, source: Path | None = None, values: Mapping[str, Mapping[str, Any]] | None = None
    ) -> None:
        self.source = source
        self.values: Mapping[str, Mapping[str, Any]] = values if values is not None else {}

    def get(self, section: str, key: str) -> Any:
        return self.values.get(section, {}).get(key, SCHEMA[section].keys[key].default)

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
        return self._parsed("time", "day_starts_at")

    @property
    def week_starts_on(self) -> int:
        return self._parsed("time", "week_starts_on")

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
        return self._parsed("reminders", "quiet_hours")

    @property
    def at_risk_time(self) -> time:
        return self._parsed("reminders", "at_risk_time")

    @property
    def catch_up(self) -> timedelta:
        return self._parsed("reminders", "catch_up")

    @property
    def snooze(self) -> timedelta:
        return self._parsed("reminders", "snooze")

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
    def status_on_change(self) -> tuple[str, ...]:
        return tuple(self.get("status", "on_change"))

    @property
    def notify_partner(self) -> bool:
        return bool(self.get("notifications", "partner"))

    @property
    def review_day(self) -> int:
        return self._parsed("rituals", "review_day")

    @property
    def review_time(self) -> time:
        return self._parsed("rituals", "review_time")

    @property
    def question_time(self) -> time:
        return self._parsed("rituals", "question_time")

    @property
    def backup_keep(self) -> int:
        return self._parsed("backup", "keep")

    def _parsed(self, section: str, key: str) -> Any:
        """The key's value through its schema check, or one sentence naming key and value."""
        value = self.get(section, key)
        parse = SCHEMA[section].keys[key].parse
        if parse is None:
            return value
        try:
            return parse(value)
        except BadValue as exc:
            raise ConfigError(f"Config key {section}.{key} = {value!r} is not valid: {exc}.") from None

    def check(self) -> None:
        """Validate every value now (rather than when it is first used): each key by its
        schema check, then the rules that tie two keys together."""
        for section, body in SCHEMA.items():
            for key in body.keys:
                self._parsed(section, key)
        partner = self.partner
        if partner is not None and partner.casefold() == self.me.casefold():
            raise ConfigError(
                f"Config keys couple.me and couple.partner both name {self.me!r}; "
                "set couple.partner to your partner's name, or leave it empty."
            )
        if self.notify_backend == "command" and not self.notify_command:
            raise ConfigError(
                "Config key notifications.command is empty but the backend is 'command'; "
                'set it to an argv list such as ["notify-send", "--app-name=habits"].'
            )

    def effective(self) -> dict[str, dict[str, Any]]:
        """Every known key with its effective value (defaults filled in), secrets masked."""
        out: dict[str, dict[str, Any]] = {}
        for section, body in SCHEMA.items():
            out[section] = {}
            for key in body.keys:
                value = self.get(section, key)
                if (section, key) == ("store", "url"):
                    from habits.store.urls import mask_url

                    value = mask_url(value)
                out[section][key] = value
        return out


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
    known = known_keys()
    values: dict[str, dict[str, Any]] = {}
    for section, body in doc.items():
        if section not in SCHEMA:
            raise ConfigError(_unknown(f"[{section}]", section, list(SCHEMA), path, "section"))
        if not isinstance(body, dict):
            raise ConfigError(f"Config entry {section!r} in {path} must be a table; write it as [{section}].")
        values[section] = {}
        for key, value in body.items():
            spec = SCHEMA[section].keys.get(key)
            if spec is None:
                raise ConfigError(_unknown(f"{section}.{key}", f"{section}.{key}", known, path, "key"))
            values[section][key] = _typed(section, key, value, spec, path)
    return values


def _typed(section: str, key: str, value: Any, spec: Key, path: Path) -> Any:
    name = f"{section}.{key}"
    ok = isinstance(value, spec.kind) and not (spec.kind is int and isinstance(value, bool))
    if ok and spec.kind is list:
        ok = all(isinstance(item, str) for item in value)
    if not ok:
        raise ConfigError(
            f"Config key {name} = {value!r} in {path} must be {KIND_NAMES[spec.kind]}; "
            f"the default is {spec.default!r}."
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
    except Exception:  # noqa: BLE001 - no passwd entry, no LOGNAME: still a usable name
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
        except Exception:  # noqa: BLE001 - a TZ that names no zone: look further
            pass
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
        with open("/etc/localtime", "rb") as fh:
            return ZoneInfo.from_file(fh, key="localtime")
    except Exception:  # noqa: BLE001 - no zone database at all: today's offset
        from datetime import datetime

        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")
