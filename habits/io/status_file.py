"""The status file: read without trusting it, written atomically and privately (0600 in
a 0700 folder), and `status.on_change` started after a write that changed what it
says. Standard library only: `habits status` reads it without loading the store."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from habits.core.status import BadStatus, check, same_content
from habits.files import write_private

MAX_BYTES = 1 << 20  # a status file is a few kilobytes; a bigger one is not ours


def read_status(path: Path) -> dict[str, Any] | None:
    """The checked payload, or None when the file is missing, unreadable, truncated or
    malformed (it is then computed again)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return None
        return check(json.loads(data))
    except (OSError, ValueError, BadStatus):
        return None


def write_status(
    path: Path,
    payload: Mapping[str, Any],
    *,
    on_change: Sequence[str] = (),
    report: Callable[[str], None] | None = None,
) -> bool:
    """Write the payload; then, when it says something new, start `on_change` (an argv,
    never a shell) detached, without waiting for it. Trouble (a missing or read-only
    folder, a command that cannot start) goes to `report` in one line, never raised.
    Returns whether the file was written."""
    old = read_status(path)
    try:
        write_private(path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n", durable=False)
    except OSError as exc:
        if report is not None:
            report(f"status file not written ({path}): {exc.strerror or exc}")
        return False
    if on_change and not same_content(old, payload):
        run_detached(on_change, report)
    return True


def run_detached(argv: Sequence[str], report: Callable[[str], None] | None = None) -> None:
    import subprocess  # only when there is a command to start: `habits status` stays light

    try:
        subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except (OSError, ValueError) as exc:
        if report is not None:
            report(f"status.on_change {list(argv)!r} could not start: {exc}")
