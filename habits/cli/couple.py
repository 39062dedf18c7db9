"""Commands for couples: days apart (`away`) and the weekly date's haunts."""

from __future__ import annotations

import click

from habits.cli import SuggestingGroup
from habits.cli.context import AppContext, pass_app
from habits.cli.render import clean, echo, emit_json
from habits.errors import BadValue, UsageError



@click.command("away", context_settings={"ignore_unknown_options": True})
@click.argument("start", required=False)
@click.argument("end", required=False)
@click.option("--note", help="Where, or why (e.g. 'Sam in Lisbon').")
@click.option("--remove", is_flag=True, help="Remove the range START END instead of adding it.")
@click.option("--json", "as_json", is_flag=True, help="With no dates: print the ranges as JSON.")
@pass_app
def away(app: AppContext, start: str | None, end: str | None, note: str | None, remove: bool, as_json: bool) -> None:
    """Days apart (START END, inclusive): `together` habits are excused then.

    With no dates, lists the ranges. Future dates are allowed, to plan a trip.
    """
    from habits.store import queries

    if start is None:
        if remove or note:
            raise UsageError("Give START and END, e.g. `habits away 2026-05-01 2026-05-07`.")
        with app.read() as conn:
            rows = queries.away_list(conn)
        if as_json:
            emit_json([{"start": r["start"], "end": r["end"], "note": r["note"]} for r in rows])
        elif not rows:
            echo("No days apart recorded.")
        for r in [] if as_json else rows:
            echo(f"{r['start']} .. {r['end']}" + (f"  {clean(r['note'])}" if r["note"] else ""))
        return
    first = app.parse_date(start, allow_future=True)
    last = app.parse_date(end if end is not None else start, allow_future=True)
    if last < first:
        raise BadValue(f"END {last.isoformat()} is before START {first.isoformat()}; give the earlier day first.")
    if (last - first).days > 366:
        raise BadValue(f"{first.isoformat()} .. {last.isoformat()} is more than a year apart; give a shorter range.")
    with app.write() as conn:
        if remove:
            changed = queries.remove_away(conn, start=first, end=last)
        else:
            changed = queries.add_away(conn, start=first, end=last, note=note, now=app.now())
    span = f"{first.isoformat()} .. {last.isoformat()}"
    if remove:
        echo(f"Removed days apart {span}." if changed else f"No days apart {span} to remove.")
    else:
        echo(f"Days apart {span}: together habits are excused." if changed else f"Days apart {span} were already recorded.")


@click.group("haunts", cls=SuggestingGroup)
def haunts() -> None:
    """Places for the weekly date: the reminder suggests the one visited least recently."""


@haunts.command("add")
@click.argument("name")
@pass_app
def haunts_add(app: AppContext, name: str) -> None:
    """Add a place."""
    from habits.store import queries

    name = check_place(name)
    with app.write() as conn:
        added = queries.add_haunt(conn, name, now=app.now())
    echo(f"Added {clean(name)}." if added else f"{clean(name)} is already one of your haunts.")


@haunts.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def haunts_list(app: AppContext, as_json: bool) -> None:
    """The places, with when you last went."""
    from habits.core.haunts import suggestion
    from habits.store import queries

    with app.read() as conn:
        visits = queries.haunt_visits(conn)
    if as_json:
        emit_json([{"name": n, "last_visit": d} for n, d in visits])
        return
    if not visits:
        echo("No haunts yet. Add one: habits haunts add \"Luigi's\"")
        return
    from wcwidth import wrap

    from habits.cli.render import cell, cells, terminal_width

    width = terminal_width()
    whens = ["last " + last.isoformat() if last else "not yet visited" for _, last in visits]
    column = min(max(cells(clean(name)) for name, _ in visits), width - 1 - max(map(cells, whens)))
    for (name, _), when in zip(visits, whens):
        echo(f"{cell(clean(name), max(column, 4))} {when}")
    for line in wrap(clean(suggestion(visits, app.today()) or ""), width) or [""]:
        echo(line)


@haunts.command("remove")
@click.argument("name")
@pass_app
def haunts_remove(app: AppContext, name: str) -> None:
    """Remove a place (past check-ins keep its name)."""
    from habits.store import queries

    with app.write() as conn:
        removed = queries.remove_haunt(conn, name)
    if not removed:
        raise BadValue(f"{name!r} is not one of your haunts; see `habits haunts list`.")
    echo(f"Removed {clean(name)}.")


def check_place(name: str) -> str:
    text = " ".join(name.split())
    if not text or len(text) > 200:
        raise BadValue(f"Place {name!r} is not valid; give a name of 1 to 200 characters.")
    return text


COMMANDS = [away, haunts]
