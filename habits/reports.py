"""What the board, `streaks` and the daemon need to know about a habit:
stored history turned into the core's plain tracks, then core.streaks.compute."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import NamedTuple

from sqlalchemy.engine import Connection

from habits.core.cadence import period_of, rule_of
from habits.core.habit import Habit
from habits.core.periods import days_per_period, period_end
from habits.core.recent import current_from, window_start
from habits.core.streaks import (
    Checkpoint,
    Rule,
    Stats,
    Track,
    checkpoint_day,
    compute,
    compute_with_checkpoint,
    lookback_days,
)
from habits.core.tracks import away_days, tracks_for
from habits.store import checkpoints as store_checkpoints
from habits.store import queries


class Report(NamedTuple):
    habit: Habit
    stats: Stats  # the couple's (joint for an "each" habit)
    people: Mapping[str, Stats] = MappingProxyType({})  # "each" habits only
    done_today_by: Sequence[str] = ()  # who logged it in the current period
    period: tuple[date, date] | None = None
    complete: bool = True  # False from `board`: longest, rate_30 and strength not computed
    # person -> this period's check-ins, or for a measured habit its total in thousandths
    totals: Mapping[str, int] = MappingProxyType({})
    entered_today: Sequence[str] = ()  # who logged anything (an entered zero too) on the as-of day

    @property
    def total(self) -> int:
        """The period's total of everyone (a together habit's figure)."""
        return sum(self.totals.values())


Stored = Mapping[store_checkpoints.Key, Checkpoint]  # (habit id, scope, rule key) -> checkpoint


def reports(
    conn: Connection,
    habits: Sequence[Habit],
    *,
    as_of: date,
    week_start: int,
    people: Sequence[str],
    checkpoints: Stored | None = None,
) -> list[Report]:
    """Every figure of `habits streaks` (streaks, rate, strength). Each habit's walk through its history
    starts from the beginning, or from its stored checkpoint where one fits (pass
    `checkpoints`, from load_checkpoints), reading only the days after it; the
    figures are the same."""
    return _reports(conn, habits, as_of, week_start, people, checkpoints or {}, renew=False)[0]


def load_checkpoints(conn: Connection, habits: Sequence[Habit]) -> Stored:
    return store_checkpoints.load(conn, [h.id for h in habits if h.id is not None])


def renew_checkpoints(
    conn: Connection, habits: Sequence[Habit], *, as_of: date, week_start: int, people: Sequence[str]
) -> None:
    """Store a newer checkpoint where one is due. Call it inside a write transaction:
    the stored state is that of the history read here."""
    _, fresh = _reports(conn, habits, as_of, week_start, people, load_checkpoints(conn, habits), renew=True)
    store_checkpoints.save(conn, fresh)


def checkpoints_due(
    habits: Sequence[Habit], stored: Stored, *, as_of: date, week_start: int, people: Sequence[str]
) -> bool:
    """Whether renew_checkpoints would store anything."""
    return any(
        renew is not None
        for habit in habits
        if habit.id is not None
        for _, renew in _plan(habit, people, week_start, as_of, stored, renew=True).values()
    )


# A stored checkpoint is renewed once it lies this many days behind the newest one
# possible: it is then rewritten about once a month, and a walk covers ~10 weeks.
RENEW_AFTER_DAYS = 28

Plan = dict[str, tuple["Checkpoint | None", "date | None"]]  # scope -> (resume from, renew at)


def _scopes(habit: Habit, people: Sequence[str]) -> list[tuple[str, list[str]]]:
    """(scope, the tracks walked) for each figure of a habit: the pooled track of a
    together habit; each person's, then everyone's, for an "each" habit."""
    if habit.who == "together":
        return [(store_checkpoints.scope([]), [""])]
    everyone = sorted(people)  # the same walk whoever runs it (partners list themselves first)
    return [(store_checkpoints.scope([p]), [p]) for p in people] + [
        (store_checkpoints.scope(everyone), everyone)
    ]


def _plan(
    habit: Habit, people: Sequence[str], week_start: int, as_of: date, stored: Stored, *, renew: bool
) -> Plan:
    assert habit.id is not None
    rule = _rule(habit, week_start)
    newest = checkpoint_day(rule, as_of)
    key = store_checkpoints.rule_key(rule)
    plan: Plan = {}
    for scope, names in _scopes(habit, people):
        resume = stored.get((habit.id, scope, key))
        if (
            resume is None
            or resume.through > newest
            or len(resume.tracks) != len(names)
            or period_end(
                resume.through, rule.cadence, rule.week_start, every=rule.every, anchor=rule.created
            )
            != resume.through
        ):
            resume = None  # none, too recent for as_of, or not one we wrote
        due = renew and (resume is None or (newest - resume.through).days >= RENEW_AFTER_DAYS)
        plan[scope] = (resume, newest if due else None)
    return plan


def _reports(
    conn: Connection,
    habits: Sequence[Habit],
    as_of: date,
    week_start: int,
    people: Sequence[str],
    stored: Stored,
    *,
    renew: bool,
    plans: Mapping[int | None, Plan] | None = None,  # the caller's, when it has them
) -> tuple[list[Report], dict[store_checkpoints.Key, Checkpoint]]:
    ids = [h.id for h in habits if h.id is not None]
    if plans is None:
        plans = {h.id: _plan(h, people, week_start, as_of, stored, renew=renew) for h in habits}
    # Read each habit's history from its oldest checkpoint's window on (all of it without one).
    since: dict[int | None, date | None] = {}
    for habit in habits:
        resumes = [resume for resume, _ in plans[habit.id].values()]
        back = lookback_days(_rule(habit, week_start))  # the strength window before a checkpoint
        since[habit.id] = (
            None
            if None in resumes
            else min(r.through for r in resumes if r is not None) - timedelta(days=back - 1)
        )
    counts: dict[int, dict[str, dict[date, int]]] = {}
    for start in set(since.values()):
        group = [i for i in ids if since[i] == start]
        counts.update(queries.day_counts(conn, group, since=start, until=as_of, measured=_measured(habits)))
    first = (
        None if None in since.values() else min((d for d in since.values() if d is not None), default=None)
    )
    skips = queries.skipped_days(conn, ids, since=first)
    away = away_days(queries.away_ranges(conn, since=first))
    fresh: dict[store_checkpoints.Key, Checkpoint] = {}
    out = []
    for habit in habits:
        assert habit.id is not None
        report = _report(
            habit,
            counts[habit.id],
            skips[habit.id],
            away,
            people,
            as_of,
            week_start,
            plan=plans[habit.id],
            fresh=fresh,
        )
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
    checkpoints: Stored | None = None,
) -> list[Report]:
    """The board's figures (current streak, this period's state, who did it) from
    recent history only. A habit whose stored checkpoints fit (pass `checkpoints`)
    resumes from them, reading the weeks since (its report is then complete); the
    others read the windows of BOARD_WINDOWS, their longest, rate_30 and strength
    left at 0 (complete=False): use `reports` for those."""
    done: dict[int, Report] = {}
    pending = [h for h in habits if h.id is not None]
    if checkpoints:
        plans = {h.id: _plan(h, people, week_start, as_of, checkpoints, renew=False) for h in pending}
        ready = [h for h in pending if all(resume is not None for resume, _ in plans[h.id].values())]
        if ready:
            resumed, _ = _reports(
                conn, ready, as_of, week_start, people, checkpoints, renew=False, plans=plans
            )
            done.update((r.habit.id, r) for r in resumed)  # type: ignore[misc]
            pending = [h for h in pending if h.id not in done]
    for days in BOARD_WINDOWS:
        if not pending:
            break
        starts = {
            h.id: None
            if days is None
            else window_start(as_of, _rule(h, week_start), -(-days // days_per_period(h.cadence, h.every)))
            for h in pending
        }
        since = None if None in starts.values() else min(s for s in starts.values() if s is not None)
        ids = [h.id for h in pending if h.id is not None]
        counts = queries.day_counts(conn, ids, since=since, until=as_of, measured=_measured(pending))
        skips = queries.skipped_days(conn, ids, since=since)
        away = away_days(queries.away_ranges(conn, since=since))
        later = []
        for habit in pending:
            assert habit.id is not None
            report = _report(
                habit,
                counts[habit.id],
                skips[habit.id],
                away,
                people,
                as_of,
                week_start,
                since=starts[habit.id],
            )
            if report is None:
                later.append(habit)
            else:
                done[habit.id] = report
        pending = later
    return [done[h.id] for h in habits if h.id is not None]


def _rule(habit: Habit, week_start: int) -> Rule:
    return rule_of(habit, week_start)


def _measured(habits: Sequence[Habit]) -> set[int]:
    """The ids of the measured habits: their days are read as amounts."""
    return {h.id for h in habits if h.measured and h.id is not None}


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
    fresh: dict[store_checkpoints.Key, Checkpoint] | None = None,
) -> Report | None:  # None only with `since`: the window was too short
    """One habit's figures: from the window from `since` on (the board), or walking the
    whole history, resumed and checkpointed as `plan` says (new checkpoints go to `fresh`)."""
    tracks = tracks_for(habit, counts, skips, away, people)
    rule = _rule(habit, week_start)
    start, end = period_of(habit, as_of, week_start)
    period_days = [start + timedelta(days=i) for i in range((min(end, as_of) - start).days + 1)]
    totals = {  # a look-up per day of the period, not a scan of the history
        person: sum(per_day.get(d, 0) for d in period_days)
        for person, per_day in counts.items()
        if any(d in per_day for d in period_days)
    }
    done_by = sorted(totals)
    today_by = tuple(sorted(person for person, per_day in counts.items() if as_of in per_day))

    def stats(scope: str, names: Sequence[str]) -> Stats | None:
        group = [tracks[name] for name in names]
        if since is not None:
            return current_from(rule, group, as_of, since)
        resume, renew_at = (plan or {}).get(scope, (None, None))
        if renew_at is None:
            return compute(rule, group, as_of, resume=resume)
        result, checkpoint = compute_with_checkpoint(rule, group, as_of, renew_at, resume=resume)
        assert fresh is not None and habit.id is not None
        fresh[(habit.id, scope, store_checkpoints.rule_key(rule))] = checkpoint
        return result

    complete = since is None
    *each, (joint_scope, everyone) = _scopes(habit, people)
    joint = stats(joint_scope, everyone)
    if habit.who == "together":
        if joint is None:
            return None
        return Report(habit, joint, {}, done_by, (start, end), complete, totals, today_by)
    per_person = {names[0]: stats(scope, names) for scope, names in each}
    if joint is None or any(s is None for s in per_person.values()):
        return None
    return Report(
        habit,
        joint,
        per_person,  # type: ignore[arg-type]
        done_by,
        (start, end),
        complete,
        totals,
        today_by,
    )


class History(NamedTuple):
    """A habit's days for the heat map."""

    total: dict[date, int]  # check-ins per day, by anyone
    excused: frozenset[date]  # days excused for anyone (a skip, or apart for a together habit)
    tracks: dict[str, Track]  # what the streaks judge: {"": pooled} or one per person
    skipped: frozenset[date]  # days holding a skip (for anyone)
    away: frozenset[date]  # days apart


def history(conn: Connection, habit: Habit, *, start: date, end: date, people: Sequence[str]) -> History:
    """For the heat map: the days from `start` to `end` as the streaks see them."""
    assert habit.id is not None
    counts = queries.day_counts(conn, [habit.id], since=start, until=end, measured=_measured([habit]))[
        habit.id
    ]
    skips = queries.skipped_days(conn, [habit.id], since=start)[habit.id]
    away = away_days(queries.away_ranges(conn, since=start))
    total: dict[date, int] = {}
    for per_day in counts.values():
        for day, n in per_day.items():
            total[day] = total.get(day, 0) + n
    tracks = tracks_for(habit, counts, skips, away, people)
    excused: frozenset[date] = frozenset()
    for track in tracks.values():
        excused |= track.excused
    skipped = frozenset(day for days in skips.values() for day in days)
    return History(total, excused, tracks, skipped, away)
