"""Shared fixtures: an isolated HABITS_HOME, a fixed clock, and a CliRunner-driven `habits`."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
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
    url: str = ""  # the store's URL; "" = the default SQLite file in home
    backend: str = "sqlite"

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        app = AppContext(clock=self.clock)
        return self.runner.invoke(main, list(args), obj=app, input=input, env=env, catch_exceptions=False)

    @property
    def db(self) -> Path:
        return self.home / "habits.db"

    def write_config(self, text: str) -> None:
        self.config.write_text(text, encoding="utf-8")

    def dump(self) -> list[tuple[object, ...]]:
        """Every row of the store, to check that a failed command changed nothing."""
        return dump_store(self.url or f"sqlite:///{self.db}")


def dump_store(url: str) -> list[tuple[object, ...]]:
    from sqlalchemy import create_engine, inspect, select

    from habits.store.tables import metadata

    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///") :]).exists():
        return []
    engine = create_engine(url)
    rows: list[tuple[object, ...]] = []
    try:
        with engine.connect() as conn:
            present = set(inspect(conn).get_table_names())
            if "alembic_version" in present:
                rows += [
                    ("alembic_version", *r) for r in conn.exec_driver_sql("SELECT * FROM alembic_version")
                ]
            for table in metadata.sorted_tables:
                if table.name in present:
                    query = select(table).order_by(*table.primary_key.columns)
                    rows += [(table.name, *r) for r in conn.execute(query)]
    finally:
        engine.dispose()
    return rows


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A PostgreSQL server's admin URL: $HABITS_TEST_PG_URL, else a throwaway server of the
    test session's own when PostgreSQL's server programs are installed (initdb, pg_ctl)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        require("PostgreSQL", "the psycopg driver is not installed (pip install -e '.[test]')")
    url = os.environ.get("HABITS_TEST_PG_URL", "")
    if url:
        yield url
        return
    import subprocess

    from pgserver import PrivateServer

    try:
        server = PrivateServer()
        server.start()
    except (OSError, subprocess.SubprocessError) as exc:
        require("PostgreSQL", f"install PostgreSQL's server programs or set HABITS_TEST_PG_URL ({exc})")
    try:
        yield server.url
    finally:
        try:
            server.stop()
        except (OSError, subprocess.SubprocessError):
            pass
        server.remove()


@pytest.fixture
def private_pg() -> Iterator[object]:
    """A PostgreSQL server of the test's own, started; tests may stop and restart it."""
    import subprocess

    from pgserver import PrivateServer

    try:
        server = PrivateServer()
        server.start()
    except (OSError, subprocess.SubprocessError) as exc:
        require("PostgreSQL", f"cannot start a private server: {exc}")
    yield server
    try:
        server.stop()
    except (OSError, subprocess.SubprocessError):
        pass  # already stopped by the test
    server.remove()


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = f"habits_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        require("PostgreSQL", f"cannot create a database at {pg_admin_url}: {exc}")
    yield make_url(pg_admin_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


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
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))  # the status file's folder
    return home


def _make_habits(home: Path) -> Habits:
    home.mkdir(mode=0o700)
    config = home / "config.toml"
    config.write_text(BASE_CONFIG, encoding="utf-8")
    return Habits(home=home, clock=FixedClock(NOW), runner=CliRunner(), config=config)


@pytest.fixture
def habits_sqlite(isolated_env: Path) -> Habits:
    """`habits` on the default SQLite store only (for SQLite-specific behaviour)."""
    return _make_habits(isolated_env)


@pytest.fixture(params=["sqlite", "postgres"])
def habits(request: pytest.FixtureRequest, isolated_env: Path, monkeypatch: pytest.MonkeyPatch) -> Habits:
    """`habits` on each backend: the default SQLite file, and a fresh PostgreSQL database."""
    h = _make_habits(isolated_env)
    if request.param == "postgres":
        h.url = request.getfixturevalue("pg_url")
        h.backend = "postgres"
        monkeypatch.setenv("HABITS_DB", h.url)
    return h


@pytest.fixture
def ok(habits: Habits) -> Callable[..., Result]:
    """Run a command that must succeed; return its result."""

    def run(*args: str, **kwargs: object) -> Result:
        result = habits(*args, **kwargs)  # type: ignore[arg-type]
        assert result.exit_code == 0, (result.output, result.stderr)
        return result

    return run
