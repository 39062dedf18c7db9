"""A D-Bus connection for the dbus notifier (habits.notify.dbus), on jeepney: one
socket, a receiver thread that hands replies to the caller waiting for them (in
order with the signals, which go to a callback), deadlines on every call, and a
callback when the bus goes away. The receiver thread takes no lock of its caller's.
"""

from __future__ import annotations

import itertools
import os
import queue
import threading
import time
from collections.abc import Callable

from jeepney import HeaderFields, MessageType
from jeepney.bus import get_connectable_addresses
from jeepney.bus_messages import MatchRule, message_bus
from jeepney.io.blocking import prep_socket
from jeepney.io.threading import DBusConnection, ReceiveStopped
from jeepney.low_level import Message

_connections = itertools.count(1)


class BusError(Exception):
    """No session bus, or the connection to it broke."""


class CallFailed(Exception):
    """The other side answered a call with a D-Bus error."""


def session_address() -> str:
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not address:
        runtime = os.environ.get("XDG_RUNTIME_DIR", "")
        if runtime and os.path.exists(os.path.join(runtime, "bus")):
            return f"unix:path={os.path.join(runtime, 'bus')}"
        raise BusError("no session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
    return address


def left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


class Connection:
    """One bus connection with a receiver thread; `owner` follows the server's name."""

    def __init__(
        self,
        address: str,
        deadline: float,
        on_signal: Callable[[Connection, Message], None],
        on_lost: Callable[[Connection, str], None],
    ) -> None:
        try:
            path = next(get_connectable_addresses(address))
            sock = prep_socket(path, timeout=max(0.05, left(deadline)))
        except (OSError, RuntimeError, ValueError, StopIteration) as exc:
            raise BusError(f"cannot connect to the session bus: {exc}") from None
        self.number = next(_connections)
        self.conn = DBusConnection(sock)
        self.owner: str | None = None
        self.alive = True
        self._on_signal, self._on_lost = on_signal, on_lost
        self._waiting: dict[
            int, tuple[queue.SimpleQueue[Message | None], Callable[[Message], None] | None]
        ] = {}
        self._closing = False
        threading.Thread(target=self._receive, name="dbus-receiver", daemon=True).start()
        try:
            self.unique_name = self.call(message_bus.Hello(), deadline).body[0]
            self.bus_id = self.call(message_bus.GetId(), deadline).body[0]  # this bus instance's own id
        except BaseException:
            self.close()
            raise

    def send(self, msg: Message) -> int:
        """Send a call without waiting; returns its serial (see `wait`)."""
        serial = next(self.conn.outgoing_serial)
        return self._send(msg, serial, None)

    def _send(self, msg: Message, serial: int, on_reply: Callable[[Message], None] | None) -> int:
        if not self.alive:
            raise BusError("the session bus connection is closed")
        self._waiting[serial] = (queue.SimpleQueue(), on_reply)
        try:
            self.conn.send(msg, serial=serial)
        except OSError as exc:
            self._waiting.pop(serial, None)
            raise BusError(f"the session bus connection broke: {exc}") from None
        return serial

    def wait(self, serial: int, deadline: float) -> Message:
        slot = self._waiting.get(serial)
        try:
            if slot is None:
                raise BusError("the session bus connection broke")
            try:
                reply = slot[0].get(timeout=left(deadline))
            except queue.Empty:
                raise TimeoutError from None
        finally:
            self._waiting.pop(serial, None)
        if reply is None:
            raise BusError("the session bus connection broke")
        if reply.header.message_type == MessageType.error:
            name = reply.header.fields.get(HeaderFields.error_name, "error")
            detail = reply.body[0] if reply.body and isinstance(reply.body[0], str) else ""
            raise CallFailed(f"{name}: {detail}" if detail else name)
        return reply

    def call(
        self, msg: Message, deadline: float, on_reply: Callable[[Message], None] | None = None
    ) -> Message:
        """Send a call and wait for its reply until `deadline` (TimeoutError after).
        `on_reply` runs on the receiver thread, in order with the signals."""
        return self.wait(self._send(msg, next(self.conn.outgoing_serial), on_reply), deadline)

    def _receive(self) -> None:
        why = ""
        try:
            while True:
                msg = self.conn.receive()
                kind = msg.header.message_type
                if kind in (MessageType.method_return, MessageType.error):
                    slot = self._waiting.get(msg.header.fields.get(HeaderFields.reply_serial, -1))
                    if slot is not None:
                        if slot[1] is not None:
                            slot[1](msg)
                        slot[0].put(msg)
                elif kind == MessageType.signal:
                    self._on_signal(self, msg)
        except ReceiveStopped:
            pass
        except Exception as exc:  # noqa: BLE001 - EOF, a reset, a malformed message: the bus is gone
            why = f"{type(exc).__name__}: {exc}".rstrip(": ")
        self.alive = False
        for slot in list(self._waiting.values()):
            slot[0].put(None)
        if not self._closing:
            self._on_lost(self, why or "closed")

    def close(self) -> None:
        self._closing = True
        self.alive = False
        try:
            self.conn.close()
        except OSError:
            pass


def owner_rule(name: str) -> MatchRule:
    """The match rule for the bus's NameOwnerChanged signals about `name`."""
    rule = MatchRule(
        type="signal",
        sender="org.freedesktop.DBus",
        interface="org.freedesktop.DBus",
        member="NameOwnerChanged",
        path="/org/freedesktop/DBus",
    )
    rule.add_arg_condition(0, name)
    return rule
