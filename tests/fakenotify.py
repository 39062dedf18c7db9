"""A small notification server for tests, written with jeepney: it owns
org.freedesktop.Notifications on a private bus, records every call, numbers
notifications from 1 (like a freshly started server), and sends ActionInvoked and
NotificationClosed only to the connection that created the notification (as dunst
does). It can be told to hang (never answer some methods).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from jeepney import DBusAddress, HeaderFields, MessageType, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

NAME = "org.freedesktop.Notifications"
EMITTER = DBusAddress("/org/freedesktop/Notifications", interface=NAME)


@dataclass
class Shown:
    id: int
    client: str
    app: str
    summary: str
    body: str
    actions: list[str]
    hints: dict[str, Any]
    expire: int
    closed: int | None = None  # the reason, once closed


@dataclass
class FakeServer:
    address: str
    caps: tuple[str, ...] = ("actions", "body")
    hang: set[str] = field(default_factory=set)  # methods never answered
    shown: dict[int, Shown] = field(default_factory=dict)
    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    def start(self) -> FakeServer:
        self.conn = open_dbus_connection(self.address)
        self._send_lock = threading.Lock()
        self._stop = threading.Event()
        reply = self.conn.send_and_get_reply(message_bus.RequestName(NAME, 4), timeout=5)  # DO_NOT_QUEUE
        assert reply.body[0] == 1, "another server owns org.freedesktop.Notifications"
        self.unique_name = self.conn.unique_name
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self

    def _send(self, msg: Any) -> None:
        with self._send_lock:
            self.conn.send(msg)

    def _serve(self) -> None:
        next_id = 1
        while not self._stop.is_set():
            try:
                msg = self.conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            except OSError:
                return
            fields = msg.header.fields
            if (
                msg.header.message_type != MessageType.method_call
                or fields.get(HeaderFields.interface) != NAME
            ):
                continue
            method = fields[HeaderFields.member]
            with self._changed:
                self.calls.append((method, tuple(msg.body)))
                self._changed.notify_all()
            if method in self.hang:
                continue
            if method == "GetCapabilities":
                self._send(new_method_return(msg, "as", (list(self.caps),)))
            elif method == "GetServerInformation":
                self._send(new_method_return(msg, "ssss", ("fake", "habits-tests", "1", "1.2")))
            elif method == "Notify":
                app, _replaces, _icon, summary, body, actions, hints, expire = msg.body
                shown = Shown(
                    next_id,
                    fields[HeaderFields.sender],
                    app,
                    summary,
                    body,
                    list(actions),
                    {k: v[1] for k, v in hints.items()},
                    expire,
                )
                next_id += 1
                with self._changed:
                    self.shown[shown.id] = shown
                    self._changed.notify_all()
                self._send(new_method_return(msg, "u", (shown.id,)))
            elif method == "CloseNotification":
                (ident,) = msg.body
                if ident in self.shown and self.shown[ident].closed is None:
                    self.close(ident, 3)
                self._send(new_method_return(msg))
            else:
                self._send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))

    # -- what a person (or the server) does ------------------------------------

    def _signal(self, name: str, signature: str, body: tuple[Any, ...], to: str) -> None:
        msg = new_signal(EMITTER, name, signature, body)
        msg.header.fields[HeaderFields.destination] = to
        self._send(msg)

    def click(self, ident: int, action: str, to: str | None = None) -> None:
        """ActionInvoked, sent to the notification's creator (or `to`)."""
        self._signal("ActionInvoked", "us", (ident, action), to or self.shown[ident].client)

    def close(self, ident: int, reason: int = 2, to: str | None = None) -> None:
        """NotificationClosed: 1 expired, 2 dismissed by the person, 3 closed by a call."""
        with self._changed:
            if ident in self.shown:
                self.shown[ident].closed = reason
            self._changed.notify_all()
        self._signal("NotificationClosed", "uu", (ident, reason), to or self.shown[ident].client)

    def wait(self, check, limit: float = 10.0):  # type: ignore[no-untyped-def]
        """Wait until check(self) is true (e.g. a notification shown, a call made)."""
        with self._changed:
            if not self._changed.wait_for(lambda: check(self), timeout=limit):
                raise AssertionError(f"the fake notification server never saw that; calls: {self.calls}")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.conn.close()
