"""habits.reports: the board's bounded queries give the full computation's current streaks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habits import reports as reports_module
from habits.reports import board, reports
from habits.store import queries
from habits.store import tables as t
from habits.store.db import Store, open_store

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 11)
PEOPLE = ["alex", "sam"]

histories = st.lists(  # (habit index, days ago, person, kind)
    st.tuples(
        st.integers(0, 3),
        st.integers(0, 60),
        st.sampled_from(PEOPLE),
        st.sampled_from(["done", "done", "done", "skip"]),
    ),
    max_size=150,
)


def current_fields(rows: list[reports_module.Report]) -> list[object]:
    out: list[object] = []
    for r in rows:
        s = r.stats
        out.append(
            (
                r.habit.slug,
                s.current,
                s.done_this_period,
                s.excused_this_period,
                s.at_risk,
                tuple(r.done_today_by),
            )
        )
        out.extend((p, ps.current, ps.done_this_period, ps.at_risk) for p, ps in r.people.items())
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("reports") / "habits.db"
    store = open_store(f"sqlite:///{path}", now=NOW, today=TODAY, seed=False)
    yield store
    store.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories, streak=st.integers(0, 60), away=st.integers(0, 60), week_start=st.integers(0, 6))
def test_board_equals_the_full_computation(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    history: list[tuple[int, int, str, str]],
    streak: int,
    away: int,
    week_start: int,
) -> None:
    # Tiny windows, so that most boards have to widen (a streak reaching the edge).
    monkeypatch.setattr(reports_module, "BOARD_WINDOWS", (3, 20, None))
    with store.write() as conn:
        for table in (t.checkins, t.skips, t.away, t.habits):
            conn.execute(table.delete())
        specs = [
            {"slug": "kiss", "title": "Kiss", "cadence": "daily", "who": "together"},
            {"slug": "ask", "title": "Ask", "cadence": "daily", "who": "each"},
            {"slug": "date", "title": "Date", "cadence": "weekly", "who": "together"},
            {"slug": "twice", "title": "Twice", "cadence": "daily", "target": 2},
        ]
        for spec in specs:
            queries.insert_habit(conn, spec, now=NOW, today=TODAY - timedelta(days=30))
        habits = queries.habits(conn)
        for i in range(streak):  # an unbroken run for the kiss, ending yesterday
            queries.add_checkin(conn, habits[0], day=TODAY - timedelta(days=i + 1), person="alex", now=NOW)
        for index, ago, person, kind in history:
            day = TODAY - timedelta(days=ago)
            if kind == "done":
                queries.add_checkin(conn, habits[index], day=day, person=person, now=NOW)
            else:
                queries.add_skip(conn, habits[index], day=day, person=person, reason=None, now=NOW)
        start = TODAY - timedelta(days=away)
        conn.execute(
            t.away.insert().values(
                start=start, end=start + timedelta(days=2), created_at=NOW.replace(tzinfo=None)
            )
        )
    with store.read() as conn:
        kwargs = {"as_of": TODAY, "week_start": week_start, "people": PEOPLE}
        bounded = board(conn, habits, **kwargs)  # type: ignore[arg-type]
        full = reports(conn, habits, **kwargs)  # type: ignore[arg-type]
    assert current_fields(bounded) == current_fields(full)
    for b, f in zip(bounded, full):  # a board that had to read everything has it all
        assert b.stats == f.stats if b.complete else b.stats.strength == 0.0
