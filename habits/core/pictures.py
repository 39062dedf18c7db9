"""The report's pictures as plain values: for one habit and one person (or the pair),
the strength over time, the history calendar, the best streaks, the check-ins by
weekday and the progress towards the target this week, month and year; and the
couple's year. Figures come from habits.core.streaks (one walk per track group)
and the calendar's days are judged by habits.core.heatmap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from habits.core.heatmap import DONE, EXCUSED_DAY, MISSED, PARTLY, day_state
from habits.core.periods import WEEKDAY_NAMES, period_start
from habits.core.streaks import Rule, Stats, Track
from habits.core.trace import Run, trace

# The strength chart shows one point per bucket (its last day): days for a short
# window, weeks up to a year and a bit, months beyond.
DAY_BUCKETS_UP_TO = 8 * 7
WEEK_BUCKETS_UP_TO = 54 * 7
CALENDAR_WEEKS = 53  # the calendar shows at most the window's last year
BEST_STREAKS = 5
STATES = (DONE, PARTLY, EXCUSED_DAY, MISSED)


class Window(NamedTuple):
    """The days a report covers, both included; `end` is also the as-of day."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def weeks_window(today: date, weeks: int, week_start: int) -> Window:
    """The last `weeks` weeks, the current one included (it ends today)."""
    if weeks < 1:
        raise ValueError("a report covers at least one week")
    first = period_start(today, "weekly", week_start) - timedelta(weeks=weeks - 1)
    return Window(first, today)


def year_window(year: int, today: date) -> Window:
    """A calendar year, up to today when it is the current one."""
    return Window(date(year, 1, 1), min(date(year, 12, 31), today))


class Progress(NamedTuple):
    """Check-ins in a calendar period holding the as-of day, against what the target asks."""

    label: str  # "this week", "this month", "this year"
    done: int
    goal: int


class Panel(NamedTuple):
    """One habit's pictures for one person of an "each" habit, or for a together habit
    (who ""). A measured habit's totals per period would be one more field here."""

    who: str
    stats: Stats  # as of the window's end
    bucket: str  # "day" | "week" | "month"
    strength: list[tuple[date, float]]  # a bucket's last day, the strength then (0..1)
    calendar: list[tuple[date, str]]  # a day of the window's last year, its state (STATES)
    best: list[Run]  # the longest streaks of all the history, longest first
    weekdays: list[tuple[str, int]]  # check-ins in the window per weekday, from the week's start
    progress: list[Progress]

    @property
    def empty(self) -> bool:
        return self.stats == Stats(0, 0, False, False, False, 0.0, 0.0) and not self.best


def bucket_for(window: Window) -> str:
    if window.days <= DAY_BUCKETS_UP_TO:
        return "day"
    return "week" if window.days <= WEEK_BUCKETS_UP_TO else "month"


def bucket_ends(window: Window, bucket: str, week_start: int) -> list[date]:
    """The last day of each bucket of the window (the window's end for the last one)."""
    ends: list[date] = []
    day = window.start
    while day <= window.end:
        if bucket == "day":
            last = day
        elif bucket == "week":
            last = period_start(day, "weekly", week_start) + timedelta(days=6)
        else:
            nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            last = nxt - timedelta(days=1)
        ends.append(min(last, window.end))
        day = last + timedelta(days=1)
    return ends


def panel(
    who: str, rule: Rule, tracks: Sequence[Track], window: Window, *, per_day: int
) -> tuple[Panel, list[Run]]:
    """The pictures of `tracks` judged together (one person's, or a together habit's
    pooled track) over `window`, and every streak of the history (oldest first).
    `per_day`: check-ins that make a day done in the calendar."""
    bucket = bucket_for(window)
    marks = bucket_ends(window, bucket, rule.week_start)
    walked = trace(rule, tracks, window.end, marks)
    best = sorted(walked.runs, key=lambda r: (-r.length, -r.last.toordinal()))[:BEST_STREAKS]
    shown = max(window.start, window.end - timedelta(days=7 * CALENDAR_WEEKS - 1))
    calendar = [
        (d, day_state(d, tracks, per_day))
        for d in (shown + timedelta(days=i) for i in range((window.end - shown).days + 1))
    ]
    return (
        Panel(
            who=who,
            stats=walked.stats,
            bucket=bucket,
            strength=list(zip(marks, walked.strength)),
            calendar=calendar,
            best=best,
            weekdays=weekdays(tracks, window, rule.week_start),
            progress=progress(rule, tracks, window.end),
        ),
        walked.runs,
    )


def weekdays(tracks: Sequence[Track], window: Window, week_start: int) -> list[tuple[str, int]]:
    per = [0] * 7
    for day in _days(window.start, window.end):  # the window's days, not all the history
        per[day.weekday()] += sum(max(0, t.counts.get(day, 0)) for t in tracks)
    order = [(week_start + i) % 7 for i in range(7)]
    return [(WEEKDAY_NAMES[i][:3].capitalize(), per[i]) for i in order]


def progress(rule: Rule, tracks: Sequence[Track], as_of: date) -> list[Progress]:
    """This week's, month's and year's check-ins (up to as_of) against the target over
    the whole period: target per day (daily) or per week (weekly, pro rata)."""
    week = period_start(as_of, "weekly", rule.week_start)
    month = as_of.replace(day=1)
    year = as_of.replace(month=1, day=1)
    out = []
    for label, first, last in (
        ("this week", week, week + timedelta(days=6)),
        (
            "this month",
            month,
            date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1),
        ),
        ("this year", year, date(year.year, 12, 31)),
    ):
        days = (last - first).days + 1
        goal = rule.target * (days if rule.cadence == "daily" else max(1, round(days / 7)))
        done = sum(max(0, t.counts.get(d, 0)) for d in _days(first, as_of) for t in tracks)
        out.append(Progress(label, done, goal))
    return out


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


class YearStreak(NamedTuple):
    title: str
    run: Run


class OurYear(NamedTuple):
    """The couple's year: dates (with the place, when one was named), the haunts by
    visits, the longest joint streaks alive in the year, and thanks by direction."""

    year: int
    dates: list[tuple[date, str]]  # day, place ("" when none was named)
    haunts: list[tuple[str, int]]  # place, visits; most visited first
    streaks: list[YearStreak]
    thanks: list[tuple[str, str, int]]  # from, to, how many


def our_year(
    year: int,
    dates: Sequence[tuple[date, str | None]],
    runs: Mapping[str, Sequence[Run]],
    thanks: Sequence[tuple[str, str]],
) -> OurYear:
    """`dates`: the year's dates with their place; `runs`: each habit's (by title) joint
    streaks; `thanks`: (from, to) of each thank-you given in the year."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    visits: dict[str, int] = {}
    for _, place in dates:
        if place:
            visits[place] = visits.get(place, 0) + 1
    alive = [
        YearStreak(title, run)
        for title, habit_runs in runs.items()
        for run in habit_runs
        if run.first <= last and run.last >= first
    ]
    alive.sort(key=lambda s: (-s.run.length, s.title))
    given: dict[tuple[str, str], int] = {}
    for pair in thanks:
        given[pair] = given.get(pair, 0) + 1
    return OurYear(
        year=year,
        dates=sorted((d, place or "") for d, place in dates),
        haunts=sorted(visits.items(), key=lambda kv: (-kv[1], kv[0])),
        streaks=alive[:BEST_STREAKS],
        thanks=sorted((a, b, n) for (a, b), n in given.items()),
    )
