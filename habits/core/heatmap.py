"""The history heat map: weeks as columns, weekdays as rows, like a contributions graph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from habits.core.periods import WEEKDAYS
from habits.core.streaks import Rule, Track

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


def day_states(rule: Rule, tracks: Sequence[Track], days: Iterable[date]) -> dict[date, str]:
    """Each day's state under `rule`. A yes/no day is done when it holds the day's
    check-ins (the target of a daily habit, else one: a weekly, monthly or every-N
    habit is done on the days it was done). A measured day with an entry is judged by
    its period's running total through it: at least, done once the total has reached
    the goal (partly while its amounts are part of the way); at most, done while the
    total stays at or under the limit (an entered 0 included), missed once over.
    The tracks must hold the days of the first shown day's period before it."""
    if not rule.measure:
        target = rule.target if rule.cadence == "daily" else 1
        return {day: day_state(day, tracks, target) for day in days}
    marks = [_measured_marks(rule, t) for t in tracks]
    out = {}
    for day in days:
        mine = [m.get(day, MISSED) for m in marks]
        if all(state == DONE for state in mine):
            out[day] = DONE
        elif all(state == DONE or day in t.excused for state, t in zip(mine, tracks)):
            out[day] = EXCUSED_DAY
        else:
            out[day] = PARTLY if any(state != MISSED for state in mine) else MISSED
    return out


def _measured_marks(rule: Rule, track: Track) -> dict[date, str]:
    """done / partly / missed for each day of the track holding an entry."""
    grid = rule.grid()
    marks: dict[date, str] = {}
    period, running = None, 0
    for day in sorted(d for d, n in track.counts.items() if n >= 0):
        p = grid.index(day.toordinal())
        if p != period:
            period, running = p, 0
        amount = track.counts[day]
        running += amount
        if rule.measure == "at_most":
            marks[day] = DONE if running <= rule.goal else MISSED
        elif running >= rule.goal:
            marks[day] = DONE
        else:
            marks[day] = PARTLY if amount > 0 else MISSED
    return marks


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
