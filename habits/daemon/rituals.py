"""The rituals, nudged by my daemon each tick: on `rituals.review_day` at
`rituals.review_time` "do this week's check-in" if I have not; at
`rituals.question_time` today's question if I have not answered it; and when my
partner answers a check-in or a question I have not answered ("Sam answered today's
question — answer yours to see it").

Each nudge follows the rules of every nudge: it is marked in the store in the same
transaction that decides it, before it is sent, so it is never told twice (not even
across a restart; a crash between the two loses it rather than repeating it); in
quiet hours nothing is marked, so it comes when they end; a nudge is not sent more
than `reminders.catch_up` after it fell due (or after the quiet hours it fell in),
so a first start or a long gap does not bring back old ones. Ritual nudges carry no
buttons: there is nothing to click but the command they name.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import NamedTuple

from habits.core.periods import local_day, period_start
from habits.core.schedule import quiet_until, slot_instant
from habits.daemon.engine import Reminders
from habits.notify.base import Delivery
from habits.store import ritual_nudges

log = logging.getLogger("habits.daemon")

LOOK_BACK = timedelta(hours=24)  # partner answers older than catch_up plus this are never told


class Ritual(NamedTuple):
    """One ritual nudge to tell: its mark ("<ritual>:<period>") and its words."""

    what: str
    title: str
    body: str


def in_window(due: datetime, now: datetime, tz, quiet: tuple, catch_up: timedelta) -> bool:
    """Whether a nudge due at `due` may still be told at `now`: not before it is due,
    and at most `catch_up` after it (or after the end of the quiet hours it fell in)."""
    start = quiet_until(due, tz, quiet) or due
    return due <= now <= start + catch_up


def day_words(day: date, today: date) -> str:
    if day == today:
        return "today's"
    if day == today - timedelta(days=1):
        return "yesterday's"
    return f"the {day:%a %d %b}"


class Rituals:
    def __init__(self, engine: Reminders) -> None:
        self.engine = engine

    def tick(self, now: datetime) -> list[str]:
        """Tell what is due; returns what was done, for the log. Store errors propagate
        (the daemon retries; nothing was marked)."""
        cfg = self.engine.config
        me = self.engine.person
        if quiet_until(now, cfg.timezone, cfg.quiet_hours) is not None:
            return []  # nothing is marked: what is due comes when the quiet hours end
        with self.engine.store.write() as conn:
            done = ritual_nudges.told(conn, me)
            due = [r for r in self._due(conn, now) if r.what not in done]
            today = local_day(now, cfg.timezone, cfg.day_starts_at)
            for ritual in due:
                ritual_nudges.mark(conn, me, ritual.what, "sending", today=today, now=now)
        told: list[str] = []
        for ritual in due:
            delivery = self._send(ritual)
            status = "sent" if delivery.ok else "failed"
            try:
                with self.engine.store.write() as conn:
                    ritual_nudges.mark(
                        conn, me, ritual.what, status, today=today, now=now, reason=delivery.reason
                    )
            except Exception as exc:  # noqa: BLE001 - it was told; only its status is not kept
                log.warning("could not record the ritual nudge %s: %s", ritual.what, exc)
            told.append(f"ritual nudge {status}: {ritual.what}: {ritual.title} ({delivery.reason})")
        return told

    def _due(self, conn, now: datetime) -> list[Ritual]:
        cfg = self.engine.config
        tz, ds, me, partner = cfg.timezone, cfg.day_starts_at, self.engine.person, cfg.partner
        today = local_day(now, tz, ds)
        out: list[Ritual] = []

        def window(at: datetime) -> bool:
            return in_window(at, now, tz, cfg.quiet_hours, cfg.catch_up)

        # the check-in and the question of today, and of yesterday when they fell due late
        for day in (today - timedelta(days=1), today):
            week = period_start(day, "weekly", cfg.week_starts_on)
            at = slot_instant(day, cfg.review_time, tz, ds)
            if day.weekday() == cfg.review_day and window(at):
                if me not in ritual_nudges.answered(conn, "checkin", week):
                    out.append(
                        Ritual(
                            f"checkin:{week.isoformat()}",
                            "Time for your weekly check-in",
                            "Three appreciations, what went well, one thing to work on: "
                            "`habits checkin`, then `habits review` together.",
                        )
                    )
            at = slot_instant(day, cfg.question_time, tz, ds)
            if window(at) and me not in ritual_nudges.answered(conn, "question", day):
                words = day_words(day, today)
                out.append(
                    Ritual(
                        f"question:{day.isoformat()}",
                        f"{words[0].upper()}{words[1:]} question",
                        _question(me, partner, day, today),
                    )
                )
        if partner:  # my partner's answers to what I have not answered
            since = now - cfg.catch_up - LOOK_BACK
            for kind, period, logged in ritual_nudges.answered_since(conn, partner, since):
                if not window(logged) or me in ritual_nudges.answered(conn, kind, period):
                    continue
                if kind == "checkin":
                    this_week = period == period_start(today, "weekly", cfg.week_starts_on)
                    which = (
                        "this week's check-in" if this_week else f"the check-in of the week of {period:%d %b}"
                    )
                    title = f"{partner} did {which} — do yours to see it"
                    body = "`habits checkin`" + ("" if this_week else f" --week {period.isoformat()}")
                else:
                    title = f"{partner} answered {day_words(period, today)} question — answer yours to see it"
                    body = _question(me, partner, period, today)
                out.append(Ritual(f"partner-{kind}:{period.isoformat()}", title, body))
        return out

    def _send(self, ritual: Ritual) -> Delivery:
        timeout = float(self.engine.config.notify_timeout)
        try:
            return self.engine.notifier.send(ritual.title, ritual.body, timeout)
        except Exception as exc:  # noqa: BLE001 - a backend must never stop the daemon
            return Delivery(False, f"{type(exc).__name__}: {exc}")


def _question(me: str, partner: str | None, day: date, today: date) -> str:
    """What a question nudge says: the question itself (the same for both of us) and
    how to answer it."""
    from habits.core.questions import question_for

    when = "" if day == today else f" --date {day.isoformat()}"
    return f"{question_for([me, partner or ''], day)}\n`habits answer TEXT{when}` answers it."
