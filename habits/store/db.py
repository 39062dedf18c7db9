"""The engine and connections: pragmas, BEGIN IMMEDIATE writes, migrating once
(with a backup first), seeding once, and refusing stores that are not ours."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError

from habits.errors import StoreError
from habits.files import create_private, private_dir
from habits.store import tables as t
from habits.store.damage import SQLITE_MAGIC
from habits.store.urls import mask_url, sqlite_path, with_driver

if TYPE_CHECKING:
    from habits.core.couple import Couple

# How long a command waits for another writer (e.g. forty at once, or a migration)
# before it says the store is busy: long enough for a loaded laptop, short for a person.
BUSY_TIMEOUT_MS = 30_000
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


def describe_db_error(exc: BaseException, where: str, path: Path | None = None) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    text = mask_url(text).rstrip(".")
    low = text.lower()
    login = _login_refused(str(orig), where)  # every line: psycopg lists each address it tried
    if login:
        return login
    if "locked" in low or "busy" in low:
        return f"The store {where} is busy (another habits process is writing); try again in a moment."
    # SQLite says "disk I/O error" when it cannot even create the -wal/-shm files of a full disk.
    if "disk is full" in low or "no space" in low or ("disk i/o error" in low and _disk_full(path)):
        return (
            f"The disk holding the store {where} is full; free some space and try again (nothing was saved)."
        )
    if "disk i/o error" in low:
        return (
            f"The store {where} could not be read or written (disk I/O error); check its disk, "
            "then try again (nothing was saved)."
        )
    if "readonly" in low or "read-only" in low:
        return f"The store {where} is read-only; make it writable or choose another with --db."
    if "not a database" in low or "malformed" in low or "disk image" in low:
        from habits.store.damage import damaged_message, is_damage

        if path is not None and is_damage(text, path):
            return damaged_message(path, text)
        return f"{where} is not a habits store (it is not a readable SQLite database); choose another path with --db."
    if "unable to open" in low:
        return f"Cannot open the store {where}; check that its folder exists and is writable, or choose another with --db."
    return f"The store {where} cannot be used: {text}; check that it is reachable and try again."


def _login_refused(text: str, where: str) -> str | None:
    """PostgreSQL refusing the login or naming a database that is not there, said plainly."""
    import re

    found = re.search(r'password authentication failed for user "([^"]*)"', text)
    if found:
        return (
            f"The PostgreSQL server of {where} refused the password for user {found[1]!r} "
            "(a wrong password, or no such user); check the user and password in the URL."
        )
    found = re.search(r'role "([^"]*)" does not exist', text)
    if found:
        return f"The PostgreSQL server of {where} has no user {found[1]!r}; check the user name in the URL."
    found = re.search(r'database "([^"]*)" does not exist', text)
    if found:
        return (
            f"The PostgreSQL server of {where} has no database {found[1]!r}; "
            f"create it (createdb {found[1]}) or check the name in the URL."
        )
    if "no password supplied" in text:
        return f"The PostgreSQL server of {where} wants a password; add it to the URL (user:password@host)."
    return None


def _disk_full(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def make_engine(url: str, *, alone: bool = False) -> Engine:
    """The engine for url. `alone` (SQLite): each connection reads in exclusive locking
    mode, which keeps the WAL index in its own memory instead of the shared -shm file,
    for a full disk where that file cannot be made (see open_store); other processes
    wait for it (as for a writer), so it is closed after each use."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise StoreError(
            f"Store {mask_url(url)!r} is neither a path nor a database URL; "
            "use a file path or postgresql+psycopg://user@host/db."
        ) from None
    if parsed.host and "@" in parsed.host:  # the driver would quote the rest of the password as a host name
        raise StoreError(
            f"Store URL {mask_url(url)!r} has an '@' in its user name or password; write it as %40."
        )
    parsed = with_driver(parsed)
    try:
        if parsed.get_backend_name() == "sqlite":
            if alone:  # each connection closed after use: the exclusive lock is held no longer
                from sqlalchemy.pool import NullPool

                engine = create_engine(
                    parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, poolclass=NullPool
                )
            else:
                engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_on_connect_alone if alone else _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        if parsed.get_backend_name() == "postgresql":
            raise StoreError(
                "PostgreSQL support is not installed; run pip install 'habits[postgres]' "
                "(from a checkout: pip install '.[postgres]')."
            ) from exc
        raise StoreError(f"Store URL {mask_url(url)!r} names an unsupported database: {exc}.") from exc
    return engine


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # We issue BEGIN ourselves (see _sqlite_on_begin): pysqlite's own
    # transaction handling would start writes as DEFERRED.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    # journal_mode=WAL is a property of the file: set once, when habits creates or
    # migrates it (never on a database we have not yet recognised as ours).
    cur.execute("PRAGMA synchronous = FULL")  # an acknowledged check-in survives a power cut
    cur.close()


def _sqlite_on_connect_alone(dbapi_conn: sqlite3.Connection, record: object) -> None:
    dbapi_conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # before the first read: no -shm at all
    _sqlite_on_connect(dbapi_conn, record)


def _sqlite_on_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("habits_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def prepare_sqlite_file(path: Path, given_by: str | None = None) -> bool:
    """Refuse what is not ours; create a new store file 0600 in a 0700 folder.
    `given_by` names an explicit location (--db, HABITS_DB, store.url): its folder
    must exist; only the default location's folder is created.
    Returns True when the file is new (or empty)."""
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except OSError as exc:  # e.g. a name too long for the file system
        raise StoreError(
            f"Store path {str(path)[:80]!r} cannot be used: {exc.strerror or exc}; "
            "choose another location with --db or HABITS_DB."
        ) from None
    if is_dir:
        raise StoreError(
            f"Store path {path} is a directory; give the path of a file, e.g. {path / 'habits.db'}."
        )
    if exists:
        try:
            with path.open("rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(
                f"Cannot read the store {path}: {exc.strerror}; check its permissions."
            ) from None
        if head and head != SQLITE_MAGIC:
            raise StoreError(
                f"{path} is not a habits store (it is not an SQLite database); "
                "it was left untouched; choose another path with --db."
            )
        return not head
    folder = path.parent
    if given_by is not None and not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise StoreError(
            f"The store {path} given by {given_by} is in a folder that {what} ({folder}); "
            "create the folder first or give a path in an existing one."
        )
    try:
        private_dir(folder)
        create_private(path, exclusive=True)
        # WAL is a property of the file: set it now, while the file is ours and
        # empty, so that processes starting together never meet in rollback mode.
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute("PRAGMA journal_mode = WAL")
        finally:
            con.close()
    except FileExistsError:
        return False
    except sqlite3.Error as exc:
        raise StoreError(
            f"Cannot create the store at {path}: {exc}; try again or choose another with --db."
        ) from None
    except OSError as exc:
        raise StoreError(
            f"Cannot create the store at {path}: {exc.strerror or exc}; "
            "choose a writable location with --db or HABITS_DB."
        ) from None
    return True


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
    if path is not None and ("disk i/o error" in text or "full" in text) and _disk_full(path):
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


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy the store next to itself before an upgrade: habits.db.bak-<revision>."""
    target = path.with_name(f"{path.name}.bak-{revision}")
    create_private(target)
    src = sqlite3.connect(path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def _seed(conn: Connection, *, now: datetime, today: date, seed: bool) -> None:
    from habits.core.catalog import SEED_HABITS
    from habits.store import queries

    conn.execute(t.meta.insert().values(key="seeded", value="yes" if seed else "no"))
    if seed:
        for spec in SEED_HABITS:
            queries.insert_habit(conn, spec, now=now, today=today)
