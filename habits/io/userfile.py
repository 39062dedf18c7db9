"""Write a file where the user asked for it (`export -o PATH`), the way they meant it.

- `-` is standard output (the caller writes there; see `names_stdout`);
- a regular file, or a name not taken yet, is replaced atomically: a private temp
  file beside it, then a rename, so a reader never sees half an export;
- a symbolic link is followed: the file it finally points to is replaced that way,
  and the link itself stays (e.g. a link into a synced folder);
- an existing path that is not a regular file (a device such as /dev/null, a FIFO,
  or an open file named through /proc, such as /dev/stderr) is written in place,
  never replaced.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO

from habits.files import write_private

STDOUT = "-"
_MAX_LINKS = 40  # as the kernel's own limit on a chain of links


def names_stdout(target: str, stream: IO[str]) -> bool:
    """Whether `-o target` means the command's own standard output: `-`, or a path
    to the very file standard output already is (such as /dev/stdout)."""
    if target == STDOUT:
        return True
    try:
        ours = os.fstat(stream.fileno())
        theirs = os.stat(target)
    except (OSError, ValueError, AttributeError):  # no real file behind the stream, or no such path
        return False
    return (ours.st_dev, ours.st_ino) == (theirs.st_dev, theirs.st_ino)


def check_folder(path: Path) -> None:
    """Refuse a path in a folder that does not exist: a mistyped folder is not made."""
    from habits.errors import HabitsError

    folder = path.absolute().parent
    if not folder.is_dir():
        raise HabitsError(f"The folder {folder} does not exist; create it first or choose another -o FILE.")


def write_user_file(path: Path, text: str) -> None:
    """Write text to path as described above (new files 0600, new folders 0700)."""
    try:
        info: os.stat_result | None = os.stat(path)  # follows links
    except FileNotFoundError:
        info = None  # a new name, or a link to a file not made yet
    if (info is not None and not stat.S_ISREG(info.st_mode)) or _names_an_open_file(path):
        _write_in_place(path, text)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    write_private(target, text)


def _write_in_place(path: Path, text: str) -> None:
    # Appending: a FIFO or a device ignores the offset, and an open file (a redirected
    # /dev/stderr) keeps what was written to it before.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _names_an_open_file(path: Path) -> bool:
    """Whether a link on the way to path goes through /proc (Linux's names for open
    files: /dev/stdout -> /proc/self/fd/1); such a name is not a place to rename into."""
    hop = str(path)
    for _ in range(_MAX_LINKS):
        if os.path.realpath(os.path.dirname(hop) or ".").startswith("/proc/"):
            return True
        if not os.path.islink(hop):
            return False
        hop = os.path.join(os.path.dirname(hop), os.readlink(hop))
    return False
