"""The daemon put together: the notifier, the one-daemon lock, the log, the engine,
config reloading, the daily backups folder; then the scheduler runs until a signal
ends the process."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from habits.clock import Clock
    from habits.config import Config
    from habits.daemon.engine import Reminders
    from habits.locations import Locations
    from habits.notify.base import Notifier
    from habits.store.db import Store


def make_engine(store: Store, config: Config, notifier: Notifier | None, people: list[str]) -> Reminders:
    """The reminder engine for config's person (`couple.me`)."""
    from habits.daemon.engine import Reminders

    return Reminders(store, config, config.me, notifier, people=people)  # type: ignore[arg-type]


def run_daemon(
    config: Config,
    open_store: Callable[[], Store],
    locations: Locations,
    clock: Clock,
    people: Callable[[], list[str]],
    greet: Callable[[Reminders, Notifier], None] | None = None,
) -> None:
    """Run the daemon in this process; it leaves the process when stopped. `greet` runs
    once the signal handlers are in place (the CLI prints the board there)."""
    import logging
    import sys

    from habits.config import load_config
    from habits.daemon.scheduler import Daemon
    from habits.files import open_log
    from habits.locations import backup_folder
    from habits.notify import notifier_from_config
    from habits.store.lock import acquire

    notifier = notifier_from_config(config)
    store = open_store()  # an unreachable store stops here: exit 1, one sentence
    lock = acquire(store, config.me)
    logger = logging.getLogger("habits")
    logger.setLevel(logging.INFO)
    logger.addHandler(open_log(locations.log_file))
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("habits daemon: %(message)s"))
    logger.addHandler(console)
    engine = make_engine(store, config, notifier, people())

    def reload_config() -> Config:
        fresh = load_config(locations.config_file, locations.config_explicit)
        fresh.check()
        return fresh

    before = None if greet is None else (lambda: greet(engine, notifier))
    try:
        backups = backup_folder(store.path, locations.home)
        Daemon(
            engine,
            clock,
            reload_config,
            notifier_from_config,
            guard=lock.ensure,
            backups=backups,
            status=status_writer(store.url, locations),
        ).run(before=before)
        # (run exits the process when stopped)
    finally:
        lock.release()


def status_writer(store_url: str, locations: Locations) -> Callable[[Reminders, datetime], None]:
    """Each tick renews my status file (my partner's check-ins reach my bar within a
    minute), with the config as last reloaded."""
    import logging

    from habits.actions.status import publish_status
    from habits.core.periods import local_day
    from habits.store.urls import mask_url

    store_id = mask_url(store_url)
    log = logging.getLogger("habits.daemon")

    def write(engine: Reminders, now: datetime) -> None:
        cfg = engine.config
        publish_status(
            engine.store,
            path=locations.status_file(cfg.me),
            store_id=store_id,
            day=local_day(now, cfg.timezone, cfg.day_starts_at),
            me=cfg.me,
            partner=cfg.partner,
            people=engine.people,
            week_start=cfg.week_starts_on,
            now=now,
            on_change=cfg.status_on_change,
            report=log.warning,
        )

    return write
