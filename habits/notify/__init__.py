"""Notifications through a small interface: `send(title, message, timeout) -> Delivery`.

Backends: dbus (habits.notify.dbus: nudges with Done and Snooze buttons), plyer,
stdout and command (habits.notify.simple). `auto` is dbus on Linux when the
session's notification server advertises "actions", else plyer. A backend never
raises: failures come back as Delivery(ok=False, reason=...), and no backend
blocks longer than the timeout it is given. A backend that can put buttons on a
nudge is a ButtonNotifier (`buttons_of`). `problem(notifier, timeout)` says,
before anything is sent, why a backend cannot deliver at all (or None).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from habits.errors import ConfigError
from habits.notify.base import APP_NAME, ButtonNotifier, Delivery, Notifier, Nudge, buttons_of
from habits.notify.simple import CommandNotifier, PlyerNotifier, StdoutNotifier, dbus_notifier

if TYPE_CHECKING:
    from habits.config import Config

__all__ = [
    "APP_NAME",
    "ButtonNotifier",
    "CommandNotifier",
    "Delivery",
    "Notifier",
    "Nudge",
    "PlyerNotifier",
    "StdoutNotifier",
    "buttons_of",
    "make_notifier",
    "notifier_from_config",
    "problem",
]


def notifier_from_config(config: Config) -> Notifier:
    """The notifier the config's notifications section asks for."""
    return make_notifier(
        config.notify_backend, command=config.notify_command, timeout=float(config.notify_timeout)
    )


def make_notifier(
    backend: str, *, command: Sequence[str] = (), timeout: float = 10.0, platform: str | None = None
) -> Notifier:
    """The notifier for notifications.backend. `auto` asks the session's notification
    server (on Linux) whether it offers action buttons; any D-Bus trouble means plyer."""
    platform = platform or sys.platform
    if backend == "auto":
        if platform.startswith("linux"):
            dbus = dbus_notifier(timeout)
            if dbus is not None and dbus.offers_actions(timeout):
                return dbus
            if dbus is not None:
                dbus.shutdown()
        return PlyerNotifier(platform)
    if backend == "plyer":
        return PlyerNotifier(platform)
    if backend == "stdout":
        return StdoutNotifier()
    if backend == "command":
        return CommandNotifier(command)
    if backend == "dbus":
        dbus = dbus_notifier(timeout)
        if dbus is None:
            raise ConfigError(
                "Config key notifications.backend = 'dbus' needs the jeepney package (installed with "
                "habits on Linux); install it, or use 'auto', 'plyer', 'stdout' or 'command'."
            )
        return dbus
    raise ConfigError(
        f"Config key notifications.backend = {backend!r} is not valid; "
        "use one of auto, dbus, plyer, stdout or command."
    )


def problem(notifier: Notifier, timeout: float) -> str | None:
    """Why `notifier` cannot deliver anything now, or None when it looks able to
    (a backend without a check is taken at its word)."""
    check = getattr(notifier, "check", None)
    if check is None:
        return None
    try:
        return check(timeout)
    except Exception as exc:  # noqa: BLE001 - a check must never stop the daemon
        return f"the check failed: {type(exc).__name__}: {exc}"
