"""Where things live: the config file, the store, the log and the backups."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from habits.store.urls import to_url

if TYPE_CHECKING:
    from habits.config import Config

APP = "habits"


class Locations(NamedTuple):
    config_file: Path | None
    config_explicit: bool
    log_file: Path
    home: Path | None
    env_db: str | None = None  # $HABITS_DB
    runtime_dir: Path | None = None  # $XDG_RUNTIME_DIR

    def status_file(self, person: str) -> Path:
        """The status file for bars and prompts: in the session's runtime folder (a
        tmpfs, gone at logout), else beside the log."""
        folder = self.runtime_dir / APP if self.runtime_dir is not None else self.log_file.parent
        return folder / f"status-{safe_name(person)}.json"

    def store_url(self, cli_db: str | None, config: Config) -> str:
        return self.store_choice(cli_db, config)[0]

    def store_choice(self, cli_db: str | None, config: Config) -> tuple[str, str | None]:
        """The store's URL and what named it: "--db", "HABITS_DB" or "store.url", or
        None for the default location ($HABITS_HOME/habits.db, the platform data dir),
        the only one whose folder habits creates."""
        for candidate, given_by in (
            (cli_db, "--db"),
            (self.env_db, "HABITS_DB"),
            (config.store_url, "store.url"),
        ):
            if candidate and candidate.strip():
                return to_url(candidate.strip()), given_by
        if self.home is not None:
            return to_url(str(self.home / "habits.db")), None
        from platformdirs import user_data_dir

        return to_url(str(Path(user_data_dir(APP, appauthor=False)) / "habits.db")), None


def backup_folder(store_path: Path | None, home: Path | None) -> Path:
    """`backups/` beside an SQLite store (`store_path`); for another store, in the
    habits home or the platform data folder."""
    if store_path is not None:
        return store_path.parent / "backups"
    if home is not None:
        return home / "backups"
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP, appauthor=False)) / "backups"


def safe_name(name: str) -> str:
    """A person's name as part of a file name: letters, digits, '-', '_' and '.' kept."""
    return re.sub(r"[^\w.-]", "_", name.strip()) or "_"


def locate(cli_config: str | None, env: Mapping[str, str] | None = None) -> Locations:
    env = os.environ if env is None else env
    home = Path(os.path.expanduser(env["HABITS_HOME"])) if env.get("HABITS_HOME") else None
    if cli_config:
        config_file, explicit = Path(os.path.expanduser(cli_config)), True
    elif env.get("HABITS_CONFIG"):
        config_file, explicit = Path(os.path.expanduser(env["HABITS_CONFIG"])), True
    elif home is not None:
        config_file, explicit = home / "config.toml", False
    else:
        from platformdirs import user_config_dir

        config_file, explicit = Path(user_config_dir(APP, appauthor=False)) / "config.toml", False
    if home is not None:
        log_file = home / "habits.log"
    else:
        from platformdirs import user_log_dir

        log_file = Path(user_log_dir(APP, appauthor=False)) / "habits.log"
    return Locations(
        config_file=config_file,
        config_explicit=explicit,
        log_file=log_file,
        home=home,
        env_db=env.get("HABITS_DB") or None,
        runtime_dir=Path(env["XDG_RUNTIME_DIR"]) if env.get("XDG_RUNTIME_DIR", "").startswith("/") else None,
    )
