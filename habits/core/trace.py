"""compute()'s walk, with notes taken on the way: the strength at the end of chosen
days and every streak of the history, with its dates on the rule's period grid (a
monthly habit's streaks run from a month's first day to a month's last, an every-N
habit's from a block's first day). It is the one walk of habits.core.streaks, asked
to note down what it passes; nothing is judged twice.

The strength noted on a day is the score after that day in the walk to as_of. That
is compute() as of the day whenever the day's period is judged the same way then as
in the end: always on the last day of a period, and on any day of a period without
skips (or days away); except that an at-most period that ends on the day is still
running for compute() as of that day, and counts as over (satisfied or not) here. A
skipped period that was satisfied in the end holds no day still (a skip in a week
that still reached its target counts like any other day).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from habits.core.streaks import Rule, Stats, Track, _walk, _weakest

if TYPE_CHECKING:
    from habits.core.judging import Prepared
    from habits.core.periods import PeriodGrid


class Run(NamedTuple):
    """One streak: the first day of its first satisfied period, the last day of its
    last one (the as-of day at the latest), and its length in periods."""

    first: date
    last: date
    length: int


class Trace(NamedTuple):
    """compute()'s figures, the strength at the end of each marked day, and every
    streak of the history, oldest first."""

    stats: Stats
    strength: list[float]
    runs: list[Run]


def trace(rule: Rule, tracks: Sequence[Track], as_of: date, marks: Sequence[date]) -> Trace:
    """compute() from the beginning, noting the strength at the end of each day of
    `marks` (sorted, up to as_of) and the streaks it finds on the way."""
    if list(marks) != sorted(marks) or (marks and marks[-1] > as_of):
        raise ValueError("marks must be sorted and lie on or before the as-of day")
    noted = Noted([m.toordinal() for m in marks])
    stats = _walk(rule, tracks, as_of, None, None, noted)[0]
    return Trace(stats, noted.strength or [0.0] * len(marks), noted.runs)


class Noted:
    """What the walk notes for trace(): it fills `found` with (first period, last
    period, length) of each run as it counts them, then calls take()."""

    def __init__(self, marks: list[int]) -> None:
        self.marks = marks  # day ordinals
        self.found: list[tuple[int, int, int]] = []
        self.strength: list[float] = []
        self.runs: list[Run] = []

    def take(
        self,
        rule: Rule,
        grid: PeriodGrid,
        p0: int,
        last: int,
        preps: Sequence[Prepared],
        scores: Sequence[Sequence[float]],
    ) -> None:
        """`p0`: the walk's first period; `last`: as_of's ordinal; `scores`: per
        track, its score after each mark."""
        self.runs = [
            Run(
                date.fromordinal(grid.first(p0 + a)),
                date.fromordinal(min(grid.last(p0 + b), last)),
                length,
            )
            for a, b, length in self.found
        ]
        # One track: nothing to choose between; several: the weakest record at each mark.
        totals = [[0] * len(self.marks)] if len(preps) == 1 else _totals_at(preps, self.marks)
        started = [  # a yes/no track starts counting at its first check-in
            [
                p.first is not None
                and p.first <= mark
                and (bool(rule.measure) or (p.first_checkin is not None and p.first_checkin <= mark))
                for mark in self.marks
            ]
            for p in preps
        ]
        # As of a mark, a track with nothing yet scores 0 (an at-most one too): as compute() then.
        self.strength = [
            _weakest(
                rule,
                [t[i] for t in totals],
                [s[i] if on[i] else 0.0 for s, on in zip(scores, started)],
            )
            for i in range(len(self.marks))
        ]


def _totals_at(preps: Sequence[Prepared], marks: Sequence[int]) -> list[list[int]]:
    """Each track's check-ins (measured: thousandths) up to the end of each mark."""
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
