"""A damaged SQLite store: telling damage from a file that is not ours, and naming
the newest copy to restore from (the copies made before upgrades, `habits.db.bak-*`,
and the daily exports in `backups/` beside the store)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"  # the first bytes of every SQLite database file
BACKUP_FOLDER = "backups"  # beside an SQLite store: the daily JSON exports
EXPORT_GLOB = "habits-export-*.json"
# What SQLite says when the pages it reads do not make sense.
DAMAGE_HINTS = ("malformed", "disk image", "not a database")


def is_damage(message: str, path: Path | None) -> bool:
    """An error that hints at damage, on a file that is an SQLite database by its header
    (a file that is not SQLite at all is "not a habits store", not damaged)."""
    low = message.lower()
    if path is None or not any(hint in low for hint in DAMAGE_HINTS):
        return False
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def quick_check(path: Path) -> str | None:
    """SQLite's own quick check of every page, read-only: None when the store is sound,
    else its first complaint. Costs a read of the whole file: never on a hot path."""
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        con.close()
    first = str(rows[0][0]) if rows else "no answer"
    return None if first == "ok" else first


def copies(path: Path) -> list[Path]:
    """Every copy to restore from, newest first (by modification time)."""
    found = list(path.parent.glob(f"{path.name}.bak-*"))
    folder = path.parent / BACKUP_FOLDER
    if folder.is_dir():
        found += folder.glob(EXPORT_GLOB)
    dated = []
    for copy in found:
        try:
            dated.append((copy.stat().st_mtime, copy))
        except OSError:
            continue
    return [copy for _, copy in sorted(dated, reverse=True)]


def damaged_message(path: Path, detail: str) -> str:
    """One sentence: the store is damaged, and how to restore the newest copy."""
    head = f"The store {path} is damaged ({detail.rstrip('.')})"
    aside = f"move it aside (with any {path.name}-wal and -shm beside it)"
    found = copies(path)
    if not found:
        return (
            f"{head} and no copy of it was found ({path.name}.bak-*, {BACKUP_FOLDER}/); "
            f"{aside} and try `sqlite3 {path} .recover` to save what is still readable."
        )
    newest = found[0]
    when = datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    if newest.suffix == ".json":
        restore = f"`habits import {newest}` into a fresh store"
    else:
        restore = f"`cp {newest} {path}` (it is upgraded on first use)"
    return f"{head}; {aside}, then restore the newest copy, from {when}, with {restore}."
