"""Streaks, completion rate and habit strength (SPEC 4).

Plain data in, `Stats` out; the as-of date is always passed in. One linear pass over
the periods and one over the days (for strength), on integer day ordinals.

Decisions where SPEC 4 is silent:
- Several tracks (a couple's joint streak for an "each" habit): a period is satisfied
  when every track satisfies it; excused when it is not satisfied and every track that
  did not satisfy it is excused in it. Strength is that of the track with the fewer
  check-ins up to as_of (on a tie, the lower of the tied strengths).
- An "excused day" for strength is a day of an excused period of that track: for a
  daily habit a skipped day that is not satisfied; for a weekly habit every day of a
  week that is excused (not satisfied, holds a skip), judged with what it holds up to
  as_of. A skipped day that still reaches the target counts like any other day.
- rate_30 is anchored on the earliest check-in of any track, or `created` if earlier;
  with no check-in at all it is 0.0.
- Counts of zero or less are no check-ins.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence
from datetime import date
from typing import NamedTuple

from habits.core.periods import CADENCES, days_per_period

RATE_WINDOW_DAYS = 30


class Track(NamedTuple):
    """One person's record of a habit (or, for a "together" habit, everyone's pooled)."""

    counts: Mapping[date, int]
    excused: frozenset[date] = frozenset()  # days holding a skip or in an away range


class _RuleFields(NamedTuple):
    cadence: str  # "daily" | "weekly"
    target: int = 1
    week_start: int = 0  # 0 = Monday
    created: date | None = None  # the habit's creation day (local)


class Rule(_RuleFields):
    """How a habit is judged: its cadence, check-ins needed per period, week start."""

    __slots__ = ()

    def __new__(cls, cadence: str, target: int = 1, week_start: int = 0,
                created: date | None = None) -> Rule:
        if cadence not in CADENCES:
            raise ValueError(f"unknown cadence {cadence!r}; expected 'daily' or 'weekly'")
        if not isinstance(target, int) or target < 1:
            raise ValueError(f"target must be a whole number >= 1, not {target!r}")
        if not isinstance(week_start, int) or not 0 <= week_start <= 6:
            raise ValueError(f"week_start must be 0..6, not {week_start!r}")
        return super().__new__(cls, cadence, target, week_start, created)


class Stats(NamedTuple):
    """The streak figures of one habit (or one person's part of it) as of a day."""

    current: int
    longest: int
    done_this_period: bool
    excused_this_period: bool
    at_risk: bool
    rate_30: float
    strength: float


_EMPTY = Stats(0, 0, False, False, False, 0.0, 0.0)


class _Prepared(NamedTuple):
    counts: dict[int, int]  # day ordinal -> check-ins (> 0), up to as_of
    excused: frozenset[int]  # excused day ordinals, up to as_of
    total: int

    @property
    def first_checkin(self) -> int | None:
        return min(self.counts) if self.counts else None

    @property
    def first(self) -> int | None:
        days = [*self.counts, *self.excused]
        return min(days) if days else None


def _prepare(track: Track, last: int) -> _Prepared:
    counts = {
        o: n for day, n in track.counts.items() if n > 0 and (o := day.toordinal()) <= last
    }
    excused = frozenset(o for o in (d.toordinal() for d in track.excused) if o <= last)
    return _Prepared(counts, excused, sum(counts.values()))


def _flags(prep: _Prepared, days: int, base: int, p0: int, n: int,
           target: int) -> tuple[bytearray, bytearray]:
    """Per period p0..p0+n-1: (satisfied, excused) for one track."""
    per_period = [0] * n
    skipped = bytearray(n)
    offset = base + days * p0  # period p starts on ordinal p*days + base
    for o, c in prep.counts.items():
        per_period[(o - offset) // days] += c
    for o in prep.excused:
        skipped[(o - offset) // days] = 1
    sat = bytearray(map(target.__le__, per_period))
    return sat, bytearray(map(operator.gt, skipped, sat))  # skipped and not satisfied


def compute(rule: Rule, tracks: Sequence[Track], as_of: date) -> Stats:
    """Streaks, rate and strength of `tracks` under `rule`, ignoring anything after as_of."""
    if not tracks:
        raise ValueError("compute needs at least one track")
    last = as_of.toordinal()
    preps = [_prepare(t, last) for t in tracks]
    firsts = [f for f in (p.first for p in preps) if f is not None]
    if not firsts:
        return _EMPTY
    days = days_per_period(rule.cadence)
    # Period p covers ordinals p*days+base .. p*days+base+days-1 (ordinal 1 is a Monday).
    base = 1 + rule.week_start if days == 7 else 0
    p0, cur = (min(firsts) - base) // days, (last - base) // days
    n = cur - p0 + 1
    per_track = [_flags(p, days, base, p0, n, rule.target) for p in preps]
    if len(per_track) == 1:
        sat, exc = per_track[0]
    else:
        # satisfied by all; excused when every track is satisfied or excused, and not satisfied
        sat = bytearray(map(min, *(s for s, _ in per_track)))
        covered = map(min, *(map(operator.or_, s, e) for s, e in per_track))
        exc = bytearray(map(operator.gt, covered, sat))

    current, longest = _streaks(sat, exc)
    done, excused_now = bool(sat[-1]), bool(exc[-1])
    checkins = [f for f in (p.first_checkin for p in preps) if f is not None]
    anchor = min(checkins) if checkins else None
    if anchor is not None and rule.created is not None:
        anchor = min(anchor, rule.created.toordinal())
    rate = _rate_30(sat, exc, p0, cur, last, days, base, anchor)

    fewest = min(p.total for p in preps)
    strength = min(
        _strength(rule, days, prep, flags[1], p0, base, last)
        for prep, flags in zip(preps, per_track)
        if prep.total == fewest
    )
    return Stats(
        current=current,
        longest=longest,
        done_this_period=done,
        excused_this_period=excused_now,
        at_risk=not done and not excused_now and current >= 1,
        rate_30=rate,
        strength=strength,
    )


def _streaks(sat: bytearray, exc: bytearray) -> tuple[int, int]:
    """(current, longest): runs of satisfied periods; excused periods and an unfinished
    current period are passed over; any other unsatisfied period ends a run."""
    run = longest = 0
    last = len(sat) - 1
    for i in range(len(sat)):
        if sat[i]:
            run += 1
            if run > longest:
                longest = run
        elif not exc[i] and i != last:
            run = 0
    return run, longest


def _rate_30(sat: bytearray, exc: bytearray, p0: int, cur: int, last: int, days: int,
             base: int, anchor: int | None) -> float:
    """Satisfied share of the periods ending in the 30 days up to as_of (SPEC 4)."""
    if anchor is None:
        return 0.0
    satisfied = missed = 0
    for p in range((last - RATE_WINDOW_DAYS + 1 - base) // days, cur + 1):
        i = p - p0
        is_sat = 0 <= i and sat[i]
        if p == cur:  # the current period counts only once it is satisfied
            satisfied += 1 if is_sat else 0
            continue
        if (0 <= i and exc[i]) or p * days + base + days - 1 < anchor:
            continue
        if is_sat:
            satisfied += 1
        else:
            missed += 1
    total = satisfied + missed
    return satisfied / total if total else 0.0


def _strength(rule: Rule, days: int, prep: _Prepared, exc: bytearray, p0: int, base: int,
              last: int) -> float:
    """Loop Habit Tracker's score for one track, walked day by day up to as_of."""
    start = prep.first
    if start is None or prep.total == 0:
        return 0.0
    target = rule.target
    freq = target / days
    window_n, window_d = (2 * target, 2 * days) if freq < 1 else (target, days)
    m = 0.5 ** (math.sqrt(freq) / 13)
    gain = 1 - m

    length = last - start + 1
    counts = [0] * length
    for o, c in prep.counts.items():
        counts[o - start] += c
    held = bytearray(length)  # days of excused periods: the score holds still
    for i, flag in enumerate(exc):
        if flag:
            first_day = (p0 + i) * days + base
            lo, hi = max(first_day, start), min(first_day + days - 1, last)
            if lo <= hi:
                held[lo - start:hi - start + 1] = b"\x01" * (hi - lo + 1)

    # Walk the days with a rolling window sum: `padded` leads `counts` by window_d days.
    padded = [0] * window_d + counts
    score = 0.0
    window = 0
    for enters, leaves, hold in zip(counts, padded, held):
        window += enters - leaves
        if not hold:
            done = window / window_n
            score = score * m + (done if done < 1.0 else 1.0) * gain
    return score
