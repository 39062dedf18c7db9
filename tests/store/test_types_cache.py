"""The streak cache stays honest for the new habit types, on SQLite and PostgreSQL:
`habits streaks` resumes monthly, every-N and measured habits from their rows with the
figures of a walk from the beginning; an edit of cadence, target or measure, and an
amount inserted or changed by plain SQL, forget the rows they invalidate."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert, select, update

from habits.core.streaks import Rule
from habits.reports import reports
from habits.store import checkpoints, queries
from habits.store import tables as t
from habits.store.db import open_store

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 11)
STAMP = datetime(2026, 3, 11, 8, 0)
TYPES = {
    "clean": ("--monthly", "--times", "2"),
    "plants": ("--every", "3"),
    "talk": ("--daily", "--measure", "minutes", "--at-least", "20"),
    "takeaway": ("--weekly", "--measure", "takeaways", "--at-most", "2"),
}


def fill(url: str) -> dict[str, int]:
    """300 days of history for the four habits (created a year ago), by plain SQL."""
    s = open_store(url, now=NOW, today=TODAY)
    with s.write() as conn:
        conn.execute(update(t.habits).values(created_on=date(2025, 3, 1)))
        ids = {h.slug: h.id for h in queries.habits(conn)}
        rows = []
        for i in range(1, 300):
            day = TODAY - timedelta(days=i)
            base = {"day": day, "person": "Alex", "seq": 0, "logged_at": STAMP}
            if day.day in (1, 15) and i % 100:
                rows.append({**base, "habit_id": ids["clean"]})
            if i % 3 and i % 50:
                rows.append({**base, "habit_id": ids["plants"]})
            if i % 11:
                rows.append({**base, "habit_id": ids["talk"], "amount": 1000 * (15 + i % 10)})
            if i % 4 == 0:
                rows.append({**base, "habit_id": ids["takeaway"], "amount": 1000 * (i % 3)})
        conn.execute(insert(t.checkins), rows)
    s.close()
    return ids


def reference(url: str) -> list[dict[str, object]]:
    from habits.cli.render import report_json

    s = open_store(url, now=NOW, today=TODAY)
    with s.read() as conn:
        out = reports(conn, queries.habits(conn), as_of=TODAY, week_start=0, people=["Alex"])
    s.close()
    return [report_json(r) for r in out]


def rows_of(url: str) -> dict[int, list[str]]:
    s = open_store(url, now=NOW, today=TODAY)
    with s.read() as conn:
        found = conn.execute(select(t.streak_cache.c.habit_id, t.streak_cache.c.rule)).all()
    s.close()
    out: dict[int, list[str]] = {}
    for habit_id, rule in found:
        out.setdefault(habit_id, []).append(rule)
    return out


def test_the_cache_stays_honest_for_the_new_types(habits, ok) -> None:
    for slug, options in TYPES.items():
        ok("add", slug, "--title", slug.title(), *options)
    url = habits.url or f"sqlite:///{habits.db}"
    ids = fill(url)
    first = json.loads(ok("streaks", "--json").output)
    assert first == reference(url)
    cached = rows_of(url)
    assert all(cached.get(ids[slug]) for slug in TYPES), cached
    assert json.loads(ok("streaks", "--json").output) == first  # resumed this time

    # An edit of the target, the cadence or the measure forgets that habit's rows only.
    ok("edit", "talk", "--at-least", "22")
    assert ids["talk"] not in rows_of(url) and ids["plants"] in rows_of(url)
    assert json.loads(ok("streaks", "--json").output) == reference(url)
    ok("edit", "plants", "--every", "4")
    assert ids["plants"] not in rows_of(url)
    assert json.loads(ok("streaks", "--json").output) == reference(url)
    ok("edit", "takeaway", "--at-most", "1")
    assert ids["takeaway"] not in rows_of(url)
    assert json.loads(ok("streaks", "--json").output) == reference(url)
    ok("edit", "clean", "--times", "1")
    assert ids["clean"] not in rows_of(url)
    after_edits = json.loads(ok("streaks", "--json").output)
    assert after_edits == reference(url)
    assert all(rows_of(url).get(ids[slug]) for slug in TYPES)

    # An amount inserted, then changed, by plain SQL on an old day forgets the rows.
    s = open_store(url, now=NOW, today=TODAY)
    old = TODAY - timedelta(days=200)
    with s.write() as conn:
        conn.execute(
            insert(t.checkins).values(
                habit_id=ids["talk"], day=old, person="Alex", seq=5, logged_at=STAMP, amount=90_000
            )
        )
    assert ids["talk"] not in rows_of(url)
    assert json.loads(ok("streaks", "--json").output) == reference(url)
    assert rows_of(url).get(ids["talk"])
    with s.write() as conn:
        conn.execute(update(t.checkins).where(t.checkins.c.seq == 5).values(amount=0))
    s.close()
    assert ids["talk"] not in rows_of(url)
    assert json.loads(ok("streaks", "--json").output) == reference(url)


def test_a_rule_key_holds_what_the_walk_depends_on() -> None:
    created = date(2026, 3, 11)
    rules = [
        Rule("daily", 1),
        Rule("weekly", 1, 0),
        Rule("weekly", 1, 6),
        Rule("monthly", 1),
        Rule("monthly", 2),
        Rule("every", 1, created=created, every=3),
        Rule("every", 1, created=created, every=4),
        Rule("every", 1, created=created + timedelta(days=1), every=3),
        Rule("daily", 1, measure="at_least", goal=20_000),
        Rule("daily", 1, measure="at_least", goal=25_000),
        Rule("daily", 1, measure="at_most", goal=20_000),
    ]
    keys = [checkpoints.rule_key(r) for r in rules]
    assert len(set(keys)) == len(keys), keys
    assert checkpoints.rule_key(Rule("daily", 1, 3)) == "daily:1"  # as before
    assert checkpoints.rule_key(Rule("weekly", 2, 6)) == "weekly:2:6"
    longest = Rule("every", 1, 6, created=date(9999, 12, 31), every=365, measure="at_least", goal=10**9)
    assert len("review:" + checkpoints.rule_key(longest)) <= 40  # the column's width
