"""Streaks, completion rate and habit strength.

Plain data in, `Stats` out; the as-of date is always passed in. One linear pass over
the periods and one over the days (for strength), on integer day ordinals.

Decisions taken here:
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
- at_risk of several tracks (habits.core.risk): the check-ins still needed are the
  most that any one person who is neither done nor excused still needs.

Resuming (`habits streaks` on ten years of history stays fast): the walk's state after
a period, a `Checkpoint`, lets a later compute start from there and read only the
days after it (plus the strength window's few days before). The figures are
identical to a walk from the beginning: the same operations in the same order.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from habits.core.periods import CADENCES, days_per_period, period_start
from habits.core.risk import at_risk, still_needed

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

    def __new__(cls, cadence: str, target: int = 1, week_start: int = 0, created: date | None = None) -> Rule:
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

# A checkpoint lies at least this many days before the day it is used for, so that
# the 30-day rate window (and the week around it) is walked from the data itself.
CHECKPOINT_LAG = RATE_WINDOW_DAYS + 7
# The strength window reaches back at most 2 weeks: a resumed walk needs those days.
LOOKBACK_DAYS = 14


class TrackState(NamedTuple):
    """One track summarized through a checkpoint's day."""

    total: int  # check-ins up to the day
    first: int | None  # ordinal of its first check-in or excused day
    first_checkin: int | None  # ordinal of its first check-in
    score: float  # strength after the day


class Checkpoint(NamedTuple):
    """compute's state after the period that ends on `through`: the group's streak run
    and longest run so far, and each track's state (in the order of the tracks)."""

    through: date
    run: int
    longest: int
    tracks: tuple[TrackState, ...]


def checkpoint_day(rule: Rule, as_of: date) -> date:
    """The last day of the latest period that ends CHECKPOINT_LAG days or more before as_of."""
    return period_start(as_of - timedelta(days=CHECKPOINT_LAG), rule.cadence, rule.week_start) - timedelta(
        days=1
    )


class _Prepared(NamedTuple):
    counts: dict[int, int]  # day ordinal -> check-ins (> 0), from..last
    excused: frozenset[int]  # excused day ordinals, from..last
    total: int
    first: int | None  # first check-in or excused day, resumed state included
    first_checkin: int | None


def _prepare(track: Track, lo: int, last: int, state: TrackState | None) -> _Prepared:
    counts = {o: n for day, n in track.counts.items() if n > 0 and lo <= (o := day.toordinal()) <= last}
    excused = frozenset(o for o in (d.toordinal() for d in track.excused) if lo <= o <= last)
    first_checkin = min(counts, default=None)
    first = min(counts.keys() | excused, default=None)
    total = sum(counts.values())
    if state is not None:
        total += state.total
        first = state.first if state.first is not None else first
        first_checkin = state.first_checkin if state.first_checkin is not None else first_checkin
    return _Prepared(counts, excused, total, first, first_checkin)


def _flags(
    prep: _Prepared, days: int, base: int, p0: int, n: int, target: int
) -> tuple[bytearray, bytearray, int]:
    """Per period p0..p0+n-1: (satisfied, excused) for one track, and the check-ins
    of the last (current) period."""
    per_period = [0] * n
    skipped = bytearray(n)
    offset = base + days * p0  # period p starts on ordinal p*days + base
    for o, c in prep.counts.items():
        per_period[(o - offset) // days] += c
    for o in prep.excused:
        skipped[(o - offset) // days] = 1
    sat = bytearray(map(target.__le__, per_period))
    return sat, bytearray(map(operator.gt, skipped, sat)), per_period[-1]  # excused: skipped, not satisfied


def compute(rule: Rule, tracks: Sequence[Track], as_of: date, *, resume: Checkpoint | None = None) -> Stats:
    """Streaks, rate and strength of `tracks` under `rule`, ignoring anything after as_of.
    With `resume`, the walk starts after resume.through: the tracks then need to hold
    only the days from resume.through - LOOKBACK_DAYS + 1 on."""
    return _walk(rule, tracks, as_of, resume, None)[0]


class Run(NamedTuple):
    """One streak: the first day of its first satisfied period, the last day of its
    last one, and its length in periods."""

    first: date
    last: date
    length: int


class Trace(NamedTuple):
    """compute()'s figures, with the strength on each of the marked days (as the walk
    to as_of passes them) and every streak of the history, oldest first."""

    stats: Stats
    strength: list[float]
    runs: list[Run]


def trace(rule: Rule, tracks: Sequence[Track], as_of: date, marks: Sequence[date]) -> Trace:
    """compute() from the beginning, noting the strength at the end of each day of
    `marks` (sorted, up to as_of) and the streaks it finds on the way."""
    if list(marks) != sorted(marks) or (marks and marks[-1] > as_of):
        raise ValueError("marks must be sorted and lie on or before the as-of day")
    noted = _Noted([m.toordinal() for m in marks])
    stats = _walk(rule, tracks, as_of, None, None, noted)[0]
    return Trace(stats, noted.strength or [0.0] * len(marks), noted.runs)


class _Noted:
    """What trace() asks the walk to note down on its way."""

    def __init__(self, marks: list[int]) -> None:
        self.marks = marks
        self.strength: list[float] = []
        self.runs: list[Run] = []


def compute_with_checkpoint(
    rule: Rule, tracks: Sequence[Track], as_of: date, through: date, *, resume: Checkpoint | None = None
) -> tuple[Stats, Checkpoint]:
    """compute(), and the checkpoint after the period ending on `through` (before as_of)."""
    stats, checkpoint = _walk(rule, tracks, as_of, resume, through)
    assert checkpoint is not None
    return stats, checkpoint


def _walk(
    rule: Rule,
    tracks: Sequence[Track],
    as_of: date,
    resume: Checkpoint | None,
    through: date | None,
    noted: _Noted | None = None,
) -> tuple[Stats, Checkpoint | None]:
    if not tracks:
        raise ValueError("compute needs at least one track")
    last = as_of.toordinal()
    days = days_per_period(rule.cadence)
    # Period p covers ordinals p*days+base .. p*days+base+days-1 (ordinal 1 is a Monday).
    base = 1 + rule.week_start if days == 7 else 0
    lo = _check_resume(rule, tracks, as_of, resume, days, base)
    keep = _check_through(through, resume, last, days, base)
    states = resume.tracks if resume is not None else [None] * len(tracks)
    preps = [_prepare(t, lo, last, s) for t, s in zip(tracks, states)]
    firsts = [p.first for p in preps if p.first is not None]
    if not firsts:
        empty = (
            None
            if keep is None
            else Checkpoint(
                through,  # type: ignore[arg-type]  # set whenever keep is
                0,
                0,
                tuple(TrackState(0, None, None, 0.0) for _ in tracks),
            )
        )
        return _EMPTY, empty
    p0 = (lo - base) // days if resume is not None else (min(firsts) - base) // days
    cur = (last - base) // days
    n = cur - p0 + 1
    per_track = [_flags(p, days, base, p0, n, rule.target) for p in preps]
    if len(per_track) == 1:
        sat, exc, _ = per_track[0]
    else:
        # satisfied by all; excused when every track is satisfied or excused, and not satisfied
        sat = bytearray(map(min, *(s for s, _, _ in per_track)))
        covered = map(min, *(map(operator.or_, s, e) for s, e, _ in per_track))
        exc = bytearray(map(operator.gt, covered, sat))

    start_run, start_longest = (resume.run, resume.longest) if resume is not None else (0, 0)
    kept_period = None if keep is None else (keep - base) // days - p0
    runs: list[tuple[int, int, int]] | None = None if noted is None else []
    current, longest, kept_run = _streaks(sat, exc, start_run, start_longest, kept_period, runs)
    if noted is not None and runs is not None:
        noted.runs = [
            Run(
                date.fromordinal((p0 + a) * days + base),
                min(date.fromordinal((p0 + b) * days + base + days - 1), as_of),
                length,
            )
            for a, b, length in runs
        ]
    done, excused_now = bool(sat[-1]), bool(exc[-1])
    needed = still_needed(rule.target, ((n_now, bool(e[-1])) for _, e, n_now in per_track))
    days_left = cur * days + base + days - last  # from as_of to the period's end, both included
    checkins = [p.first_checkin for p in preps if p.first_checkin is not None]
    anchor = min(checkins) if checkins else None
    if anchor is not None and rule.created is not None:
        anchor = min(anchor, rule.created.toordinal())
    rate = _rate_30(sat, exc, p0, cur, last, days, base, anchor)

    stops = ([] if keep is None else [keep]) + ([] if noted is None else noted.marks)
    walks = [
        _strength(rule, days, track, prep, flags[1], p0, base, lo, last, state, stops)
        for track, prep, flags, state in zip(tracks, preps, per_track, states)
    ]
    strength = _fewest([score for score, _ in walks], [p.total for p in preps])
    if noted is not None:
        at = len(stops) - len(noted.marks)
        totals = _totals_at(preps, noted.marks)
        noted.strength = [
            _fewest([scores[at + i] for _, scores in walks], [t[i] for t in totals])
            for i in range(len(noted.marks))
        ]
    stats = Stats(
        current=current,
        longest=longest,
        done_this_period=done,
        excused_this_period=excused_now,
        at_risk=at_risk(
            satisfied=done, excused=excused_now, current=current, needed=needed, days_left=days_left
        ),
        rate_30=rate,
        strength=strength,
    )
    if keep is None:
        return stats, None
    assert through is not None and kept_run is not None
    kept = tuple(
        _state_at(prep, state, keep, scores[0]) for prep, state, (_, scores) in zip(preps, states, walks)
    )
    return stats, Checkpoint(through, kept_run[0], kept_run[1], kept)


def _fewest(scores: Sequence[float], totals: Sequence[int]) -> float:
    """The strength of several tracks: that of the one with the fewest check-ins (the
    lower score on a tie)."""
    fewest = min(totals)
    return min(score for score, total in zip(scores, totals) if total == fewest)


def _totals_at(preps: Sequence[_Prepared], marks: Sequence[int]) -> list[list[int]]:
    """Each track's check-ins up to each of `marks` (sorted day ordinals)."""
    if len(preps) == 1:
        return [[0] * len(marks)]  # one track: nothing to choose between
    out = []
    for p in preps:
        days = sorted(p.counts)
        totals, total, j = [], 0, 0
        for mark in marks:
            while j < len(days) and days[j] <= mark:
                total += p.counts[days[j]]
                j += 1
            totals.append(total)
        out.append(totals)
    return out


def _check_resume(
    rule: Rule, tracks: Sequence[Track], as_of: date, resume: Checkpoint | None, days: int, base: int
) -> int:
    """The first day walked: after the checkpoint, or the beginning of time."""
    if resume is None:
        return 1
    lo = resume.through.toordinal() + 1
    if (lo - base) % days:
        raise ValueError(f"checkpoint day {resume.through} is not the last day of a {rule.cadence} period")
    if len(resume.tracks) != len(tracks):
        raise ValueError(f"checkpoint holds {len(resume.tracks)} tracks, not {len(tracks)}")
    rate_start = (as_of.toordinal() - RATE_WINDOW_DAYS + 1 - base) // days * days + base
    if rate_start < lo:
        raise ValueError(f"checkpoint day {resume.through} is too close to {as_of}")
    return lo


def _check_through(
    through: date | None, resume: Checkpoint | None, last: int, days: int, base: int
) -> int | None:
    if through is None:
        return None
    keep = through.toordinal()
    if (keep + 1 - base) % days:
        raise ValueError(f"{through} is not the last day of a period")
    if keep >= last or (resume is not None and keep < resume.through.toordinal()):
        raise ValueError(f"a checkpoint on {through} must lie between the resumed one and the as-of day")
    return keep


def _state_at(prep: _Prepared, state: TrackState | None, keep: int, score: float) -> TrackState:
    """A track's state through ordinal `keep` (its prepared days reach at least that far)."""
    total = (state.total if state is not None else 0) + sum(c for o, c in prep.counts.items() if o <= keep)
    first = prep.first if prep.first is not None and prep.first <= keep else None
    first_checkin = (
        prep.first_checkin if prep.first_checkin is not None and prep.first_checkin <= keep else None
    )
    return TrackState(total, first, first_checkin, score if total else 0.0)


def _streaks(
    sat: bytearray,
    exc: bytearray,
    run: int,
    longest: int,
    kept_period: int | None,
    runs: list[tuple[int, int, int]] | None = None,
) -> tuple[int, int, tuple[int, int] | None]:
    """(current, longest, (run, longest) after period `kept_period`): runs of satisfied
    periods; excused periods and an unfinished current period are passed over; any
    other unsatisfied period ends a run. `runs` gets every run found, as (its first
    satisfied period, its last, its length)."""
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
            if run and runs is not None:
                runs.append((first, end, run))
            run = 0
        if i == kept_period:
            kept = (run, longest)
    if run and runs is not None:
        runs.append((first, end, run))
    return run, longest, kept


def _rate_30(
    sat: bytearray, exc: bytearray, p0: int, cur: int, last: int, days: int, base: int, anchor: int | None
) -> float:
    """Satisfied share of the periods ending in the 30 days up to as_of."""
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


def _strength(
    rule: Rule,
    days: int,
    track: Track,
    prep: _Prepared,
    exc: bytearray,
    p0: int,
    base: int,
    lo: int,
    last: int,
    state: TrackState | None,
    stops: Sequence[int],
) -> tuple[float, list[float]]:
    """Loop Habit Tracker's score for one track, walked day by day up to as_of:
    (the score at as_of, the score at the end of each day of `stops`)."""
    resumed = state is not None and state.first is not None
    start = lo if resumed else prep.first
    if start is None or prep.total == 0:
        return 0.0, [0.0] * len(stops)
    target = rule.target
    freq = target / days
    window_n, window_d = (2 * target, 2 * days) if freq < 1 else (target, days)
    m = 0.5 ** (math.sqrt(freq) / 13)
    gain = 1 - m

    length = last - start + 1
    counts = [0] * length
    for o, c in prep.counts.items():
        if o >= start:
            counts[o - start] += c
    held = bytearray(length)  # days of excused periods: the score holds still
    for i, flag in enumerate(exc):
        if flag:
            first_day = (p0 + i) * days + base
            lo_day, hi_day = max(first_day, start), min(first_day + days - 1, last)
            if lo_day <= hi_day:
                held[lo_day - start : hi_day - start + 1] = b"\x01" * (hi_day - lo_day + 1)

    # Walk the days with a rolling window sum: `padded` leads `counts` by window_d days.
    before = [0] * window_d
    score = 0.0
    if resumed:
        assert state is not None
        score = state.score
        for day, c in track.counts.items():  # the window's days before the walk
            if c > 0 and 0 < start - (o := day.toordinal()) <= window_d:
                before[window_d - (start - o)] += c
    padded = before + counts
    window = sum(before)
    # The walk in parts, each ending after a stop; a stop before the first day notes the start.
    ends = [min(max(stop - start + 1, 0), length) for stop in stops]
    order = sorted(range(len(ends)), key=ends.__getitem__)
    kept = [score] * len(ends)
    begin = 0
    for i in [*order, -1]:  # -1: the rest of the walk, up to as_of
        end = length if i < 0 else ends[i]
        for enters, leaves, hold in zip(counts[begin:end], padded[begin:end], held[begin:end]):
            window += enters - leaves
            if not hold:
                done = window / window_n
                score = score * m + (done if done < 1.0 else 1.0) * gain
        begin = max(begin, end)
        if i >= 0:
            kept[i] = score
    return score, kept
