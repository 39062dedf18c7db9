"""What every notifier shares: the result of a delivery, the reminder a nudge is
about, the plain `Notifier` interface and the `ButtonNotifier` interface of a
backend that puts buttons on its nudges (Done and Snooze, or Thank; today: dbus)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, runtime_checkable

APP_NAME = "habits"


@dataclass(frozen=True)
class Delivery:
    ok: bool
    reason: str = ""
    handle: str = ""  # where a nudge with buttons lives, so that a later daemon can close it


@dataclass(frozen=True)
class Nudge:
    """Which reminder a notification is about (its row in the reminder log)."""

    habit_id: int
    slug: str
    day: date
    slot: str
    kind: str = "reminder"  # "reminder": Done and Snooze; "measured": Snooze alone; "partner": Thank


class Notifier(Protocol):
    name: str

    def send(self, title: str, message: str, timeout: float) -> Delivery:
        """Show one notification that expires after `timeout` seconds."""


@runtime_checkable
class ButtonNotifier(Protocol):
    """A notifier whose nudges carry buttons; it reports clicks as events (taken by
    the daemon on its worker) and can close what it showed, even a nudge an earlier
    daemon left on screen (by its delivery's handle)."""

    name: str
    timeout: float
    on_event: Any  # called on the notifier's own thread when an event is queued

    def send(self, title: str, message: str, timeout: float) -> Delivery: ...
    def send_nudge(self, title: str, message: str, timeout: float, nudge: Nudge) -> Delivery: ...
    def take_events(self) -> list[Any]: ...
    def open_nudges(self) -> list[tuple[Any, Nudge]]: ...
    def close(self, key: Any, timeout: float | None = None) -> bool: ...
    def close_left(self, handle: str, timeout: float | None = None) -> bool: ...
    def close_all(self, timeout: float) -> int: ...
    def check(self, timeout: float) -> str | None: ...
    def shutdown(self) -> None: ...


def buttons_of(notifier: object) -> ButtonNotifier | None:
    """The notifier as a ButtonNotifier when its nudges have buttons, else None."""
    return notifier if isinstance(notifier, ButtonNotifier) else None
