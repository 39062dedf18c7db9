"""Habit strength: Loop Habit Tracker's score, walked one day at a time.

With f = K/N (K check-ins per period, 1 for a measured habit; N the period's days,
a month counting as 30) and m = 0.5 ** (sqrt(f) / 13), each day that is not excused
the score becomes S*m + c*(1-m), where c is the share of the target reached in a
rolling window of days ending that day:
- yes/no: the check-ins of the last N' days over K', (K', N') = (2K, 2N) when f < 1
  (irregular weeks smoothed out), else (K, N); capped at 1;
- measured, at least X: the amounts R of the last N days (not doubled), min(1, R/X)
  (1 when X <= 0);
- measured, at most X: clamp(1 - (R-X)/X, 0, 1) (when X <= 0: 1 if R == 0 else 0);
  such a habit's score starts at 1, not 0.
Amounts are whole thousandths of the unit; R and X are taken in units as Loop does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from habits.core.periods import PeriodGrid, days_per_period

if TYPE_CHECKING:
    from habits.core.streaks import Rule, Track, TrackState

MILLI = 1000.0


class Scoring(NamedTuple):
    """What the daily step needs: the multiplier m, the window (K', N') and the measure."""

    m: float
    window_n: int  # K' (yes/no)
    window_d: int  # N': the rolling window's days
    measure: str  # "" | "at_least" | "at_most"
    goal: float  # X, in units (measured)

    @property
    def initial(self) -> float:
        """The score before the first day walked."""
        return 1.0 if self.measure == "at_most" else 0.0


def scoring(target: int, days: int, measure: str = "", goal: int = 0) -> Scoring:
    """The scoring of a habit needing `target` check-ins (or, measured, `goal`
    thousandths) per period of `days` days."""
    k = 1 if measure else target
    freq = k / days
    if not measure and freq < 1:
        window_n, window_d = 2 * k, 2 * days
    else:
        window_n, window_d = k, days
    return Scoring(0.5 ** (math.sqrt(freq) / 13), window_n, window_d, measure, goal / MILLI)


def walk(
    s: Scoring,
    counts: Sequence[int],
    padded: Sequence[int],
    held: bytes | bytearray,
    score: float,
    stops: Sequence[int] = (),
) -> tuple[float, list[float]]:
    """Walk the days of `counts` (per day: check-ins, or thousandths) from `score`:
    (the score after the last day, the score after the first `stop` days for each of
    `stops`). `padded` leads `counts` by the window's days (the days before the walk,
    then counts); a `held` day (excused) keeps the score."""
    length = len(counts)
    ends = [min(max(stop, 0), length) for stop in stops]
    window = sum(padded[: s.window_d])
    noted = {0: score}
    begin = 0
    for end in [*sorted(set(ends)), length]:  # the walk in parts, each ending after a stop
        if end > begin:
            score, window = _days(s, counts[begin:end], padded[begin:end], held[begin:end], score, window)
            begin = end
        noted[end] = score
    return score, [noted[end] for end in ends]


def _days(
    s: Scoring,
    counts: Sequence[int],
    padded: Sequence[int],
    held: bytes | bytearray,
    score: float,
    window: int,
) -> tuple[float, int]:
    """The daily step over consecutive days: (the score after them, the window's sum then)."""
    m, gain = s.m, 1 - s.m
    n, x = s.window_n, s.goal
    if not s.measure:
        for enters, leaves, hold in zip(counts, padded, held):
            window += enters - leaves
            if not hold:
                done = window / n
                score = score * m + (done if done < 1.0 else 1.0) * gain
    elif s.measure == "at_least":
        for enters, leaves, hold in zip(counts, padded, held):
            window += enters - leaves
            if not hold:
                c = window / MILLI / x if x > 0 else 1.0
                score = score * m + (c if c < 1.0 else 1.0) * gain
    else:
        for enters, leaves, hold in zip(counts, padded, held):
            window += enters - leaves
            if not hold:
                r = window / MILLI
                if x > 0:
                    c = 1 - (r - x) / x
                    c = 0.0 if c < 0.0 else 1.0 if c > 1.0 else c
                else:
                    c = 0.0 if r > 0 else 1.0
                score = score * m + c * gain
    return score, window


def track_strength(
    rule: Rule,
    grid: PeriodGrid,
    track: Track,
    entries: dict[int, int],
    first: int | None,
    total: int,
    exc: bytearray,
    p0: int,
    lo: int,
    last: int,
    state: TrackState | None,
    stops: Sequence[int] = (),
) -> tuple[float, list[float]]:
    """Loop Habit Tracker's score for one track, walked day by day up to as_of:
    (the score at as_of, the score at the end of each day of `stops` (ordinals; a
    day before the walk's start gives the starting score)). `entries`: day ordinal -> check-ins or
    thousandths, from `lo` on; `first`, `total`: the track's, resumed state included."""
    resumed = state is not None and state.first is not None
    start = lo if resumed else first
    if start is None or (total == 0 and not rule.measure):
        return 0.0, [0.0] * len(stops)
    s = scoring(rule.target, days_per_period(rule.cadence, rule.every), rule.measure, rule.goal)
    window_d = s.window_d

    length = last - start + 1
    counts = [0] * length
    for o, c in entries.items():
        if o >= start:
            counts[o - start] += c
    held = bytearray(length)  # days of excused periods: the score holds still
    for i, flag in enumerate(exc):
        if flag:
            lo_day, hi_day = max(grid.first(p0 + i), start), min(grid.last(p0 + i), last)
            if lo_day <= hi_day:
                held[lo_day - start : hi_day - start + 1] = b"\x01" * (hi_day - lo_day + 1)

    # The rolling window's days before the walk: `padded` leads `counts` by window_d days.
    before = [0] * window_d
    score = s.initial
    if resumed:
        assert state is not None
        score = state.score
        for day, c in track.counts.items():
            if c > 0 and 0 < start - (o := day.toordinal()) <= window_d:
                before[window_d - (start - o)] += c
    return walk(s, counts, before + counts, held, score, [stop - start + 1 for stop in stops])
