"""`habits review`: the week for both of you."""

from __future__ import annotations

from typing import Any

import click

from habits.cli.context import AppContext, pass_app
from habits.cli.render import clean, echo, emit_json
from habits.cli.tracking import DATE_HELP


@click.command("review")
@click.option("--week", "week", metavar="DATE", help=f"A day of the week to review: {DATE_HELP}")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def review(app: AppContext, week: str | None, as_json: bool) -> None:
    """The week for both of you: each habit's days, streaks and strength, who carried
    it, days apart, haunts, notes, thanks, and a tip of the week."""
    from habits.actions.review import review as read_review
    from habits.errors import StoreError
    from habits.store import checkpoints

    day = app.parse_date(week, future="--week wants a day of a week that has begun, today or earlier")
    with app.read() as conn:
        data, fresh = read_review(
            conn,
            day=day,
            today=app.today(),
            week_start=app.config.week_starts_on,
            people=app.people,
            viewer=app.config.me,
        )
    if fresh:  # keep where the next review resumes; a read-only store still gets its review
        try:
            with app.store.write() as conn:
                checkpoints.save(conn, fresh)
        except StoreError:
            pass
    if as_json:
        emit_json(data)
        return
    for line in text_lines(data):
        echo(line)


def _strength(f: dict[str, Any]) -> str:
    return (
        f"strength {f['strength']:.0%} (a week ago {f['strength_week_ago']:.0%},"
        f" four weeks ago {f['strength_month_ago']:.0%})"
    )


def _streak(f: dict[str, Any]) -> str:
    change = f["streak_change"]
    return f"streak {f['current']} ({'=' if change == 0 else f'{change:+d}'} since last week)"


def text_lines(data: dict[str, Any]) -> list[str]:
    week = data["week"]
    lines = [f"The week of {week['start']} to {week['end']}", ""]
    for h in data["habits"]:
        lines.append(
            f"{clean(h['title'])}  [{h['days']}]  {h['week_done']}/{h['week_target']}"
            f"  {_streak(h)}  {_strength(h)}"
        )
        for name, p in h.get("people", {}).items():
            lines.append(f"  {clean(name)}  [{p['days']}]  {p['week_done']}  {_streak(p)}  {_strength(p)}")
        if h["who"] == "each":
            carried = ", ".join(clean(n) for n in h["carried_by"]) or "nobody yet"
            lines.append(f"  carried by {carried}")
    lines.append("")
    if data["days_apart"]:
        lines.append(f"Days apart: {len(data['days_apart'])}")
    if data["haunts_visited"]:
        lines.append("Haunts visited: " + ", ".join(clean(p) for p in data["haunts_visited"]))
    if data["go_back_to"]:
        lines.append(f"Go back: {clean(data['go_back_to'])}")
    for n in data["notes"]:
        lines.append(f"Note {n['day']} {clean(n['person'])} on {clean(n['habit'])}: {clean(n['note'])}")
    for th in data["thanks"]:
        extra = f": {clean(th['note'])}" if th["note"] else ""
        lines.append(
            f"Thanks {th['day']}: {clean(th['from'])} to {clean(th['to'])} for {clean(th['habit'])}{extra}"
        )
    for c in data["checkins"]:
        lines += ["", *_checkin_lines(c)]
    if not data["checkins"]:
        lines += ["", "No check-ins for this week yet: `habits checkin` (with `--week` for an earlier one)."]
    if data["tip"]:
        lines += ["", f"Tip of the week: {clean(data['tip']['text'])} ({clean(data['tip']['expert'])})"]
    return lines


def _checkin_lines(c: dict[str, Any]) -> list[str]:
    who = clean(c["person"])
    if c["sealed"]:
        return [f"{who} has checked in; you will see it once you have checked in too."]
    lines = [f"{who}'s check-in:"]
    lines += [f"  appreciates: {clean(a)}" for a in c["appreciations"]]
    if c["went_well"]:
        lines.append(f"  went well: {clean(c['went_well'])}")
    if c["work_on"]:
        lines.append(f"  to work on: {clean(c['work_on'])}")
    if c["connected"] is not None:
        lines.append(f"  felt connected: {c['connected']}/5")
    return lines


COMMANDS = [review]
