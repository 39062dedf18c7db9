"""Current streaks from recent history only (the board must not read ten
years of check-ins to say what is done today).

`current_from` runs core.streaks.compute over the tracks clipped to a window of
recent periods, and tells whether that was enough: the current streak is known
exactly when its walk back ends inside the window. It finds out with compute
itself, by a probe: the same window with one more, satisfied, period just before
it. If the streak reaches the window's edge, the probe's streak is one longer;
if the walk ended inside the window, the probe changes nothing. So the streak
rules live in one place (compute) and the bounded result is identical.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from habits.core.streaks import Rule, Stats, Track, compute


def window_start(as_of: date, rule: Rule, periods: int) -> date:
    """The first day of the window of `periods` periods ending with the one holding as_of."""
    grid = rule.grid()
    return date.fromordinal(grid.first(grid.index(as_of.toordinal()) - (max(periods, 1) - 1)))


def satisfying(rule: Rule) -> int:
    """What one day can hold to satisfy a period on its own: the check-ins it asks, the
    goal of an at-least habit, an entered 0 for an at-most one (once the period is over)."""
    if rule.measure == "at_most":
        return 0
    return rule.goal if rule.measure else rule.target


def clip(track: Track, since: date) -> Track:
    """The part of a track from `since` on."""
    return Track(
        {day: n for day, n in track.counts.items() if day >= since},
        frozenset(day for day in track.excused if day >= since),
    )


def current_from(
    rule: Rule, tracks: Sequence[Track], as_of: date, since: date, *, history_from: date | None = None
) -> Stats | None:
    """compute(rule, tracks, as_of) judged on the periods from `since` (the first day of
    a period) on, or None when the current streak may reach back before `since`.
    `history_from`, when the caller knows it: the earliest day of the whole history; a
    window from on or before it holds everything (an at-most streak of days without
    entries cannot otherwise be told from one reaching further back).

    Exact: current, done_this_period, excused_this_period, at_risk. The window's
    longest, rate_30 and strength describe the window only; they are set to 0 here
    so that nobody mistakes them for the whole history's."""
    grid = rule.grid()
    if grid.first(grid.index(since.toordinal())) != since.toordinal():
        raise ValueError(f"since={since} is not the first day of a {rule.cadence} period")
    clipped = [clip(t, since) for t in tracks]
    stats = compute(rule, clipped, as_of)
    if history_from is not None and since <= history_from:
        return stats._replace(longest=0, rate_30=0.0, strength=0.0)
    if rule.measure and not any(n >= 0 and day <= as_of for t in clipped for day, n in t.counts.items()):
        return None  # a measured walk starts at its first entry: has it begun before the window?
    before = since - timedelta(days=1)
    probe = [Track({**t.counts, before: satisfying(rule)}, t.excused) for t in clipped]
    if compute(rule, probe, as_of).current != stats.current:
        return None
    return stats._replace(longest=0, rate_30=0.0, strength=0.0)
