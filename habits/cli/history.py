"""Reading the history back: the heat map of one habit, and the log of check-ins,
skips and days apart."""

from __future__ import annotations

import click

from habits.cli.context import DATE_HELP, AppContext, habit_argument, pass_app
from habits.cli.render import clean, echo, emit_json, plural, style
from habits.core.periods import unit_of


@click.command("history")
@habit_argument()
@click.option("--weeks", type=click.IntRange(1, 520), default=16, show_default=True, help="Weeks to show.")
@click.option("--as-of", "as_of", metavar="DATE", help=f"Last day shown: {DATE_HELP}")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def history(app: AppContext, habit: str, weeks: int, as_of: str | None, as_json: bool) -> None:
    """A calendar heat map of HABIT (weeks as columns), with its streaks."""
    from datetime import timedelta

    from habits.core.cadence import period_of, rule_of
    from habits.core.heatmap import day_states, render_heatmap
    from habits.core.periods import period_start
    from habits.reports import history as history_of
    from habits.reports import load_checkpoints, reports

    day = app.parse_date(as_of, future="--as-of wants the last day to show, today or earlier")
    week_start = app.config.week_starts_on
    start = period_start(day, "weekly", week_start) - timedelta(weeks=weeks - 1)
    with app.read() as conn:
        h = app.habit(conn, habit, archived_ok=True)
        # from the start of the first day's period: a measured day is judged on its period's total so far
        past = history_of(conn, h, start=period_of(h, start, week_start)[0], end=day, people=app.people)
        (report,) = reports(
            conn,
            [h],
            as_of=day,
            week_start=week_start,
            people=app.people,
            checkpoints=load_checkpoints(conn, [h]),
        )
    days = [start + timedelta(days=i) for i in range((day - start).days + 1)]
    from habits.cli.layout import history_day, paint_cells

    tracks = list(past.tracks.values())
    states = day_states(rule_of(h, week_start), tracks, days)
    if as_json:
        emit_json({"habit": h.slug, "days": [history_day(d, past, states[d], h) for d in days]})
        return
    echo(style(clean(h.title), bold=True))
    couple = h.who == "each" and len(tracks) > 1
    for line in render_heatmap(
        days,
        states,
        week_start=week_start,
        partly="partly (not all of you)" if couple else ("part of the target" if h.measured else "partly"),
        excused="excused (skip)" if h.who == "each" else "excused (skip or apart)",
    ):
        echo(paint_cells(line))
    unit = unit_of(h.cadence)
    s = report.stats
    echo(
        f"current streak {plural(s.current, unit)} · longest {plural(s.longest, unit)} · "
        f"30-day rate {s.rate_30:.0%} · strength {s.strength:.0%}"
    )


@click.command("log")
@habit_argument(required=False)
@click.option("--since", metavar="DATE", help=f"From this day on: {DATE_HELP}")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def log(app: AppContext, habit: str | None, since: str | None, as_json: bool) -> None:
    """The check-ins with their notes, and the skips and days apart (the whole history
    unless --since)."""
    from habits.core.dates import utc_iso
    from habits.core.habit import amount_value
    from habits.store import excuses, queries

    wants = "--since wants the first day to list, today or earlier"
    start = app.parse_date(since, future=wants) if since else None
    with app.read() as conn:
        h = app.habit(conn, habit, archived_ok=True) if habit else None
        rows = queries.checkin_log(conn, habit_id=h.id if h else None, since=start)
        skips = excuses.skip_log(conn, habit_id=h.id if h else None, since=start)
        # Days apart excuse together habits only: listed for those, or for every habit.
        apart = excuses.away_log(conn, since=start) if h is None or h.who == "together" else []
    items = [
        {
            "habit": r["slug"],
            "date": r["day"].isoformat(),
            "by": r["person"],
            "note": r["note"],
            "place": r["place"],
            "logged_at": utc_iso(r["logged_at"]),
            "kind": "checkin",
            "amount": None if r["amount"] is None else amount_value(r["amount"]),
            **({"unit": r["measure"]} if r["amount"] is not None else {}),
        }
        for r in rows
    ]
    items += [
        {
            "kind": "skip",
            "habit": r["slug"],
            "date": r["day"].isoformat(),
            "by": r["person"] or None,
            "reason": r["reason"],
            "logged_at": utc_iso(r["created_at"]),
        }
        for r in skips
    ]
    items += [
        {
            "kind": "away",
            "habit": None,
            "date": r["start"].isoformat(),
            "start": r["start"].isoformat(),
            "end": r["end"].isoformat(),
            "by": None,
            "note": r["note"],
            "logged_at": utc_iso(r["created_at"]),
        }
        for r in apart
    ]
    rank = {"checkin": 0, "skip": 1, "away": 2}
    items.sort(key=lambda item: (item["date"], rank[item["kind"]]))  # stable: check-ins keep their order
    if as_json:
        emit_json(items)
        return
    if not items:
        echo("No check-ins yet." if start is None else f"No check-ins since {start.isoformat()}.")
        return
    from habits.cli.layout import log_line

    for item in items:
        echo(log_line(item))
