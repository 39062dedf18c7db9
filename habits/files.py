"""Private files: everything habits writes holds private data, so its files are 0600
and the folders it makes are 0700. One helper for each way habits writes: a folder,
a new (or emptied) file, an atomic write, the log appended to."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import logging


def private_dir(folder: Path, *, parents: bool = True) -> None:
    """Make folder 0700 when it does not exist (a folder that exists is left as it is)."""
    if folder.exists():
        return
    folder.mkdir(mode=0o700, parents=parents, exist_ok=True)
    os.chmod(folder, 0o700)


def open_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT) -> int:
    """os.open with mode 0600 (the mode of a file it creates); the descriptor."""
    return os.open(path, flags, 0o600)


def create_private(path: Path, *, exclusive: bool = False) -> None:
    """Create path empty with mode 0600 (emptied when it exists; FileExistsError with
    `exclusive`)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_EXCL if exclusive else os.O_TRUNC)
    os.close(open_private(path, flags))
    os.chmod(path, 0o600)


def write_private(path: Path, text: str, *, durable: bool = True) -> None:
    """Write text to path atomically (a temp file beside it, then rename), mode 0600;
    its folder is made 0700 when missing. `durable=False` skips the fsync, for files
    that are computed again when a crash cuts them short (the status file)."""
    import tempfile

    folder = path.parent
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:  # mkstemp creates the file 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def append_log(path: Path, text: str) -> None:
    """Append one stamped entry to the log (0600 in a 0700 folder)."""
    from datetime import datetime, timezone

    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    fd = open_private(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        fh.write(f"{stamp} {text.rstrip()}\n")


def open_log(path: Path) -> logging.Handler:
    """A handler appending to the log file, created 0600 in a 0700 folder."""
    import logging

    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    os.close(open_private(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND))
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s daemon[%(process)d] %(levelname)s %(message)s"))
    return handler
