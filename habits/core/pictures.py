"""The report's pictures as plain values: for one habit and one person (or the pair),
the strength over time, the history calendar, the best streaks, the check-ins (or a
measured habit's amounts) by weekday, the progress towards the target this week,
month and year (or the habit's own period), a measured habit's totals per period;
and the couple's year. Figures come from the streaks' own walk (habits.core.trace,
one walk per track group), periods from the rule's grid, and the calendar's days are
judged by habits.core.heatmap. Amounts are whole thousandths of the unit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from habits.core.heatmap import DONE, EXCUSED_DAY, MISSED, PARTLY, day_states
from habits.core.periods import WEEKDAY_NAMES, period_start
from habits.core.streaks import Rule, Stats, Track
from habits.core.trace import Run, trace

# The strength chart shows one point per bucket (its last day): days for a short
# window, weeks up to a year and a bit, months beyond.
DAY_BUCKETS_UP_TO = 8 * 7
WEEK_BUCKETS_UP_TO = 54 * 7
CALENDAR_WEEKS = 53  # the calendar shows at most the window's last year
BEST_STREAKS = 5
TOTALS_SHOWN = 42  # a measured habit's totals chart: the window's last periods, at most
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
    """Check-ins (measured: the amount, in thousandths) in a span holding the as-of day,
    up to it, against what the target asks over the whole span."""

    label: str  # "this week", "this month", "this year", "this period"
    done: int
    goal: int


class PeriodTotal(NamedTuple):
    """A measured habit's total in one of its periods (up to the as-of day), in thousandths."""

    first: date
    last: date
    total: int
    state: str  # "met" (reached, or stayed within the limit), "missed", "running" (not over yet)


class Panel(NamedTuple):
    """One habit's pictures for one person of an "each" habit, or for a together habit
    (who ""). `totals` only for a measured habit."""

    who: str
    stats: Stats  # as of the window's end
    bucket: str  # "day" | "week" | "month"
    strength: list[tuple[date, float]]  # a bucket's last day, the strength then (0..1)
    calendar: list[tuple[date, str]]  # a day of the window's last year, its state (STATES)
    best: list[Run]  # the longest streaks of all the history, longest first
    weekdays: list[tuple[str, int]]  # check-ins in the window per weekday, from the week's start
    progress: list[Progress]
    totals: Sequence[PeriodTotal] = ()

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
            last = _month_end(day.replace(day=1))
        ends.append(min(last, window.end))
        day = last + timedelta(days=1)
    return ends


def panel(who: str, rule: Rule, tracks: Sequence[Track], window: Window) -> tuple[Panel, list[Run]]:
    """The pictures of `tracks` judged together (one person's, or a together habit's
    pooled track) over `window`, and every streak of the history (oldest first)."""
    bucket = bucket_for(window)
    marks = bucket_ends(window, bucket, rule.week_start)
    walked = trace(rule, tracks, window.end, marks)
    best = sorted(walked.runs, key=lambda r: (-r.length, -r.last.toordinal()))[:BEST_STREAKS]
    shown = max(window.start, window.end - timedelta(days=7 * CALENDAR_WEEKS - 1))
    days = _days(shown, window.end)
    states = day_states(rule, tracks, days)
    calendar = [(d, states[d]) for d in days]
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
            totals=totals(rule, tracks, window) if rule.measure else [],
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
    """This week's, month's and year's check-ins (a measured habit's amount) up to
    as_of, against what the rule asks over the whole span: each of its periods' target
    (a measured habit's amount) in the share of the period that lies in the span. A
    span shorter than the habit's period gives way to that period ("this period")."""
    week = period_start(as_of, "weekly", rule.week_start)
    month = as_of.replace(day=1)
    spans = [
        ("this week", week, week + timedelta(days=6)),
        ("this month", month, _month_end(month)),
        ("this year", as_of.replace(month=1, day=1), date(as_of.year, 12, 31)),
    ]
    if rule.cadence == "monthly":
        spans = spans[1:]  # a week is part of a month's period
    elif rule.cadence == "every" and rule.every > 7:
        first, last = rule.period(as_of)
        spans = [("this period", first, last)] + [s for s in spans if (s[2] - s[1]).days + 1 >= rule.every]
    return [
        Progress(label, _amount(tracks, first, as_of), _asked(rule, first, last))
        for label, first, last in spans
    ]


def _asked(rule: Rule, first: date, last: date) -> int:
    """What the rule asks from `first` to `last`: each period's target (check-ins, or
    a measured habit's amount), pro rata."""
    grid = rule.grid()
    lo, hi = first.toordinal(), last.toordinal()
    asked = 0.0
    for p in range(grid.index(lo), grid.index(hi) + 1):
        inside = min(hi, grid.last(p)) - max(lo, grid.first(p)) + 1
        target = rule.goal if rule.measure else rule.period_target(grid, p)
        asked += target * inside / grid.length(p)
    if not rule.measure:
        return max(1, round(asked))
    # An amount: whole units when the period's target is whole (8.857 takeaways reads as 9).
    return round(asked / 1000) * 1000 if rule.goal % 1000 == 0 else round(asked)


def _amount(tracks: Sequence[Track], first: date, last: date) -> int:
    return sum(max(0, t.counts.get(d, 0)) for d in _days(first, last) for t in tracks)


def totals(rule: Rule, tracks: Sequence[Track], window: Window) -> list[PeriodTotal]:
    """A measured habit's total in each of its periods that the window reaches (the
    last TOTALS_SHOWN of them), each period counted whole up to the window's end;
    none before the habit began (its first entry here, or its creation if earlier)."""
    grid = rule.grid()
    end = window.end.toordinal()
    began = [d for t in tracks for d, n in t.counts.items() if n >= 0] + (
        [rule.created] if rule.created else []
    )
    first_p = grid.index(max(window.start, min(began, default=window.end)).toordinal())
    out = []
    for p in range(max(first_p, grid.index(end) - TOTALS_SHOWN + 1), grid.index(end) + 1):
        first, last = date.fromordinal(grid.first(p)), date.fromordinal(grid.last(p))
        total = _amount(tracks, first, min(last, window.end))
        within = total <= rule.goal if rule.measure == "at_most" else total >= rule.goal
        # The current period (its last day is not over) still runs: an at-least one while
        # short of the goal, an at-most one while within the limit.
        running = last >= window.end and within == (rule.measure == "at_most")
        out.append(PeriodTotal(first, last, total, "running" if running else "met" if within else "missed"))
    return out


def _month_end(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)


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
