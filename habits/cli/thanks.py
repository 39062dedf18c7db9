"""`habits thank`: thank my partner for a check-in."""

from __future__ import annotations

import click

from habits.cli.context import AppContext, habit_argument, pass_app
from habits.cli.render import clean, echo


@click.command("thank")
@habit_argument(required=False)
@click.option("--note", help="A word to go with the thanks.")
@pass_app
def thank(app: AppContext, habit: str | None, note: str | None) -> None:
    """Thank your partner for their latest check-in of HABIT (or their latest at all).

    Their board shows it that day, and their daemon tells them within a minute."""
    from habits.actions.partner import thank as thank_partner

    if app.config.partner is None:  # before the store is opened: nothing to thank
        from habits.errors import BadValue

        raise BadValue("There is no partner to thank: set couple.partner in the config first.")
    with app.write() as conn:
        chosen = app.habit(conn, habit) if habit is not None else None
        outcome = thank_partner(
            conn,
            by=app.config.me,
            partner=app.config.partner,
            habit=chosen,
            note=note,
            today=app.today(),
            now=app.now(),
        )
    echo(clean(outcome.message))


COMMANDS = [thank]
