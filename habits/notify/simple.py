"""The backends without buttons: stdout (prints, for headless machines), command (a
configured argv, never a shell) and plyer (desktop; on Linux notify-send is run
directly so that its exit status is seen). None of them raises or blocks longer
than the timeout it is given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from typing import TextIO

from habits.errors import ConfigError
from habits.notify.base import APP_NAME, Delivery


class StdoutNotifier:
    name = "stdout"

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, title: str, message: str, timeout: float) -> Delivery:
        stream = self.stream or sys.stdout
        try:
            body = message.replace("\n", "\n    ")
            stream.write(f"[{APP_NAME}] {title}\n    {body}\n")
            stream.flush()
        except (OSError, ValueError) as exc:
            return Delivery(False, f"cannot write to standard output: {exc}")
        return Delivery(True, "printed to standard output")

    def check(self, timeout: float) -> str | None:
        return None


def _run(argv: Sequence[str], timeout: float, what: str) -> Delivery:
    """Run argv (no shell), bounded by timeout; the exit status decides."""
    try:
        done = subprocess.run(
            list(argv), stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        return Delivery(False, f"{argv[0]} was not found; install it or change notifications.backend")
    except subprocess.TimeoutExpired:
        return Delivery(False, f"{what} did not finish within {timeout:g} s (notification server hung?)")
    except OSError as exc:
        return Delivery(False, f"cannot run {argv[0]}: {exc.strerror or exc}")
    if done.returncode != 0:
        err = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        detail = f": {err[-1]}" if err else ""
        return Delivery(False, f"{what} exited with status {done.returncode}{detail}")
    return Delivery(True, f"delivered by {what}")


class CommandNotifier:
    name = "command"

    def __init__(self, argv: Sequence[str]) -> None:
        if not argv:
            raise ConfigError(
                "Config key notifications.command is empty but the backend is 'command'; "
                'set it to an argv list such as ["notify-send", "--app-name=habits"].'
            )
        self.argv = tuple(argv)

    def send(self, title: str, message: str, timeout: float) -> Delivery:
        return _run([*self.argv, title, message], timeout, self.argv[0])

    def check(self, timeout: float) -> str | None:
        """Whether the command's program exists and may be run (no shell: argv[0] as is)."""
        program = self.argv[0]
        found = (
            program if os.sep in program or (os.altsep and os.altsep in program) else shutil.which(program)
        )
        if found is None:
            return f"the notifications.command program {program!r} was not found on PATH"
        if not os.path.isfile(found):
            return f"the notifications.command program {found!r} does not exist"
        if not os.access(found, os.X_OK):
            return f"the notifications.command program {found!r} is not executable"
        return None


class PlyerNotifier:
    """plyer's desktop notifications. On Linux plyer calls notify-send and ignores its
    exit status (and asks for `-t 0`, never expiring), so there notify-send is run
    directly; elsewhere plyer's notification.notify, with every exception caught."""

    name = "plyer"

    def __init__(self, platform: str | None = None, notify_send: str | None = None) -> None:
        self.platform = platform or sys.platform
        self.notify_send = notify_send if notify_send is not None else shutil.which("notify-send")

    def send(self, title: str, message: str, timeout: float) -> Delivery:
        if self.platform.startswith("linux") and self.notify_send:
            argv = [
                self.notify_send,
                f"--app-name={APP_NAME}",
                f"--expire-time={int(timeout * 1000)}",
                "--",
                title,
                message,
            ]
            return _run(argv, timeout, "notify-send")
        return self._plyer(title, message, timeout)

    def check(self, timeout: float) -> str | None:
        """On Linux: notify-send (or python-dbus, plyer's other way) and a notification
        server on the session bus. Elsewhere plyer cannot tell beforehand."""
        if not self.platform.startswith("linux"):
            return None
        if not self.notify_send:
            try:
                import dbus  # type: ignore[import-not-found]  # noqa: F401 - plyer's fallback
            except ImportError:
                return (
                    "notify-send was not found (install libnotify-bin), and plyer has no other way to notify"
                )
        return _server_problem(timeout)

    def _plyer(self, title: str, message: str, timeout: float) -> Delivery:
        try:
            from plyer import notification

            notification.notify(title=title, message=message, app_name=APP_NAME, timeout=int(timeout))
        except NotImplementedError:
            hint = " (install libnotify-bin for notify-send)" if self.platform.startswith("linux") else ""
            return Delivery(False, f"plyer has no notification support on this system{hint}")
        except Exception as exc:  # noqa: BLE001 - plyer can fail in many ways; never stop the daemon
            return Delivery(False, f"plyer failed: {type(exc).__name__}: {exc}")
        return Delivery(True, "handed to plyer (it cannot confirm delivery on this platform)")


def _server_problem(timeout: float) -> str | None:
    """Whether the session bus has a notification server (None when D-Bus cannot be
    spoken here, so nothing can be said)."""
    dbus = dbus_notifier(timeout)
    if dbus is None:
        return None
    try:
        return dbus.check(timeout)
    finally:
        dbus.shutdown()


def dbus_notifier(timeout: float):
    """The D-Bus notifier, or None where jeepney (Linux only) is not installed."""
    try:
        from habits.notify.dbus import DBusNotifier
    except ImportError:  # jeepney is a Linux-only dependency
        return None
    return DBusNotifier(timeout=timeout)
