"""Turning the options `add` and `edit` share into a checked habit spec: cadence
(daily, weekly, monthly, every N days) with --times K, or a measure. Loaded only by
those two commands (`habits list` and `show` stay light)."""

from __future__ import annotations

from typing import Any

from habits.errors import BadValue, UsageError


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


def check_switch(h: Any, checkins: int) -> None:
    """A habit changes between yes/no and measured only while it has no check-ins: yes/no
    history has no amounts, and amounts read as check-ins would count an entered zero."""
    if not checkins:
        return
    if h.measured:
        raise BadValue(
            f"{h.title} has {checkins} logged amounts, which cannot honestly become yes/no check-ins; "
            f"keep it measured, or add a new yes/no habit (and archive this one)."
        )
    raise BadValue(
        f"{h.title} has {checkins} check-ins without amounts, so it cannot become measured; "
        f"add a new measured habit (and archive this one) instead."
    )
