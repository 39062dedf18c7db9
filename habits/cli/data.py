"""Commands about configuration and locations: `config show|check`, `paths`."""

from __future__ import annotations

import json
import re

import click

from habits.cli import SuggestingGroup
from habits.cli.context import AppContext, pass_app
from habits.cli.render import echo
from habits.store.urls import mask_url


@click.command("paths")
@pass_app
def paths(app: AppContext) -> None:
    """Where the config file, the store, the log and the daily backups are.

    Every path is printed even when the config is broken; then what is wrong with it
    (exit 1)."""
    from habits.config import Config, load_config
    from habits.errors import ConfigError
    from habits.locations import backup_folder
    from habits.store.urls import sqlite_path

    loc = app.locations
    config = Config()  # a config that cannot be read leaves store.url unknown
    problem: ConfigError | None = None
    try:
        config = load_config(loc.config_file, loc.config_explicit)
        config.check()
    except ConfigError as exc:
        problem = exc
    cfg = loc.config_file
    if problem is not None:
        state = " (cannot be used: see below)"
    else:
        state = "" if cfg is not None and cfg.exists() else " (not present: defaults apply)"
    url = loc.store_url(app.db, config)
    guessed = problem is not None and config.source is None and not (app.db or loc.env_db)
    echo(f"config:  {cfg}{state}")
    echo(f"store:   {mask_url(url)}" + (" (unless the config's store.url says otherwise)" if guessed else ""))
    echo(f"log:     {loc.log_file}")
    echo(f"backups: {backup_folder(sqlite_path(url), loc.home)}")
    if problem is not None:
        raise problem


@click.group("config", cls=SuggestingGroup)
def config() -> None:
    """Show or check the effective configuration."""


@config.command("show")
@pass_app
def config_show(app: AppContext) -> None:
    """Every setting with its effective value (passwords masked)."""
    cfg = app.config
    echo(f"# from {cfg.source}" if cfg.source else "# no config file: all defaults")
    for section, values in cfg.effective().items():
        echo(f"\n[{section}]")
        for key, value in values.items():
            echo(f"{key} = {_toml(value)}")


@config.command("check")
@pass_app
def config_check(app: AppContext) -> None:
    """Validate the configuration; exit 1 with the problem if it is wrong."""
    cfg = app.config  # loading validates every key and value
    where = cfg.source or "no config file (defaults)"
    echo(f"Configuration OK: {where}.")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # json escapes C0 controls; DEL, C1 and the line separators too, so a value cannot drive the terminal.
    text = json.dumps(value, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m[0]):04x}", text)
