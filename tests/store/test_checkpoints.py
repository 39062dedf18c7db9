"""The streak cache on both backends: the triggers forget a habit's rows when
its history on or before their day changes, whoever writes; `habits streaks` gives the
same figures with the cache as without it, before and after a backfill."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, insert, select, update

from habits.core.streaks import Checkpoint, TrackState
from habits.reports import reports
from habits.store import checkpoints, queries
from habits.store import tables as t
from habits.store.db import Store, open_store

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 11)
THROUGH = date(2026, 1, 31)
STAMP = datetime(2026, 3, 11, 8, 0)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    url = (
        request.getfixturevalue("pg_url") if request.param == "postgres" else f"sqlite:///{tmp_path / 'h.db'}"
    )
    s = open_store(url, now=NOW, today=TODAY)
    yield s
    s.close()


def cache_all(s: Store) -> None:
    """A cache row through THROUGH for every seeded habit, two for the second."""
    rows = {}
    with s.read() as conn:
        for h in queries.habits(conn):
            cp = Checkpoint(THROUGH, 3, 9, (TrackState(40, 730000, 730000, 0.5),))
            rows[(h.id, checkpoints.scope([]), "daily:1")] = cp
            rows[(h.id, checkpoints.scope(["Alex"]), "daily:1")] = cp
    with s.write() as conn:
        checkpoints.save(conn, rows)


def cached(s: Store) -> dict[int, int]:
    """habit id -> cache rows left."""
    with s.read() as conn:
        rows = conn.execute(
            select(t.streak_cache.c.habit_id, func.count()).group_by(t.streak_cache.c.habit_id)
        )
        return dict(rows.all())


def habit_ids(s: Store) -> list[int]:
    with s.read() as conn:
        return [h.id for h in queries.habits(conn)]


def checkin(habit_id: int, day: date) -> dict[str, object]:
    return {"habit_id": habit_id, "day": day, "person": "Alex", "seq": 0, "logged_at": STAMP}


def test_rows_round_trip_exactly(store: Store) -> None:
    cache_all(store)
    first = habit_ids(store)[0]
    with store.read() as conn:
        loaded = checkpoints.load(conn, [first])
    cp = loaded[(first, "[]", "daily:1")]
    assert cp == Checkpoint(THROUGH, 3, 9, (TrackState(40, 730000, 730000, 0.5),))
    score = 0.1 + 0.2  # not representable in a short decimal: the float must come back bit for bit
    with store.write() as conn:
        checkpoints.save(conn, {(first, "[]", "daily:1"): cp._replace(tracks=(TrackState(1, 2, 2, score),))})
    with store.read() as conn:
        assert checkpoints.load(conn, [first])[(first, "[]", "daily:1")].tracks[0].score == score


@pytest.mark.parametrize(
    ("day", "forgets"),
    [(THROUGH, True), (THROUGH - timedelta(days=300), True), (THROUGH + timedelta(days=1), False)],
)
def test_a_checkin_added_removed_or_moved_forgets_its_habit_only(
    store: Store, day: date, forgets: bool
) -> None:
    kiss, ask, _ = habit_ids(store)
    cache_all(store)
    with store.write() as conn:
        conn.execute(insert(t.checkins), [checkin(kiss, day)])
    assert cached(store) == ({ask: 2, kiss + 2: 2} if forgets else {kiss: 2, ask: 2, kiss + 2: 2})

    cache_all(store)
    with store.write() as conn:
        conn.execute(delete(t.checkins).where(t.checkins.c.habit_id == kiss))
    assert cached(store).get(kiss, 0) == (0 if forgets else 2)

    # A check-in after THROUGH moved onto an earlier day; then a note edited (no forgetting).
    with store.write() as conn:
        conn.execute(insert(t.checkins), [checkin(ask, THROUGH + timedelta(days=5))])
    cache_all(store)
    with store.write() as conn:
        conn.execute(update(t.checkins).where(t.checkins.c.habit_id == ask).values(note="lovely"))
    assert cached(store)[ask] == 2
    with store.write() as conn:
        conn.execute(update(t.checkins).where(t.checkins.c.habit_id == ask).values(day=day))
    assert cached(store).get(ask, 0) == (0 if forgets else 2)


def test_a_skip_forgets_its_habit(store: Store) -> None:
    kiss, ask, weekly = habit_ids(store)
    cache_all(store)
    with store.write() as conn:
        conn.execute(
            insert(t.skips),
            [{"habit_id": ask, "day": THROUGH - timedelta(days=2), "person": "", "created_at": STAMP}],
        )
        conn.execute(
            insert(t.skips),
            [{"habit_id": kiss, "day": THROUGH + timedelta(days=2), "person": "", "created_at": STAMP}],
        )
    assert cached(store) == {kiss: 2, weekly: 2}
    cache_all(store)
    with store.write() as conn:
        conn.execute(delete(t.skips).where(t.skips.c.habit_id == ask))
    assert cached(store) == {kiss: 2, weekly: 2}


def test_an_away_range_forgets_every_together_habit_from_its_start(store: Store) -> None:
    _, ask, _ = habit_ids(store)  # "each": days apart excuse nobody's own habit
    cache_all(store)
    with store.write() as conn:
        queries.add_away(
            conn, start=THROUGH + timedelta(days=1), end=THROUGH + timedelta(days=9), note=None, now=NOW
        )
    assert sum(cached(store).values()) == 6
    with store.write() as conn:
        queries.add_away(
            conn, start=THROUGH - timedelta(days=1), end=THROUGH - timedelta(days=1), note=None, now=NOW
        )
    assert cached(store) == {ask: 2}
    cache_all(store)
    with store.write() as conn:
        queries.remove_away(conn, start=THROUGH + timedelta(days=1), end=THROUGH + timedelta(days=9))
    assert sum(cached(store).values()) == 6


def test_deleting_a_habit_takes_its_rows(store: Store) -> None:
    kiss, ask, weekly = habit_ids(store)
    cache_all(store)
    with store.write() as conn:
        queries.delete_habit(conn, kiss)
    assert cached(store) == {ask: 2, weekly: 2}


def test_a_damaged_row_is_no_row(store: Store) -> None:
    kiss = habit_ids(store)[0]
    cache_all(store)
    with store.write() as conn:
        conn.execute(
            update(t.streak_cache).where(t.streak_cache.c.habit_id == kiss).values(tracks='[[1, "x"]]')
        )
    with store.read() as conn:
        assert set(checkpoints.load(conn, habit_ids(store))) == {
            (i, s, "daily:1") for i in habit_ids(store)[1:] for s in ("[]", '["Alex"]')
        }


# -- the command line ----------------------------------------------------------


def fill_history(url: str) -> None:
    """Eight months: the kiss on most days (a gap in October), each partner asking
    on some days, the weekly date most weeks, a skip and an away week."""
    s = open_store(url, now=NOW, today=TODAY)
    with s.write() as conn:
        kiss, ask, weekly = [h.id for h in queries.habits(conn)]
        rows = []
        for i in range(220):
            day = TODAY - timedelta(days=i + 1)
            if not date(2025, 10, 10) <= day <= date(2025, 10, 14):
                rows.append(checkin(kiss, day))
            if i % 3:
                rows.append(checkin(ask, day))
            if i % 4:
                rows.append({**checkin(ask, day), "person": "Sam"})
            if i % 7 == 0 and i % 35:
                rows.append(checkin(weekly, day))
        conn.execute(insert(t.checkins), rows)
        conn.execute(
            insert(t.skips), [{"habit_id": kiss, "day": date(2025, 9, 3), "person": "", "created_at": STAMP}]
        )
        queries.add_away(conn, start=date(2025, 11, 3), end=date(2025, 11, 9), note=None, now=NOW)
    s.close()


def reference(url: str) -> list[dict[str, object]]:
    """The figures walked from the beginning, without the cache."""
    from habits.cli.render import report_json

    s = open_store(url, now=NOW, today=TODAY)
    with s.read() as conn:
        out = reports(conn, queries.habits(conn), as_of=TODAY, week_start=0, people=["Alex", "Sam"])
    s.close()
    return [report_json(r) for r in out]


def test_streaks_with_the_cache_are_the_figures_without_it(habits, ok) -> None:
    habits.write_config('[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n')
    ok("list")
    url = habits.url or f"sqlite:///{habits.db}"
    fill_history(url)
    first = json.loads(ok("streaks", "--json").output)
    assert first == reference(url)
    s = open_store(url, now=NOW, today=TODAY)
    assert sum(cached(s).values()) == 1 + 3 + 1  # kiss; ask: Alex, Sam, both; the weekly date
    s.close()
    assert json.loads(ok("streaks", "--json").output) == first  # resumed this time

    # Backfilling the October gap: the kiss's row goes, the longest streak grows.
    for day in range(10, 15):
        ok("done", "kiss", "--date", f"2025-10-{day}")
    after = json.loads(ok("streaks", "--json").output)
    assert after == reference(url)
    assert after[0]["longest"] > first[0]["longest"]
    assert after[1:] == first[1:]
    assert json.loads(ok("streaks", "ask", "--json").output) == [after[1]]


def test_streaks_without_a_writable_store_still_answers(habits_sqlite) -> None:
    """Renewing the cache is a write; a store opened read-only (SQLite's mode=ro, which
    even root cannot write through) refuses it, and the figures stand."""
    habits_sqlite("list")
    url = f"sqlite:///{habits_sqlite.db}"
    fill_history(url)
    read_only = f"sqlite:///file:{habits_sqlite.db}?mode=ro&uri=true"
    result = habits_sqlite("--db", read_only, "streaks", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == _alex_only(url)
    assert habits_sqlite("--db", read_only, "done", "kiss").exit_code == 1  # it really is read-only
    s = open_store(url, now=NOW, today=TODAY)
    assert cached(s) == {}
    s.close()


def _alex_only(url: str) -> list[dict[str, object]]:
    from habits.cli.render import report_json

    s = open_store(url, now=NOW, today=TODAY)
    with s.read() as conn:
        out = reports(conn, queries.habits(conn), as_of=TODAY, week_start=0, people=["Alex"])
    s.close()
    return [report_json(r) for r in out]


@pytest.mark.parametrize(
    "change",
    [
        {"through": date(2026, 1, 28)},  # a Wednesday: not the end of a weekly period
        {"tracks": "[[1, 730000, 730000, 0.5], [2, 730000, 730000, 0.5]]"},  # two tracks for one
        {"through": date(2026, 3, 10)},  # too recent to resume from
        {"rule": "weekly:1:6", "run": 999, "longest": 999},  # weeks from Sunday: another rule's
    ],
)
def test_rows_that_do_not_fit_are_walked_past(habits_sqlite, change) -> None:
    habits_sqlite.write_config('[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n')
    habits_sqlite("list")
    url = f"sqlite:///{habits_sqlite.db}"
    fill_history(url)
    first = habits_sqlite("streaks", "--json")
    s = open_store(url, now=NOW, today=TODAY)
    with s.write() as conn:  # the weekly date's row
        weekly = queries.habits(conn)[2].id
        conn.execute(update(t.streak_cache).where(t.streak_cache.c.habit_id == weekly).values(**change))
    s.close()
    again = habits_sqlite("streaks", "--json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.output) == json.loads(first.output) == reference(url)


def test_partners_with_other_week_starts_keep_their_own_rows(habits, ok) -> None:
    """Two configs on one store, weeks from Monday and from Sunday, the partners listed
    in either order: each keeps its rows, nobody walks everything again on every run."""
    monday = '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n'
    sunday = (
        '[time]\ntimezone = "Europe/Berlin"\nweek_starts_on = "sunday"\n'
        '[couple]\nme = "Sam"\npartner = "Alex"\n'
    )
    habits.write_config(monday)
    ok("list")
    url = habits.url or f"sqlite:///{habits.db}"
    fill_history(url)
    ok("streaks")
    habits.write_config(sunday)
    ok("streaks")
    s = open_store(url, now=NOW, today=TODAY)
    with s.read() as conn:
        rows = conn.execute(select(t.streak_cache).order_by(*t.streak_cache.primary_key.columns)).all()
    assert len(rows) == 5 + 1  # the weekly date twice: from Monday and from Sunday
    for config in (monday, sunday):
        habits.write_config(config)
        ok("streaks")
        ok()
        with s.read() as conn:
            assert (
                conn.execute(select(t.streak_cache).order_by(*t.streak_cache.primary_key.columns)).all()
                == rows
            )
    s.close()


def test_a_person_moved_or_a_habit_changed_forgets(store: Store) -> None:
    kiss, ask, weekly = habit_ids(store)
    with store.write() as conn:
        conn.execute(
            insert(t.checkins),
            [checkin(ask, THROUGH - timedelta(days=3)), checkin(kiss, THROUGH - timedelta(days=3))],
        )
    cache_all(store)
    with store.write() as conn:  # another person's check-in now: each person's track changes
        conn.execute(update(t.checkins).where(t.checkins.c.habit_id == ask).values(person="Sam"))
        conn.execute(update(t.checkins).where(t.checkins.c.habit_id == kiss).values(note="lovely"))
    assert cached(store) == {kiss: 2, weekly: 2}  # a note is not history
    with store.write() as conn:
        queries.update_habit(conn, weekly, {"target": 2})
    assert cached(store) == {kiss: 2}
    with store.write() as conn:
        queries.update_habit(conn, kiss, {"title": "Kiss"})
    assert cached(store) == {kiss: 2}


@pytest.mark.parametrize("table", ["checkins", "skips", "away"])
def test_truncate_forgets_everything(pg_url: str, table: str) -> None:
    """PostgreSQL's TRUNCATE fires no row trigger (SQLite has none: a DELETE without
    WHERE fires the row triggers, as the tests above show)."""
    store = open_store(pg_url, now=NOW, today=TODAY)
    cache_all(store)
    with store.write() as conn:
        conn.exec_driver_sql(f"TRUNCATE {table}")
    assert cached(store) == {}
    store.close()


def test_the_board_resumes_long_streaks_from_the_cache(habits, ok) -> None:
    """With the cache the board resumes every habit from its checkpoint (complete
    reports, reading a few weeks) and shows what the window walk shows, the kiss's
    147-day streak, past the first window, included."""
    from habits.reports import board, load_checkpoints

    habits.write_config('[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n')
    ok("list")
    url = habits.url or f"sqlite:///{habits.db}"
    fill_history(url)
    shown = ok().output  # the board renews the cache on its first run
    assert "streak 147 days" in shown
    s = open_store(url, now=NOW, today=TODAY)
    assert sum(cached(s).values()) == 5
    with s.read() as conn:
        hs = queries.habits(conn)
        kw = {"as_of": TODAY, "week_start": 0, "people": ["Alex", "Sam"]}
        resumed, walked = board(conn, hs, checkpoints=load_checkpoints(conn, hs), **kw), board(conn, hs, **kw)

    def shown_fields(r):  # type: ignore[no-untyped-def]
        return (
            r.habit.slug,
            r.stats.current,
            r.stats.done_this_period,
            r.stats.excused_this_period,
            r.stats.at_risk,
            tuple(r.done_today_by),
            {p: ps.current for p, ps in r.people.items()},
        )

    assert [shown_fields(r) for r in resumed] == [shown_fields(r) for r in walked]
    assert [r.complete for r in resumed] == [True, True, True]
    assert [r.complete for r in walked] == [False, False, False]
    with s.read() as conn:  # without the kiss's row: the kiss walks the windows, the others resume
        partial = {k: v for k, v in load_checkpoints(conn, hs).items() if k[0] != hs[0].id}
        mixed = board(conn, hs, checkpoints=partial, **kw)
    assert [shown_fields(r) for r in mixed] == [shown_fields(r) for r in walked]
    assert [r.complete for r in mixed] == [False, True, True]
    s.close()
    assert ok().output == shown
