"""Commands about configuration and locations: `config show|check`, `paths`."""

from __future__ import annotations

import json
import re

import click

from habits.cli.context import AppContext, pass_app
from habits.cli.render import echo
from habits.locations import mask_url



@click.command("paths")
@pass_app
def paths(app: AppContext) -> None:
    """Where the config file, the store and the log are."""
    loc = app.locations
    cfg = loc.config_file
    state = "" if cfg is not None and cfg.exists() else " (not present: defaults apply)"
    echo(f"config: {cfg}{state}")
    echo(f"store:  {mask_url(app.store_url)}")
    echo(f"log:    {loc.log_file}")


@click.group("config")
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


COMMANDS = [paths, config]
