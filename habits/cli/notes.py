"""`habits note`: add a note to a day's check-in without logging anything."""

from __future__ import annotations

import click

from habits.cli.context import AppContext, habit_argument, pass_app
from habits.cli.render import clean, echo


@click.command("note")
@habit_argument()
@click.argument("text")
@click.option(
    "--date",
    "when",
    metavar="DATE",
    help="Day of the check-in: YYYY-MM-DD, today, yesterday, -N or a weekday name.",
)
@click.option("--by", "by", metavar="NAME", help="Whose check-in (default: couple.me).")
@pass_app
def note(app: AppContext, habit: str, text: str, when: str | None, by: str | None) -> None:
    """Add TEXT to the note of a day's check-in of HABIT (after "; " when it has one)."""
    import shlex

    from habits.actions import add_note
    from habits.core.notes import check_note
    from habits.errors import BadValue

    text = check_note(text)
    day = app.parse_date(when)
    person = app.person(by)
    with app.write() as conn:
        h = app.habit(conn, habit)
        outcome = add_note(conn, h, day=day, person=person, note=text)
        if outcome is None:
            fix = ["habits", "done", h.slug]
            fix += [] if when is None else ["--date", day.isoformat()]
            fix += [] if by is None else ["--by", person]
            raise BadValue(
                f"{person} has no check-in of {h.title} on {day.isoformat()} to add a note to; "
                f"log it with the note: `{shlex.join([*fix, '--note', text])}`."
            )
    echo(clean(outcome.message))
