"""The SQLite store's file: refusing what is not ours, creating a new one private,
and the copy made before a schema upgrade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from habits.errors import StoreError
from habits.files import create_private, private_dir
from habits.store.connect import BUSY_TIMEOUT_MS
from habits.store.damage import SQLITE_MAGIC


def prepare_sqlite_file(path: Path, given_by: str | None = None) -> bool:
    """Refuse what is not ours; create a new store file 0600 in a 0700 folder.
    `given_by` names an explicit location (--db, HABITS_DB, store.url): its folder
    must exist; only the default location's folder is created.
    Returns True when the file is new (or empty)."""
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:  # e.g. a name too long for the file system
        raise StoreError(
            f"Store path {str(path)[:80]!r} cannot be used: {exc.strerror or exc}; "
            "choose another location with --db or HABITS_DB."
        ) from None
    if is_dir:
        raise StoreError(
            f"Store path {path} is a directory; give the path of a file, e.g. {path / 'habits.db'}."
        )
    if exists:
        try:
            with path.open("rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(
                f"Cannot read the store {path}: {exc.strerror}; check its permissions."
            ) from None
        if head and head != SQLITE_MAGIC:
            raise StoreError(
                f"{path} is not a habits store (it is not an SQLite database); "
                "it was left untouched; choose another path with --db."
            )
        return not head
    folder = path.parent
    if given_by is not None and not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise StoreError(
            f"The store {path} given by {given_by} is in a folder that {what} ({folder}); "
            "create the folder first or give a path in an existing one."
        )
    try:
        private_dir(folder)
        create_private(path, exclusive=True)
        # WAL is a property of the file: set it now, while the file is ours and
        # empty, so that processes starting together never meet in rollback mode.
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("PRAGMA journal_mode = WAL")
        finally:
            con.close()
    except FileExistsError:
        return False
    except sqlite3.Error as exc:
        raise StoreError(
            f"Cannot create the store at {path}: {exc}; try again or choose another with --db."
        ) from None
    except OSError as exc:
        raise StoreError(
            f"Cannot create the store at {path}: {exc.strerror or exc}; "
            "choose a writable location with --db or HABITS_DB."
        ) from None
    return True


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy the store next to itself before an upgrade: habits.db.bak-<revision>."""
    target = path.with_name(f"{path.name}.bak-{revision}")
    create_private(target)
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target
