"""What the board, `streaks` and the daemon need to know about a habit:
stored history turned into the core's plain tracks, then core.streaks.compute."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import NamedTuple

from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.core.periods import days_per_period, period_end, period_start
from habits.core.recent import current_from, window_start
from habits.core.streaks import Rule, Stats, Track, compute
from habits.store import queries


class Report(NamedTuple):
    habit: Habit
    stats: Stats  # the couple's (joint for an "each" habit)
    people: Mapping[str, Stats] = MappingProxyType({})  # "each" habits only
    done_today_by: Sequence[str] = ()  # who logged it in the current period
    period: tuple[date, date] | None = None
    complete: bool = True  # False from `board`: longest, rate_30 and strength not computed


def away_days(ranges: Sequence[tuple[date, date]]) -> frozenset[date]:
    days: set[date] = set()
    for start, end in ranges:
        day = start
        while day <= end:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


def tracks_for(
    habit: Habit,
    counts: Mapping[str, Mapping[date, int]],
    skips: Mapping[str, set[date]],
    away: frozenset[date],
    people: Sequence[str],
) -> dict[str, Track]:
    """The tracks to compute: {"": pooled} for a together habit, one per person for "each"."""
    everyone = frozenset(skips.get("", set()))
    if habit.who == "together":
        pooled: dict[date, int] = {}
        for per_day in counts.values():
            for day, n in per_day.items():
                pooled[day] = pooled.get(day, 0) + n
        excused = everyone | away
        for person_skips in skips.values():  # one shared act: anyone's skip excuses it
            excused |= person_skips
        return {"": Track(counts=pooled, excused=frozenset(excused))}
    return {
        person: Track(
            counts=dict(counts.get(person, {})),
            excused=everyone | frozenset(skips.get(person, set())),
        )
        for person in people
    }


def reports(
    conn: Connection,
    habits: Sequence[Habit],
    *,
    as_of: date,
    week_start: int,
    people: Sequence[str],
) -> list[Report]:
    """Every figure of SPEC 4 (`habits streaks`): walks each habit's whole history."""
    ids = [h.id for h in habits if h.id is not None]
    counts = queries.day_counts(conn, ids, until=as_of)
    skips = queries.skipped_days(conn, ids)
    away = away_days(queries.away_ranges(conn))
    return [
        _report(habit, counts[habit.id], skips[habit.id], away, people, as_of, week_start)  # type: ignore[index]
        for habit in habits
    ]


# The board reads this many recent days first (whole periods: 10 weeks for a weekly
# habit), then more while a streak reaches the window's edge, then the whole history
# (see habits.core.recent). Days, not periods, so that one query serves every habit.
BOARD_WINDOWS: tuple[int | None, ...] = (70, 500, None)


def board(
    conn: Connection,
    habits: Sequence[Habit],
    *,
    as_of: date,
    week_start: int,
    people: Sequence[str],
) -> list[Report]:
    """The board's figures (current streak, this period's state, who did it) from
    recent history only. longest, rate_30 and strength are left at 0 (complete=False):
    use `reports` for those."""
    done: dict[int, Report] = {}
    pending = [h for h in habits if h.id is not None]
    for days in BOARD_WINDOWS:
        if not pending:
            break
        starts = {
            h.id: None if days is None
            else window_start(as_of, _rule(h, week_start), -(-days // days_per_period(h.cadence)))
            for h in pending
        }
        since = None if None in starts.values() else min(s for s in starts.values() if s is not None)
        ids = [h.id for h in pending]
        counts = queries.day_counts(conn, ids, since=since, until=as_of)
        skips = queries.skipped_days(conn, ids, since=since)
        away = away_days(queries.away_ranges(conn, since=since))
        later = []
        for habit in pending:
            assert habit.id is not None
            report = _report(
                habit, counts[habit.id], skips[habit.id], away, people, as_of, week_start,
                since=starts[habit.id],
            )
            if report is None:
                later.append(habit)
            else:
                done[habit.id] = report
        pending = later
    return [done[h.id] for h in habits if h.id is not None]


def _rule(habit: Habit, week_start: int) -> Rule:
    return Rule(cadence=habit.cadence, target=habit.target, week_start=week_start, created=habit.created_on)


def _report(
    habit: Habit,
    counts: Mapping[str, Mapping[date, int]],
    skips: Mapping[str, set[date]],
    away: frozenset[date],
    people: Sequence[str],
    as_of: date,
    week_start: int,
    *,
    since: date | None = None,
) -> Report | None:  # None only with `since`: the window was too short
    tracks = tracks_for(habit, counts, skips, away, people)
    rule = _rule(habit, week_start)
    start = period_start(as_of, habit.cadence, week_start)
    end = period_end(as_of, habit.cadence, week_start)
    period_days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    done_by = sorted(  # a look-up per day of the period, not a scan of the history
        person for person, per_day in counts.items() if any(d in per_day for d in period_days)
    )

    def stats(group: Sequence[Track]) -> Stats | None:
        return compute(rule, group, as_of) if since is None else current_from(rule, group, as_of, since)

    complete = since is None
    if habit.who == "together":
        joint = stats([tracks[""]])
        return None if joint is None else Report(habit, joint, {}, done_by, (start, end), complete)
    per_person = {p: stats([tr]) for p, tr in tracks.items()}
    joint = stats(list(tracks.values()))
    if joint is None or any(s is None for s in per_person.values()):
        return None
    return Report(habit, joint, per_person, done_by, (start, end), complete)  # type: ignore[arg-type]


def history(
    conn: Connection, habit: Habit, *, start: date, end: date, people: Sequence[str]
) -> tuple[dict[date, int], frozenset[date]]:
    """For the heat map: check-ins per day by anyone, and the days excused for anyone."""
    assert habit.id is not None
    counts = queries.day_counts(conn, [habit.id], since=start, until=end)[habit.id]
    skips = queries.skipped_days(conn, [habit.id], since=start)[habit.id]
    away = away_days(queries.away_ranges(conn, since=start))
    total: dict[date, int] = {}
    for per_day in counts.values():
        for day, n in per_day.items():
            total[day] = total.get(day, 0) + n
    excused: frozenset[date] = frozenset()
    for track in tracks_for(habit, counts, skips, away, people).values():
        excused |= track.excused
    return total, excused


def stats_json(stats: Stats) -> dict[str, object]:
    return {
        "current": stats.current,
        "longest": stats.longest,
        "done_this_period": stats.done_this_period,
        "at_risk": stats.at_risk,
        "rate_30": round(stats.rate_30, 4),
        "strength": round(stats.strength, 4),
    }


def report_json(report: Report) -> dict[str, object]:
    habit = report.habit
    out: dict[str, object] = {
        "habit": habit.slug,
        "title": habit.title,
        "cadence": habit.cadence,
        "target": habit.target,
        "unit": "days" if habit.cadence == "daily" else "weeks",
        "who": habit.who,
        **stats_json(report.stats),
        "excused_this_period": report.stats.excused_this_period,
    }
    if habit.who == "each":
        out["people"] = {name: stats_json(s) for name, s in report.people.items()}
    return out
