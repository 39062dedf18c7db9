"""The command line's hot path stays light: the hot commands, run in a fresh
process against an existing, up-to-date store, never import Alembic, APScheduler,
plyer, the SQLAlchemy ORM or the report's pygal and Mako. Not a timing: it inspects sys.modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# wcwidth is loaded only to measure text that is not plain ASCII (the seeded titles are).
FORBIDDEN = ("alembic", "apscheduler", "plyer", "sqlalchemy.orm", "wcwidth", "pygal", "mako")

# Runs `habits ARGS...` in this process, then writes the loaded module names to a file.
WRAPPER = """\
import json, sys
from habits.cli import main
out, args = sys.argv[1], sys.argv[2:]
try:
    main(args, standalone_mode=False)
except SystemExit as exc:
    if exc.code not in (0, None):
        raise
with open(out, "w") as fh:
    json.dump(sorted(sys.modules), fh)
"""

HOT = [
    pytest.param([], id="board"),
    pytest.param(["done", "kiss"], id="done"),
    pytest.param(["streaks"], id="streaks"),
    pytest.param(["list"], id="list"),
    pytest.param(["--help"], id="help"),
]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store created, migrated and seeded by a first run, as a user would have it."""
    home = tmp_path_factory.mktemp("hot") / "home"
    subprocess.run([sys.executable, "-m", "habits", "list"], env=_env(home), check=True, capture_output=True)
    assert (home / "habits.db").exists()
    return home


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env["HABITS_HOME"] = str(home)
    return env


def loaded_modules(home: Path, args: list[str]) -> list[str]:
    out = home.parent / "modules.json"
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(out), *args], env=_env(home), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text())


@pytest.mark.parametrize("args", HOT)
def test_hot_commands_import_nothing_heavy(home: Path, args: list[str]) -> None:
    modules = loaded_modules(home, args)
    heavy = [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert heavy == [], f"`habits {' '.join(args)}` imported {heavy[:10]}"
    assert "habits.cli" in modules  # the wrapper really ran the command


def test_the_check_can_fail(home: Path) -> None:
    """A command that migrates (a new store) does import Alembic: the probe sees imports."""
    fresh = home.parent / "fresh"
    assert "alembic" in loaded_modules(fresh, ["list"])


def test_every_entry_of_the_command_map_is_that_command() -> None:
    """Each "module:object" of habits.cli.COMMANDS imports and is the click command of that name."""
    import importlib

    import click

    from habits.cli import COMMANDS

    for name, where in COMMANDS.items():
        module, _, attr = where.partition(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command) and command.name == name, where


@pytest.mark.parametrize(
    ("args", "own"), [([], "tracking"), (["done", "kiss"], "tracking"), (["list"], "manage")]
)
def test_a_command_loads_only_its_own_module(home: Path, args: list[str], own: str) -> None:
    modules = loaded_modules(home, args)
    loaded = {m.split(".")[2] for m in modules if m.startswith("habits.cli.")} - {
        "context",
        "render",
        "layout",
        "exit",
    }
    assert loaded == {own}


def test_help_lists_every_command(home: Path) -> None:
    from click.testing import CliRunner

    from habits.cli import COMMANDS, main

    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == set(COMMANDS)
