"""A private desktop stack for tests: a D-Bus session bus of our own (dbus-daemon),
Xvfb and dunst. Used by tests/e2e and the dbus notifier's tests.

    with Desktop(tmp_path) as desk:          # the bus only
        desk.env                              # os.environ + DBUS_SESSION_BUS_ADDRESS
        desk.start_x(); desk.start_dunst(rc)  # a display and a real notification server
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from conftest import require

NAME = "org.freedesktop.Notifications"
# dunst keeping everything on screen and in its history (`dunstctl history`).
DUNSTRC = """
[global]
    stack_duplicates = false
    history_length = 100
    sticky_history = true
    idle_threshold = 0
[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0
"""
# A session bus without service directories: nothing is started by D-Bus activation
# (the system's dunst.service would otherwise be tried, without a display).
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def need(*tools: str, why: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        require(", ".join(missing), why)


def wait_for(check, what: str, limit: float = 30.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Desktop:
    def __init__(self, tmp_path: Path) -> None:
        need("dbus-daemon", why="the D-Bus tests need a private session bus (package dbus)")
        # A short socket path of our own (unix socket paths are limited to ~100 bytes),
        # so the bus can be stopped and started again at the same address.
        self.dir = Path(tempfile.mkdtemp(prefix="habits-bus-"))
        self.tmp = tmp_path
        self.address = f"unix:path={self.dir / 'bus'}"
        self.bus: subprocess.Popen | None = None
        self.procs: list[subprocess.Popen] = []
        self.env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address}
        self.env.pop("WAYLAND_DISPLAY", None)

    def start_bus(self) -> None:
        (self.dir / "bus").unlink(missing_ok=True)
        (self.dir / "bus.conf").write_text(BUS_CONFIG)
        self.bus = subprocess.Popen(
            [
                "dbus-daemon",
                f"--config-file={self.dir / 'bus.conf'}",
                "--nofork",
                f"--address={self.address}",
                "--print-address=1",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert self.bus.stdout is not None and self.bus.stdout.readline().strip(), "dbus-daemon did not start"

    def stop_bus(self) -> None:
        if self.bus is not None:
            self.bus.terminate()
            self.bus.wait(timeout=10)
            self.bus = None

    def start_x(self) -> None:
        need("Xvfb", why="the desktop tests need a virtual display (package xvfb)")
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-screen", "0", "640x480x24"],
            pass_fds=(write_fd,),
            stderr=subprocess.DEVNULL,
        )
        self.procs.append(xvfb)
        os.close(write_fd)
        with os.fdopen(read_fd) as fh:
            self.env["DISPLAY"] = ":" + fh.readline().strip()

    def start_dunst(self, config: str) -> subprocess.Popen:
        need("dunst", "dunstctl", "dbus-send", why="the desktop tests need dunst (package dunst)")
        rc = self.tmp / f"dunstrc-{len(self.procs)}"
        rc.write_text(config)
        dunst = subprocess.Popen(
            ["dunst", "-config", str(rc)], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.procs.append(dunst)
        wait_for(self.has_server, "dunst to own org.freedesktop.Notifications")
        return dunst

    def has_server(self) -> bool:
        out = subprocess.run(
            [
                "dbus-send",
                "--session",
                "--dest=org.freedesktop.DBus",
                "--print-reply",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                f"string:{NAME}",
            ],
            env=self.env,
            capture_output=True,
            text=True,
        )
        return "boolean true" in out.stdout

    def __enter__(self) -> Desktop:
        self.start_bus()
        return self

    def __exit__(self, *_exc: object) -> None:
        for p in reversed(self.procs):
            p.terminate()
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        try:
            self.stop_bus()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
