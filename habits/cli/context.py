"""The application context, built lazily: `--help`, `paths` and `config` never open the store."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING

import click

from habits.clock import Clock, SystemClock
from habits.config import Config, load_config
from habits.errors import BadValue
from habits.locations import Locations, locate

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from sqlalchemy.engine import Connection

    from habits.core.habit import Habit
    from habits.reports import Report, Stored
    from habits.store.db import Store


DATE_HELP = "YYYY-MM-DD, today, yesterday, -N or a weekday name."


class AppContext:
    def __init__(
        self,
        config_path: str | None = None,
        db: str | None = None,
        clock: Clock | None = None,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.config_path = config_path
        self.db = db
        self.clock: Clock = clock or SystemClock()
        self.env = env
        # open_store seeds only a store it creates; `habits import` sets this to False
        # so that a store created by an import holds just what was imported.
        self.seed = True
        # Every command checks the config's couple against the store's (and records it
        # the first time); `habits couple` turns this off to show or repair a mismatch.
        self.check_couple = True
        self.changed = False  # a write committed: the status file is renewed when the command ends

    @cached_property
    def locations(self) -> Locations:
        return locate(self.config_path, self.env)

    @cached_property
    def config(self) -> Config:
        loc = self.locations
        config = load_config(loc.config_file, loc.config_explicit)
        config.check()
        return config

    @cached_property
    def store_choice(self) -> tuple[str, str | None]:
        """The store's URL and what named it (None: the default location)."""
        return self.locations.store_choice(self.db, self.config)

    @property
    def store_url(self) -> str:
        return self.store_choice[0]

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        from habits.core.periods import local_day

        return local_day(self.now(), self.config.timezone, self.config.day_starts_at)

    @cached_property
    def store(self) -> Store:
        from habits.core.couple import Couple
        from habits.store.db import open_store

        cfg = self.config
        couple = Couple(cfg.me, cfg.partner, str(self.locations.config_file)) if self.check_couple else None
        url, given_by = self.store_choice
        return open_store(
            url, now=self.now(), today=self.today(), seed=self.seed, couple=couple, given_by=given_by
        )

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.store.read() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.store.write() as conn:
            yield conn
        self.changed = True
        if self.config.backup_keep > 0:  # the daily JSON export (backup.keep), at most once a day
            self.daily_backup()

    def daily_backup(self) -> Path | None:
        """Today's JSON export unless it exists (a failure goes to the log, never fatal)."""
        from habits.io.backup import backup_quietly
        from habits.locations import backup_folder

        def report(text: str) -> None:
            from habits.files import append_log

            append_log(self.locations.log_file, text)

        cfg, store = self.config, self.store
        return backup_quietly(
            store,
            report=report,
            folder=backup_folder(store.path, self.locations.home),
            today=self.today(),
            keep=cfg.backup_keep,
            me=cfg.me,
            partner=cfg.partner,
        )

    @property
    def people(self) -> list[str]:
        cfg = self.config
        return [cfg.me] + ([cfg.partner] if cfg.partner else [])

    def person(self, name: str | None) -> str:
        """`--by NAME`: one of the couple's two names, matched case-insensitively."""
        if name is None:
            return self.config.me
        for person in self.people:
            if person.casefold() == name.strip().casefold():
                return person
        partner = self.config.partner
        hint = (
            f"use {self.config.me!r} or {partner!r}"
            if partner
            else f"use {self.config.me!r}, or set couple.partner in the config to log for your partner"
        )
        raise BadValue(f"--by {name!r} is not one of the couple; {hint}.")

    def habit(self, conn: Connection, query: str, *, archived_ok: bool = False) -> Habit:
        """Resolve a HABIT argument. Archived habits match only where `archived_ok`:
        the commands that act on history or on the habit itself (show, edit, history,
        log, streaks, unarchive, delete); those that log, excuse or annotate a day
        refuse them with the hint to unarchive."""
        from habits.core.matching import resolve
        from habits.errors import BadValue, UnknownHabit
        from habits.store import queries

        every = queries.habits(conn, include_archived=True)
        habits = every if archived_ok else [h for h in every if not h.archived]
        try:
            slug = resolve(query, [(h.slug, h.title) for h in habits])
        except UnknownHabit as first:
            archived = [h for h in every if h.archived]
            try:
                slug = resolve(query, [(h.slug, h.title) for h in archived])
            except UnknownHabit:
                raise first from None  # with suggestions among the habits that count
            raise BadValue(
                f"{slug!r} is archived; bring it back with `habits unarchive {slug}` first."
            ) from None
        return next(h for h in habits if h.slug == slug)

    def parse_date(self, text: str | None, *, allow_future: bool = False, future: str | None = None) -> date:
        """A DATE option (default today); `future`: what a day after today is refused
        with, the option and what it wants (the logging commands' wording without)."""
        from habits.core.dates import parse_date

        today = self.today()
        return today if text is None else parse_date(text, today, allow_future=allow_future, future=future)

    def with_checkpoints(
        self,
        chosen: Callable[[Connection], list[Habit]],
        day: date,
        figures: Callable[[Connection, list[Habit], Stored], list[Report]],
        *,
        renew: bool = True,
    ) -> list[Report]:
        """figures(conn, chosen(conn), the stored streak checkpoints). With `renew`, the
        checkpoints are renewed first when some are due (about monthly; a short
        write); a store that refuses the write (read-only) still gets its figures."""
        from habits.errors import StoreError
        from habits.reports import checkpoints_due, load_checkpoints, renew_checkpoints

        people = self.people
        week_start = self.config.week_starts_on

        def answer(conn: Connection, *, renewing: bool = False) -> list[Report]:
            habits = chosen(conn)
            if renewing:
                renew_checkpoints(conn, habits, as_of=day, week_start=week_start, people=people)
            return figures(conn, habits, load_checkpoints(conn, habits))

        with self.read() as conn:
            habits = chosen(conn)
            stored = load_checkpoints(conn, habits)
            if not renew or not checkpoints_due(
                habits, stored, as_of=day, week_start=week_start, people=people
            ):
                return figures(conn, habits, stored)
        try:
            with self.store.write() as conn:
                return answer(conn, renewing=True)
        except StoreError:
            with self.read() as conn:
                return answer(conn)

    def publish_status(self) -> None:
        """Renew my status file for bars and prompts (and run status.on_change); any
        trouble is one line in the log, never the command's failure."""
        from habits.actions.status import publish_status
        from habits.store.urls import mask_url

        def report(text: str) -> None:
            from habits.files import append_log

            try:
                append_log(self.locations.log_file, text)
            except OSError:
                pass

        cfg = self.config
        publish_status(
            self.store,
            path=self.locations.status_file(cfg.me),
            store_id=mask_url(self.store_url),
            day=self.today(),
            me=cfg.me,
            partner=cfg.partner,
            people=self.people,
            week_start=cfg.week_starts_on,
            now=self.now(),
            on_change=cfg.status_on_change,
            report=report,
        )

    def close(self) -> None:
        if "store" in self.__dict__:
            if self.changed:
                self.changed = False
                self.publish_status()
            self.store.close()


pass_app = click.make_pass_decorator(AppContext)


def complete_habit(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion of habit slugs (click's own completion machinery)."""
    try:
        app = ctx.find_root().obj or AppContext(
            config_path=ctx.find_root().params.get("config_path"), db=ctx.find_root().params.get("db")
        )
        from habits.store import queries

        with app.read() as conn:
            slugs = [h.slug for h in queries.habits(conn, include_archived=True)]
    except Exception:  # noqa: BLE001 - completion must never print a traceback
        return []
    return [s for s in slugs if s.startswith(incomplete.lower())]


def habit_argument(required: bool = True):
    return click.argument("habit", required=required, shell_complete=complete_habit)
