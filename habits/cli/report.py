"""`habits report`: the pictures, as one page that opens offline in any browser."""

from __future__ import annotations

import click

from habits.cli.context import AppContext, pass_app
from habits.cli.render import clean, echo


@click.command("report")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Where to write the page (default: habits-report.html in the current folder, "
    "habits-report-YYYY.html with --year). A link is followed.",
)
@click.option("--open", "open_it", is_flag=True, help="Open the page in the browser once written.")
@click.option(
    "--weeks",
    type=click.IntRange(1, 520),
    default=None,
    metavar="N",
    help="The last N weeks, this one included (default 26).",
)
@click.option(
    "--year",
    type=click.IntRange(1970, 9999),
    default=None,
    metavar="YYYY",
    help="A calendar year, with our year.",
)
@pass_app
def report(app: AppContext, output: str | None, open_it: bool, weeks: int | None, year: int | None) -> None:
    """A page of pictures: the overview, each habit's strength, calendar, best
    streaks, weekdays and progress, and a measured habit's totals per period (per
    person for a habit each of you does), your latest revealed check-ins, and with
    --year, your year together."""
    from pathlib import Path

    from habits.actions.report import report as read_report
    from habits.errors import HabitsError, UsageError
    from habits.io.report_html import render
    from habits.io.userfile import check_folder, write_user_file

    if weeks is not None and year is not None:
        raise UsageError("--weeks and --year both choose the days shown; give one of them.")
    name = f"habits-report-{year}.html" if year is not None else "habits-report.html"
    path = Path(output).expanduser() if output else Path(name)
    if path.is_dir():
        raise UsageError(f"-o {output} is a folder; give a file name such as {path / name}.")
    check_folder(path)
    with app.read() as conn:
        data = read_report(
            conn,
            today=app.today(),
            weeks=weeks or 26,
            year=year,
            week_start=app.config.week_starts_on,
            people=app.people,
            viewer=app.config.me,
        )
    title = f"Our year {year}" if year is not None else "Our habits"
    made = app.now().astimezone(app.config.timezone).strftime("%Y-%m-%d %H:%M")
    page = render(data, title=title, generated=made)
    try:
        write_user_file(path, page)
    except OSError as exc:
        raise HabitsError(
            f"Cannot write the report to {path}: {exc.strerror or exc}; choose another -o FILE."
        ) from None
    echo(f"Wrote the report to {clean(str(path.absolute()))}.")
    if open_it:
        import webbrowser

        if not webbrowser.open(path.absolute().as_uri()):
            echo("No browser could be started; open the file yourself.")


COMMANDS = [report]
