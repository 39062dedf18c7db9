"""The log of unexpected errors and of the daemon: private (0600 in a 0700 folder)."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timezone
from pathlib import Path


def append_log(path: Path, text: str) -> None:
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        fh.write(f"{stamp} {text.rstrip()}\n")


def open_log(path: Path) -> logging.Handler:
    """A handler appending to the log file, created 0600 in a 0700 folder."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s daemon[%(process)d] %(levelname)s %(message)s"))
    return handler
