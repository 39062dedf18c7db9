"""Runs of satisfied periods and the 30-day rate, on per-period flags (one byte per
period: satisfied, excused), period p0 first."""

from __future__ import annotations

from habits.core.periods import PeriodGrid

RATE_WINDOW_DAYS = 30


def runs(
    sat: bytearray,
    exc: bytearray,
    run: int,
    longest: int,
    kept_period: int | None,
    found: list[tuple[int, int, int]] | None = None,
) -> tuple[int, int, tuple[int, int] | None]:
    """(current, longest, (run, longest) after period `kept_period`): runs of satisfied
    periods; excused periods and an unfinished current period are passed over; any
    other unsatisfied period ends a run. `found` (a walk from the beginning) gets
    every run, as (its first satisfied period, its last, its length)."""
    last = len(sat) - 1
    kept = (run, longest) if kept_period is not None and kept_period < 0 else None
    first = end = 0
    for i in range(len(sat)):
        if sat[i]:
            if run == 0:
                first = i
            end = i
            run += 1
            if run > longest:
                longest = run
        elif not exc[i] and i != last:
            if run and found is not None:
                found.append((first, end, run))
            run = 0
        if i == kept_period:
            kept = (run, longest)
    if run and found is not None:
        found.append((first, end, run))
    return run, longest, kept


def rate_30(
    sat: bytearray, exc: bytearray, p0: int, cur: int, last: int, grid: PeriodGrid, anchor: int | None
) -> float:
    """Satisfied share of the periods ending in the 30 days up to as_of."""
    if anchor is None:
        return 0.0
    satisfied = missed = 0
    for p in range(grid.index(last - RATE_WINDOW_DAYS + 1), cur + 1):
        i = p - p0
        is_sat = 0 <= i and sat[i]
        if p == cur:  # the current period counts only once it is satisfied
            satisfied += 1 if is_sat else 0
            continue
        if (0 <= i and exc[i]) or grid.last(p) < anchor:
            continue
        if is_sat:
            satisfied += 1
        else:
            missed += 1
    total = satisfied + missed
    return satisfied / total if total else 0.0
