"""The store: its connections (reads, writes that queue one at a time), opening it
(migrating once, with a backup first; seeding once; the couple it records)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from habits.errors import StoreError
from habits.store import tables as t
from habits.store.connect import describe_db_error, disk_full, make_engine
from habits.store.sqlite_file import backup_sqlite, prepare_sqlite_file
from habits.store.urls import mask_url, sqlite_path

if TYPE_CHECKING:
    from habits.core.couple import Couple

# PostgreSQL: every write transaction takes this transaction-level advisory lock first,
# so writers queue one at a time as they do on SQLite (BEGIN IMMEDIATE). Without it,
# two partners logging the same thing at once both find the slot free and the second
# fails on the unique key instead of being told "already logged".
PG_WRITE_LOCK = 4846742


class Store:
    """An open store. `read()` and `write()` hand out a connection inside one
    transaction; `write()` takes the write lock up front (SQLite: BEGIN IMMEDIATE;
    PostgreSQL: an advisory transaction lock)."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.is_sqlite = engine.dialect.name == "sqlite"

    @property
    def display_url(self) -> str:
        return mask_url(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """One snapshot for every statement (a checkpoint and the days after it agree):
        SQLite's read transaction has it; PostgreSQL's needs REPEATABLE READ."""
        with self.translate_errors(), self.engine.connect() as conn:
            if not self.is_sqlite:
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.translate_errors(), self.engine.connect() as conn:
            conn = conn.execution_options(habits_begin="IMMEDIATE")
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
                yield conn

    @contextmanager
    def translate_errors(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError:
            raise
        except (DBAPIError, sqlite3.Error) as exc:  # raw sqlite3: the pragmas set outside SQLAlchemy
            raise StoreError(describe_db_error(exc, self.display_url, self.path)) from exc

    def close(self) -> None:
        self.engine.dispose()


def current_revision(conn: Connection) -> tuple[str | None, set[str]]:
    """The store's Alembic revision (None if unversioned) and its table names."""
    from sqlalchemy import inspect

    names = set(inspect(conn).get_table_names())
    if "alembic_version" not in names:
        return None, names
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return (row[0] if row else None), names


def open_store(
    url: str,
    *,
    now: datetime,
    today: date,
    seed: bool = True,
    couple: Couple | None = None,
    given_by: str | None = None,
) -> Store:
    """Open the store at url, creating and migrating it as needed. With `couple`, the
    config's names are checked against the store's couple (and recorded the first time).
    `given_by` names where an explicit location came from (its folder is never created).

    On a full disk SQLite cannot make the shared-memory file (-shm) that readers of a
    WAL store share, and every read would fail; the store is then opened for this
    process alone (exclusive locking, the index in its own memory), so that reads
    still work while writes fail with the full-disk sentence."""
    from habits.core.couple import fits

    path = sqlite_path(url)
    if path is not None:
        prepare_sqlite_file(path, given_by)
    store = Store(make_engine(url), url)
    try:
        try:
            revision, recorded = _fast_revision(store, path, couple is not None)
        except _NoRoomToShare:
            store.close()
            store = Store(make_engine(url, alone=True), url)
            revision, recorded = _fast_revision(store, None, couple is not None)
        if revision != t.HEAD_REVISION:
            _migrate(store, now=now, today=today, seed=seed)
        if couple is not None and not fits(recorded, couple):
            from habits.store.people import settle_couple

            settle_couple(store, couple)
    except BaseException:
        store.close()
        raise
    return store


class _NoRoomToShare(Exception):
    """The disk is too full for SQLite's shared-memory file."""


def _fast_revision(store: Store, path: Path | None, couple: bool) -> tuple[str | None, list[str]]:
    """Cheap queries for the common case, in one transaction: the store's revision and,
    when it is at head and `couple` is asked for, the couple it records."""
    from habits.store.people import recorded_couple

    with store.translate_errors():
        try:
            conn = store.engine.connect()  # SQLite reads the store already while setting its pragmas
        except DBAPIError as exc:
            _check_room(exc, path)
            raise
        with conn:
            try:
                with conn.begin():
                    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
                    revision = row[0] if row else None
                    recorded = recorded_couple(conn) if couple and revision == t.HEAD_REVISION else []
                    return revision, recorded
            except DBAPIError as exc:
                _check_room(exc, path)
                return None, []


def _check_room(exc: DBAPIError, path: Path | None) -> None:
    text = str(exc.orig).lower()
    if path is not None and ("disk i/o error" in text or "full" in text) and disk_full(path):
        raise _NoRoomToShare from exc


def _migrate(store: Store, *, now: datetime, today: date, seed: bool) -> None:
    with store.translate_errors(), store.engine.connect() as conn:
        raw = conn.connection.driver_connection if store.is_sqlite else None
        if raw is not None:
            # Batch migrations rebuild tables: with foreign keys on, that would
            # cascade deletes. Must be set outside a transaction, and set back
            # however this ends (the connection goes back to the pool).
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            _upgrade_once(
                store, conn.execution_options(habits_begin="IMMEDIATE"), now=now, today=today, seed=seed
            )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")
        if raw is not None and raw.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            raw.execute("PRAGMA journal_mode = WAL")


def _upgrade_once(store: Store, conn: Connection, *, now: datetime, today: date, seed: bool) -> None:
    """Check and upgrade under the write lock: of several processes starting on a new
    or older store at once, one migrates (and seeds); the others find it done."""
    from habits.store import migrate

    with conn.begin():
        if conn.dialect.name == "postgresql":
            # Two partners starting at once: one migrates and seeds, the other waits.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4846741)")
        revision, names = current_revision(conn)
        if revision == t.HEAD_REVISION:
            return
        if revision is None and names - t.OUR_TABLES:
            raise StoreError(
                f"{store.display_url} holds a database that is not a habits store "
                f"(tables: {', '.join(sorted(names)[:5])}); it was left untouched; "
                "choose another location with --db."
            )
        if revision is not None and revision not in migrate.known_revisions():
            raise StoreError(
                f"The store {store.display_url} was written by a newer habits "
                f"(schema {revision}); upgrade habits to use it."
            )
        if revision is not None and store.path is not None:
            backup_sqlite(store.path, revision)
        migrate.upgrade(conn)
        if store.is_sqlite:
            bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise StoreError(
                    f"Upgrading the store {store.display_url} would break {len(bad)} references; "
                    "nothing was changed; please report this."
                )
        if revision is None:
            _seed(conn, now=now, today=today, seed=seed)


def _seed(conn: Connection, *, now: datetime, today: date, seed: bool) -> None:
    from habits.core.catalog import SEED_HABITS
    from habits.store import queries

    conn.execute(t.meta.insert().values(key="seeded", value="yes" if seed else "no"))
    if seed:
        for spec in SEED_HABITS:
            queries.insert_habit(conn, spec, now=now, today=today)
