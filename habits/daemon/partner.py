"""The partner's activity, told by my daemon each tick: one notification for the
check-ins my partner logged since the daemon last looked ("Sam: Six-second kiss ✓ ·
Ask about their day ✓"; with a backend that has buttons, a "Thank" button), and one
for the thank-yous my partner gave me ("Sam thanked you for Six-second kiss").

Each is marked in the store (the partner-seen mark, the thanks' read time) in the
same transaction that reads it and before it is sent, so nothing is told twice; a
crash between the two loses it rather than repeating it. In quiet hours nothing is
marked, so it comes at their end. After a first start or a gap longer than
`reminders.catch_up` (the daemon was stopped, the machine slept, the store was
unreachable), anything older than `catch_up` is passed over silently.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from habits.core.periods import local_day
from habits.core.schedule import quiet_until
from habits.daemon.engine import Reminders
from habits.notify.base import Delivery, Nudge, buttons_of
from habits.store import activity

log = logging.getLogger("habits.daemon")

PARTNER_SLOT = "partner:"  # a partner nudge's slot: "partner:<habit id>,<habit id>..."


def checkins_line(partner: str, titles: list[str]) -> str:
    """ "Sam: Six-second kiss ✓ · Ask about their day ✓" (each habit once, in order)."""
    return f"{partner}: " + " · ".join(f"{title} ✓" for title in dict.fromkeys(titles))


def thanks_line(partner: str, titles: list[str]) -> str:
    return f"{partner} thanked you for " + " · ".join(dict.fromkeys(titles))


def habit_ids(nudge: Nudge) -> list[int]:
    """The habits a partner nudge is about (what its Thank button thanks for)."""
    return [int(part) for part in nudge.slot[len(PARTNER_SLOT) :].split(",") if part.isdigit()]


class Partner:
    def __init__(self, engine: Reminders) -> None:
        self.engine = engine

    def tick(self, now: datetime) -> list[str]:
        """Tell what is new; returns what was done, for the log. Store errors propagate
        (the daemon retries; nothing was marked)."""
        cfg = self.engine.config
        partner, me = cfg.partner, self.engine.person
        if not partner or not cfg.notify_partner:
            return []
        quiet = quiet_until(now, cfg.timezone, cfg.quiet_hours) is not None
        today = local_day(now, cfg.timezone, cfg.day_starts_at)
        from habits.actions.partner import mark_thanks_read, unread_thanks

        with self.engine.store.write() as conn:
            seen = activity.get_seen(conn, me)
            cutoff = now - cfg.catch_up
            fresh = seen is not None and now - seen.at <= cfg.catch_up
            if not fresh:  # a first start or a long gap: pass over what is older than catch_up
                base_id, base_logged = activity.baseline(conn, partner, cutoff)
                seen = activity.Seen(
                    max(base_id, seen.last_id if seen else 0),
                    max(base_logged, seen.last_logged if seen else activity.EPOCH),
                    now,
                )
            assert seen is not None
            news = activity.checkins_after(conn, partner, seen)
            thanks = [th for th in unread_thanks(conn, me) if th.from_person == partner]
            if quiet:  # deferred: only the baseline is kept, the news come when the quiet hours end
                activity.set_seen(conn, me, seen._replace(at=now))
                return (
                    [
                        f"partner activity deferred (quiet hours): {len(news)} check-in(s), "
                        f"{len(thanks)} thank-you(s)"
                    ]
                    if news or thanks
                    else []
                )
            activity.set_seen(
                conn,
                me,
                activity.Seen(
                    max([seen.last_id] + [a.id for a in news]),
                    max([seen.last_logged] + [a.logged_at for a in news]),
                    now,
                ),
            )
            if thanks:
                upto = max(th.logged_at for th in thanks)
                mark_thanks_read(conn, me, upto, now=now)
            thanks = [th for th in thanks if fresh or _aware(th.logged_at) >= cutoff]
        done: list[str] = []
        if news:
            line = checkins_line(partner, [a.title for a in news])
            ids = ",".join(str(i) for i in dict.fromkeys(a.habit_id for a in news))
            delivery = self._send(line, "", Nudge(0, "partner", today, PARTNER_SLOT + ids, kind="partner"))
            if delivery.ok and delivery.handle:  # on screen with Thank: the next daemon can close it
                self._remember(delivery.handle, today, PARTNER_SLOT + ids)
            done.append(f"partner activity {'sent' if delivery.ok else 'failed'}: {line} ({delivery.reason})")
        if thanks:
            line = thanks_line(partner, [th.title for th in thanks])
            notes = [th.note for th in thanks if th.note]
            delivery = self._send(line, " · ".join(notes), None)
            done.append(f"thanks {'sent' if delivery.ok else 'failed'}: {line} ({delivery.reason})")
        return done

    def _remember(self, handle: str, day: date, slot: str) -> None:
        from habits.store import reminder_log

        try:
            with self.engine.store.write() as conn:
                reminder_log.remember_nudge(
                    conn,
                    person=self.engine.person,
                    handle=handle,
                    habit_id=0,
                    day=day,
                    slot=slot,
                    kind="partner",
                )
        except Exception as exc:  # noqa: BLE001 - shown already; only a restart's cleanup is lost
            log.warning("could not remember the partner nudge %s: %s", handle, exc)

    def _send(self, title: str, body: str, nudge: Nudge | None) -> Delivery:
        notifier = self.engine.notifier
        timeout = float(self.engine.config.notify_timeout)
        buttons = buttons_of(notifier)
        try:
            if nudge is not None and buttons is not None:
                return buttons.send_nudge(title, body, timeout, nudge)
            return notifier.send(title, body, timeout)
        except Exception as exc:  # noqa: BLE001 - a backend must never stop the daemon
            return Delivery(False, f"{type(exc).__name__}: {exc}")


def _aware(stored: datetime) -> datetime:
    from datetime import timezone

    return stored.replace(tzinfo=timezone.utc) if stored.tzinfo is None else stored
