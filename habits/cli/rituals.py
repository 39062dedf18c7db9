"""`habits checkin`, `habits question`, `habits answer`: the couple's rituals. A
partner's answer is shown as "answered, sealed" until both of you have answered."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import click

from habits.cli.context import AppContext, pass_app
from habits.cli.render import clean, echo, emit_json

if TYPE_CHECKING:
    from habits.core.rituals import Answer


def _ask_checkin() -> tuple[list[str], str | None, str | None, int | None]:
    """The check-in, asked on the terminal; an empty reply skips a question."""
    apps: list[str] = []
    while len(apps) < 3:
        text = click.prompt(
            f"Something you appreciated this week ({len(apps) + 1} of up to 3, Enter to go on)",
            default="",
            show_default=False,
        )
        if not text.strip():
            break
        apps.append(text)
    went_well = click.prompt("What went well", default="", show_default=False) or None
    work_on = click.prompt("One thing to work on", default="", show_default=False) or None
    connected = click.prompt(
        "How connected did you feel this week (1-5, Enter to skip)", default="", show_default=False
    )
    try:
        number = int(connected) if connected.strip() else None
    except ValueError:
        from habits.errors import BadValue

        raise BadValue(f"{connected!r} is not a number; give how connected you felt as 1 to 5.") from None
    return apps, went_well, work_on, number


@click.command("checkin")
@click.option("--appreciate", "appreciations", multiple=True, help="Something you appreciated (up to 3).")
@click.option("--went-well", help="What went well this week.")
@click.option("--work-on", help="One thing to work on.")
@click.option("--connected", type=int, metavar="N", help="How connected you felt this week, 1 to 5.")
@click.option("--week", metavar="DATE", help="Any day of the week to check in for (default: this week).")
@pass_app
def checkin(
    app: AppContext,
    appreciations: tuple[str, ...],
    went_well: str | None,
    work_on: str | None,
    connected: int | None,
    week: str | None,
) -> None:
    """The weekly check-in: appreciations, what went well, one thing to work on, and how
    connected you felt. Asked on a terminal; the options give it for scripts. Running it
    again replaces yours until your partner has checked in too."""
    from habits.actions.rituals import save_checkin
    from habits.core.rituals import make_checkin

    flags = appreciations or went_well is not None or work_on is not None or connected is not None
    if not flags:
        if not sys.stdin.isatty():
            raise click.UsageError(
                "No terminal to ask on; give the check-in with --appreciate, --went-well, --work-on or --connected."
            )
        appreciations_list, went_well, work_on, connected = _ask_checkin()
        appreciations = tuple(appreciations_list)
    checked = make_checkin(appreciations, went_well, work_on, connected)
    day = app.parse_date(week, allow_future=True)
    with app.write() as conn:
        outcome = save_checkin(
            conn,
            checked,
            person=app.config.me,
            people=app.people,
            week=day,
            today=app.today(),
            week_start=app.config.week_starts_on,
            now=app.now(),
        )
    echo(clean(outcome.message))


@click.command("answer")
@click.argument("text")
@click.option("--date", "day", metavar="DATE", help="Answer the question of an earlier day.")
@pass_app
def answer(app: AppContext, text: str, day: str | None) -> None:
    """Answer today's question (or an earlier day's). Your partner sees that you answered,
    and reads your answer once they have answered too."""
    from habits.actions.rituals import answer_question

    when = app.parse_date(day, allow_future=True)
    with app.write() as conn:
        outcome = answer_question(
            conn, text, person=app.config.me, people=app.people, day=when, today=app.today(), now=app.now()
        )
    echo(clean(outcome.message))


@click.command("question")
@click.option("--date", "day", metavar="DATE", help="The question of another day (past or future).")
@click.option(
    "--past",
    type=click.IntRange(min=1, max=3660),
    is_flag=False,
    flag_value=7,
    default=None,
    metavar="[N]",
    help="List the questions of the N days before (default 7) with their answers.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_app
def question(app: AppContext, day: str | None, past: int | None, as_json: bool) -> None:
    """Today's question, the same for both of you, and who has answered it."""
    from habits.actions.rituals import answered_between
    from habits.core.questions import question_for
    from habits.core.rituals import QUESTION

    when = app.parse_date(day, allow_future=True)
    days = [when] if past is None else [when - timedelta(days=n) for n in range(1, past + 1)]
    with app.read() as conn:
        given = answered_between(
            conn, QUESTION, viewer=app.config.me, people=app.people, first=min(days), last=max(days)
        )
    entries = [_entry(app, d, question_for(app.people, d), [a for a in given if a.period == d]) for d in days]
    if as_json:
        emit_json(entries[0] if past is None else entries)
        return
    for n, entry in enumerate(entries):
        if n:
            echo()
        _show(app, entry, hint=past is None and when <= app.today())


def _entry(app: AppContext, day: date, text: str, answers: list[Answer]) -> dict[str, Any]:
    by = {a.person: a for a in answers}
    return {
        "date": day.isoformat(),
        "question": text,
        "answers": [
            {
                "by": person,
                "answered": person in by,
                "sealed": person in by and by[person].sealed,
                "text": by[person].body if person in by else None,
            }
            for person in app.people
        ],
    }


def _show(app: AppContext, entry: dict[str, Any], *, hint: bool) -> None:
    echo(f"{entry['date']}: {entry['question']}")
    me = app.config.me
    for a in entry["answers"]:
        who = "You" if a["by"] == me else clean(a["by"])
        if not a["answered"]:
            line = f"{who}: not answered yet"
            if a["by"] == me and hint:
                line += " (`habits answer TEXT`)"
        elif a["sealed"]:
            line = f"{who}: answered (sealed until you answer too)"
        else:
            line = f"{who}: {clean(a['text'])}"
        echo(f"  {line}")


COMMANDS = [checkin, answer, question]
