"""The week's review read from the store: every habit's figures (those of `streaks`
as of the week's last day, or today for the current week), its days, who carried it,
days apart, haunts, notes, thanks, and the tip of the week."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from habits.core.review import Figures

# The review keeps its own checkpoint per habit and scope, four weeks back, beside the
# ones of `streaks` (a key of its own; the same triggers forget both).
REVIEW_KEY = "review:"


def week_of(day: date, week_start: int) -> tuple[date, date]:
    from habits.core.periods import period_end, period_start

    return period_start(day, "weekly", week_start), period_end(day, "weekly", week_start)


def review(
    conn: Connection, *, day: date, today: date, week_start: int, people: Sequence[str], viewer: str
) -> tuple[dict[str, Any], dict[Any, Any]]:
    """(the review of the week holding `day` as `viewer` may see it, as plain data; the
    checkpoints to keep). A partner's check-in is sealed until both have checked in."""
    from habits.actions.rituals import checkins
    from habits.core import review as core
    from habits.core.cadence import measure_json, period_of, rule_of
    from habits.core.catalog import CATALOG, SEED_HABITS
    from habits.core.haunts import suggestion
    from habits.core.periods import period_end
    from habits.core.streaks import RATE_WINDOW_DAYS, checkpoint_day, lookback_days
    from habits.core.tracks import away_days, tracks_for
    from habits.reports import RENEW_AFTER_DAYS
    from habits.store import checkpoints as store_checkpoints
    from habits.store import queries
    from habits.store.thanks import all_thanks

    start, end = week_of(day, week_start)
    as_of = min(end, today)
    habits = queries.habits(conn)
    ids = [h.id for h in habits if h.id is not None]
    stored = store_checkpoints.load(conn, ids)
    # Read from the oldest fitting checkpoint's window on, or everything without one.
    early = as_of - timedelta(days=core.MONTH_AGO)
    plans: dict[int, dict[str, tuple[list[str], Any, str]]] = {}
    kept: dict[tuple[int, str, str], Any] = {}  # the stored checkpoints, fit or not
    since: date | None = as_of
    for h in habits:
        assert h.id is not None
        rule = rule_of(h, week_start)
        key = REVIEW_KEY + store_checkpoints.rule_key(rule)
        everyone = sorted(people)
        scopes = (
            [([""], "[]")] if h.who == "together" else [([p], store_checkpoints.scope([p])) for p in people]
        )
        if h.who == "each":
            scopes.append((everyone, store_checkpoints.scope(everyone)))
        plans[h.id] = {}
        for names, scope in scopes:
            kept[(h.id, scope, key)] = cp = stored.get((h.id, scope, key))
            if cp is not None and (
                len(cp.tracks) != len(names)
                or cp.through > checkpoint_day(rule, early)
                or period_end(cp.through, rule.cadence, week_start, every=rule.every, anchor=rule.created)
                != cp.through
            ):
                cp = None  # too recent to reach four weeks back, or not one we wrote
            plans[h.id][scope] = (names, cp, key)
            if cp is None:
                since = None
            elif since is not None:
                since = min(since, cp.through - timedelta(days=lookback_days(rule) + RATE_WINDOW_DAYS))
    since = min(since, start) if since is not None else None
    measured = {h.id for h in habits if h.measured and h.id is not None}
    counts = queries.day_counts(conn, ids, since=since, until=as_of, measured=measured)
    skips = queries.skipped_days(conn, ids, since=since)
    away = away_days(queries.away_ranges(conn, since=since))
    fresh: dict[Any, Any] = {}
    out_habits = []
    for h in habits:
        assert h.id is not None
        rule = rule_of(h, week_start)
        tracks = tracks_for(h, counts[h.id], skips[h.id], away, people)
        per_scope: dict[str, Figures] = {}
        for scope, (names, cp, key) in plans[h.id].items():
            figs, mark = core.figures(rule, [tracks[n] for n in names], as_of, resume=cp)
            per_scope[scope] = figs
            old = kept[(h.id, scope, key)]
            if old is None or (mark.through - old.through).days >= RENEW_AFTER_DAYS:
                fresh[(h.id, scope, key)] = mark  # an earlier week's review keeps the newer one
        joint_scope = list(plans[h.id])[-1]
        joint = per_scope[joint_scope]
        if h.who == "each":  # done on a day only when all of you did it; one of two is part done
            needed = len(people)
            days = core.joint_days([tracks[p] for p in people], start, as_of)
        else:
            needed = 1
            days = core.week_days(tracks[""], start, as_of)
        entry: dict[str, Any] = {
            "habit": h.slug,
            "title": h.title,
            "cadence": h.cadence,
            **({"every": h.every} if h.cadence == "every" else {}),
            "target": h.target,
            "who": h.who,
            **_figures_json(joint),
            "week_done": core.done_days(days, needed),
            "week_target": core.week_target(rule),
            "days": core.cells(
                days, (1 if h.measured else h.per_day_limit) if h.who == "together" else needed
            ),
        }
        if h.who == "each":
            entry["people"] = {}
            done: dict[str, int] = {}
            for p in people:
                mine = core.week_days(tracks[p], start, as_of)
                done[p] = core.done_days(mine)
                entry["people"][p] = {
                    **_figures_json(per_scope[store_checkpoints.scope([p])]),
                    "week_done": done[p],
                    "days": core.cells(mine),
                }
            entry["carried_by"] = core.carried_by(done)
        if h.measured:
            first, _ = period_of(h, as_of, week_start)
            total = sum(
                n for track in tracks.values() for d, n in track.counts.items() if first <= d <= as_of
            )
            entry["measure"] = measure_json(h, total)
        out_habits.append(entry)
    week_log = [r for r in queries.checkin_log(conn, since=start) if r["day"] <= end]
    places = sorted({r["place"] for r in week_log if r.get("place")})
    whys = [str(h["why"]) for h in (*SEED_HABITS, *CATALOG.values()) if h.get("why")]
    tip = core.tip_of_week(whys, start)
    result = {
        "week": {"start": start.isoformat(), "end": end.isoformat(), "as_of": as_of.isoformat()},
        "habits": out_habits,
        "days_apart": sorted(d.isoformat() for d in away if start <= d <= end),
        "haunts_visited": places,
        "go_back_to": suggestion(queries.haunt_visits(conn), as_of),
        "notes": [
            {"day": r["day"].isoformat(), "person": r["person"], "habit": r["slug"], "note": r["note"]}
            for r in week_log
            if r.get("note")
        ],
        "thanks": [
            {
                "day": th.thanked_on.isoformat(),
                "from": th.from_person,
                "to": th.to_person,
                "habit": th.slug,
                "note": th.note,
            }
            for th in all_thanks(conn)
            if start <= th.thanked_on <= end
        ],
        "checkins": [_checkin_json(a) for a in checkins(conn, viewer=viewer, people=people, week=start)],
        "tip": None if tip is None else {"text": tip.text, "expert": tip.expert},
    }
    return result, fresh


def _figures_json(f: Figures) -> dict[str, Any]:
    now, before = f.now, f.week_ago
    return {
        "current": now.current,
        "longest": now.longest,
        "done_this_period": now.done_this_period,
        "at_risk": now.at_risk,
        "rate_30": round(now.rate_30, 4),
        "strength": round(now.strength, 4),
        "current_week_ago": before.current,
        "streak_change": now.current - before.current,
        "strength_week_ago": round(before.strength, 4),
        "strength_month_ago": round(f.month_ago.strength, 4),
    }


def _checkin_json(answer: Any) -> dict[str, Any]:
    """One person's check-in: its answers, or only that it exists while it is sealed."""
    from habits.core.rituals import decode_checkin

    out: dict[str, Any] = {"person": answer.person, "sealed": answer.sealed}
    if not answer.sealed:
        c = decode_checkin(answer.body)
        out.update(
            appreciations=list(c.appreciations),
            went_well=c.went_well,
            work_on=c.work_on,
            connected=c.connected,
        )
    return out


# How many weeks back the report looks for the latest check-ins you both gave.
REVEALED_WEEKS_BACK = 104


def latest_revealed(
    conn: Connection, *, viewer: str, people: Sequence[str], until: date
) -> tuple[date, list[dict[str, Any]]] | None:
    """The latest week up to `until` whose check-ins are revealed (every one of you
    checked in; alone, yours), with those check-ins: never a sealed one."""
    from habits.actions.rituals import checkins
    from habits.core.rituals import CHECKIN
    from habits.store import answers

    couple = {p for p in people if p}
    for week in answers.periods_before(conn, CHECKIN, until + timedelta(days=1), REVEALED_WEEKS_BACK):
        given = checkins(conn, viewer=viewer, people=people, week=week)
        if given and couple <= {a.person for a in given} and not any(a.sealed for a in given):
            return week, [_checkin_json(a) for a in given]
    return None
