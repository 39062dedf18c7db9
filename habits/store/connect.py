"""Connecting to a store: the engine with its SQLite pragmas and BEGIN IMMEDIATE
writes, the drivers a URL names, and database errors said as one sentence."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from habits.errors import StoreError
from habits.store.urls import mask_url, with_driver

# How long a command waits for another writer (e.g. forty at once, or a migration)
# before it says the store is busy: long enough for a loaded laptop, short for a person.
BUSY_TIMEOUT_MS = 30_000


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
    if "disk is full" in low or "no space" in low or ("disk i/o error" in low and disk_full(path)):
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


def disk_full(path: Path | None) -> bool:
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
