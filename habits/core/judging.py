"""How each period of one track is judged: its check-ins (or amount) gathered per
period, then satisfied and excused flags, one byte per period."""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, NamedTuple

from habits.core.periods import PeriodGrid

if TYPE_CHECKING:
    from habits.core.streaks import Rule, Track, TrackState


class Prepared(NamedTuple):
    counts: dict[int, int]  # day ordinal -> check-ins (> 0; measured: entries >= 0), from..last
    excused: frozenset[int]  # excused day ordinals, from..last
    total: int
    first: int | None  # first check-in or excused day (measured: entry), resumed state included
    first_checkin: int | None


def prepare(track: Track, lo: int, last: int, state: TrackState | None, measured: bool) -> Prepared:
    least = 0 if measured else 1
    counts = {o: n for day, n in track.counts.items() if n >= least and lo <= (o := day.toordinal()) <= last}
    excused = frozenset(o for o in (d.toordinal() for d in track.excused) if lo <= o <= last)
    first_checkin = min(counts, default=None)
    first = first_checkin if measured else min(counts.keys() | excused, default=None)
    total = sum(counts.values())
    if state is not None:
        total += state.total
        first = state.first if state.first is not None else first
        first_checkin = state.first_checkin if state.first_checkin is not None else first_checkin
    return Prepared(counts, excused, total, first, first_checkin)


def flags(
    rule: Rule, grid: PeriodGrid, prep: Prepared, p0: int, n: int, start_p: int
) -> tuple[bytearray, bytearray, int]:
    """Per period p0..p0+n-1: (satisfied, excused) for one track, and the check-ins
    (or amount) of the last (current) period. Periods before start_p, the one where
    the walk starts, are neither."""
    per_period = [0] * n
    skipped = bytearray(n)
    size = grid.size
    if size:
        offset = grid.base + size * p0  # period p starts on ordinal p*size + base
        for o, c in prep.counts.items():
            per_period[(o - offset) // size] += c
        for o in prep.excused:
            if (i := (o - offset) // size) >= 0:
                skipped[i] = 1
    else:
        index = grid.index
        for o, c in prep.counts.items():
            per_period[index(o) - p0] += c
        for o in prep.excused:
            if (i := index(o) - p0) >= 0:
                skipped[i] = 1
    if rule.measure == "at_most":
        sat = bytearray(map(rule.goal.__ge__, per_period))
        sat[-1] = 0  # the current period is not over
    elif rule.measure:
        sat = bytearray(map(rule.goal.__le__, per_period))
    elif rule.cadence == "monthly" and rule.target > 28:
        sat = bytearray(rule.period_target(grid, p0 + i) <= c for i, c in enumerate(per_period))
    else:
        sat = bytearray(map(rule.target.__le__, per_period))
    if start_p > p0:
        blank = bytes(min(start_p - p0, n))
        sat[: len(blank)] = skipped[: len(blank)] = blank
    return sat, bytearray(map(operator.gt, skipped, sat)), per_period[-1]  # excused: skipped, not satisfied
