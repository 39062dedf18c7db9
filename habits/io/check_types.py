"""The checks of a habit's type in a habits export: its cadence (with `every` for
blocks of N days) and `--times` target, its measure (unit, kind, target amount), and
each check-in's `amount`, which a measured habit's check-ins carry and a yes/no
habit's never do. Each problem names its place in the file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from habits.io.bundle import HabitIn
from habits.io.check_export import _Bad, _checked, _get, _int, _Kind, _object, _str

AMOUNT_KIND = "a number from 0 to 1,000,000"


def parse_schedule(h: Mapping[str, Any], where: str) -> tuple[str, int, int]:
    """(cadence, every, target) of a habit: `every` (days) only with cadence "every", and
    a target the period can hold (a month: up to 31; N days: up to N)."""
    from habits.core.habit import CADENCES, check_every, check_target

    cadence = _get(h, "cadence", where, _str)
    if cadence not in CADENCES:
        raise _Bad(f"{where}.cadence", f"is {cadence!r}; use one of {', '.join(CADENCES)}")
    every = 0
    if cadence == "every":
        every = _checked(check_every, _get(h, "every", where, _int), f"{where}.every")
    elif "every" in h:
        raise _Bad(
            f"{where}.every", f"is given, but only an 'every' habit has one (its cadence is {cadence!r})"
        )
    target = _get(h, "target", where, _int)
    _checked(lambda n: check_target(cadence, n, every), target, f"{where}.target")
    return cadence, every, target


def parse_measure(h: Mapping[str, Any], where: str, target: int) -> tuple[str, str, int]:
    """(unit, kind, target in thousandths) of a measured habit; ("", "", 0) for a yes/no one.
    A measured habit's `--times` target is 1: its period's target is the amount (at most
    0 is a real limit, at least 0 asks for nothing)."""
    from habits.core.habit import MEASURE_KINDS, check_unit

    if "measure" not in h:
        return "", "", 0
    m = _get(h, "measure", where, _object)
    at = f"{where}.measure"
    unit = _checked(check_unit, _get(m, "unit", at, _str), f"{at}.unit", exact=True)
    kind = _get(m, "kind", at, _str)
    if kind not in MEASURE_KINDS:
        raise _Bad(f"{at}.kind", f"is {kind!r}; use one of {', '.join(MEASURE_KINDS)}")
    goal = _get(m, "target", at, amount)
    if kind == "at_least" and goal == 0:
        raise _Bad(f"{at}.target", "is 0, which asks for nothing; an at-least target is above 0")
    if target != 1:
        raise _Bad(
            f"{where}.target", f"is {target}; a measured habit's target is its amount, so it must be 1"
        )
    return unit, kind, goal


def parse_checkin_amount(c: Mapping[str, Any], where: str, habit: HabitIn) -> int | None:
    """The amount of a check-in: required for a measured habit, absent (or null) otherwise."""
    if habit.measured:
        return int(_get(c, "amount", where, amount))
    if c.get("amount") is not None:
        raise _Bad(f"{where}.amount", f"is {c['amount']!r}, but {habit.slug!r} is not a measured habit")
    return None


def amount(value: Any) -> int:
    """A JSON number of the unit -> thousandths (finite, from 0 to the largest amount)."""
    from habits.core.habit import parse_amount
    from habits.errors import HabitsError

    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Kind(AMOUNT_KIND)
    try:
        return parse_amount(repr(value))
    except HabitsError:
        raise _Kind(AMOUNT_KIND) from None
