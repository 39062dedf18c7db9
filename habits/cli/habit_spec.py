"""The options `add` and `edit` share, and turning them into a checked habit spec:
cadence (daily, weekly, monthly, every N days) with --times K, or a measure."""

from __future__ import annotations

from typing import Any

import click

from habits.errors import BadValue, UsageError


def habit_options(for_edit: bool):
    """The options `add` and `edit` share."""

    def decorate(f):
        opts = [
            click.option("--title", help="What you call it."),
            click.option("--daily", "cadence", flag_value="daily", help="Once (or --times N) a day."),
            click.option("--weekly", "cadence", flag_value="weekly", help="Once (or --times N) a week."),
            click.option(
                "--monthly", "cadence", flag_value="monthly", help="Once (or --times N) a calendar month."
            ),
            click.option(
                "--every",
                type=int,
                metavar="N",
                help="Once (or --times K) in every block of N days, counted from the habit's first day.",
            ),
            click.option(
                "--times", type=int, metavar="N", help="Check-ins needed per period (yes/no habits)."
            ),
            click.option(
                "--measure",
                metavar="UNIT",
                help="Log amounts in UNIT (minutes, pages...) with --at-least X or --at-most X per period.",
            ),
            click.option(
                "--at-least", "at_least", metavar="X", help="A measured habit's amount to reach per period."
            ),
            click.option("--at-most", "at_most", metavar="X", help="A measured habit's limit per period."),
            click.option(
                "--remind", multiple=True, metavar="HH:MM", help="A reminder time (repeat for more)."
            ),
            click.option("--days", metavar="mon,thu", help="Weekdays the reminders fire on (default: all)."),
            click.option("--each", "who", flag_value="each", help="Each of you does it."),
            click.option("--together", "who", flag_value="together", help="One shared act (default)."),
            click.option("--why", metavar="TEXT", help="Why it matters (shown in nudges)."),
        ]
        if for_edit:
            opts += [
                click.option("--slug", "new_slug", metavar="SLUG", help="Rename the habit's slug."),
                click.option(
                    "--no-measure",
                    is_flag=True,
                    help="Make a measured habit a yes/no one (only while it has no history).",
                ),
                click.option("--no-remind", is_flag=True, help="Remove all reminder times."),
                click.option(
                    "--for",
                    "for_person",
                    metavar="NAME",
                    help="With --remind or --no-remind: that person's own times (`me` = you); "
                    "--no-remind --for NAME goes back to the habit's.",
                ),
            ]
        for opt in reversed(opts):
            f = opt(f)
        return f

    return decorate


def build_spec(base: dict[str, Any], **given: Any) -> dict[str, Any]:
    """Validate add/edit options over a base spec; returns the complete spec."""
    from habits.core.habit import check_slug, check_title, parse_days, parse_reminders

    spec = dict(base)
    if given.get("title") is not None:
        spec["title"] = check_title(given["title"])
    _cadence(spec, given)
    _measure(spec, given)
    if given.get("remind"):
        spec["reminders"] = parse_reminders(given["remind"])
    if given.get("no_remind"):
        spec["reminders"] = ()
    if given.get("days") is not None:
        spec["days"] = parse_days(given["days"])
    if given.get("who"):
        spec["who"] = given["who"]
    if given.get("why") is not None:
        spec["why"] = given["why"].strip()
    if given.get("new_slug"):
        spec["slug"] = check_slug(given["new_slug"])
    return spec


def _cadence(spec: dict[str, Any], given: dict[str, Any]) -> None:
    """--daily/--weekly/--monthly or --every N, and --times K checked against the period."""
    from habits.core.habit import check_every, check_target

    every = given.get("every")
    if every is not None:
        if given.get("cadence"):
            raise UsageError(f"Give either --{given['cadence']} or --every {every}, not both.")
        spec["cadence"], spec["every"] = "every", check_every(every)
    elif given.get("cadence"):
        spec["cadence"], spec["every"] = given["cadence"], 0
    if given.get("times") is not None:
        spec["target"] = given["times"]
    spec["target"] = check_target(spec["cadence"], spec.get("target", 1), spec.get("every", 0))


def _measure(spec: dict[str, Any], given: dict[str, Any]) -> None:
    """--measure UNIT with --at-least X or --at-most X (one of them); --times is refused
    with a measure: a measured habit's target is its amount."""
    from habits.core.habit import check_unit, parse_amount

    least, most = given.get("at_least"), given.get("at_most")
    if least is not None and most is not None:
        raise UsageError("Give either --at-least or --at-most, not both: a measured habit has one target.")
    if given.get("no_measure"):
        if given.get("measure") or least is not None or most is not None:
            raise UsageError("--no-measure takes no --measure, --at-least or --at-most.")
        spec.update(measure="", measure_kind="", measure_target=0)
        return
    if given.get("measure") is not None:
        spec["measure"] = check_unit(given["measure"])
    measured = bool(spec.get("measure"))
    if not measured:
        if least is not None or most is not None:
            option = "--at-least" if least is not None else "--at-most"
            raise UsageError(f"{option} is for a measured habit; give the unit too, e.g. --measure minutes.")
        return
    if least is None and most is None and not spec.get("measure_kind"):
        raise UsageError(
            f"Give a measured habit its target per period: --at-least X or --at-most X {spec['measure']}."
        )
    if given.get("times") is not None:
        raise UsageError(
            "--times is for yes/no habits; a measured habit's target is its amount (--at-least or --at-most)."
        )
    if least is not None:
        amount = parse_amount(least, what="--at-least")
        if amount == 0:
            raise BadValue("--at-least 0 asks for nothing; give the amount to reach, e.g. --at-least 20.")
        spec["measure_kind"], spec["measure_target"] = "at_least", amount
    elif most is not None:
        spec["measure_kind"], spec["measure_target"] = "at_most", parse_amount(most, what="--at-most")
    spec["target"] = 1
