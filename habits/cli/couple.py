"""Commands for couples: who the couple is (`couple`), days apart (`away`) and the weekly date's haunts."""

from __future__ import annotations

import click

from habits.cli import SuggestingGroup
from habits.cli.context import AppContext, pass_app
from habits.cli.render import clean, echo, emit_json
from habits.errors import BadValue, UsageError


@click.group("couple", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def couple(ctx: click.Context, as_json: bool) -> None:
    """The two people this store records, and whether your config names them."""
    app = ctx.ensure_object(AppContext)
    app.check_couple = False  # this command shows (or repairs) a config that does not fit
    if ctx.invoked_subcommand is not None:
        return
    from habits.core.couple import Couple, CoupleMismatch, and_list
    from habits.store.people import settle_couple, store_people

    cfg = app.config
    try:
        settle_couple(app.store, Couple(cfg.me, cfg.partner, str(app.locations.config_file)))
        problem = None
    except CoupleMismatch as exc:
        problem = exc
    with app.read() as conn:
        people = store_people(conn)
    if as_json:
        emit_json({"people": people, "me": cfg.me, "partner": cfg.partner})
    elif people:
        shown = [f"{p} (you)" if p == cfg.me else p for p in sorted(people, key=lambda p: p != cfg.me)]
        echo(clean(and_list(shown)) + ("." if len(people) > 1 else "; no partner yet."))
    else:
        echo("No one is recorded yet.")
    if problem is not None:
        raise problem


@couple.command("rename")
@click.argument("old")
@click.argument("new")
@pass_app
def couple_rename(app: AppContext, old: str, new: str) -> None:
    """Rename OLD to NEW everywhere: check-ins, skips, reminders, answers and the couple itself."""
    from habits.core.couple import check_name, same_name
    from habits.store.people import names_in_rows, rename_person, store_people

    new = check_name(new, "NEW")
    with app.write() as conn:
        people = store_people(conn)
        found = [p for p in people if p == old.strip()] or [p for p in people if same_name(p, old)]
        if len(found) != 1:
            raise BadValue(
                f"{old!r} is not one of this store's people ({', '.join(people) or 'none yet'}); "
                "see `habits couple`."
            )
        old = found[0]
        if new == old:
            echo(f"{clean(old)} is already called that; nothing was changed.")
            return
        other = [p for p in people if p != old and same_name(p, new)]
        if other:
            raise BadValue(f"NEW {new!r} is {other[0]!r}, the other person; give {old!r} a different name.")
        if new in names_in_rows(conn):
            raise BadValue(
                f"NEW {new!r} already names check-ins or reminders in this store; choose another name."
            )
        changed = rename_person(conn, old, new)
    nouns = {
        "checkins": "check-in",
        "skips": "skip",
        "reminder_log": "reminder",
        "snoozes": "snooze",
        "thanks": "thank-you",
        "own_times": "own reminder time",
        "answers": "answer",
    }
    counts = ", ".join(f"{n} {nouns[table]}{'s' if n != 1 else ''}" for table, n in changed.items() if n)
    echo(f"Renamed {clean(old)} to {clean(new)}" + (f" ({counts})." if counts else "."))
    echo(clean(config_hint(app, old, new)))


def config_hint(app: AppContext, old: str, new: str) -> str:
    """Which config line to change now that the store says NEW."""
    where = app.locations.config_file
    cfg = app.config
    if cfg.me == old:
        mine, theirs = "me", "partner"
    elif cfg.partner == old:
        mine, theirs = "partner", "me"
    else:
        return f'Now set couple.me (or couple.partner) = "{new}" in the config of whoever used {old!r}.'
    return (
        f'Now set couple.{mine} = "{new}" in {where}, and couple.{theirs} = "{new}" '
        "in your partner's config if they have one."
    )


@click.command("away", context_settings={"ignore_unknown_options": True})
@click.argument("start", required=False)
@click.argument("end", required=False)
@click.option("--note", help="Where, or why (e.g. 'Sam in Lisbon').")
@click.option("--remove", is_flag=True, help="Remove the range START END instead of adding it.")
@click.option("--json", "as_json", is_flag=True, help="With no dates: print the ranges as JSON.")
@pass_app
def away(
    app: AppContext, start: str | None, end: str | None, note: str | None, remove: bool, as_json: bool
) -> None:
    """Days apart (START END, inclusive): `together` habits are excused then.

    With no dates, lists the ranges. Future dates are allowed, to plan a trip (also
    `tomorrow` and `next friday`). Ranges that overlap or touch are merged into one.
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
        raise BadValue(
            f"END {last.isoformat()} is before START {first.isoformat()}; give the earlier day first."
        )
    if (last - first).days > 366:
        raise BadValue(
            f"{first.isoformat()} .. {last.isoformat()} is more than a year apart; give a shorter range."
        )
    span = f"{first.isoformat()} .. {last.isoformat()}"
    with app.write() as conn:
        if remove:
            changed = queries.remove_away(conn, start=first, end=last)
        else:
            low, high, changed = queries.add_away(conn, start=first, end=last, note=note, now=app.now())
    if remove:
        echo(f"Removed days apart {span}." if changed else f"No days apart {span} to remove.")
        return
    merged = f"{low.isoformat()} .. {high.isoformat()}"
    if not changed:
        echo(f"Days apart {span} were already recorded" + ("." if merged == span else f" (within {merged})."))
    elif merged != span:
        echo(f"Days apart {span} joined the days apart next to them: {merged}; together habits are excused.")
    else:
        echo(f"Days apart {span}: together habits are excused.")


@click.group("haunts", cls=SuggestingGroup)
def haunts() -> None:
    """Places for the weekly date: the reminder suggests the one visited least recently."""


@haunts.command("add")
@click.argument("name")
@pass_app
def haunts_add(app: AppContext, name: str) -> None:
    """Add a place."""
    from habits.core.haunts import check_place
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
        echo('No haunts yet. Add one: habits haunts add "Luigi\'s"')
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
