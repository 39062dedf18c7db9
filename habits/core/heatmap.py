"""The history heat map: weeks as columns, weekdays as rows, like a contributions graph."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from habits.core.periods import WEEKDAYS
from habits.core.streaks import Track

FULL, PARTIAL, EXCUSED, EMPTY, NONE = "█", "▒", "~", "·", " "
DONE, PARTLY, EXCUSED_DAY, MISSED = "done", "partly", "excused", "missed"
GLYPHS = {DONE: FULL, PARTLY: PARTIAL, EXCUSED_DAY: EXCUSED, MISSED: EMPTY}


def day_state(day: date, tracks: Sequence[Track], target: int) -> str:
    """What a day was, judged like the streaks judge it: done when every track (each
    person of an "each" habit, or the pooled one) reached `target`; excused when each
    track that did not is excused; partly when someone did something; else missed."""
    counts = [t.counts.get(day, 0) for t in tracks]
    if all(n >= target for n in counts):
        return DONE
    if all(n >= target or day in t.excused for n, t in zip(counts, tracks)):
        return EXCUSED_DAY
    return PARTLY if any(n > 0 for n in counts) else MISSED


def render_heatmap(
    days: Sequence[date],
    states: Mapping[date, str],
    *,
    week_start: int,
    partly: str = "partly",
    excused: str = "excused",
) -> list[str]:
    """`days` runs from a week's first day to the last day shown, consecutively; a day
    missing from `states` is missed. `partly`, `excused`: the legend's words."""
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
                cells.append(GLYPHS[states.get(week[row], MISSED)])
            else:
                cells.append(NONE)
        lines.append(f"{name} " + " ".join(cells).rstrip())
    lines.append(f"    {FULL} done  {PARTIAL} {partly}  {EXCUSED} {excused}  {EMPTY} missed")
    return lines
