"""The `dbus` notifier: org.freedesktop.Notifications spoken directly over the
session bus with jeepney, so that nudges carry "Done" and "Snooze" buttons.

One connection sends and listens (servers such as dunst send ActionInvoked and
NotificationClosed only to the connection that called Notify). A receiver thread
reads it: replies go to the caller waiting for them, signals from the current
owner of org.freedesktop.Notifications are queued (anything else is ignored: a
signal's sender is set by the bus and cannot be forged). That thread never takes
the notifier's lock and never touches the store: the daemon drains the queue with
`take_events()` on its scheduler's worker. A nudge's id is registered under the
same lock as its Notify call and the queue is resolved under that lock, so a fast
click cannot overtake its id. Ids are keyed by connection and by the server's
unique bus name (a restarted server counts from 1 again). A lost bus is
reconnected on the next use. Every call is bounded by a deadline. A nudge's
delivery carries a handle (bus id, server, notification id) with which a later
daemon closes it (`close_left`) when this one died with it on screen.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from jeepney import DBusAddress, HeaderFields, MessageType, new_method_call
from jeepney.bus_messages import MatchRule, message_bus
from jeepney.low_level import Message

from habits.notify.base import APP_NAME, Delivery, Nudge
from habits.notify.bus import BusError, CallFailed, Connection, left, owner_rule, session_address

NAME = "org.freedesktop.Notifications"
SERVER = DBusAddress("/org/freedesktop/Notifications", bus_name=NAME, interface=NAME)
BUTTONS = ("done", "Done", "snooze", "Snooze")  # action keys and labels; no "default"
THANK = ("thank", "Thank")  # on a nudge about the partner's check-ins
SNOOZE = BUTTONS[2:]  # on a measured habit's nudge: a button cannot say how much
NORMAL_URGENCY = 1
Key = tuple[int, str, int]  # (connection number, server's unique name, notification id)

log = logging.getLogger("habits.daemon")


@dataclass(frozen=True)
class ButtonEvent:
    kind: str  # "done", "snooze", "thank", "dismissed", "unknown"
    nudge: Nudge | None
    key: Key
    detail: str = ""


class DBusNotifier:
    name = "dbus"

    def __init__(self, address: str | None = None, timeout: float = 10.0) -> None:
        self.address = address
        self.timeout = timeout
        self.on_event: Callable[[], None] | None = None  # called on the receiver thread; must be quick
        self._lock = threading.Lock()
        self._bus: Connection | None = None
        self._caps: dict[tuple[int, str], frozenset[str]] = {}
        self._open: dict[Key, Nudge] = {}
        self._signals: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._lost_before = False

    # -- the connection ----------------------------------------------------------

    def _connected(self, deadline: float) -> Connection:
        if self._bus is not None and self._bus.alive:
            return self._bus
        bus = Connection(self.address or session_address(), deadline, self._signal, self._lost)
        try:
            for rule in (MatchRule(type="signal", interface=NAME, path=SERVER.object_path), owner_rule(NAME)):
                bus.call(message_bus.AddMatch(rule), deadline)

            def owner(reply: Message) -> None:  # on the receiver thread, in order with NameOwnerChanged
                bus.owner = reply.body[0] if reply.header.message_type == MessageType.method_return else None

            try:
                bus.call(message_bus.GetNameOwner(NAME), deadline, owner)
            except CallFailed:
                pass  # no server yet: a Notify call may start one (D-Bus activation)
        except BaseException:
            bus.close()
            raise
        if self._lost_before:
            log.info("reconnected to the session bus")
        self._bus = bus
        return bus

    def _signal(self, bus: Connection, msg: Message) -> None:
        """On the receiver thread: keep track of the server, queue its signals."""
        fields = msg.header.fields
        sender, member = fields.get(HeaderFields.sender), fields.get(HeaderFields.member)
        if fields.get(HeaderFields.interface) == "org.freedesktop.DBus" and member == "NameOwnerChanged":
            if sender == "org.freedesktop.DBus" and msg.body[0] == NAME:
                old, new = msg.body[1], msg.body[2]
                bus.owner = new or None
                if old:
                    self._signals.put(("gone", bus.number, old))
            return
        if fields.get(HeaderFields.interface) != NAME or member not in (
            "ActionInvoked",
            "NotificationClosed",
        ):
            return
        if sender != bus.owner:
            log.warning(
                "ignored %s from %s: it is not the notification server (%s)",
                member,
                sender,
                bus.owner or "none",
            )
            return
        kind = "action" if member == "ActionInvoked" else "closed"
        self._signals.put((kind, bus.number, sender, int(msg.body[0]), msg.body[1]))
        self._wake()

    def _lost(self, bus: Connection, why: str) -> None:
        log.warning("lost the session bus (%s); reconnecting on the next notification", why)
        self._lost_before = True
        self._signals.put(("lost", bus.number))
        self._wake()

    def _wake(self) -> None:
        callback = self.on_event
        if callback is not None:
            try:
                callback()
            except Exception:
                log.exception("could not hand a notification event to the scheduler")

    def _capabilities(self, bus: Connection, deadline: float) -> frozenset[str]:
        """The server's capabilities, asked once per server (a restarted one is asked again)."""
        known = self._caps.get((bus.number, bus.owner or ""))
        if known is None:
            reply = bus.call(new_method_call(SERVER, "GetCapabilities"), deadline)
            known = frozenset(reply.body[0])
            self._caps[(bus.number, reply.header.fields.get(HeaderFields.sender, ""))] = known
        return known

    # -- the notifier interface ---------------------------------------------------

    def offers_actions(self, timeout: float | None = None) -> bool:
        """Whether the session's notification server shows action buttons (any D-Bus
        error, or no answer within the timeout, means no)."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        if not self._lock.acquire(timeout=left(deadline)):
            return False
        try:
            return "actions" in self._capabilities(self._connected(deadline), deadline)
        except (BusError, CallFailed, TimeoutError, OSError, ValueError):
            return False
        finally:
            self._lock.release()

    def check(self, timeout: float) -> str | None:
        """Why nothing could be shown now (no session bus, no notification server, a
        server that does not answer), or None."""
        deadline = time.monotonic() + timeout
        if not self._lock.acquire(timeout=timeout):
            return f"the notifier stayed busy for {timeout:g} s"
        try:
            self._capabilities(self._connected(deadline), deadline)
        except (TimeoutError, CallFailed, BusError, OSError, ValueError) as exc:
            return _why(exc, timeout)
        finally:
            self._lock.release()
        return None

    def send(self, title: str, message: str, timeout: float) -> Delivery:
        return self._notify(title, message, timeout, None)

    def send_nudge(self, title: str, message: str, timeout: float, nudge: Nudge) -> Delivery:
        """A nudge with Done and Snooze buttons that stays until used or closed."""
        return self._notify(title, message, timeout, nudge)

    def _notify(self, title: str, message: str, timeout: float, nudge: Nudge | None) -> Delivery:
        deadline, handle = time.monotonic() + timeout, ""
        if not self._lock.acquire(timeout=timeout):
            return Delivery(False, f"the notifier stayed busy for {timeout:g} s (notification server hung?)")
        try:
            bus = self._connected(deadline)
            caps = self._capabilities(bus, deadline)
            buttons = nudge is not None and "actions" in caps
            body = escape(message, quote=False) if "body-markup" in caps else message
            hints: dict[str, tuple[str, Any]] = {"urgency": ("y", NORMAL_URGENCY)}
            if buttons:
                hints["resident"] = ("b", True)
            expire = 0 if buttons else max(1, int(timeout * 1000))
            title, body = title.replace("\0", "\ufffd"), body.replace("\0", "\ufffd")  # D-Bus forbids NUL
            kind = nudge.kind if nudge is not None else ""
            actions = list({"partner": THANK, "measured": SNOOZE}.get(kind, BUTTONS)) if buttons else []
            args = (APP_NAME, 0, "", title, body, actions, hints, expire)
            reply = bus.call(new_method_call(SERVER, "Notify", "susssasa{sv}i", args), deadline)
            server, number = reply.header.fields.get(HeaderFields.sender, ""), int(reply.body[0])
            if buttons and nudge is not None:
                self._open[(bus.number, server, number)] = nudge  # under the lock of the send
                handle = f"{bus.bus_id} {server} {number}"
        except (TimeoutError, CallFailed, BusError, OSError, ValueError) as exc:
            return Delivery(False, _why(exc, timeout))
        finally:
            self._lock.release()
        extra = (
            (", with " + " and ".join(actions[1::2]))
            if buttons
            else (" (the server shows no buttons)" if nudge else "")
        )
        return Delivery(True, f"shown by the notification server as id {number}{extra}", handle)

    def close_left(self, handle: str, timeout: float | None = None) -> bool:
        """Close a nudge that an earlier daemon showed (its handle from the delivery).
        False when it lives on another bus or server (gone, or out of reach)."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        try:
            bus_id, server, number = handle.split(" ")
            ident = int(number)
        except ValueError:
            return False
        if not self._lock.acquire(timeout=left(deadline)):
            return False
        try:
            bus = self._connected(deadline)
            if bus.bus_id != bus_id or bus.owner != server:
                return False  # another session, or a restarted server: that nudge is gone with it
            bus.call(new_method_call(SERVER, "CloseNotification", "u", (ident,)), deadline)
        except (BusError, CallFailed, TimeoutError, OSError, ValueError):
            return False
        finally:
            self._lock.release()
        return True

    # -- what the daemon does with the buttons ---------------------------------

    def take_events(self) -> list[ButtonEvent]:
        """The clicks and closes received since the last call, resolved to nudges."""
        out: list[ButtonEvent] = []
        with self._lock:
            while True:
                try:
                    item = self._signals.get_nowait()
                except queue.Empty:
                    return out
                if item[0] in ("gone", "lost"):
                    dropped = [
                        k for k in self._open if k[0] == item[1] and (item[0] == "lost" or k[1] == item[2])
                    ]
                    for key in dropped:
                        del self._open[key]
                    if dropped:
                        why = "the notification server went away" if item[0] == "gone" else "the bus was lost"
                        log.info("forgot %d open nudge(s): %s", len(dropped), why)
                    continue
                kind, number, server, ident, detail = item
                key = (number, server, ident)
                if kind == "action":
                    if detail not in ("done", "snooze", "thank"):
                        log.info(
                            "ignored the %r action of notification %d (not a button of ours)", detail, ident
                        )
                        continue
                    nudge = self._open.pop(key, None)
                    out.append(ButtonEvent(detail if nudge else "unknown", nudge, key, detail))
                elif key in self._open:  # closed by the person (2) or the server (1, 4)
                    out.append(
                        ButtonEvent("dismissed" if detail == 2 else "expired", self._open.pop(key), key)
                    )

    def open_nudges(self) -> list[tuple[Key, Nudge]]:
        with self._lock:
            return list(self._open.items())

    def close(self, key: Key, timeout: float | None = None) -> bool:
        """Close one of our notifications (CloseNotification) and forget it."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        with self._lock:
            self._open.pop(key, None)
            bus = self._bus
            if bus is None or not bus.alive or bus.number != key[0] or bus.owner != key[1]:
                return False  # that server (or bus) is gone, and its notifications with it
            try:
                bus.call(new_method_call(SERVER, "CloseNotification", "u", (key[2],)), deadline)
            except (BusError, CallFailed, TimeoutError, OSError):
                return False
        return True

    def close_all(self, timeout: float) -> int:
        """Close every open nudge within `timeout` (their buttons would be dead once we
        stop); used on SIGTERM, so it never waits on the lock for long."""
        deadline = time.monotonic() + timeout
        held = self._lock.acquire(timeout=min(0.2, timeout))
        try:
            keys, bus = list(self._open), self._bus
            for key in keys:
                self._open.pop(key, None)
            if bus is None or not bus.alive:
                return 0
            serials = []
            for key in keys:
                if key[0] == bus.number and key[1] == bus.owner:
                    try:
                        serials.append(bus.send(new_method_call(SERVER, "CloseNotification", "u", (key[2],))))
                    except BusError:
                        break
            closed = 0
            for serial in serials:
                try:
                    bus.wait(serial, deadline)
                    closed += 1
                except (BusError, CallFailed, TimeoutError):
                    pass
            return closed
        finally:
            if held:
                self._lock.release()

    def shutdown(self) -> None:
        """Close the connection (the notifier is being replaced or the process ends)."""
        with self._lock:
            if self._bus is not None:
                self._bus.close()
                self._bus = None
            self._open.clear()


def _why(exc: BaseException, timeout: float) -> str:
    """What a failed call to the notification server means, in one phrase."""
    if isinstance(exc, TimeoutError):
        return f"the notification server did not answer within {timeout:g} s (hung?)"
    if isinstance(exc, CallFailed):
        if str(exc).startswith("org.freedesktop.DBus.Error.ServiceUnknown"):
            return f"no notification server is running in this session (nobody owns {NAME}); start one, e.g. dunst"
        return f"the notification server refused it: {exc}"
    return f"{exc}; is a notification server running in this session?"
