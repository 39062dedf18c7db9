"""The reminder engine: one `tick(now)` does everything the daemon does at a moment
(the scheduler calls it; tests call it with a fixed clock).

A tick looks at the window back to the last heartbeat (at most 24 h; on a first
start `reminders.catch_up`), decides with habits.core.schedule, writes every
decision to the reminder log and the heartbeat in one transaction, and only then
sends (so a crash can lose a nudge but never send one twice); the rows of the
sent ones are updated to "sent" or "failed" with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from habits.config import Config
from habits.core.habit import Habit
from habits.core.periods import local_day
from habits.core.schedule import (
    SNOOZE_PREFIX,
    HabitState,
    Occurrence,
    SnoozePlan,
    decide,
    nudge_body,
    occurrences,
    quiet_until,
    snooze_delivery,
    snooze_occurrence,
)
from habits.notify.base import Delivery, Notifier, Nudge, buttons_of
from habits.store import own_times, queries, reminder_log
from habits.store.db import Store

MAX_LOOKBACK = timedelta(hours=24)
HAUNTS_HABIT = "weekly-date"  # its reminder suggests the haunt visited least recently


@dataclass(frozen=True)
class Outcome:
    """What happened to one occurrence: the row written to the reminder log."""

    habit: Habit
    occurrence: Occurrence
    status: str  # sent, failed, suppressed, deferred, missed
    reason: str = ""
    title: str = ""
    body: str = ""


@dataclass(frozen=True)
class Upcoming:
    habit: Habit
    occurrence: Occurrence
    note: str = ""


class Reminders:
    def __init__(
        self, store: Store, config: Config, person: str, notifier: Notifier, people: list[str] | None = None
    ) -> None:
        self.store = store
        self.config = config
        self.person = person
        self.notifier = notifier
        self.people = people or [person]

    # -- the tick ------------------------------------------------------------

    def tick(self, now: datetime) -> list[Outcome]:
        cfg = self.config
        tz, ds = cfg.timezone, cfg.day_starts_at
        with self.store.write() as conn:
            habits = {h.slug: h for h in own_times.habits_for(conn, self.person)}
            beat = reminder_log.get_heartbeat(conn, self.person)
            since = now - cfg.catch_up if beat is None else max(beat, now - MAX_LOOKBACK)
            since = min(since, now)
            pending = self._pending(conn, habits, since, now)
            states = self._states(conn, list(habits.values()), now) if pending else {}
            decisions = (
                decide(
                    pending,
                    states,
                    habits,
                    now=now,
                    tz=tz,
                    day_starts_at=ds,
                    week_start=cfg.week_starts_on,
                    quiet=cfg.quiet_hours,
                )
                if pending
                else []
            )
            outcomes: list[Outcome] = []
            ids = {
                slug: h.id for slug, h in habits.items() if h.id is not None
            }  # every decision is about one of these
            for d in decisions:
                occ = d.occurrence
                habit = habits[occ.slug]
                status = "sending" if d.status == "send" else d.status
                due = d.until if d.until is not None else occ.due
                reminder_log.record(
                    conn,
                    habit_id=ids[occ.slug],
                    person=self.person,
                    day=occ.day,
                    slot=occ.slot,
                    due_at=due,
                    status=status,
                    reason=d.reason,
                    now=now,
                )
                body = ""
                if d.status == "send":
                    hint = (
                        self._haunt(conn, now) if occ.slug == HAUNTS_HABIT and occ.kind != "at-risk" else None
                    )
                    body = nudge_body(habit, occ, states.get(occ.slug, HabitState()), ds, hint)
                outcomes.append(Outcome(habit, occ, status, d.reason, habit.title, body))
            reminder_log.set_heartbeat(conn, self.person, now)
        return [self._deliver(o, ids, now) if o.status == "sending" else o for o in outcomes]

    def _haunt(self, conn, now: datetime) -> str | None:
        from habits.core.haunts import suggestion

        today = local_day(now, self.config.timezone, self.config.day_starts_at)
        return suggestion(queries.haunt_visits(conn), today)

    def _deliver(self, outcome: Outcome, ids: dict[str, int], now: datetime) -> Outcome:
        occ, timeout = outcome.occurrence, float(self.config.notify_timeout)
        buttons = buttons_of(self.notifier)  # a backend with Done/Snooze buttons
        try:
            if buttons is not None:
                kind = "measured" if outcome.habit.measured else "reminder"  # Done cannot say how much
                delivery = buttons.send_nudge(
                    outcome.title,
                    outcome.body,
                    timeout,
                    Nudge(ids[occ.slug], occ.slug, occ.day, occ.slot, kind),
                )
            else:
                delivery = self.notifier.send(outcome.title, outcome.body, timeout)
        except Exception as exc:  # noqa: BLE001 - a backend must never stop the daemon
            delivery = Delivery(False, f"{type(exc).__name__}: {exc}")
        status = "sent" if delivery.ok else "failed"
        with self.store.write() as conn:
            reminder_log.set_status(
                conn,
                habit_id=ids[occ.slug],
                person=self.person,
                day=occ.day,
                slot=occ.slot,
                status=status,
                reason=delivery.reason,
                now=now,
            )
            if delivery.ok and delivery.handle:  # on screen with buttons: the next daemon can close it
                reminder_log.remember_nudge(
                    conn,
                    person=self.person,
                    handle=delivery.handle,
                    habit_id=ids[occ.slug],
                    day=occ.day,
                    slot=occ.slot,
                )
        return Outcome(outcome.habit, occ, status, delivery.reason, outcome.title, outcome.body)

    def _pending(self, conn, habits: dict[str, Habit], since: datetime, now: datetime) -> list[Occurrence]:
        cfg = self.config
        tz, ds = cfg.timezone, cfg.day_starts_at
        found = occurrences(
            habits.values(),
            since,
            now,
            tz=tz,
            day_starts_at=ds,
            at_risk_time=cfg.at_risk_time,
            week_start=cfg.week_starts_on,
        )
        by_id = {h.id: h for h in habits.values()}
        for habit_id, due in reminder_log.snoozes_between(conn, self.person, since, now):
            if habit_id in by_id:
                found.append(snooze_occurrence(by_id[habit_id].slug, due, tz, ds))
        first_day = min([o.day for o in found], default=local_day(now, tz, ds))
        done = reminder_log.logged_keys(conn, self.person, first_day)
        pending = [o for o in found if (habits[o.slug].id, o.day, o.slot) not in done]
        for row in reminder_log.deferred(conn, self.person, due_by=now):
            habit = by_id.get(row["habit_id"])
            if habit is not None:
                pending.append(_deferred(habit, row))
        return pending

    def snooze(self, conn, habit: Habit, now: datetime, delay: timedelta) -> SnoozePlan:
        """Snooze `habit` for this person: when the nudge will really come (quiet hours,
        the period's end, done or excused), stored only when it will. Shared by
        `habits snooze` and the notification's Snooze button."""
        from habits.actions import snooze as add_snooze

        cfg = self.config
        state = self._states(conn, [habit], now).get(habit.slug, HabitState())
        plan = snooze_delivery(
            habit,
            state,
            now=now,
            delay=delay,
            tz=cfg.timezone,
            day_starts_at=cfg.day_starts_at,
            week_start=cfg.week_starts_on,
            quiet=cfg.quiet_hours,
        )
        if plan.when is not None:
            add_snooze(conn, habit, person=self.person, now=now, due=plan.when)
        return plan

    def states(self, conn, habits: list[Habit], now: datetime) -> dict[str, HabitState]:
        """Done, excused, streak and at-risk of each habit for this person, as of now."""
        return self._states(conn, habits, now)

    def _states(self, conn, habits: list[Habit], now: datetime) -> dict[str, HabitState]:
        from habits.core.tracks import away_days
        from habits.reports import board  # board: current streaks from recent history only

        cfg = self.config
        today = local_day(now, cfg.timezone, cfg.day_starts_at)
        away = away_days(queries.away_ranges(conn, since=today))
        out: dict[str, HabitState] = {}
        for r in board(conn, habits, as_of=today, week_start=cfg.week_starts_on, people=self.people):
            each = r.habit.who == "each"
            mine = r.people.get(self.person, r.stats) if each else r.stats
            done_by = tuple(r.done_today_by) if r.habit.who == "together" else (self.person,)
            done = mine.done_this_period
            if r.habit.measure_kind == "at_most":  # any entry today (a zero too) says how today went
                today_by = [p for p in r.entered_today if not each or p == self.person]
                done, done_by = bool(today_by), tuple(today_by)
            total = r.totals.get(self.person, 0) if each else r.total
            excused = None
            if mine.excused_this_period:
                apart = r.habit.who == "together" and today in away
                excused = "excused: you are apart (habits away)" if apart else "excused: skipped"
            out[r.habit.slug] = HabitState(
                done=done,
                done_by=done_by,
                excused=excused,
                streak=mine.current,
                at_risk=mine.at_risk,
                total=total,
            )
        return out

    # -- looking ahead -------------------------------------------------------

    def _note(self, occ: Occurrence, state: HabitState, now: datetime) -> str:
        """What would happen to an upcoming reminder if it were due now."""
        cfg = self.config
        tz, ds = cfg.timezone, cfg.day_starts_at
        note = ""
        if local_day(occ.due, tz, ds) == local_day(now, tz, ds) and state.done:
            note = "done already: will be suppressed"
        elif occ.kind == "at-risk":
            note = "sent only if the streak is still at risk"
        elif occ.kind == "snooze":
            note = "snoozed"
        end = quiet_until(occ.due, tz, cfg.quiet_hours)
        if end is not None and not note.startswith("done"):
            note = (note + "; " if note else "") + f"quiet hours: deferred to {end.astimezone(tz):%H:%M}"
        return note

    def upcoming(self, now: datetime, hours: float = 24, *, notes: bool = True) -> list[Upcoming]:
        """Reminders due in (now, now + hours], with what would happen if it were now
        (`notes=False`: only when, for the daemon's planning every minute: no streaks)."""
        cfg = self.config
        tz, ds = cfg.timezone, cfg.day_starts_at
        until = now + timedelta(hours=hours)
        with self.store.read() as conn:
            habits = {h.slug: h for h in own_times.habits_for(conn, self.person)}  # at my own times
            by_id = {h.id: h for h in habits.values()}
            found = occurrences(
                habits.values(),
                now,
                until,
                tz=tz,
                day_starts_at=ds,
                at_risk_time=cfg.at_risk_time,
                week_start=cfg.week_starts_on,
            )
            found += [
                snooze_occurrence(by_id[i].slug, due, tz, ds)
                for i, due in reminder_log.snoozes_between(conn, self.person, now, until)
                if i in by_id
            ]
            deferred = [
                (by_id[r["habit_id"]], r)
                for r in reminder_log.deferred(conn, self.person)
                if r["habit_id"] in by_id
            ]
            states = self._states(conn, list(habits.values()), now) if notes else {}
        out = [
            Upcoming(
                habits[occ.slug],
                occ,
                self._note(occ, states.get(occ.slug, HabitState()), now) if notes else "",
            )
            for occ in found
        ]
        out += [
            Upcoming(habit, _deferred(habit, row), f"deferred ({row['reason']})") for habit, row in deferred
        ]
        return sorted(out, key=lambda u: (u.occurrence.due, u.habit.position, u.occurrence.slot))


def _deferred(habit: Habit, row: dict) -> Occurrence:
    """The occurrence a deferred reminder-log row stands for."""
    slot = row["slot"]
    kind = "at-risk" if slot == "at-risk" else ("snooze" if slot.startswith(SNOOZE_PREFIX) else "reminder")
    return Occurrence(habit.slug, row["day"], slot, row["due_at"], kind)
