"""Output helpers: safe text, colour only on a terminal (never with TERM=dumb or a
non-empty NO_COLOR), display widths, JSON."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from habits.core.periods import unit_of

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


# The narrow marks this program prints itself (measured once with wcwidth: one cell each).
_OWN_GLYPHS = frozenset("✓·…█▒")


def cells(text: str) -> int:
    """How many terminal cells `text` (already clean) takes: wide East-Asian characters
    and emoji two, combining marks none, a ZWJ sequence as one picture."""
    if text.isascii() or all(ch.isascii() or ch in _OWN_GLYPHS for ch in text):
        return len(text)  # the common case, without loading the width tables
    from wcwidth import width

    return max(width(text), 0)


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with "…", never inside a character or a cluster of them."""
    if cells(text) <= width:
        return text
    if width <= 0:
        return ""
    if text.isascii():
        return text[: width - 1] + "…"
    from wcwidth import iter_graphemes

    out, used = [], 0
    for cluster in iter_graphemes(text):
        w = cells(cluster)
        if used + w > width - 1:
            break
        out.append(cluster)
        used += w
    return "".join(out) + "…"


def cell(text: str, width: int, align: str = "<") -> str:
    """`text` fitted into exactly `width` cells, left- or right-aligned."""
    text = fit(text, width)
    space = " " * (width - cells(text))
    return text + space if align == "<" else space + text


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` cells (never cut)."""
    return text + " " * max(width - cells(text), 0)


def terminal_width() -> int:
    """The terminal's width in cells ($COLUMNS first; 80 when it cannot be told)."""
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def shrink(natural: list[int], room: int, order: list[tuple[int, int]]) -> list[int]:
    """Column widths fitted into `room` cells: the columns of `order`, (index, least
    width) pairs, give up cells in that order until the total fits (or none can)."""
    widths = list(natural)
    excess = sum(widths) - room
    for index, least in order:
        if excess <= 0:
            break
        cut = min(excess, max(widths[index] - least, 0))
        widths[index] -= cut
        excess -= cut
    return widths


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
    from habits.core.cadence import cadence_text

    text = clean(cadence_text(habit))
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
        **({"every": habit.every} if habit.cadence == "every" else {}),
        "target": habit.target,
        "unit": unit_of(habit.cadence),
        "who": habit.who,
        **stats_json(report.stats),
        "excused_this_period": report.stats.excused_this_period,
    }
    people = {name: stats_json(s) for name, s in report.people.items()}
    if habit.measured:  # the couple's total; each person's own in `people`
        from habits.core.cadence import measure_json

        out["measure"] = measure_json(habit, report.total)
        for name, figures in people.items():
            figures["measure"] = measure_json(habit, report.totals.get(name, 0))
    if habit.who == "each":
        out["people"] = people
    return out
