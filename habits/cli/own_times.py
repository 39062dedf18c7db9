"""`habits edit HABIT --remind HH:MM ... --for NAME`: one person's own reminder times
(the other keeps the habit's), and `--no-remind --for NAME` to go back to them."""

from __future__ import annotations

from typing import Any

from habits.cli.context import AppContext
from habits.cli.render import clean, echo
from habits.errors import UsageError


def edit_own_times(app: AppContext, habit: str, name: str, options: dict[str, Any]) -> None:
    from habits.actions.partner import clear_own_times, set_own_times
    from habits.core.habit import parse_reminders

    others = sorted(
        f"--{k.replace('_', '-')}"
        for k, v in options.items()
        if k not in ("remind", "no_remind") and v not in (None, False, ())
    )
    if others:
        raise UsageError(
            f"--for NAME goes only with --remind or --no-remind, not with {', '.join(others)}; "
            "change those in a separate `habits edit`."
        )
    remind, no_remind = options.get("remind") or (), bool(options.get("no_remind"))
    if bool(remind) == no_remind:
        raise UsageError(
            "--for NAME needs --remind HH:MM (that person's own times) or --no-remind "
            "(back to the habit's times), one of the two."
        )
    person = _person(app, name)
    times = list(parse_reminders(remind))
    with app.write() as conn:
        h = app.habit(conn, habit, archived_ok=True)
        outcome = (
            set_own_times(conn, h, person=person, times=times)
            if times
            else clear_own_times(conn, h, person=person)
        )
    echo(clean(outcome.message))


def _person(app: AppContext, name: str) -> str:
    """`--for NAME`: `me`, or one of the couple's names (case does not matter)."""
    from habits.errors import BadValue

    wanted = name.strip().casefold()
    if wanted == "me":
        return app.config.me
    for person in app.people:
        if person.casefold() == wanted:
            return person
    names = " or ".join(repr(p) for p in ["me", *app.people])
    raise BadValue(f"--for {name!r} is not one of the couple; use {names}.")
