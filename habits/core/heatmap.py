"""The history heat map: weeks as columns, weekdays as rows, like a contributions graph."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date

from habits.core.periods import WEEKDAYS

FULL, PARTIAL, EXCUSED, EMPTY, NONE = "█", "▒", "~", "·", " "


def cell(count: int, target: int, excused: bool) -> str:
    if count >= target:
        return FULL
    if count > 0:
        return PARTIAL
    return EXCUSED if excused else EMPTY


def render_heatmap(
    days: Sequence[date],
    counts: Mapping[date, int],
    excused: Collection[date],
    *,
    target: int,
    week_start: int,
) -> list[str]:
    """`days` runs from a week's first day to the last day shown, consecutively."""
    if not days:
        return []
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    header = ""
    for col, week in enumerate(weeks):
        if col == 0 or any(d.day == 1 for d in week):
            month = next((d for d in week if d.day == 1), week[0])
            label = f"{month:%b}"
            if len(header) <= 4 + 2 * col:
                header = header.ljust(4 + 2 * col) + label
    lines = [header.rstrip()]
    for row in range(7):
        name = WEEKDAYS[(week_start + row) % 7].capitalize()
        cells = []
        for week in weeks:
            if row < len(week):
                d = week[row]
                cells.append(cell(counts.get(d, 0), target, d in excused))
            else:
                cells.append(NONE)
        lines.append(f"{name} " + " ".join(cells).rstrip())
    lines.append(f"    {FULL} done  {PARTIAL} partly  {EXCUSED} excused  {EMPTY} missed")
    return lines
