"""One daemon per person and store: a lock file next to an SQLite store (flock), a
session-level advisory lock on PostgreSQL. Both vanish with the process, so a
crashed daemon never blocks the next one. The PostgreSQL lock also vanishes when the
server restarts (the session goes with it): `ensure()` takes it again before the
daemon sends anything, or raises DaemonRunning when another daemon got it meanwhile."""

from __future__ import annotations

import hashlib
import os
import re
import socket
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from habits.errors import HabitsError
from habits.files import open_private
from habits.store import queries
from habits.store.db import Store


class DaemonRunning(HabitsError):
    """Another daemon already serves this person on this store."""


class DaemonLock:
    def __init__(self, release: Any, where: str, ensure: Any = None) -> None:
        self._release = release
        self._ensure = ensure
        self.where = where

    def ensure(self) -> bool:
        """Make sure the lock is still held, taking it again if it was lost (a restarted
        PostgreSQL server). True when it was taken again; DaemonRunning when another
        daemon holds it now; StoreError while the store is unreachable."""
        return bool(self._ensure()) if self._ensure is not None else False

    def release(self) -> None:
        if self._release is not None:
            self._release()
            self._release = None


def lock_path(store_path: Path, person: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", person)
    if safe != person:
        safe += "-" + hashlib.sha256(person.encode()).hexdigest()[:8]
    return store_path.with_name(f"{store_path.name}.daemon-{safe}.lock")


def acquire(store: Store, person: str) -> DaemonLock:
    path = store.path
    if path is not None:
        return _file_lock(lock_path(path, person), person, store.display_url)
    return _pg_lock(store, person)


def _refuse(who: str, person: str, where: str) -> DaemonRunning:
    return DaemonRunning(
        f"A habits daemon is already running for {person} on {where} ({who}); "
        "stop it first (or use `habits service status`) instead of starting a second one."
    )


def _file_lock(path: Path, person: str, where: str) -> DaemonLock:
    fd = open_private(path, os.O_RDWR | os.O_CREAT)
    try:
        _try_lock(fd)
    except OSError:
        try:
            os.lseek(fd, 8, os.SEEK_SET)
            holder = os.read(fd, 64).decode("ascii", "replace").strip() or "unknown"
        finally:
            os.close(fd)
        raise _refuse(f"process id {holder}", person, where) from None
    os.ftruncate(fd, 0)
    os.lseek(fd, 8, os.SEEK_SET)  # bytes 0..7 stay empty: Windows locks byte 0
    os.write(fd, f"{os.getpid()}\n".encode("ascii"))
    os.fsync(fd)

    def release() -> None:
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)  # closing drops the lock

    return DaemonLock(release, str(path))


def _try_lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _pg_key(person: str) -> int:
    digest = hashlib.sha256(b"habits-daemon\0" + person.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class _PgLock:
    """The advisory lock and the session that holds it."""

    def __init__(self, store: Store, person: str) -> None:
        self.store, self.person = store, person
        self.key = _pg_key(person)
        self.meta_key = queries.person_key("daemon", person)
        self.conn: Any = None

    def take(self, again: bool = False) -> None:
        store = self.store
        with store.translate_errors():
            conn = store.engine.connect()  # held open: the advisory lock lives with this session
            try:
                got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar()
                conn.commit()
            except BaseException:
                conn.close()
                raise
            if not got:
                conn.close()
                with store.read() as c:
                    holder = queries.get_meta(c, self.meta_key) or "unknown"
                if again:
                    raise DaemonRunning(
                        f"Another habits daemon for {self.person} (process id {holder}) took over "
                        f"{store.display_url} while the store was unreachable; this one stops so that "
                        "only one sends reminders."
                    )
                raise _refuse(f"process id {holder}", self.person, store.display_url)
            self.conn = conn
            with store.write() as c:
                queries.set_meta(c, self.meta_key, f"{os.getpid()} on {socket.gethostname()}")

    def ensure(self) -> bool:
        if self.conn is not None:
            try:
                self.conn.execute(text("SELECT 1"))
                self.conn.commit()
                return False  # the session lives, and the lock with it
            except DBAPIError:  # the session is gone (the server restarted): so is the lock
                self._drop()
        self.take(again=True)
        return True

    def _drop(self) -> None:
        conn, self.conn = self.conn, None
        try:
            conn.invalidate()
            conn.close()
        except Exception:  # noqa: BLE001 - a dead session: nothing left to close
            pass

    def release(self) -> None:
        if self.conn is None:
            return
        try:
            self.conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
            self.conn.commit()
        except DBAPIError:
            pass  # the session is gone, and the lock with it
        finally:
            self._drop()


def _pg_lock(store: Store, person: str) -> DaemonLock:
    lock = _PgLock(store, person)
    lock.take()
    return DaemonLock(lock.release, store.display_url, lock.ensure)
