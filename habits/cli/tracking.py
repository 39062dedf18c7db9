"""Commands about doing habits: the board, done/undo, skip/unskip, streaks, history, log."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from habits.cli.context import DATE_HELP, AppContext, habit_argument, pass_app
from habits.cli.render import clean, echo, emit_json, long_date, plural, style
from habits.core.periods import unit_of

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from habits.core.habit import Habit
    from habits.reports import Report, Stored


@click.command("today")
@pass_app
def today(app: AppContext) -> None:
    """Show the board: every active habit, done or not, streaks, what is at risk."""
    from habits.reports import board
    from habits.store import queries

    day = app.today()
    rows = app.with_checkpoints(
        queries.habits,
        day,
        lambda conn, habits, stored: board(
            conn,
            habits,
            as_of=day,
            week_start=app.config.week_starts_on,
            people=app.people,
            checkpoints=stored,
        ),
    )
    echo(style(long_date(day), bold=True))
    if not rows:
        echo("No active habits. Add one with `habits add` or pick from `habits catalog`.")
        return
    from habits.cli.layout import board_line, print_board

    lines = [board_line(r) for r in rows]

    print_board(lines)
    if app.config.partner:  # the thanks I was given today
        from habits.actions.partner import thanks_for
        from habits.core.thanks import thanked_line

        with app.read() as conn:
            for t in thanks_for(conn, app.config.me, day):
                echo(style(clean(thanked_line(t.from_person, t.title, t.note)), fg="magenta"))


class _DoneCommand(click.Command):
    """`done`: a negative AMOUNT ("-5") is an amount to refuse, not an unknown option."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        import re

        valued = {"--date", "--note", "--by", "--place"}
        for before, arg in zip(["", *args], args):
            if before not in valued and re.fullmatch(r"-(\.?\d.*|inf(inity)?|nan)", arg, re.IGNORECASE):
                from habits.core.habit import parse_amount

                parse_amount(arg)  # refuses it: negative
        return super().parse_args(ctx, args)


@click.command("done", cls=_DoneCommand)
@habit_argument()
@click.argument("amount", required=False)
@click.option("--date", "when", metavar="DATE", help=f"Day it counts for: {DATE_HELP}")
@click.option("--note", help="A note to keep with the check-in.")
@click.option("--by", "by", metavar="NAME", help="Who did it (couple.me or couple.partner).")
@click.option("--place", metavar="TEXT", help="Where (one of `habits haunts`, for the weekly date).")
@click.option("--new-place", is_flag=True, help="Add --place to your haunts if it is not one yet.")
@pass_app
def done(
    app: AppContext,
    habit: str,
    amount: str | None,
    when: str | None,
    note: str | None,
    by: str | None,
    place: str | None,
    new_place: bool,
) -> None:
    """Log a check-in of HABIT; a measured habit takes the AMOUNT (several a day add up)."""
    from habits.actions import log_done

    day = app.parse_date(when)
    person = app.person(by)
    add_place = False
    if place is not None:
        place, add_place = _resolve_place(app, place, new_place)
    with app.write() as conn:
        h = app.habit(conn, habit)
        milli = _amount(h, amount)
        outcome = log_done(
            conn,
            h,
            day=day,
            person=person,
            now=app.now(),
            note=note,
            place=place,
            amount=milli,
            week_start=app.config.week_starts_on,
        )
        if add_place and place is not None and outcome.logged:  # a new haunt only with a visit
            from habits.store import queries

            queries.add_haunt(conn, place, now=app.now())
    echo(clean(outcome.message))


def _amount(habit: Habit, text: str | None) -> int | None:
    """The AMOUNT of `done` in thousandths; a yes/no habit takes none (whatever was typed)."""
    if text is None:
        return None
    if not habit.measured:
        from habits.errors import BadValue

        raise BadValue(
            f"{habit.title} is a yes/no habit and takes no amount ({text!r}); "
            f"log it with `habits done {habit.slug}` (another day: --date)."
        )
    from habits.core.habit import parse_amount

    return parse_amount(text)


def _resolve_place(app: AppContext, place: str, add: bool) -> tuple[str, bool]:
    """The stored spelling of a haunt, and whether to add it: an unknown place is
    added with --new-place, offered on a terminal, and otherwise an error that says how.
    (Asked before the write transaction, so no lock is held while you think.)"""
    import sys

    from habits.core.haunts import check_place
    from habits.errors import BadValue
    from habits.store import queries

    place = check_place(place)
    with app.read() as conn:
        known = queries.find_haunt(conn, place)
    if known is not None:
        return known, False
    if not add and sys.stdin.isatty():
        add = click.confirm(f"{place!r} is not one of your haunts yet. Add it?", default=True, err=True)
    if not add:
        raise BadValue(
            f"{place!r} is not one of your haunts; add it with --new-place "
            f"or `habits haunts add {place!r}` first."
        )
    return place, True


@click.command("undo")
@habit_argument()
@click.option("--date", "when", metavar="DATE", help=f"Day to undo: {DATE_HELP}")
@click.option("--by", "by", metavar="NAME", help="Whose check-in (default: couple.me).")
@pass_app
def undo(app: AppContext, habit: str, when: str | None, by: str | None) -> None:
    """Remove a day's check-in of HABIT (a measured habit: the day's last amount)."""
    from habits.actions import undo_done

    day = app.parse_date(when)
    person = app.person(by)
    with app.write() as conn:
        h = app.habit(conn, habit)
        outcome = undo_done(conn, h, day=day, person=person)
    echo(clean(outcome.message))


@click.command("skip")
@habit_argument()
@click.option("--date", "when", metavar="DATE", help=f"Day to excuse: {DATE_HELP}")
@click.option("--reason", help="Why (illness, travel...).")
@click.option("--by", "by", metavar="NAME", help="Excuse only this person (default: everyone).")
@pass_app
def skip(app: AppContext, habit: str, when: str | None, reason: str | None, by: str | None) -> None:
    """Excuse a day: it neither breaks nor extends a streak."""
    from habits.actions import skip_day

    day = app.parse_date(when)
    person = app.person(by) if by is not None else ""
    with app.write() as conn:
        h = app.habit(conn, habit)
        outcome = skip_day(conn, h, day=day, person=person, reason=reason, now=app.now())
    echo(clean(outcome.message))


@click.command("unskip")
@habit_argument()
@click.option("--date", "when", metavar="DATE", help=f"Day: {DATE_HELP}")
@click.option("--by", "by", metavar="NAME", help="The person the skip was for (default: everyone).")
@pass_app
def unskip(app: AppContext, habit: str, when: str | None, by: str | None) -> None:
    """Remove a skip."""
    from habits.actions import unskip_day

    day = app.parse_date(when)
    person = app.person(by) if by is not None else ""
    with app.write() as conn:
        h = app.habit(conn, habit)
        outcome = unskip_day(conn, h, day=day, person=person)
    echo(clean(outcome.message))


@click.command("streaks")
@habit_argument(required=False)
@click.option("--as-of", "as_of", metavar="DATE", help=f"Compute as of this day: {DATE_HELP}")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def streaks(app: AppContext, habit: str | None, as_of: str | None, as_json: bool) -> None:
    """Current and longest streaks, completion rate and habit strength."""
    from habits.cli.render import report_json
    from habits.reports import reports
    from habits.store import queries

    day = app.parse_date(as_of, future="--as-of wants the day to compute streaks as of, today or earlier")

    def chosen(conn: Connection) -> list[Habit]:
        return [app.habit(conn, habit, archived_ok=True)] if habit else queries.habits(conn)

    def figures(conn: Connection, habits: list[Habit], stored: Stored) -> list[Report]:
        return reports(
            conn,
            habits,
            as_of=day,
            week_start=app.config.week_starts_on,
            people=app.people,
            checkpoints=stored,
        )

    # Another day's figures read the cache but do not renew it.
    rows = app.with_checkpoints(chosen, day, figures, renew=as_of is None)
    if as_json:
        emit_json([report_json(r) for r in rows])
        return
    table = [["habit", "current", "longest", "30-day", "strength", ""]]
    for r in rows:
        unit = unit_of(r.habit.cadence)
        lines = [(clean(r.habit.title), r.stats)]
        lines += [(f"  {clean(p)}", ps) for p, ps in r.people.items()]
        table += [
            [
                label,
                plural(s.current, unit),
                plural(s.longest, unit),
                f"{s.rate_30:.0%}",
                f"{s.strength:.0%}",
                "at risk" if s.at_risk else "",
            ]
            for label, s in lines
        ]
    from habits.cli.layout import print_streaks

    print_streaks(table)
