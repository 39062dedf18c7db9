"""The report read from the store into plain values: each habit's pictures (per
person for a habit each of you does), the overview, the latest revealed check-ins
and, for a calendar year, the couple's year."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.core.pictures import OurYear, Panel, Window
from habits.core.streaks import Rule, Stats

if TYPE_CHECKING:
    from habits.reports import Report

# The seeded weekly date: its check-ins are the year's dates, with or without a place.
DATE_HABIT = "weekly-date"


class HabitReport(NamedTuple):
    """One habit: its panels (one for a together habit, one per person for "each"),
    the couple's figures (joint for "each") and this week's days as `review` shows them."""

    habit: Habit
    panels: list[Panel]
    joint: Stats
    week: str  # "#+-. " cells from Monday (or the week's first day) on
    week_done: int
    week_target: int
    # This period against its target, for a measured habit or one on a monthly or
    # every-N cadence (whose week says little): "25/20 minutes today", "Sam: 1/2 this
    # month"; empty for a daily or weekly yes/no habit (week_done/week_target say it).
    period: Sequence[str] = ()


class ReportData(NamedTuple):
    window: Window
    year: int | None
    week_start: int
    people: list[str]
    habits: list[HabitReport]
    review: tuple[date, list[dict[str, Any]]] | None  # the latest revealed check-ins
    our_year: OurYear | None


def report(
    conn: Connection,
    *,
    today: date,
    weeks: int,
    year: int | None,
    week_start: int,
    people: Sequence[str],
    viewer: str,
) -> ReportData:
    """Everything the page shows. A year with no check-in is refused."""
    from habits.actions.review import latest_revealed
    from habits.core import pictures
    from habits.core import review as core_review
    from habits.core.periods import period_start
    from habits.core.streaks import rule_for
    from habits.core.trace import trace
    from habits.core.tracks import away_days, tracks_for
    from habits.errors import BadValue
    from habits.reports import load_checkpoints, reports
    from habits.store import queries
    from habits.store.thanks import all_thanks

    habits = queries.habits(conn)
    ids = [h.id for h in habits if h.id is not None]
    measured = {h.id for h in habits if h.measured and h.id is not None}  # read as day totals
    if year is not None:
        if year > today.year:
            raise BadValue(f"The year {year} has not begun yet; give {today.year} or an earlier year.")
        window = pictures.year_window(year, today)
        in_year = queries.day_counts(conn, ids, since=window.start, until=window.end, measured=measured)
        if not any(per_day for per_person in in_year.values() for per_day in per_person.values()):
            raise BadValue(f"There are no check-ins in {year}; give a year you logged something in.")
    else:
        window = pictures.weeks_window(today, weeks, week_start)
    counts = queries.day_counts(
        conn, ids, until=window.end, measured=measured
    )  # all of it: strength starts at the first
    skips = queries.skipped_days(conn, ids)
    away = away_days(queries.away_ranges(conn))
    week_first = period_start(window.end, "weekly", week_start)
    # The couple's figures as `streaks` gives them (resumed from its checkpoints).
    joints = reports(
        conn,
        habits,
        as_of=window.end,
        week_start=week_start,
        people=people,
        checkpoints=load_checkpoints(conn, habits),
    )
    out: list[HabitReport] = []
    joint_runs: dict[str, list[Any]] = {}
    for h, joint_report in zip(habits, joints):
        assert h.id is not None
        rule = rule_for(h, week_start)
        joint = joint_report.stats
        tracks = tracks_for(h, counts[h.id], skips[h.id], away, people)
        if h.who == "together":
            only, runs = pictures.panel("", rule, [tracks[""]], window)
            panels = [only]
            days = core_review.week_days(tracks[""], week_first, window.end)
            needed = 1
        else:
            panels = [pictures.panel(p, rule, [tracks[p]], window)[0] for p in people]
            # The joint streaks only for the year's page (one more walk).
            runs = [] if year is None else trace(rule, [tracks[p] for p in people], window.end, []).runs
            days = core_review.joint_days([tracks[p] for p in people], week_first, window.end)
            needed = len(people)
        joint_runs[h.title] = runs
        cells_per_day = (1 if h.measured else h.per_day_limit) if h.who == "together" else needed
        out.append(
            HabitReport(
                habit=h,
                panels=panels,
                joint=joint,
                week=core_review.cells(days, cells_per_day),
                week_done=core_review.done_days(days, needed),
                week_target=core_review.week_target(rule),
                period=_period_lines(h, joint_report, rule),
            )
        )
    review = latest_revealed(conn, viewer=viewer, people=people, until=window.end)
    ours = None
    if year is not None:
        dates = [
            (r["day"], r["place"])
            for r in queries.checkin_log(conn, since=window.start, until=window.end)
            if r["place"] or r["slug"] == DATE_HABIT
        ]
        thanks = [
            (th.from_person, th.to_person)
            for th in all_thanks(conn)
            if window.start <= th.thanked_on <= window.end
        ]
        ours = pictures.our_year(year, _one_per_day(dates), joint_runs, thanks)
    return ReportData(window, year, week_start, list(people), out, review, ours)


def _period_lines(h: Habit, joint: Report, rule: Rule) -> list[str]:
    """This period's figure of `joint` (the habit's figures as `streaks` gives them): a together habit's
    total, or each person's."""
    from habits.core.cadence import this_period, total_text

    if not h.measured and h.cadence in ("daily", "weekly"):
        return []
    assert joint.period is not None
    asked = rule.period_target(rule.grid(), rule.grid().index(joint.period[0].toordinal()))

    def text(total: int) -> str:
        return total_text(h, total) if h.measured else f"{total}/{asked} {this_period(h)}"

    if h.who == "together":
        return [text(joint.total)]
    return [f"{p}: {text(joint.totals.get(p, 0))}" for p in joint.people]


def _one_per_day(dates: Sequence[tuple[date, str | None]]) -> list[tuple[date, str | None]]:
    """A date logged by both of you is one date (the place named, if either named one)."""
    seen: dict[date, str | None] = {}
    for day, place in dates:
        seen[day] = seen.get(day) or place
    return sorted(seen.items())
