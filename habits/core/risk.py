"""When a streak is at risk: the one rule the board, `streaks` and the daemon's nudge share.

A period is at risk when it is not satisfied, not excused, there is a streak to lose,
and the check-ins still needed are at least the days left in it (today included):
from then on, missing a single day ends the streak. A daily habit is so all day until
done; a weekly habit needing one more check-in only on its week's last day. A
measured "at least" habit short of its goal needs one entry (it is at risk on its
period's last day); an "at most" habit never is.
"""

from __future__ import annotations

from collections.abc import Iterable


def at_risk(*, satisfied: bool, excused: bool, current: int, needed: int, days_left: int) -> bool:
    """The rule itself, on one period's figures (`needed` check-ins still to log,
    `days_left` days of the period from the as-of day on, that day included)."""
    return not satisfied and not excused and current >= 1 and needed >= days_left


def still_needed(target: int, counts: Iterable[tuple[int, bool]]) -> int:
    """Check-ins still needed this period by a group of people, each given as (check-ins
    so far, excused): the most any one of them still needs (they log in parallel);
    an excused person needs none."""
    return max((max(target - n, 0) for n, excused in counts if not excused), default=0)


def period_need(measure: str, target: int) -> int:
    """The most entries a period can still need: `target` check-ins for a yes/no habit,
    one entry (which may reach the goal) for an at-least habit, none for an at-most
    habit (judged once its period is over, never at risk)."""
    if measure == "at_most":
        return 0
    return 1 if measure else target


def may_be_at_risk(days_left: int, target: int) -> bool:
    """Whether a period can be at risk with `days_left` days left at all (so that the
    daemon checks only then): never while more days remain than check-ins needed."""
    return days_left <= target
