"""The optional daily rotating JSON export (config `backup.keep`, 0 = off).

`backups/habits-export-YYYY-MM-DD.json` beside the SQLite store (0600 in a 0700
folder; for a PostgreSQL store, in $HABITS_HOME or the platform data folder).
It runs after a command has written to the store, at most once a day: the
check is one stat of today's file name, and with `backup.keep = 0` nothing at
all happens. The newest `keep` files are kept; older ones are removed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from habits.cli.context import AppContext

_NAME = re.compile(r"habits-export-\d{4}-\d{2}-\d{2}\.json")


def backup_dir(app: AppContext) -> Path:
    return backup_folder(app.store.path, app.locations.home)


def backup_folder(store_path: Path | None, home: Path | None) -> Path:
    """`backups/` beside an SQLite store (`store_path`); for another store, in the
    habits home or the platform data folder."""
    if store_path is not None:
        return store_path.parent / "backups"
    if home is not None:
        return home / "backups"
    from platformdirs import user_data_dir

    from habits.locations import APP

    return Path(user_data_dir(APP, appauthor=False)) / "backups"


def daily_backup(app: AppContext) -> Path | None:
    """Write today's export unless it exists; returns its path when written."""
    keep = app.config.backup_keep
    if keep <= 0:
        return None
    folder = backup_dir(app)
    target = folder / f"habits-export-{app.today().isoformat()}.json"
    if target.exists():
        return None
    from habits.io.export_json import build, dumps
    from habits.io.userfile import write_private

    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)
        os.chmod(folder, 0o700)
    with app.read() as conn:
        doc = build(conn, me=app.config.me, partner=app.config.partner)
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


def after_write(app: AppContext) -> None:
    """Called after a successful write; a failing backup is logged, never fatal."""
    try:
        daily_backup(app)
    except Exception as exc:  # noqa: BLE001 - a backup must not break the command that wrote
        from habits.logfile import append_log

        try:
            append_log(app.locations.log_file, f"daily backup failed: {type(exc).__name__}: {exc}")
        except OSError:
            pass
