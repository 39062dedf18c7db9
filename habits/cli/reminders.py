"""Commands about reminders: `daemon`, `reminders [--log]`, `snooze`, `notify-test`."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import click

from habits.cli.context import AppContext, habit_argument, pass_app
from habits.cli.render import clean, echo, emit_json, style
from habits.errors import HabitsError

if TYPE_CHECKING:
    from habits.daemon.engine import Reminders


class NotDelivered(HabitsError):
    """The test notification could not be delivered."""


def _engine(app: AppContext, notifier: object = None) -> Reminders:
    from habits.daemon.compose import make_engine

    return make_engine(app.store, app.config, notifier, app.people)  # type: ignore[arg-type]


def _notifier(app: AppContext):
    from habits.notify import notifier_from_config

    return notifier_from_config(app.config)


def print_upcoming(app: AppContext, engine: Reminders, hours: float = 24) -> None:
    tz = app.config.timezone
    items = engine.upcoming(app.now(), hours=hours)
    if not app.config.reminders_enabled:
        echo("Reminders are off (reminders.enabled = false): nothing is scheduled.")
        return
    if not items:
        echo(f"No reminders in the next {hours:g} hours.")
        return
    echo(style(f"Next {hours:g} hours:", bold=True))
    for item in items:
        occ = item.occurrence
        when = occ.due.astimezone(tz).strftime("%a %H:%M")
        what = clean(item.habit.title) + (" — streak check" if occ.kind == "at-risk" else "")
        echo(f"  {when}  {what}" + (f"  ({item.note})" if item.note else ""))


@click.command("daemon")
@click.pass_context
def daemon(ctx: click.Context) -> None:
    """Run the reminder scheduler in the foreground (stop it with Ctrl-C or SIGTERM).

    Prints today's board and the next reminders, then nudges at the right moments.
    `habits service install` runs it at login instead.
    """
    from habits.cli.tracking import today
    from habits.daemon.compose import run_daemon

    app = ctx.find_object(AppContext)
    assert app is not None
    cfg = app.config

    def greet(engine: Reminders, notifier) -> None:
        ctx.invoke(today)
        echo()
        print_upcoming(app, engine)
        if cfg.reminders_enabled:
            echo(
                f"Reminding {clean(cfg.me)} through the {notifier.name} backend; "
                f"log: {app.locations.log_file}. Stop with Ctrl-C."
            )
        else:
            echo(
                "The daemon runs but schedules nothing until reminders.enabled is true "
                "(edit the config, then send SIGHUP or restart)."
            )

    run_daemon(cfg, lambda: app.store, app.locations, app.clock, lambda: app.people, greet)


@click.command("reminders")
@click.option("--log", "show_log", is_flag=True, help="What the daemon did: sent, suppressed and why, ...")
@click.option(
    "--days", type=click.IntRange(1, 3660), default=7, show_default=True, help="Days of log to show."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def reminders(app: AppContext, show_log: bool, days: int, as_json: bool) -> None:
    """Upcoming reminders (next 24 hours); with --log, what the daemon did recently."""
    engine = _engine(app)
    if not show_log:
        if as_json:
            emit_json(
                [
                    {
                        "habit": u.habit.slug,
                        "title": u.habit.title,
                        "day": u.occurrence.day,
                        "slot": u.occurrence.slot,
                        "kind": u.occurrence.kind,
                        "due": _iso(u.occurrence.due),
                        "note": u.note,
                    }
                    for u in engine.upcoming(app.now())
                ]
            )
            return
        print_upcoming(app, engine)
        return
    from habits.store import reminder_log, ritual_nudges

    with app.read() as conn:
        since = app.now() - timedelta(days=days)
        rows = reminder_log.log_since(conn, since) + ritual_nudges.log_since(conn, since)
    rows.sort(key=lambda r: (r["due_at"], r["slug"], r["slot"]))
    if as_json:
        emit_json(
            [
                {
                    "habit": r["slug"],
                    "day": r["day"],
                    "slot": r["slot"],
                    "person": r["person"],
                    "status": r["status"],
                    "reason": r["reason"] or "",
                    "due": _iso(r["due_at"]),
                    "updated": _iso(r["updated_at"]),
                }
                for r in rows
            ]
        )
        return
    if not rows:
        echo(f"Nothing in the reminder log for the last {days} days (is `habits daemon` running?).")
        return
    tz = app.config.timezone
    for r in rows:
        when = r["due_at"].astimezone(tz).strftime("%Y-%m-%d %H:%M")
        status = "sent?" if r["status"] == "sending" else r["status"]
        colour = {"sent": "green", "failed": "red", "missed": "yellow", "done": "green"}.get(status)
        slot = (
            "streak check"
            if r["slot"] == "at-risk"
            else ("snooze" if r["slot"].startswith("snooze:") else r["slot"])
        )
        reason = r["reason"] or (
            "delivery not confirmed: the daemon stopped while sending" if status == "sent?" else ""
        )
        if status in ACTED and reason:  # what became of a sent nudge: its reason says it all
            status, reason = reason, ""
        line = f"{when}  {clean(r['title'])} [{slot}] {style(status, fg=colour) if colour else status}"
        who = f" for {clean(r['person'])}" if len(app.people) > 1 else ""
        echo(line + who + (f" — {clean(reason)}" if reason else ""))


# Statuses of a sent nudge that was then acted on (habits.daemon.buttons); their reason is
# the whole story: "done from notification", "snoozed: again at 10:30", "dismissed",
# "closed: done elsewhere".
ACTED = ("done", "snoozed", "dismissed", "closed")


def _iso(instant) -> str:
    from habits.core.dates import utc_iso

    return utc_iso(instant)


@click.command("snooze")
@habit_argument()
@click.argument("duration", required=False)
@pass_app
def snooze(app: AppContext, habit: str, duration: str | None) -> None:
    """Remind again after DURATION (default: reminders.snooze, e.g. 30m).

    Says when the nudge will really come (after quiet hours), or that it will not
    (the habit is done or excused, or its day or week ends first); then nothing is stored.
    """
    from habits.core.dates import format_duration, parse_duration

    delta = parse_duration(duration) if duration is not None else app.config.snooze
    engine = _engine(app)
    with app.write() as conn:
        h = app.habit(conn, habit)
        plan = engine.snooze(conn, h, app.now(), delta)
    who, title = clean(app.config.me), clean(h.title)
    if plan.when is None:
        echo(f"No nudge will come for {title}: {plan.why}. Nothing was snoozed.")
        return
    local = plan.when.astimezone(app.config.timezone).strftime("%a %H:%M:%S")
    when = (
        f", when quiet hours end (not in {format_duration(delta)}),"
        if plan.why
        else f" (in {format_duration(delta)}),"
    )
    echo(
        f"Will remind {who} of {title} again at {local}{when} unless it is done by then; "
        "`habits daemon` must be running."
    )


@click.command("notify-test")
@pass_app
def notify_test(app: AppContext) -> None:
    """Send a test notification through the configured backend; say whether it arrived."""
    notifier = _notifier(app)
    delivery = notifier.send(
        "habits: test notification",
        "If you can read this, your reminders will reach you.",
        float(app.config.notify_timeout),
    )
    if delivery.ok:
        echo(f"Delivered through the {notifier.name} backend ({delivery.reason}).")
        return
    raise NotDelivered(
        f"The test notification was not delivered through the {notifier.name} backend: "
        f"{delivery.reason}; fix that, or set notifications.backend to 'stdout' or 'command'."
    )
