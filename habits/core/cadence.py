"""A habit's cadence and measure in words and periods: the one place that turns a
Habit into its streak Rule, its current period, and what the board and nudges say
about it ("this month", "25/20 minutes today"). Pure."""

from __future__ import annotations

from datetime import date

from habits.core.habit import Habit, amount_value, format_amount
from habits.core.periods import period_end, period_start
from habits.core.streaks import Rule, rule_for


def rule_of(habit: Habit, week_start: int) -> Rule:
    """How the walk judges `habit` (streaks.rule_for: a measured habit asks for one period total)."""
    return rule_for(habit, week_start)


def period_of(habit: Habit, day: date, week_start: int) -> tuple[date, date]:
    """First and last day of the habit's period that holds `day`."""
    every, anchor = habit.every, habit.created_on
    return (
        period_start(day, habit.cadence, week_start, every=every, anchor=anchor),
        period_end(day, habit.cadence, week_start, every=every, anchor=anchor),
    )


def this_period(habit: Habit) -> str:
    """ "today", "this week", "this month", "this period"."""
    return {"daily": "today", "weekly": "this week", "monthly": "this month"}.get(
        habit.cadence, "this period"
    )


def period_noun(habit: Habit) -> str:
    """ "day", "week", "month", "period"."""
    return {"daily": "day", "weekly": "week", "monthly": "month"}.get(habit.cadence, "period")


def cadence_text(habit: Habit) -> str:
    """ "daily", "2x weekly", "monthly", "every 3 days", "at least 20 minutes daily"."""
    base = f"every {habit.every} days" if habit.cadence == "every" else habit.cadence
    if habit.measured:
        return f"{measure_text(habit)} {base}"
    return f"{habit.target}x {base}" if habit.target > 1 else base


def measure_text(habit: Habit) -> str:
    """ "at least 20 minutes", "at most 2 takeaways"."""
    kind = "at least" if habit.measure_kind == "at_least" else "at most"
    return f"{kind} {format_amount(habit.measure_target)} {habit.measure}"


def total_text(habit: Habit, total: int, when: str | None = None) -> str:
    """A measured habit's period total against its target, for the board:
    "25/20 minutes today", "1 of at most 2 takeaways this week", "3 of at most 2 ... (over)".
    `when` replaces "today"/"this week"..."""
    shown = format_amount(total)
    when = when or this_period(habit)
    if habit.measure_kind == "at_least":
        return f"{shown}/{format_amount(habit.measure_target)} {habit.measure} {when}"
    text = f"{shown} of {measure_text(habit)} {when}"
    return text + (" (over)" if total > habit.measure_target else "")


def measure_json(habit: Habit, total: int) -> dict[str, object]:
    """`"measure"` of `streaks --json` and the review: unit, kind, target, this period's total."""
    return {
        "unit": habit.measure,
        "kind": habit.measure_kind,
        "target": amount_value(habit.measure_target),
        "this_period": amount_value(total),
    }
