"""What the buttons of a nudge do, run by the daemon on its scheduler's worker
(never on the D-Bus thread): "Done" logs the habit for couple.me through
habits.actions.log_done, exactly as `habits done`; "Snooze" is the engine's snooze,
exactly as `habits snooze` (it says when the nudge will really come, or that it will not). Each writes what became of the nudge on its row of the
reminder log ("done from notification", "snoozed: ...", "dismissed",
"closed: done elsewhere"), so "never twice" keeps holding.

The sweep closes nudges that are no longer true: the habit got done by other means
(the CLI, the partner), excused, deleted, or its period is over.

At start, the daemon closes the nudges an earlier daemon of this person left on
screen (it crashed or was killed): their buttons went dead with it, so a click on one
would be lost. Their rows say "closed: the daemon restarted", and the log says so.
"""

from __future__ import annotations

import logging
from datetime import datetime

from habits.actions import log_done
from habits.core.cadence import period_noun, period_of
from habits.core.habit import Habit
from habits.core.periods import local_day
from habits.daemon.engine import Reminders
from habits.notify.base import Nudge, buttons_of
from habits.store import queries, reminder_log

log = logging.getLogger("habits.daemon")


class Buttons:
    def __init__(self, engine: Reminders) -> None:
        self.engine = engine
        self.pending: list = []  # events taken but not yet handled (the store failed)

    @property
    def notifier(self):
        return self.engine.notifier

    def handle(self, now: datetime) -> bool:
        """Handle the clicks received so far. Store errors propagate (the daemon retries;
        the events stay pending). Returns True when a snooze was added."""
        buttons = buttons_of(self.notifier)
        if buttons is not None:
            self.pending.extend(buttons.take_events())
        snoozed = False
        while self.pending:
            event = self.pending[0]
            if event.kind == "unknown":
                log.info(
                    "ignored a %r click on notification %d: not an open nudge of this daemon "
                    "(already used, or from before a restart)",
                    event.detail,
                    event.key[2],
                )
            elif event.kind == "done":
                self._done(event.nudge, now)
            elif event.kind == "snooze":
                snoozed = self._snooze(event.nudge, now) or snoozed
            elif event.kind == "thank":
                self._thank(event.nudge, now)
            elif event.nudge.kind == "partner":  # dismissed or expired: it has no row to mark
                log.info("partner nudge %s: %s", event.kind, event.nudge.slot)
            else:  # dismissed or expired: the nudge is gone, nothing to do but say so
                self._mark(
                    event.nudge, now, "dismissed", "dismissed" if event.kind == "dismissed" else "expired"
                )
            if event.kind in ("done", "snooze", "thank"):
                self.notifier.close(event.key)  # resident nudges stay until we close them
            self.pending.pop(0)
        return snoozed

    def _habit(self, conn, nudge: Nudge) -> Habit | None:
        """The nudge's habit, or None when it was deleted meanwhile (its reminder-log rows
        go with it, so a new habit that got the old id back is not mistaken for it)."""
        if self._status(conn, nudge) is None:
            return None
        habit = next((h for h in queries.habits(conn, include_archived=True) if h.id == nudge.habit_id), None)
        return habit if habit is not None and habit.slug == nudge.slug else None

    def _status(self, conn, nudge: Nudge) -> str | None:
        return reminder_log.status_of(
            conn, habit_id=nudge.habit_id, person=self.engine.person, day=nudge.day, slot=nudge.slot
        )

    def _done(self, nudge: Nudge, now: datetime) -> None:
        person = self.engine.person
        with self.engine.store.write() as conn:
            habit = self._habit(conn, nudge)
            if habit is None:
                log.info("ignored Done for %s: the habit was deleted meanwhile", nudge.slug)
                return
            if habit.measured:  # a button cannot say how much
                why = "Done logs nothing for a measured habit: log the amount with `habits done`"
                self._mark_in(conn, nudge, now, "closed", why)
                log.info("ignored Done for %s: a measured habit needs the amount (`habits done`)", nudge.slug)
                return
            outcome = log_done(conn, habit, day=nudge.day, person=person, now=now)
            self._mark_in(conn, nudge, now, "done", "done from notification")
        log.info(
            "done from notification: %s %s %s (%s)",
            nudge.slug,
            nudge.day.isoformat(),
            nudge.slot,
            outcome.message,
        )

    def _thank(self, nudge: Nudge, now: datetime) -> None:
        """Thank the partner for the check-ins of a partner nudge (their latest of each
        habit), exactly as `habits thank HABIT` would."""
        from habits.actions.partner import thank
        from habits.daemon.partner import habit_ids
        from habits.errors import HabitsError

        cfg = self.engine.config
        today = local_day(now, cfg.timezone, cfg.day_starts_at)
        said = []
        with self.engine.store.write() as conn:
            by_id = {h.id: h for h in queries.habits(conn, include_archived=True)}
            for habit_id in habit_ids(nudge):
                habit = by_id.get(habit_id)
                if habit is None:
                    said.append(f"habit {habit_id} was deleted meanwhile")
                    continue
                try:
                    said.append(
                        thank(
                            conn,
                            by=self.engine.person,
                            partner=cfg.partner,
                            habit=habit,
                            today=today,
                            now=now,
                        ).message
                    )
                except HabitsError as exc:  # undone meanwhile, or the partner was unset
                    said.append(str(exc))
        log.info("thank from notification: %s", " ".join(said))

    def _snooze(self, nudge: Nudge, now: datetime) -> bool:
        cfg = self.engine.config
        with self.engine.store.write() as conn:
            habit = self._habit(conn, nudge)
            if habit is None:
                log.info("ignored Snooze for %s: the habit was deleted meanwhile", nudge.slug)
                return False
            status = self._status(conn, nudge)
            if status not in ("sent", "sending"):  # acted on already: no second snooze
                log.info("ignored Snooze for %s %s: that nudge is %s already", nudge.slug, nudge.slot, status)
                return False
            plan = self.engine.snooze(conn, habit, now, cfg.snooze)
            if plan.when is None:
                what = f"no nudge again: {plan.why}"
            else:
                what = f"again at {plan.when.astimezone(cfg.timezone):%H:%M}" + (
                    f" ({plan.why})" if plan.why else ""
                )
            self._mark_in(conn, nudge, now, "snoozed", f"snoozed: {what}")
        log.info("snoozed: %s %s %s (%s)", nudge.slug, nudge.day.isoformat(), nudge.slot, what)
        return plan.when is not None

    def _mark(self, nudge: Nudge, now: datetime, status: str, reason: str) -> None:
        with self.engine.store.write() as conn:
            self._mark_in(conn, nudge, now, status, reason)
        log.info("%s: %s %s %s", reason, nudge.slug, nudge.day.isoformat(), nudge.slot)

    def _mark_in(self, conn, nudge: Nudge, now: datetime, status: str, reason: str) -> bool:
        return reminder_log.mark(
            conn,
            habit_id=nudge.habit_id,
            person=self.engine.person,
            day=nudge.day,
            slot=nudge.slot,
            status=status,
            reason=reason,
            now=now,
        )

    def close_left(self, now: datetime) -> int:
        """Close the nudges an earlier daemon left on screen and mark their rows; the
        number found. Store errors propagate (the daemon retries)."""
        person = self.engine.person
        with self.engine.store.read() as conn:
            left = reminder_log.left_nudges(conn, person)
        if not left:
            return 0
        buttons = buttons_of(self.notifier)
        closed = 0
        with self.engine.store.write() as conn:
            for item in left:
                on_screen = (
                    bool(item["handle"]) and buttons is not None and buttons.close_left(item["handle"])
                )
                closed += on_screen
                if item["kind"] == "partner":  # no log row to mark
                    continue
                why = "closed: the daemon restarted" + (
                    "" if on_screen else " (out of reach: close it by hand)"
                )
                nudge = Nudge(item["habit_id"], "", item["day"], item["slot"])
                self._mark_in(conn, nudge, now, "closed", why)
            reminder_log.forget_nudges(conn, person)
        log.warning(
            "an earlier daemon left %d nudge(s) on screen (it stopped or was killed); closed %d: their "
            "buttons no longer worked, and a Done clicked on one since was not recorded "
            "(see `habits reminders --log`, log it with `habits done`)",
            len(left),
            closed,
        )
        return len(left)

    def sweep(self, now: datetime) -> None:
        """Close the open nudges whose habit got done elsewhere, was excused or deleted,
        or whose period is over."""
        buttons = buttons_of(self.notifier)
        nudges = buttons.open_nudges() if buttons is not None else []
        if not nudges:
            return
        cfg = self.engine.config
        today = local_day(now, cfg.timezone, cfg.day_starts_at)
        with self.engine.store.read() as conn:
            habits = {h.id: h for h in queries.habits(conn)}
            wanted = {n.habit_id for _, n in nudges}
            states = self.engine.states(conn, [h for i, h in habits.items() if i in wanted], now)
        for key, nudge in nudges:
            if nudge.kind == "partner":  # a Thank button: kept until its day is over
                if today > nudge.day:
                    self.notifier.close(key)
                    log.info("closed the partner nudge of %s: its day is over", nudge.day.isoformat())
                continue
            habit = habits.get(nudge.habit_id)
            if habit is None or habit.slug != nudge.slug:
                why = "closed: the habit was deleted or archived"
            elif today > period_of(habit, nudge.day, cfg.week_starts_on)[1]:
                why = f"closed: its {period_noun(habit)} is over"
            elif states.get(habit.slug) is not None and states[habit.slug].done:
                why = "closed: done elsewhere"
            elif states.get(habit.slug) is not None and states[habit.slug].excused:
                why = "closed: excused"
            else:
                continue
            self.notifier.close(key)
            self._mark(nudge, now, "closed", why)
