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
from habits.core.streaks import (
    LOOKBACK_DAYS,
    Checkpoint,
    Rule,
    Stats,
    Track,
    checkpoint_day,
    compute,
    compute_with_checkpoint,
)
from habits.store import checkpoints as store_checkpoints
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
    checkpoints: bool = False,
) -> list[Report]:
    """Every figure of SPEC 4 (`habits streaks`). Each habit's walk through its history
    starts from the beginning, or with `checkpoints` from its stored checkpoint where
    one fits, reading only the days after it (the figures are the same)."""
    return _reports(conn, habits, as_of, week_start, people, checkpoints, renew=False)[0]


def renew_checkpoints(
    conn: Connection, habits: Sequence[Habit], *, as_of: date, week_start: int, people: Sequence[str]
) -> list[Report]:
    """reports(checkpoints=True), storing a newer checkpoint where one is due. Call it
    inside a write transaction: the stored state is that of the history read here."""
    out, fresh = _reports(conn, habits, as_of, week_start, people, True, renew=True)
    store_checkpoints.save(conn, fresh)
    return out


def checkpoints_due(
    conn: Connection, habits: Sequence[Habit], *, as_of: date, week_start: int, people: Sequence[str]
) -> bool:
    """Whether renew_checkpoints would store anything (reads the cache rows only)."""
    stored = store_checkpoints.load(conn, [h.id for h in habits if h.id is not None])
    return any(
        renew is not None
        for habit in habits if habit.id is not None
        for _, renew in _plan(habit, people, week_start, as_of, stored, renew=True).values()
    )


# A stored checkpoint is renewed once it lies this many days behind the newest one
# possible: `streaks` then writes about once a month, and walks at most ~10 weeks.
RENEW_AFTER_DAYS = 28

Plan = dict[str, tuple["Checkpoint | None", "date | None"]]  # scope -> (resume from, renew at)


def _scopes(habit: Habit, people: Sequence[str]) -> list[tuple[str, list[str]]]:
    """(scope, the tracks walked) for each figure of a habit: the pooled track of a
    together habit; each person's, then everyone's, for an "each" habit."""
    if habit.who == "together":
        return [(store_checkpoints.scope([]), [""])]
    return [(store_checkpoints.scope([p]), [p]) for p in people] + [(store_checkpoints.scope(people), list(people))]


def _plan(habit: Habit, people: Sequence[str], week_start: int, as_of: date,
          stored: Mapping[tuple[int, str], tuple[str, Checkpoint]], *, renew: bool) -> Plan:
    assert habit.id is not None
    rule = _rule(habit, week_start)
    newest = checkpoint_day(rule, as_of)
    key = store_checkpoints.rule_key(rule)
    plan: Plan = {}
    for scope, names in _scopes(habit, people):
        rule_then, resume = stored.get((habit.id, scope), (None, None))
        if (rule_then != key or resume is None or resume.through > newest or len(resume.tracks) != len(names)
                or period_end(resume.through, rule.cadence, rule.week_start) != resume.through):
            resume = None  # none, another rule's, too recent for as_of, or not one we wrote
        due = renew and (resume is None or (newest - resume.through).days >= RENEW_AFTER_DAYS)
        plan[scope] = (resume, newest if due else None)
    return plan


def _reports(
    conn: Connection,
    habits: Sequence[Habit],
    as_of: date,
    week_start: int,
    people: Sequence[str],
    use_checkpoints: bool,
    *,
    renew: bool,
    plans: Mapping[int | None, Plan] | None = None,
) -> tuple[list[Report], dict[tuple[int, str], tuple[str, Checkpoint]]]:
    ids = [h.id for h in habits if h.id is not None]
    if plans is None:
        stored = store_checkpoints.load(conn, ids) if use_checkpoints else {}
        plans = {h.id: _plan(h, people, week_start, as_of, stored, renew=renew) for h in habits}
    # Read each habit's history from its oldest checkpoint's window on (all of it without one).
    since: dict[int, date | None] = {}
    for habit_id, plan in plans.items():
        resumes = [resume for resume, _ in plan.values()]
        since[habit_id] = None if None in resumes else min(
            r.through for r in resumes if r is not None) - timedelta(days=LOOKBACK_DAYS - 1)
    counts: dict[int, dict[str, dict[date, int]]] = {}
    for start in set(since.values()):
        group = [i for i in ids if since[i] == start]
        counts.update(queries.day_counts(conn, group, since=start, until=as_of))
    skips = queries.skipped_days(conn, ids)
    away = away_days(queries.away_ranges(conn))
    fresh: dict[tuple[int, str], tuple[str, Checkpoint]] = {}
    out = []
    for habit in habits:
        assert habit.id is not None
        report = _report(habit, counts[habit.id], skips[habit.id], away, people, as_of, week_start,
                         plan=plans[habit.id], fresh=fresh)
        assert report is not None
        out.append(report)
    return out, fresh


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
    checkpoints: bool = False,
) -> list[Report]:
    """The board's figures (current streak, this period's state, who did it) from
    recent history only. longest, rate_30 and strength are left at 0 (complete=False):
    use `reports` for those. With `checkpoints`, a streak that reaches back past the
    first window is resumed from the habit's stored checkpoint where one fits (and
    then the report is complete)."""
    done: dict[int, Report] = {}
    pending = [h for h in habits if h.id is not None]
    for days in BOARD_WINDOWS:
        if not pending:
            break
        if checkpoints and days != BOARD_WINDOWS[0]:
            pending = _resumed(conn, pending, done, as_of, week_start, people)
            checkpoints = False
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


def _resumed(conn: Connection, habits: Sequence[Habit], done: dict[int, Report], as_of: date,
             week_start: int, people: Sequence[str]) -> list[Habit]:
    """Report the habits whose every figure can resume from a stored checkpoint (into
    `done`); return the others."""
    stored = store_checkpoints.load(conn, [h.id for h in habits if h.id is not None])
    plans = {h.id: _plan(h, people, week_start, as_of, stored, renew=False) for h in habits}
    ready = [h for h in habits if all(resume is not None for resume, _ in plans[h.id].values())]
    if ready:
        reports, _ = _reports(conn, ready, as_of, week_start, people, True, renew=False, plans=plans)
        done.update((r.habit.id, r) for r in reports)  # type: ignore[misc]
    return [h for h in habits if h not in ready]


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
    plan: Plan | None = None,
    fresh: dict[tuple[int, str], tuple[str, Checkpoint]] | None = None,
) -> Report | None:  # None only with `since`: the window was too short
    """One habit's figures: from the window from `since` on (the board), or walking the
    whole history, resumed and checkpointed as `plan` says (new checkpoints go to `fresh`)."""
    tracks = tracks_for(habit, counts, skips, away, people)
    rule = _rule(habit, week_start)
    start = period_start(as_of, habit.cadence, week_start)
    end = period_end(as_of, habit.cadence, week_start)
    period_days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    done_by = sorted(  # a look-up per day of the period, not a scan of the history
        person for person, per_day in counts.items() if any(d in per_day for d in period_days)
    )

    def stats(scope: str, names: Sequence[str]) -> Stats | None:
        group = [tracks[name] for name in names]
        if since is not None:
            return current_from(rule, group, as_of, since)
        resume, renew_at = (plan or {}).get(scope, (None, None))
        if renew_at is None:
            return compute(rule, group, as_of, resume=resume)
        result, checkpoint = compute_with_checkpoint(rule, group, as_of, renew_at, resume=resume)
        assert fresh is not None and habit.id is not None
        fresh[(habit.id, scope)] = (store_checkpoints.rule_key(rule), checkpoint)
        return result

    complete = since is None
    *each, (joint_scope, everyone) = _scopes(habit, people)
    joint = stats(joint_scope, everyone)
    if habit.who == "together":
        return None if joint is None else Report(habit, joint, {}, done_by, (start, end), complete)
    per_person = {names[0]: stats(scope, names) for scope, names in each}
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
