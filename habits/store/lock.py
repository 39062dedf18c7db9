"""One daemon per person and store: a lock file next to an SQLite store (flock), a
session-level advisory lock on PostgreSQL. Both vanish with the process, so a
crashed daemon never blocks the next one."""

from __future__ import annotations

import hashlib
import os
import re
import socket
from pathlib import Path
from typing import Any

from sqlalchemy import text

from habits.errors import HabitsError
from habits.store import queries
from habits.store.db import Store


class DaemonRunning(HabitsError):
    """Another daemon already serves this person on this store."""


class DaemonLock:
    def __init__(self, release: Any, where: str) -> None:
        self._release = release
        self.where = where

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
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
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


def _pg_lock(store: Store, person: str) -> DaemonLock:
    meta_key = f"daemon:{person}"
    with store.translate_errors():
        conn = store.engine.connect()  # held open: the advisory lock lives with this session
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _pg_key(person)}).scalar()
        conn.commit()
        if not got:
            conn.close()
            with store.read() as c:
                holder = queries.get_meta(c, meta_key) or "unknown"
            raise _refuse(f"process id {holder}", person, store.display_url)
        with store.write() as c:
            queries.set_meta(c, meta_key, f"{os.getpid()} on {socket.gethostname()}")

    def release() -> None:
        try:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _pg_key(person)})
            conn.commit()
        finally:
            conn.close()

    return DaemonLock(release, store.display_url)
