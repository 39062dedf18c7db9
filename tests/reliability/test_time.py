"""Time: travel between time zones, the clock going back an hour, a day boundary after
midnight. A check-in keeps the day it was logged for and is never counted twice."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

UTC = timezone.utc


def at(habits, instant: datetime) -> None:
    habits.clock.instant = instant


def config(habits, tz: str = "Europe/Berlin", day_starts_at: str = "00:00") -> None:
    habits.write_config(
        f'[time]\ntimezone = "{tz}"\nday_starts_at = "{day_starts_at}"\n[couple]\nme = "Alex"\n'
    )


def log(ok) -> list[tuple[str, str, str]]:
    return [(e["habit"], e["date"], e["logged_at"]) for e in json.loads(ok("log", "--json").stdout)]


def kiss_streak(ok) -> dict:
    return next(r for r in json.loads(ok("streaks", "--json").stdout) if r["habit"] == "six-second-kiss")


def test_travel_by_config_does_not_move_or_repeat_a_check_in(habits, ok):
    config(habits, "Europe/Berlin")
    at(habits, datetime(2026, 3, 11, 22, 30, tzinfo=UTC))  # 23:30 on the 11th in Berlin
    assert "2026-03-11" in ok("done", "kiss").stdout
    before = log(ok)

    config(habits, "America/Los_Angeles")  # the flight lands: 23:00 on the 11th again, in LA
    at(habits, datetime(2026, 3, 12, 6, 0, tzinfo=UTC))
    assert "already logged for 2026-03-11" in ok("done", "kiss").stdout
    assert log(ok) == before  # not moved, not doubled
    streak = kiss_streak(ok)
    assert (streak["current"], streak["done_this_period"]) == (1, True)

    at(habits, datetime(2026, 3, 12, 15, 0, tzinfo=UTC))  # 08:00 on the 12th in LA
    assert "2026-03-12" in ok("done", "kiss").stdout
    assert [d for _, d, _ in log(ok)] == ["2026-03-11", "2026-03-12"]
    assert kiss_streak(ok)["current"] == 2

    config(habits, "Asia/Tokyo")  # onwards, where it is already the 13th: the past stays put
    assert [d for _, d, _ in log(ok)] == ["2026-03-11", "2026-03-12"]
    assert kiss_streak(ok)["current"] == 2


def test_travel_by_the_system_zone_TZ(habits, ok):
    habits.write_config('[couple]\nme = "Alex"\n')  # time.timezone unset: the system's zone
    at(habits, datetime(2026, 3, 11, 14, 30, tzinfo=UTC))  # 23:30 in Tokyo, 15:30 in Berlin
    assert "2026-03-11" in ok("done", "kiss", env={"TZ": "Asia/Tokyo"}).stdout
    at(habits, datetime(2026, 3, 11, 16, 0, tzinfo=UTC))  # 01:00 on the 12th in Tokyo
    assert "already logged for 2026-03-11" in ok("done", "kiss", env={"TZ": "Europe/Berlin"}).stdout
    assert "2026-03-12" in ok("done", "kiss", env={"TZ": "Asia/Tokyo"}).stdout
    assert [d for _, d, _ in log(ok)] == ["2026-03-11", "2026-03-12"]


def test_the_clock_goes_back_an_hour(habits, ok):
    """Berlin, 25 October 2026: 03:00 summer time becomes 02:00 winter time, so 02:30
    happens twice. Logging in both is one check-in; the day does not change."""
    config(habits, "Europe/Berlin")
    at(habits, datetime(2026, 10, 25, 0, 30, tzinfo=UTC))  # 02:30 CEST
    assert "2026-10-25" in ok("done", "kiss").stdout
    at(habits, datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # 02:30 CET, an hour later
    assert "already logged for 2026-10-25" in ok("done", "kiss").stdout
    assert [d for _, d, _ in log(ok)] == ["2026-10-25"]
    # A person whose clock is set back by hand across midnight logs "yesterday", once.
    at(habits, datetime(2026, 10, 24, 21, 30, tzinfo=UTC))  # 23:30 on the 24th
    assert "2026-10-24" in ok("done", "kiss").stdout
    assert "already logged" in ok("done", "kiss").stdout
    assert sorted(d for _, d, _ in log(ok)) == ["2026-10-24", "2026-10-25"]


@pytest.mark.parametrize("boundary", ["04:00", "00:30"])
def test_day_starts_after_midnight(habits, ok, boundary):
    """With the habit-day starting at 04:00 (or 00:30), a kiss at 23:50 and one at 00:20
    are the same day: logged once."""
    config(habits, "Europe/Berlin", boundary)
    at(habits, datetime(2026, 3, 11, 22, 50, tzinfo=UTC))  # 23:50 on the 11th
    assert "2026-03-11" in ok("done", "kiss").stdout
    at(habits, datetime(2026, 3, 11, 23, 20, tzinfo=UTC))  # 00:20 on the 12th: still the 11th
    assert "already logged for 2026-03-11" in ok("done", "kiss").stdout
    assert kiss_streak(ok)["done_this_period"] is True
    at(habits, datetime(2026, 3, 12, 3, 10, tzinfo=UTC))  # 04:10 on the 12th: a new day
    assert "2026-03-12" in ok("done", "kiss").stdout
    assert [d for _, d, _ in log(ok)] == ["2026-03-11", "2026-03-12"]
    config(habits, "Europe/Berlin", "00:00")  # changing the boundary later moves nothing
    assert [d for _, d, _ in log(ok)] == ["2026-03-11", "2026-03-12"]
    assert kiss_streak(ok)["current"] == 2


def test_a_boundary_inside_the_repeated_hour(habits, ok):
    """day_starts_at = 02:30 on the night the clocks go back: the day begins at the first
    02:30; the second 02:30 is still the same day, so the kiss is logged once."""
    config(habits, "Europe/Berlin", "02:30")
    at(habits, datetime(2026, 10, 25, 0, 40, tzinfo=UTC))  # 02:40 CEST: the 25th has begun
    assert "2026-10-25" in ok("done", "kiss").stdout
    at(habits, datetime(2026, 10, 25, 1, 40, tzinfo=UTC))  # 02:40 CET
    assert "already logged for 2026-10-25" in ok("done", "kiss").stdout
    assert [d for _, d, _ in log(ok)] == ["2026-10-25"]
    # Then the clock goes back to 02:00: 02:10 is before the boundary on the wall, but the
    # 25th began at the first 02:30; it must not reopen the 24th.
    at(habits, datetime(2026, 10, 25, 1, 10, tzinfo=UTC))  # 02:10 CET
    assert "already logged for 2026-10-25" in ok("done", "kiss").stdout
    assert [d for _, d, _ in log(ok)] == ["2026-10-25"]
