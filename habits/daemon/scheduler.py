"""`habits daemon`: the APScheduler shell around the reminder engine (habits.daemon.engine).

One interval job (the heartbeat, every 60 s) notices wall-clock jumps (suspend),
runs a tick (which catches up on whatever fell due since the last heartbeat) and rebuilds the
jobs of the reminders due in the next few minutes from the store. Each reminder
job just runs a tick at its time. Ticks are serialised; the reminder log makes
extra ticks harmless. Signals are handled by a watcher thread: SIGHUP reloads the
config, SIGTERM/SIGINT leave the process at once (closing the open nudges first,
within a second, when the backend has buttons).

With the dbus backend the notifier reports clicks from its D-Bus thread by calling
`on_event`; that only adds a job, and the clicks are handled (habits.daemon.buttons) on
the scheduler's worker, serialised with the ticks. Each tick also closes the nudges
of habits done by other means.

Job defaults are deliberate: misfire_grace_time=None (APScheduler's default of
1 s would silently drop a job that runs late, e.g. after a suspend: the tick
decides what a late reminder deserves), coalesce=True, one worker thread.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time as _time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from habits.clock import Clock
from habits.config import Config
from habits.daemon.buttons import Buttons
from habits.daemon.engine import Outcome, Reminders
from habits.daemon.partner import Partner
from habits.daemon.rituals import Rituals
from habits.errors import HabitsError, StoreError
from habits.notify.base import buttons_of
from habits.store.lock import DaemonRunning

HEARTBEAT_SECONDS = 60
JOB_HORIZON = timedelta(seconds=3 * HEARTBEAT_SECONDS)
BACKOFF_FIRST, BACKOFF_MAX = 2.0, 60.0
JUMP_TOLERANCE = 20.0  # seconds the wall clock may drift from the monotonic one per beat
CLOSE_ON_EXIT = 1.0  # seconds SIGTERM may spend closing open nudges (it must exit within 2 s)

log = logging.getLogger("habits.daemon")


class Backoff:
    """How long to wait before trying the store again: 2 s, doubling to 60 s; a success
    starts over."""

    def __init__(self) -> None:
        self.delay = BACKOFF_FIRST

    def next(self) -> float:
        delay = self.delay
        self.delay = min(delay * 2, BACKOFF_MAX)
        return delay

    def reset(self) -> None:
        self.delay = BACKOFF_FIRST


def describe(outcome: Outcome) -> str:
    occ = outcome.occurrence
    what = f"{occ.slug} {occ.day.isoformat()} {occ.slot}"
    return f"{outcome.status}: {what}" + (f" ({outcome.reason})" if outcome.reason else "")


class Daemon:
    def __init__(
        self,
        engine: Reminders,
        clock: Clock,
        reload_config: Callable[[], Config] | None = None,
        make_notifier: Callable[[Config], Any] | None = None,
        guard: Callable[[], bool] | None = None,
        backups: Path | None = None,
        status: Callable[[Reminders, datetime], None] | None = None,
    ) -> None:
        self.engine = engine
        self.status = status  # renews the status file for bars after each tick
        self.guard = guard  # the one-daemon lock's ensure(): taken again if it was lost
        self.backups = backups  # the folder of the daily JSON export (backup.keep); None: none
        self.clock = clock
        self.reload_config = reload_config
        self.make_notifier = make_notifier
        self.scheduler: Any = None
        self.backoff = Backoff()
        self._lock = threading.Lock()
        self._last: tuple[float, datetime] | None = None
        self.buttons = Buttons(engine)
        self.partner = Partner(engine)
        self.rituals = Rituals(engine)
        self._left_closed = False  # the nudges an earlier daemon left on screen
        self._attach(engine.notifier)

    @property
    def enabled(self) -> bool:
        return self.engine.config.reminders_enabled

    # -- what the jobs do (callable directly, e.g. by tests) -------------------

    def run_tick(self) -> float | None:
        """One tick; store trouble is logged and retried, never fatal.
        Returns the retry delay when the store failed, else None."""
        with self._lock:
            now = self.clock.now()
            try:
                self._hold_the_lock()
                if not self._left_closed:  # before anything new is shown
                    self.buttons.close_left(now)
                    self._left_closed = True
                outcomes = self.engine.tick(now) if self.enabled else []
                if not self.enabled:
                    self._heartbeat_only(now)
                told = self.partner.tick(now)
                told += self.rituals.tick(now) if self.enabled else []
                self.buttons.sweep(now)
            except (StoreError, DBAPIError) as exc:
                return self._retry_later("", exc)
            self.backoff.reset()
            self._daily_backup(now)
            if self.status is not None:
                self.status(self.engine, now)
        for outcome in outcomes:
            level = logging.WARNING if outcome.status == "failed" else logging.INFO
            log.log(level, describe(outcome))
        for line in told:
            log.log(logging.WARNING if " failed: " in line else logging.INFO, line)
        return None

    def _hold_the_lock(self) -> None:
        """Before anything is sent: the one-daemon lock must still be ours (a restarted
        PostgreSQL server drops it). Another daemon holding it now stops this one."""
        if self.guard is None:
            return
        try:
            if self.guard():
                log.info("took the one-daemon lock again (the store's server had restarted)")
        except DaemonRunning as exc:
            log.error("%s", exc)
            self._close_nudges()
            _exit_now(1)

    def _daily_backup(self, now: datetime) -> None:
        """Today's JSON export when it is due (one stat otherwise); trouble is logged."""
        cfg = self.engine.config
        if self.backups is None or cfg.backup_keep <= 0:
            return
        from habits.core.periods import local_day
        from habits.io.backup import backup_quietly

        written = backup_quietly(
            self.engine.store,
            report=log.warning,
            folder=self.backups,
            today=local_day(now, cfg.timezone, cfg.day_starts_at),
            keep=cfg.backup_keep,
            me=cfg.me,
            partner=cfg.partner,
        )
        if written is not None:
            log.info("daily backup written: %s", written)

    def handle_buttons(self) -> None:
        """The job run after a click: store work on the scheduler's worker. Store trouble
        keeps the click pending and retries with the tick's backoff."""
        with self._lock:
            try:
                snoozed = self.buttons.handle(self.clock.now())
            except (StoreError, DBAPIError) as exc:
                delay = self.backoff.next()
                log.warning("store unavailable, handling the click again in %gs: %s", delay, _one_line(exc))
                if self.scheduler is not None:
                    self.scheduler.add_job(
                        self.handle_buttons,
                        "date",
                        id="buttons-retry",
                        replace_existing=True,
                        run_date=self.clock.now() + timedelta(seconds=delay),
                    )
                return
        if snoozed and self.scheduler is not None:
            self.sync_jobs(self.clock.now())  # the snooze's job now, not at the next heartbeat

    def _attach(self, notifier: Any) -> None:
        buttons = buttons_of(notifier)
        if buttons is not None:
            buttons.on_event = self._wake

    def _wake(self) -> None:
        """Called on the D-Bus thread: only queue the job."""
        if self.scheduler is not None:
            self.scheduler.add_job(self.handle_buttons, "date", run_date=self.clock.now())

    def _heartbeat_only(self, now: datetime) -> None:
        from habits.store import reminder_log

        with self.engine.store.write() as conn:
            reminder_log.set_heartbeat(conn, self.engine.person, now)

    def beat(self) -> None:
        """The heartbeat job: jump detection, a tick, the jobs rebuilt."""
        now, mono = self.clock.now(), _time.monotonic()
        if self._last is not None:
            drift = (now - self._last[1]).total_seconds() - (mono - self._last[0])
            if abs(drift) > JUMP_TOLERANCE:
                log.info("the wall clock jumped by %+.0fs (suspend or clock change); catching up", drift)
        self._last = (mono, now)
        if self.run_tick() is None and self.scheduler is not None:
            self.sync_jobs(self.clock.now())

    def check_backend(self) -> bool:
        """Say plainly (stderr and the log) when the notifier cannot deliver; the daemon
        keeps running either way (reminders are still decided and logged)."""
        from habits.notify import problem

        notifier = self.engine.notifier
        why = problem(notifier, float(self.engine.config.notify_timeout))
        if why is None:
            return True
        log.warning(
            "notifications cannot be delivered through the %s backend: %s. The daemon keeps "
            "running and records every reminder (`habits reminders --log`); fix that, "
            "check with `habits notify-test`, or set notifications.backend.",
            getattr(notifier, "name", "?"),
            why,
        )
        return False

    def reload(self) -> None:
        if self.reload_config is None:
            return
        old = self.engine.notifier
        try:
            config = self.reload_config()
            keep = getattr(old, "name", "") == "dbus" and config.notify_backend in ("auto", "dbus")
            notifier = self.make_notifier(config) if self.make_notifier and not keep else old
        except HabitsError as exc:
            log.error("config not reloaded, keeping the old one: %s", exc)
            return
        had_buttons = buttons_of(old)
        if notifier is old and had_buttons is not None:
            had_buttons.timeout = float(config.notify_timeout)
        if notifier is not old:
            self._attach(notifier)
            if had_buttons is not None:
                had_buttons.close_all(CLOSE_ON_EXIT)
                had_buttons.shutdown()
        self.engine.config, self.engine.notifier = config, notifier
        log.info("config reloaded (reminders %s)", "on" if config.reminders_enabled else "off")
        if notifier is not old:
            self.check_backend()

    def sync_jobs(self, now: datetime) -> None:
        """Make the scheduler hold one job per reminder due in the next few minutes."""
        wanted: dict[str, datetime] = {}
        if self.enabled:
            try:
                for item in self.engine.upcoming(now, hours=JOB_HORIZON.total_seconds() / 3600, notes=False):
                    occ = item.occurrence
                    wanted[f"remind:{occ.slug}:{occ.day.isoformat()}:{occ.slot}"] = occ.due
            except (StoreError, DBAPIError) as exc:
                self._retry_later(" while planning", exc)
                return
        for job in self.scheduler.get_jobs():
            if job.id.startswith("remind:") and job.id not in wanted:
                job.remove()
        for job_id, due in wanted.items():
            job = self.scheduler.get_job(job_id)
            if job is None or job.next_run_time != due:
                self.scheduler.add_job(self.run_tick, "date", run_date=due, id=job_id, replace_existing=True)

    def _retry_later(self, doing: str, exc: BaseException) -> float:
        """Store trouble: log it and try the whole beat (tick and planning) again after
        the backoff (2 s doubling to 60 s), rather than waiting for the next heartbeat."""
        delay = self.backoff.next()
        log.warning("store unavailable%s, retrying in %gs: %s", doing, delay, _one_line(exc))
        if self.scheduler is not None:
            self.scheduler.add_job(
                self.beat,
                "date",
                run_date=self.clock.now() + timedelta(seconds=delay),
                id="retry",
                replace_existing=True,
            )
        return delay

    # -- the process ----------------------------------------------------------------

    def run(self, before: Callable[[], None] | None = None) -> None:
        """Block until SIGTERM/SIGINT, then exit the process at once (a running job,
        e.g. a notification server that hangs, does not hold the exit back).
        `before` runs once the signal handlers are in place (e.g. printing the board)."""
        from datetime import timezone

        # The handlers only write a byte to a pipe; a watcher thread does the work.
        # (Logging or raising inside a handler can collide with the main thread's own
        # I/O, and the scheduler catches BaseException around job submission.)
        read_fd, write_fd = os.pipe()

        def on_signal(signum: int, _frame: Any) -> None:
            os.write(write_fd, b"H" if signum == getattr(signal, "SIGHUP", None) else b"T")

        threading.Thread(target=self._watch_signals, args=(read_fd,), name="signals", daemon=True).start()
        for name in ("SIGTERM", "SIGINT", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), on_signal)
        code = 0
        try:
            from apscheduler.executors.pool import ThreadPoolExecutor
            from apscheduler.schedulers.blocking import BlockingScheduler

            self.scheduler = BlockingScheduler(
                timezone=timezone.utc,
                executors={"default": ThreadPoolExecutor(1)},
                job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
            )
            logging.getLogger("apscheduler").setLevel(logging.WARNING)
            self.scheduler.add_job(
                self.beat,
                "interval",
                seconds=HEARTBEAT_SECONDS,
                id="heartbeat",
                next_run_time=self.clock.now(),
            )
            if before is not None:
                before()
            log.info("started (pid %d, reminders %s)", os.getpid(), "on" if self.enabled else "off")
            self.check_backend()
            self.scheduler.start()
        except HabitsError as exc:
            sys.stderr.write(f"habits: {exc}\n")
            code = 1
        except BaseException:
            log.exception("the scheduler stopped unexpectedly")
            code = 1
        _exit_now(code)

    def _watch_signals(self, read_fd: int) -> None:
        while True:
            what = os.read(read_fd, 1)
            if what == b"H":
                self.reload()
            else:
                log.info("stopping on a signal")
                self._close_nudges()
                _exit_now(0)

    def _close_nudges(self) -> None:
        buttons = buttons_of(self.engine.notifier)
        if buttons is not None:
            try:
                closed = buttons.close_all(CLOSE_ON_EXIT)
            except Exception:
                log.exception("could not close the open nudges")
                return
            if closed:
                log.info("closed %d open nudge(s): their buttons would not work without the daemon", closed)


def _exit_now(code: int) -> None:
    """Leave at once: a running job (a hung notification server, a locked store) must
    not hold the exit back. The lock goes with the process; an open SQLite
    transaction is rolled back by SQLite itself."""
    for handler in logging.getLogger("habits").handlers:
        try:
            handler.flush()
        except Exception:  # noqa: BLE001 - nothing more to do about it
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe: nothing to flush into
            pass
    os._exit(code)


def _one_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
