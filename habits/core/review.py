"""The week's review: one habit's figures now, a week ago and four weeks ago, its
days this week, and the tip of the week. Plain data in, plain data out.

The figures are those of `streaks` as of the same day: one walk reaches four weeks
back (resumed from a checkpoint when one fits) and leaves a checkpoint there, from
which the walks to a week ago and to the as-of day resume.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from habits.core.streaks import (
    Checkpoint,
    Rule,
    Stats,
    Track,
    checkpoint_day,
    compute,
    compute_with_checkpoint,
)

WEEK_AGO = 7
MONTH_AGO = 28


class Figures(NamedTuple):
    """One scope's figures (a together habit, one person's part, or the couple's joint)."""

    now: Stats
    week_ago: Stats
    month_ago: Stats  # four weeks ago


class Day(NamedTuple):
    day: date
    checkins: int  # check-ins that day
    excused: bool  # skipped or apart
    future: bool  # after the as-of day


def figures(
    rule: Rule, tracks: Sequence[Track], as_of: date, *, resume: Checkpoint | None = None
) -> tuple[Figures, Checkpoint]:
    """The figures as of `as_of`, a week and four weeks before, and the checkpoint the
    walk left four weeks back (keep it to resume the next review from)."""
    early = as_of - timedelta(days=MONTH_AGO)
    through = checkpoint_day(rule, early)
    if resume is not None and resume.through > through:
        resume = None  # too recent to reach four weeks back
    if resume is not None and resume.through == through:
        mark = resume  # already where this review would leave it
        month_ago = compute(rule, tracks, early, resume=resume)
    else:
        month_ago, mark = compute_with_checkpoint(rule, tracks, early, through, resume=resume)
    week_ago = compute(rule, tracks, as_of - timedelta(days=WEEK_AGO), resume=mark)
    now = compute(rule, tracks, as_of, resume=mark)
    return Figures(now, week_ago, month_ago), mark


def week_days(track: Track, start: date, as_of: date) -> list[Day]:
    """The seven days from `start` as the streaks see them in this track."""
    days = [start + timedelta(days=i) for i in range(7)]
    return [Day(d, max(0, track.counts.get(d, 0)), d in track.excused, d > as_of) for d in days]


def joint_days(tracks: Sequence[Track], start: date, as_of: date) -> list[Day]:
    """The seven days from `start` for a habit each of you does: a day's count is how
    many of you did it, and it is excused when everyone who did not was excused."""
    out = []
    for d in (start + timedelta(days=i) for i in range(7)):
        did = [t.counts.get(d, 0) > 0 for t in tracks]
        excused = not all(did) and all(d in t.excused for t, done in zip(tracks, did) if not done)
        out.append(Day(d, sum(did), excused, d > as_of))
    return out


def done_days(days: Sequence[Day], per_day: int = 1) -> int:
    """Days done: at least `per_day` in the count (for a habit each of you does, all of you)."""
    return sum(1 for d in days if d.checkins >= per_day and not d.future)


def week_target(rule: Rule) -> int:
    """Check-in days the week asks for: every day of a daily habit, K of a weekly one."""
    return 7 * rule.target if rule.cadence == "daily" else rule.target


def carried_by(done: Mapping[str, int]) -> list[str]:
    """Who did the most of an `each` habit this week (all of them on a tie; none when nobody did)."""
    best = max(done.values(), default=0)
    return [] if best == 0 else sorted(p for p, n in done.items() if n == best)


def cells(days: Sequence[Day], per_day: int = 1) -> str:
    """The week as one line: # done, + part done, - excused, . missed, space still to come."""
    out = []
    for d in days:
        if d.future:
            out.append(" ")
        elif d.checkins >= per_day:
            out.append("#")
        elif d.checkins > 0:
            out.append("+")
        elif d.excused:
            out.append("-")
        else:
            out.append(".")
    return "".join(out)


class Tip(NamedTuple):
    text: str
    expert: str


def tip_of_week(whys: Sequence[str], week_start: date) -> Tip | None:
    """One of the catalog's quotes, a different one each week in turn, with its expert."""
    if not whys:
        return None
    why = whys[(week_start.toordinal() // 7) % len(whys)]
    text, _, expert = why.rpartition(" — ")
    return Tip(text.strip() or why, expert.strip())


def change(now: int, before: int) -> str:
    """ "+3", "-1" or "=" for a figure against an earlier one."""
    diff = now - before
    return "=" if diff == 0 else f"{diff:+d}"
