"""Output helpers: safe text, colour only on a terminal (never with TERM=dumb or a
non-empty NO_COLOR), display widths, JSON."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from habits.core.streaks import Stats
    from habits.reports import Report

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def clean(text: str | None) -> str:
    """User text made safe for a terminal: control characters are shown escaped."""
    if not text:
        return ""
    out = []
    for ch in text:
        code = ord(ch)
        if code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(_ESCAPES.get(ch, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"))
        else:
            out.append(ch)
    return "".join(out)


def colour_enabled() -> bool:
    """The one place that decides: colour only on a terminal that is not TERM=dumb, and
    not when NO_COLOR holds a value (an empty NO_COLOR means nothing, by its convention)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # no stdout, or a closed one
        return False


def style(text: str, **kwargs: Any) -> str:
    return click.style(text, **kwargs) if colour_enabled() else text


def echo(text: str = "") -> None:
    click.echo(text, color=colour_enabled())


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def plural(n: int, unit: str) -> str:
    """3 days, 1 day, 2 weeks."""
    if unit.endswith("s") and n == 1:
        unit = unit[:-1]
    return f"{n} {unit}"


def schedule(habit: Any) -> str:
    times = f"{habit.target}x " if habit.target > 1 else ""
    text = f"{times}{habit.cadence}"
    if habit.reminders:
        text += ", reminders " + " ".join(habit.reminders)
        if habit.days:
            text += " on " + ",".join(habit.days)
    return text


def stats_json(stats: Stats) -> dict[str, object]:
    return {
        "current": stats.current,
        "longest": stats.longest,
        "done_this_period": stats.done_this_period,
        "at_risk": stats.at_risk,
        "rate_30": round(stats.rate_30, 4),
        "strength": round(stats.strength, 4),
    }


def report_json(report: Report) -> dict[str, object]:
    habit = report.habit
    out: dict[str, object] = {
        "habit": habit.slug,
        "title": habit.title,
        "cadence": habit.cadence,
        "target": habit.target,
        "unit": "days" if habit.cadence == "daily" else "weeks",
        "who": habit.who,
        **stats_json(report.stats),
        "excused_this_period": report.stats.excused_this_period,
    }
    if habit.who == "each":
        out["people"] = {name: stats_json(s) for name, s in report.people.items()}
    return out
