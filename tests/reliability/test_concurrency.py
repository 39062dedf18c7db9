"""Load: forty `habits done` processes at once, on SQLite and on PostgreSQL. Every one
exits 0 and every check-in is stored exactly once, whether the forty log different
habits, days and people or all the same one."""

from __future__ import annotations

import signal
import threading
from collections import Counter
from datetime import date, datetime, timezone

import pytest

from habits.store import queries
from habits.store.db import open_store

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 11)


def _done(slug: str, day: str, by: str) -> list[str]:
    return ["done", slug, "--date", day, "--by", by]


def _assert_all_ok(results, commands):
    for cmd, (code, out, err) in zip(commands, results):
        assert code == 0, (cmd, out, err)
        assert "Traceback" not in out + err, (cmd, err)


def _logged(results, commands) -> Counter:
    """(habit, day, person) -> how many processes said "Logged"."""
    said = Counter()
    for cmd, (_code, out, _err) in zip(commands, results):
        if out.startswith("Logged "):
            said[(cmd[1], cmd[3], cmd[5])] += 1
    return said


@pytest.mark.slow
def test_forty_processes_on_a_new_store(procs, tmp_path):
    """The first use of a store, forty times at once: it is created, migrated and
    seeded once, and every check-in lands once."""
    commands = (
        [_done("six-second-kiss", f"2025-01-{d:02d}", "Alex") for d in range(1, 13)]
        + [_done("ask-about-their-day", f"2025-01-{d:02d}", "Sam") for d in range(1, 9)]
        + [_done("weekly-date", f"2025-01-{d:02d}", "Alex") for d in (6, 13, 20, 27)]
        + [_done("six-second-kiss", "2025-02-01", "Sam")] * 16
    )
    assert len(commands) == 40
    results = procs.at_once(commands, tmp_path)
    _assert_all_ok(results, commands)

    expected = {(cmd[1], cmd[3], cmd[5]): 1 for cmd in commands}
    assert procs.counts() == expected
    assert _logged(results, commands) == Counter(expected)  # acknowledged once each
    listed = procs.run("list", "--all", "--json").stdout
    assert listed.count('"slug"') == 3  # seeded once


@pytest.mark.slow
def test_forty_processes_on_the_same_day_of_a_times_habit(procs, tmp_path):
    """`--times 3`: twelve processes race for three slots of one day; ten more log a
    once-a-day habit on one day, eighteen log different days. Meanwhile the daemon
    runs, its heartbeat sped up to five writes a second."""
    procs.run("add", "walk", "--title", "Walk", "--daily", "--times", "3")
    procs.run("done", "kiss", "--date", "2025-03-02")  # history that must stay as it is
    commands = (
        [_done("walk", "2025-03-01", "Alex")] * 12
        + [_done("six-second-kiss", "2025-03-01", "Alex")] * 10
        + [_done("ask-about-their-day", f"2025-03-{d:02d}", ("Alex", "Sam")[d % 2]) for d in range(1, 19)]
    )
    assert len(commands) == 40
    daemon = procs.daemon(tmp_path, heartbeat=0.2)
    try:
        results = procs.at_once(commands, tmp_path)
        assert daemon.poll() is None, daemon.communicate()  # still running
    finally:
        daemon.send_signal(signal.SIGTERM)
        out, err = daemon.communicate(timeout=30)
    _assert_all_ok(results, commands)
    assert "Traceback" not in out + err, err
    assert daemon.returncode == 0, err

    expected = {(cmd[1], cmd[3], cmd[5]): 1 for cmd in commands}
    expected[("walk", "2025-03-01", "Alex")] = 3
    expected[("six-second-kiss", "2025-03-02", "Alex")] = 1
    assert procs.counts() == expected
    said = _logged(results, commands)
    assert said[("walk", "2025-03-01", "Alex")] == 3
    assert said[("six-second-kiss", "2025-03-01", "Alex")] == 1
    refusals = [
        out
        for cmd, (_c, out, _e) in zip(commands, results)
        if cmd[1] == "walk" and not out.startswith("Logged")
    ]
    assert len(refusals) == 9 and all("already logged 3 times" in out for out in refusals)


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path):
    if request.param == "postgres":
        return request.getfixturevalue("pg_url")
    return f"sqlite:///{tmp_path / 'habits.db'}"


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(
            lambda conn, h, day: queries.add_checkin(conn, h, day=day, person="Alex", now=NOW), id="done"
        ),
        pytest.param(
            lambda conn, h, day: queries.add_skip(conn, h, day=day, person="", reason=None, now=NOW),
            id="skip",
        ),
        pytest.param(
            lambda conn, h, day: queries.add_away(conn, start=day, end=day, note=None, now=NOW)[2], id="away"
        ),
        pytest.param(lambda conn, h, day: queries.add_haunt(conn, "Luigi's", now=NOW), id="haunt"),
    ],
)
def test_a_second_writer_at_the_worst_moment(store_url, write):
    """The second writer looks while the first has written but not yet committed:
    it must wait and then see the first one's row (never fail on the unique key)."""
    first = open_store(store_url, now=NOW, today=TODAY)
    second = open_store(store_url, now=NOW, today=TODAY)
    outcome: list[object] = []

    def later() -> None:
        try:
            with second.write() as conn:
                outcome.append(write(conn, queries.habit_by_slug(conn, "six-second-kiss"), TODAY))
        except Exception as exc:  # noqa: BLE001 - reported below
            outcome.append(exc)

    try:
        with first.write() as conn:
            assert write(conn, queries.habit_by_slug(conn, "six-second-kiss"), TODAY) is True
            other = threading.Thread(target=later)
            other.start()
            other.join(0.5)  # the second writer is now blocked on the first (or has not started)
        other.join(30)
        assert outcome == [False]  # "already there": nothing added, no error
    finally:
        first.close()
        second.close()
