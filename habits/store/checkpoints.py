"""The streak cache: where `habits streaks` resumes each habit's walk.

Rows are keyed by habit, scope (whose tracks were walked) and rule; a row that cannot
be read is no row. Triggers keep the table honest (migrations/versions/0002); this
module only reads and replaces rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from habits.core.streaks import Checkpoint, Rule, TrackState
from habits.store import tables as t

Key = tuple[int, str, str]  # (habit id, scope, rule key)


def scope(people: Iterable[str]) -> str:
    """The scope of a walk over these people's tracks, in this order ([] = everyone's, pooled)."""
    return json.dumps(list(people), ensure_ascii=False)


def rule_key(rule: Rule) -> str:
    """What the walk depends on: a day is a day whatever the week's first day; a month
    is a calendar month; every-N periods count from the habit's first day; a measured
    habit is judged on its kind and amount. (Yes/no daily and weekly keys are as before.)"""
    if rule.cadence == "daily":
        key = f"daily:{rule.target}"
    elif rule.cadence == "monthly":
        key = f"monthly:{rule.target}"
    elif rule.cadence == "every":
        created = rule.created.toordinal() if rule.created is not None else "-"
        key = f"every:{rule.target}:{rule.every}:{created}"
    else:
        key = f"{rule.cadence}:{rule.target}:{rule.week_start}"
    if rule.measure:  # the column holds 40 characters, "review:" included: at most 32 here
        key += f":{'ge' if rule.measure == 'at_least' else 'le'}:{rule.goal}"
    return key


def load(conn: Connection, habit_ids: Iterable[int]) -> dict[Key, Checkpoint]:
    """(habit id, scope, rule key) -> checkpoint, for the rows that can be read."""
    ids = list(habit_ids)
    if not ids:
        return {}
    c = t.streak_cache.c
    out: dict[Key, Checkpoint] = {}
    for row in conn.execute(select(t.streak_cache).where(c.habit_id.in_(ids))):
        checkpoint = _checkpoint(row)
        if checkpoint is not None:
            out[(row.habit_id, row.scope, row.rule)] = checkpoint
    return out


def _checkpoint(row: Any) -> Checkpoint | None:
    try:
        tracks = tuple(
            TrackState(int(total), _ordinal(first), _ordinal(first_checkin), float(score))
            for total, first, first_checkin, score in json.loads(row.tracks)
        )
    except (ValueError, TypeError):  # not ours, or damaged: recomputed and replaced
        return None
    return Checkpoint(row.through, int(row.run), int(row.longest), tracks)


def _ordinal(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int):
        raise TypeError(f"not a day ordinal: {value!r}")
    return value


def save(conn: Connection, rows: Mapping[Key, Checkpoint]) -> None:
    """Replace the rows of these keys (inside the write transaction that read the history)."""
    if not rows:
        return
    c = t.streak_cache.c
    for habit_id, key_scope, rule in rows:
        conn.execute(
            delete(t.streak_cache).where(c.habit_id == habit_id, c.scope == key_scope, c.rule == rule)
        )
    conn.execute(
        insert(t.streak_cache),
        [
            {
                "habit_id": habit_id,
                "scope": key_scope,
                "rule": rule,
                "through": cp.through,
                "run": cp.run,
                "longest": cp.longest,
                "tracks": json.dumps([list(s) for s in cp.tracks]),
            }
            for (habit_id, key_scope, rule), cp in rows.items()
        ],
    )
