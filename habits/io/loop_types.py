"""What a Loop Habit Tracker habit is here: its frequency as a cadence, a numerical
habit's measure, and a numerical entry's amount.

From Loop's source (iSoron/uhabits: Frequency, FrequencyPickerDialog, HabitRecord,
NumericalHabitType, EntryList.groupedSum, ScoreList):
- a frequency is numerator/denominator: 1/1 every day, K/7 K times a week, K/30 K
  times a month (Loop reads K/31 as a month too), 1/N every N days, K/N K times in N
  days; K/K is every day;
- a numerical habit (type 1) has a unit, target_type 0 (at least) or 1 (at most) and
  target_value per period (a real); its period is its frequency's denominator (1/1,
  1/7, 1/30);
- a numerical entry's value is the amount x 1000; -1 is UNKNOWN (no entry) and 3 is
  SKIP (Loop's skip value, which it never counts as 0.003).
Anything else is refused with one sentence naming the habit: nothing is imported.
"""

from __future__ import annotations

import math
from typing import Any, NoReturn

from habits.core.habit import AMOUNT_MAX, EVERY_MAX, UNIT_MAX
from habits.io.bundle import BadImportFile

LOOP_UNKNOWN, LOOP_SKIP = -1, 3
AT_LEAST, AT_MOST = 0, 1
NO_UNIT = "units"  # the unit of a Loop numerical habit that has none


def _refuse(
    name: str, title: str, problem: str, fix: str = "change it in Loop and export a new backup"
) -> NoReturn:
    raise BadImportFile(f"{name}: the Loop habit {title!r} {problem}; {fix}; nothing was imported.")


def schedule(num: Any, den: Any, *, numerical: bool, name: str, title: str) -> tuple[str, int, int]:
    """Loop's frequency -> (cadence, every, target)."""
    ok = all(isinstance(n, int) and not isinstance(n, bool) for n in (num, den)) and 1 <= num and 1 <= den
    if ok and num == den:
        return "daily", 0, 1
    if ok and den <= EVERY_MAX and (num == 1 if numerical else num < den):
        return _period(den, num)
    what = "a numerical habit needs 1 in N days" if numerical else "habits follows K times in N days, K <= N"
    _refuse(
        name,
        title,
        f"has the frequency {num}/{den}, which habits cannot follow ({what}, N up to {EVERY_MAX})",
        "give it another frequency in Loop and export a new backup",
    )


def _period(den: int, times: int) -> tuple[str, int, int]:
    if den == 1:
        return "daily", 0, 1
    if den == 7:
        return "weekly", 0, times
    if den in (30, 31):
        return "monthly", 0, times
    return "every", den, times


def measure(row: dict[str, Any], *, name: str, title: str) -> tuple[str, str, int, bool]:
    """A numerical habit's (unit, kind, target in thousandths, whether the unit was missing)."""
    from habits.core.habit import check_unit
    from habits.errors import HabitsError

    raw = row.get("unit")
    unit = raw.strip() if isinstance(raw, str) else ""
    if len(unit) > UNIT_MAX:
        _refuse(name, title, f"has a unit of {len(unit):,} characters (habits takes at most {UNIT_MAX})")
    missing = not unit
    try:
        unit = check_unit(unit or NO_UNIT)
    except HabitsError:
        _refuse(name, title, f"has the unit {unit[:UNIT_MAX]!r}, which is not one line of text")
    kind = {AT_LEAST: "at_least", AT_MOST: "at_most"}.get(row.get("target_type"))  # type: ignore[arg-type]
    if kind is None:
        _refuse(name, title, f"has the target type {row.get('target_type')!r} (Loop writes 0 or 1)")
    target = _thousandths(row.get("target_value"))
    if target is None or target <= 0:
        shown = row.get("target_value")
        _refuse(
            name,
            title,
            f"has a target of {shown!r}; habits needs a target above 0 and at most {AMOUNT_MAX:,}",
            "give it one in Loop and export a new backup",
        )
    return unit, kind, target, missing


def _thousandths(value: Any) -> int | None:
    """A Loop target (a real) -> thousandths of the unit; None when it is no amount."""
    from habits.core.habit import parse_amount
    from habits.errors import HabitsError

    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    try:
        return parse_amount(repr(float(value)))
    except HabitsError:
        return None


def amount(value: Any, *, name: str, title: str, day: str) -> int | None:
    """A numerical entry -> its amount in thousandths (Loop keeps the amount x 1000, our
    unit too); None for UNKNOWN. SKIP is the caller's."""
    from decimal import Decimal

    from habits.core.habit import parse_amount
    from habits.errors import HabitsError

    if value == LOOP_UNKNOWN:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return parse_amount(str(Decimal(value).scaleb(-3)))
        except HabitsError:
            pass
    shown = format(Decimal(value).scaleb(-3).normalize(), "f") if isinstance(value, int) else repr(value)
    _refuse(
        name,
        title,
        f"has an amount of {shown} on {day}; an amount is a number from 0 to {AMOUNT_MAX:,}",
        "correct it in Loop and export a new backup",
    )
