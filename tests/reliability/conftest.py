"""Helpers for the reliability tests: real `python -m habits` processes on a private
home, started together behind a barrier so that they really hit the store at once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

RELIABILITY_CONFIG = """
[time]
timezone = "Europe/Berlin"

[couple]
me = "Alex"
partner = "Sam"

[notifications]
backend = "stdout"
"""

# Imports the CLI first, waits for the go-file, then runs `python -m habits ARGS`:
# forty of these start writing within a few milliseconds of each other.
LAUNCHER = """
import os, runpy, sys, time
import habits.cli, habits.store.db, habits.store.queries, habits.actions  # warm up before the barrier
go = sys.argv[1]
while not os.path.exists(go):
    time.sleep(0.002)
sys.argv = ["habits", *sys.argv[2:]]
runpy.run_module("habits", run_name="__main__", alter_sys=True)
"""

# `habits daemon` with an optional fixed clock (ISO instant, or "now" for the real one)
# and an optional heartbeat period in seconds (the real one is 60 s).
DAEMON_LAUNCHER = """
import sys
from datetime import datetime
import habits.daemon.scheduler
from habits.clock import FixedClock, SystemClock
from habits.cli import main
from habits.cli.context import AppContext
when, beat = sys.argv[1], float(sys.argv[2])
if beat:
    habits.daemon.scheduler.HEARTBEAT_SECONDS = beat
clock = SystemClock() if when == "now" else FixedClock(datetime.fromisoformat(when))
main(["daemon"], obj=AppContext(clock=clock), prog_name="habits")
"""


@dataclass
class Procs:
    """Real habits processes sharing one HABITS_HOME (and optionally a PostgreSQL URL)."""

    home: Path
    url: str = ""
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_") and k != "TZ"}
        env.update(HABITS_HOME=str(self.home), PYTHONUNBUFFERED="1", NO_COLOR="1", **self.extra_env)
        if self.url:
            env["HABITS_DB"] = self.url
        return env

    @property
    def store_url(self) -> str:
        return self.url or f"sqlite:///{self.home / 'habits.db'}"

    def counts(self) -> dict[tuple[str, str, str], int]:
        """(habit slug, day, person) -> number of stored check-ins."""
        from sqlalchemy import create_engine

        engine = create_engine(self.store_url)
        try:
            with engine.connect() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT h.slug, c.day, c.person, count(*) FROM checkins c "
                    "JOIN habits h ON h.id = c.habit_id GROUP BY h.slug, c.day, c.person"
                ).all()
        finally:
            engine.dispose()
        return {(slug, str(day), person): n for slug, day, person, n in rows}

    def run(
        self, *args: str, check: bool = True, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "habits", *args],
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            errors="replace",
            timeout=120,
        )
        if check:
            assert proc.returncode == 0, (args, proc.stdout, proc.stderr)
        return proc

    def popen(
        self, *args: str, env: dict[str, str] | None = None, launcher: Sequence[str] = ()
    ) -> subprocess.Popen[str]:
        argv = [sys.executable, *launcher] if launcher else [sys.executable, "-m", "habits"]
        return subprocess.Popen(
            [*argv, *args],
            env={**self.env, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def daemon(self, tmp: Path, when: str = "now", heartbeat: float = 0) -> subprocess.Popen[str]:
        """Start `habits daemon` (a fixed clock at `when`, or the real one)."""
        launcher = tmp / "daemon_launcher.py"
        launcher.write_text(DAEMON_LAUNCHER, encoding="utf-8")
        return self.popen(when, str(heartbeat), launcher=[str(launcher)])

    def at_once(self, commands: Sequence[Sequence[str]], tmp: Path) -> list[tuple[int, str, str]]:
        """Run every command in its own process, released together; (exit, stdout, stderr) each."""
        launcher = tmp / "launcher.py"
        launcher.write_text(LAUNCHER, encoding="utf-8")
        go = tmp / "go"
        go.unlink(missing_ok=True)
        procs = [self.popen(str(go), *cmd, launcher=[str(launcher)]) for cmd in commands]
        try:
            import time

            time.sleep(1.0)  # let the imports settle (the barrier holds them, so this is not a race)
            go.touch()
            return [(p.wait(timeout=180), *p.communicate()) for p in procs]
        finally:
            for p in procs:
                if p.poll() is None:
                    p.kill()


@pytest.fixture(params=["sqlite", "postgres"])
def procs(request: pytest.FixtureRequest, isolated_env: Path) -> Procs:
    """A private home with the reliability config; on each backend."""
    isolated_env.mkdir(mode=0o700)
    (isolated_env / "config.toml").write_text(RELIABILITY_CONFIG, encoding="utf-8")
    p = Procs(home=isolated_env)
    if request.param == "postgres":
        p.url = request.getfixturevalue("pg_url")
    return p


@pytest.fixture
def procs_sqlite(isolated_env: Path) -> Procs:
    isolated_env.mkdir(mode=0o700)
    (isolated_env / "config.toml").write_text(RELIABILITY_CONFIG, encoding="utf-8")
    return Procs(home=isolated_env)
