"""Streaks, completion rate and habit strength.

Plain data in, `Stats` out; the as-of date is always passed in. One linear pass over
the periods and one over the days (for strength), on integer day ordinals.

Decisions taken here:
- Several tracks (a couple's joint streak for an "each" habit): a period is satisfied
  when every track satisfies it; excused when it is not satisfied and every track that
  did not satisfy it is excused in it. Strength is that of the track with the fewer
  check-ins up to as_of (on a tie, the lower of the tied strengths).
- An "excused day" for strength is a day of an excused period of that track: for a
  daily habit a skipped day that is not satisfied; for a longer period every day of a
  period that is excused (not satisfied, holds a skip), judged with what it holds up to
  as_of. A skipped day that still reaches the target counts like any other day.
- A monthly habit asks min(target, the month's days) check-ins in each month.
- Measured habits (counts are thousandths of the unit; an entered zero is present
  as 0 and counts as an entry): "at least" is satisfied once the period's total reaches
  the goal; "at most" when the period is over and its total stayed at or under it (no
  entry counts as 0), so the current period is passed over while it runs and is never
  at risk. The walk starts at the first entry: skips and days away before it change
  nothing. At risk (at least): not reached on the period's last day, one entry needed.
  Several people: the couple's strength is that of the weaker record (the smaller total
  for at least, the larger for at most; on a tie the lower strength).
- rate_30 is anchored on the earliest check-in of any track, or `created` if earlier;
  with no check-in at all it is 0.0.
- Counts of zero or less are no check-ins (yes/no); below zero no entry (measured).
- at_risk of several tracks (habits.core.risk): the check-ins still needed are the
  most that any one person who is neither done nor excused still needs.

Resuming (`habits streaks` on ten years of history stays fast): the walk's state after
a period, a `Checkpoint`, lets a later compute start from there and read only the
days after it (plus the strength window's few days before). The figures are
identical to a walk from the beginning: the same operations in the same order.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from habits.core.habit import Habit
from habits.core.judging import Prepared, flags, prepare
from habits.core.periods import CADENCES, PeriodGrid, days_per_period
from habits.core.risk import at_risk, period_need, still_needed
from habits.core.runs import RATE_WINDOW_DAYS, rate_30, runs
from habits.core.strength import scoring, track_strength

if TYPE_CHECKING:
    from habits.core.trace import Noted


class Track(NamedTuple):
    """One person's record of a habit (or, for a "together" habit, everyone's pooled)."""

    counts: Mapping[date, int]
    excused: frozenset[date] = frozenset()  # days holding a skip or in an away range


class _RuleFields(NamedTuple):
    cadence: str  # "daily" | "weekly" | "monthly" | "every"
    target: int = 1
    week_start: int = 0  # 0 = Monday
    created: date | None = None  # the habit's creation day (local): "every" periods count from it
    every: int = 0  # the period's days for cadence "every"
    measure: str = ""  # "" (yes/no: counts are check-ins) | "at_least" | "at_most" (counts are amounts)
    goal: int = 0  # a measured habit's amount per period, in thousandths (counts are too)


class Rule(_RuleFields):
    """How a habit is judged: its cadence, check-ins (or amount) needed per period, week start."""

    __slots__ = ()

    def __new__(
        cls,
        cadence: str,
        target: int = 1,
        week_start: int = 0,
        created: date | None = None,
        every: int = 0,
        measure: str = "",
        goal: int = 0,
    ) -> Rule:
        if cadence not in CADENCES:
            raise ValueError(f"unknown cadence {cadence!r}; expected one of {', '.join(CADENCES)}")
        if not isinstance(target, int) or target < 1:
            raise ValueError(f"target must be a whole number >= 1, not {target!r}")
        if not isinstance(week_start, int) or not 0 <= week_start <= 6:
            raise ValueError(f"week_start must be 0..6, not {week_start!r}")
        if cadence == "every" and not (isinstance(every, int) and every >= 1):
            raise ValueError(f"an 'every' rule needs every >= 1 days, not {every!r}")
        if measure not in ("", "at_least", "at_most"):
            raise ValueError(f"measure must be '', 'at_least' or 'at_most', not {measure!r}")
        if not isinstance(goal, int) or goal < 0:
            raise ValueError(f"goal must be a whole number of thousandths >= 0, not {goal!r}")
        return super().__new__(cls, cadence, target, week_start, created, every, measure, goal)

    def grid(self) -> PeriodGrid:
        """The rule's periods (every-N blocks count from `created`)."""
        return PeriodGrid(self.cadence, self.week_start, every=self.every, anchor=self.created)

    def period(self, day: date) -> tuple[date, date]:
        """The first and last day of the period holding `day`."""
        grid = self.grid()
        p = grid.index(day.toordinal())
        return date.fromordinal(grid.first(p)), date.fromordinal(grid.last(p))

    def period_target(self, grid: PeriodGrid, p: int) -> int:
        """Check-ins period p asks of a yes/no habit: a month asks at most its days."""
        if self.cadence == "monthly" and self.target > 28:
            return min(self.target, grid.length(p))
        return self.target


def rule_for(habit: Habit, week_start: int) -> Rule:
    """How `habit` is judged: every field its walk (and a checkpoint of it) depends on."""
    return Rule(
        habit.cadence,
        1 if habit.measure else habit.target,
        week_start,
        habit.created_on,
        every=habit.every if habit.cadence == "every" else 0,
        measure=habit.measure_kind if habit.measure else "",
        goal=habit.measure_target if habit.measure else 0,
    )


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
# The strength window of a daily or weekly habit reaches back at most 2 weeks: a
# resumed walk needs those days (lookback_days(rule) for any rule).
LOOKBACK_DAYS = 14


def lookback_days(rule: Rule) -> int:
    """The days before a checkpoint that a walk resumed from it must be given (its
    tracks from checkpoint.through - lookback_days + 1 on): the strength window."""
    days = days_per_period(rule.cadence, rule.every)
    return max(LOOKBACK_DAYS, scoring(rule.target, days, rule.measure, rule.goal).window_d)


class TrackState(NamedTuple):
    """One track summarized through a checkpoint's day."""

    total: int  # check-ins (measured: thousandths of the unit) up to the day
    first: int | None  # ordinal of its first check-in or excused day (measured: first entry)
    first_checkin: int | None  # ordinal of its first check-in (measured: first entry)
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
    grid = rule.grid()
    return date.fromordinal(grid.first(grid.index(as_of.toordinal() - CHECKPOINT_LAG)) - 1)


def compute(rule: Rule, tracks: Sequence[Track], as_of: date, *, resume: Checkpoint | None = None) -> Stats:
    """Streaks, rate and strength of `tracks` under `rule`, ignoring anything after as_of.
    With `resume`, the walk starts after resume.through: the tracks then need to hold
    only the days from resume.through - lookback_days(rule) + 1 on."""
    return _walk(rule, tracks, as_of, resume, None)[0]


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
    noted: Noted | None = None,  # what habits.core.trace asks the walk to note on its way
) -> tuple[Stats, Checkpoint | None]:
    if not tracks:
        raise ValueError("compute needs at least one track")
    last = as_of.toordinal()
    grid = rule.grid()
    lo = _check_resume(rule, grid, tracks, last, resume)
    keep = _check_through(grid, through, resume, last)
    states = resume.tracks if resume is not None else [None] * len(tracks)
    measured = bool(rule.measure)
    preps = [prepare(t, lo, last, s, measured) for t, s in zip(tracks, states)]
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
    start_p = grid.index(min(firsts))
    p0 = grid.index(lo) if resume is not None else start_p
    cur = grid.index(last)
    n = cur - p0 + 1
    per_track = [flags(rule, grid, p, p0, n, start_p) for p in preps]
    if len(per_track) == 1:
        sat, exc, _ = per_track[0]
    else:
        # satisfied by all; excused when every track is satisfied or excused, and not satisfied
        sat = bytearray(map(min, *(s for s, _, _ in per_track)))
        covered = map(min, *(map(operator.or_, s, e) for s, e, _ in per_track))
        exc = bytearray(map(operator.gt, covered, sat))

    start_run, start_longest = (resume.run, resume.longest) if resume is not None else (0, 0)
    kept_period = None if keep is None else grid.index(keep) - p0
    found = None if noted is None else noted.found
    current, longest, kept_run = runs(sat, exc, start_run, start_longest, kept_period, found)
    done, excused_now = bool(sat[-1]), bool(exc[-1])
    need = period_need(rule.measure, rule.period_target(grid, cur))
    if rule.measure:  # an entry per person short of the goal (none for at most)
        got = [(need if n_now >= rule.goal else 0, bool(e[-1])) for _, e, n_now in per_track]
    else:
        got = [(n_now, bool(e[-1])) for _, e, n_now in per_track]
    needed = still_needed(need, got)
    days_left = grid.last(cur) - last + 1  # from as_of to the period's end, both included
    checkins = [p.first_checkin for p in preps if p.first_checkin is not None]
    anchor = min(checkins) if checkins else None
    if anchor is not None and rule.created is not None:
        anchor = min(anchor, rule.created.toordinal())
    rate = rate_30(sat, exc, p0, cur, last, grid, anchor)

    stops = ([] if keep is None else [keep]) + ([] if noted is None else noted.marks)
    walks = [
        track_strength(
            rule, grid, track, prep.counts, prep.first, prep.total, judged[1], p0, lo, last, state, stops
        )
        for track, prep, judged, state in zip(tracks, preps, per_track, states)
    ]
    strength = _weakest(rule, [p.total for p in preps], [score for score, _ in walks])
    if noted is not None:
        noted.take(
            rule, grid, p0, last, preps, [scores[len(stops) - len(noted.marks) :] for _, scores in walks]
        )
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
        _state_at(prep, state, keep, scores[0], measured)
        for prep, state, (_, scores) in zip(preps, states, walks)
    )
    return stats, Checkpoint(through, kept_run[0], kept_run[1], kept)


def _weakest(rule: Rule, totals: list[int], scores: list[float]) -> float:
    """The group's strength: that of the weaker record (fewer check-ins or the smaller
    total; for at most the larger total), on a tie the lower strength."""
    worst = max(totals) if rule.measure == "at_most" else min(totals)
    return min(score for score, total in zip(scores, totals) if total == worst)


def _check_resume(
    rule: Rule, grid: PeriodGrid, tracks: Sequence[Track], last: int, resume: Checkpoint | None
) -> int:
    """The first day walked: after the checkpoint, or the beginning of time."""
    if resume is None:
        return 1
    lo = resume.through.toordinal() + 1
    if grid.first(grid.index(lo)) != lo:
        raise ValueError(f"checkpoint day {resume.through} is not the last day of a {rule.cadence} period")
    if len(resume.tracks) != len(tracks):
        raise ValueError(f"checkpoint holds {len(resume.tracks)} tracks, not {len(tracks)}")
    if grid.first(grid.index(last - RATE_WINDOW_DAYS + 1)) < lo:
        raise ValueError(f"checkpoint day {resume.through} is too close to {date.fromordinal(last)}")
    return lo


def _check_through(
    grid: PeriodGrid, through: date | None, resume: Checkpoint | None, last: int
) -> int | None:
    if through is None:
        return None
    keep = through.toordinal()
    if grid.last(grid.index(keep)) != keep:
        raise ValueError(f"{through} is not the last day of a period")
    if keep >= last or (resume is not None and keep < resume.through.toordinal()):
        raise ValueError(f"a checkpoint on {through} must lie between the resumed one and the as-of day")
    return keep


def _state_at(
    prep: Prepared, state: TrackState | None, keep: int, score: float, measured: bool
) -> TrackState:
    """A track's state through ordinal `keep` (its prepared days reach at least that far)."""
    total = (state.total if state is not None else 0) + sum(c for o, c in prep.counts.items() if o <= keep)
    first = prep.first if prep.first is not None and prep.first <= keep else None
    first_checkin = (
        prep.first_checkin if prep.first_checkin is not None and prep.first_checkin <= keep else None
    )
    started = first is not None if measured else total > 0
    return TrackState(total, first, first_checkin, score if started else 0.0)
