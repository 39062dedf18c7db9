"""Shared fixtures: an isolated HABITS_HOME, a fixed clock, and a CliRunner-driven `habits`."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from habits.cli import main
from habits.cli.context import AppContext
from habits.clock import FixedClock

# 2026-03-11 09:00 UTC is 10:00 in Berlin, a Wednesday.
NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)

ENV_VARS = ("HABITS_HOME", "HABITS_CONFIG", "HABITS_DB", "NO_COLOR", "TZ")


def require(component: str, reason: str) -> None:
    """Skip when a system component is missing on a developer's machine; under CI, fail."""
    if os.environ.get("CI"):
        pytest.fail(f"{component} is required under CI but missing: {reason}")
    pytest.skip(f"{component} not available: {reason}")


@dataclass
class Habits:
    """Runs `habits` in-process against an isolated home with an injected clock."""

    home: Path
    clock: FixedClock
    runner: CliRunner
    config: Path

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        app = AppContext(clock=self.clock)
        return self.runner.invoke(main, list(args), obj=app, input=input, env=env, catch_exceptions=False)

    @property
    def db(self) -> Path:
        return self.home / "habits.db"

    def write_config(self, text: str) -> None:
        self.config.write_text(text, encoding="utf-8")

    def dump(self) -> list[str]:
        """Every row of the store, to check that a failed command changed nothing."""
        if not self.db.exists():
            return []
        con = sqlite3.connect(self.db)
        try:
            return list(con.iterdump())
        finally:
            con.close()


BASE_CONFIG = """
[time]
timezone = "Europe/Berlin"

[couple]
me = "Alex"
"""


@pytest.fixture
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("HABITS_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    return home


@pytest.fixture
def habits(isolated_env: Path) -> Habits:
    home = isolated_env
    home.mkdir(mode=0o700)
    config = home / "config.toml"
    config.write_text(BASE_CONFIG, encoding="utf-8")
    return Habits(home=home, clock=FixedClock(NOW), runner=CliRunner(), config=config)


@pytest.fixture
def ok(habits: Habits) -> Callable[..., Result]:
    """Run a command that must succeed; return its result."""

    def run(*args: str, **kwargs: object) -> Result:
        result = habits(*args, **kwargs)  # type: ignore[arg-type]
        assert result.exit_code == 0, (result.output, result.stderr)
        return result

    return run
