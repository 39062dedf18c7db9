"""The daily rotating JSON export (config `backup.keep`, default 7; 0 = off).

`backups/habits-export-YYYY-MM-DD.json` beside the SQLite store (0600 in a 0700
folder; for a PostgreSQL store, in $HABITS_HOME or the platform data folder).
The daemon writes it when it runs; else the first command of the day that writes
to the store does. The check is one stat of today's file name, and with
`backup.keep = 0` nothing at all happens. Before writing, an SQLite store gets
SQLite's quick check (once a day): a damaged store is reported, never exported,
and the older exports are kept. The newest `keep` files are kept; older ones
are removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from habits.store.db import Store

_NAME = re.compile(r"habits-export-\d{4}-\d{2}-\d{2}\.json")


def daily_backup(
    store: Store, *, folder: Path, today: date, keep: int, me: str, partner: str | None
) -> Path | None:
    """Write today's export unless it exists; returns its path when written."""
    if keep <= 0:
        return None
    target = folder / f"habits-export-{today.isoformat()}.json"
    if target.exists():
        return None
    if store.path is not None:
        from habits.errors import StoreError
        from habits.store.damage import damaged_message, quick_check

        problem = quick_check(store.path)
        if problem is not None:
            raise StoreError(damaged_message(store.path, problem))
    from habits.files import private_dir, write_private
    from habits.io.export_json import build, dumps

    private_dir(folder)
    with store.read() as conn:
        doc = build(conn, me=me, partner=partner)
    write_private(target, dumps(doc))
    rotate(folder, keep)
    return target


def rotate(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` daily exports; returns what was removed."""
    files = sorted(p for p in folder.iterdir() if _NAME.fullmatch(p.name))
    removed = files[:-keep] if keep > 0 else []
    for old in removed:
        old.unlink(missing_ok=True)
    return removed


def backup_quietly(
    store: Store,
    *,
    report: Callable[[str], None],
    folder: Path,
    today: date,
    keep: int,
    me: str,
    partner: str | None,
) -> Path | None:
    """daily_backup() after a command has written, or from a daemon's tick: a failing
    backup is reported (logged), never fatal."""
    try:
        return daily_backup(store, folder=folder, today=today, keep=keep, me=me, partner=partner)
    except Exception as exc:  # noqa: BLE001 - a backup must not break the command that wrote
        try:
            report(f"daily backup not written: {type(exc).__name__}: {exc}")
        except OSError:
            pass
        return None
