"""What the board, `streaks` and the daemon need to know about a habit:
stored history turned into the core's plain tracks, then core.streaks.compute."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy.engine import Connection

from habits.core.habit import Habit
from habits.core.periods import period_end, period_start
from habits.core.streaks import Rule, Stats, Track, compute
from habits.store import queries


@dataclass(frozen=True)
class Report:
    habit: Habit
    stats: Stats  # the couple's (joint for an "each" habit)
    people: Mapping[str, Stats] = field(default_factory=dict)  # "each" habits only
    done_today_by: Sequence[str] = ()  # who logged it in the current period
    period: tuple[date, date] | None = None


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
    ids = [h.id for h in habits if h.id is not None]
    counts = queries.day_counts(conn, ids, until=as_of)
    skips = queries.skipped_days(conn, ids)
    away = away_days(queries.away_ranges(conn))
    out = []
    for habit in habits:
        assert habit.id is not None
        tracks = tracks_for(habit, counts[habit.id], skips[habit.id], away, people)
        rule = Rule(cadence=habit.cadence, target=habit.target, week_start=week_start, created=habit.created_on)
        start = period_start(as_of, habit.cadence, week_start)
        end = period_end(as_of, habit.cadence, week_start)
        done_by = sorted(
            person
            for person, per_day in counts[habit.id].items()
            if any(start <= d <= end for d in per_day)
        )
        if habit.who == "together":
            out.append(Report(habit, compute(rule, [tracks[""]], as_of), {}, done_by, (start, end)))
        else:
            per_person = {p: compute(rule, [tr], as_of) for p, tr in tracks.items()}
            joint = compute(rule, list(tracks.values()), as_of)
            out.append(Report(habit, joint, per_person, done_by, (start, end)))
    return out


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
