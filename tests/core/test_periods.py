"""habits.core.periods: weekdays, periods, the habit-day boundary, DST."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from habits.core.periods import (
    WEEKDAYS,
    day_start_instant,
    days_per_period,
    local_day,
    parse_weekday,
    period_end,
    period_start,
)
from habits.errors import BadValue

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
UTC = timezone.utc


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# -- weekdays -------------------------------------------------------------------------


def test_weekdays_constant() -> None:
    assert WEEKDAYS == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@pytest.mark.parametrize(
    "text, number",
    [
        ("mon", 0),
        ("Monday", 0),
        ("TUE", 1),
        ("wednesday", 2),
        ("thu", 3),
        ("Fri", 4),
        ("saturday", 5),
        ("sun", 6),
        ("  Sunday ", 6),
    ],
)
def test_parse_weekday(text: str, number: int) -> None:
    assert parse_weekday(text) == number


@pytest.mark.parametrize("text", ["", "mo", "tues", "funday", "7", "monday!"])
def test_parse_weekday_rejects_with_value_and_names(text: str) -> None:
    with pytest.raises(BadValue) as err:
        parse_weekday(text)
    assert repr(text) in str(err.value)
    assert "mon, tue, wed, thu, fri, sat, sun" in str(err.value)


# -- periods --------------------------------------------------------------------------


def test_days_per_period() -> None:
    assert days_per_period("daily") == 1
    assert days_per_period("weekly") == 7
    assert days_per_period("monthly") == 30
    assert days_per_period("every", 3) == 3
    with pytest.raises(ValueError):
        days_per_period("yearly")
    with pytest.raises(ValueError):
        days_per_period("every", 0)


def test_a_month_is_the_calendar_month() -> None:
    assert period_start(date(2024, 2, 17), "monthly") == date(2024, 2, 1)
    assert period_end(date(2024, 2, 17), "monthly") == date(2024, 2, 29)
    assert period_end(date(2025, 2, 1), "monthly") == date(2025, 2, 28)
    assert period_end(date(2025, 12, 31), "monthly") == date(2025, 12, 31)


def test_every_n_days_counts_blocks_from_the_first_day() -> None:
    first = date(2026, 11, 28)
    assert period_start(date(2026, 12, 2), "every", every=3, anchor=first) == date(2026, 12, 1)
    assert period_end(date(2026, 12, 2), "every", every=3, anchor=first) == date(2026, 12, 3)
    assert period_start(first, "every", every=3, anchor=first) == first
    assert period_start(date(2026, 11, 27), "every", every=3, anchor=first) == date(2026, 11, 25)


def test_daily_period_is_the_day() -> None:
    day = date(2025, 6, 18)
    assert period_start(day, "daily", 3) == day
    assert period_end(day, "daily", 3) == day


@pytest.mark.parametrize(
    "day, week_start, start",
    [
        (date(2025, 6, 18), 0, date(2025, 6, 16)),  # Wed -> Mon
        (date(2025, 6, 16), 0, date(2025, 6, 16)),  # Monday is its own start
        (date(2025, 6, 22), 0, date(2025, 6, 16)),  # Sunday ends the Monday week
        (date(2025, 6, 22), 6, date(2025, 6, 22)),  # ... but starts a Sunday week
        (date(2025, 6, 21), 6, date(2025, 6, 15)),  # Sat -> previous Sun
        (date(2025, 6, 18), 3, date(2025, 6, 12)),  # Thursday weeks
        (date(2025, 6, 19), 3, date(2025, 6, 19)),
    ],
)
def test_weekly_period_start(day: date, week_start: int, start: date) -> None:
    assert period_start(day, "weekly", week_start) == start
    assert period_end(day, "weekly", week_start) == start + timedelta(days=6)


@pytest.mark.parametrize("day", [date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 5)])
def test_week_across_new_year_2025(day: date) -> None:
    assert period_start(day, "weekly", 0) == date(2024, 12, 30)
    assert period_end(day, "weekly", 0) == date(2025, 1, 5)


@pytest.mark.parametrize("day", [date(2025, 12, 29), date(2026, 1, 1), date(2026, 1, 4)])
def test_week_across_new_year_2026(day: date) -> None:
    assert period_start(day, "weekly", 0) == date(2025, 12, 29)
    assert period_end(day, "weekly", 0) == date(2026, 1, 4)


def test_sunday_week_across_new_year() -> None:
    assert period_start(date(2026, 1, 1), "weekly", 6) == date(2025, 12, 28)
    assert period_end(date(2026, 1, 1), "weekly", 6) == date(2026, 1, 3)


def test_bad_week_start_and_cadence() -> None:
    with pytest.raises(ValueError):
        period_start(date(2025, 1, 1), "weekly", 7)
    with pytest.raises(ValueError):
        period_start(date(2025, 1, 1), "fortnightly", 0)


@given(st.dates(min_value=date(1900, 1, 8), max_value=date(2200, 1, 1)), st.integers(0, 6))
def test_weekly_period_properties(day: date, week_start: int) -> None:
    start = period_start(day, "weekly", week_start)
    assert start.weekday() == week_start
    assert start <= day <= period_end(day, "weekly", week_start) == start + timedelta(days=6)


# -- local_day ------------------------------------------------------------------------


def test_local_day_default_midnight() -> None:
    # 23:30 UTC on June 1st is 01:30 on June 2nd in Berlin (CEST, +2).
    assert local_day(utc(2025, 6, 1, 23, 30), BERLIN) == date(2025, 6, 2)
    assert local_day(utc(2025, 6, 1, 21, 59), BERLIN) == date(2025, 6, 1)


def test_local_day_moved_boundary() -> None:
    four = time(4, 0)
    at = lambda h, m, s=0: datetime(2025, 6, 2, h, m, s, tzinfo=BERLIN)  # noqa: E731
    assert local_day(at(0, 30), BERLIN, four) == date(2025, 6, 1)  # kiss at 00:30 -> yesterday
    assert local_day(at(3, 59, 59), BERLIN, four) == date(2025, 6, 1)
    assert local_day(at(4, 0), BERLIN, four) == date(2025, 6, 2)
    assert local_day(at(23, 59), BERLIN, four) == date(2025, 6, 2)


def test_local_day_converts_zone() -> None:
    instant = utc(2025, 1, 1, 2, 30)  # 21:30 on Dec 31st in New York, 03:30 in Berlin
    assert local_day(instant, NEW_YORK) == date(2024, 12, 31)
    assert local_day(instant, BERLIN) == date(2025, 1, 1)
    assert local_day(instant, BERLIN, time(4, 0)) == date(2024, 12, 31)
    assert local_day(instant, UTC, time(2, 30)) == date(2025, 1, 1)


def test_local_day_needs_aware_instant() -> None:
    with pytest.raises(ValueError):
        local_day(datetime(2025, 1, 1, 12, 0), BERLIN)


def test_local_day_berlin_spring_forward() -> None:
    # 2024-03-31: 02:00 CET jumps to 03:00 CEST (01:00 UTC); boundary at 02:30 (in the gap).
    boundary = time(2, 30)
    assert local_day(utc(2024, 3, 31, 0, 59, 59), BERLIN, boundary) == date(2024, 3, 30)
    assert local_day(utc(2024, 3, 31, 1, 0, 0), BERLIN, boundary) == date(2024, 3, 31)


def test_local_day_berlin_fall_back() -> None:
    # 2024-10-27: 03:00 CEST falls back to 02:00 CET (01:00 UTC); 02:30 happens twice.
    boundary = time(4, 0)
    assert local_day(utc(2024, 10, 27, 0, 30), BERLIN, boundary) == date(2024, 10, 26)
    assert local_day(utc(2024, 10, 27, 1, 30), BERLIN, boundary) == date(2024, 10, 26)
    assert local_day(utc(2024, 10, 27, 3, 0), BERLIN, boundary) == date(2024, 10, 27)


def test_local_day_new_york_dst() -> None:
    # 2024-03-10 02:00 EST -> 03:00 EDT at 07:00 UTC.
    assert local_day(utc(2024, 3, 10, 4, 59), NEW_YORK) == date(2024, 3, 9)
    assert local_day(utc(2024, 3, 10, 5, 0), NEW_YORK) == date(2024, 3, 10)
    # 2024-11-03 02:00 EDT -> 01:00 EST at 06:00 UTC; 01:30 twice, both Nov 3rd.
    assert local_day(utc(2024, 11, 3, 5, 30), NEW_YORK) == date(2024, 11, 3)
    assert local_day(utc(2024, 11, 3, 6, 30), NEW_YORK) == date(2024, 11, 3)


# -- day_start_instant ----------------------------------------------------------------
# Python compares and subtracts datetimes of the same zone by wall time, so the
# tests compare instants in UTC.


def start_utc(day: date, tz, boundary: time = time(0)) -> datetime:
    start = day_start_instant(day, tz, boundary)
    assert start.tzinfo is tz
    return start.astimezone(UTC)


def test_day_start_instant_plain() -> None:
    start = day_start_instant(date(2025, 6, 2), BERLIN, time(4, 0))
    assert start.replace(tzinfo=None) == datetime(2025, 6, 2, 4, 0)
    assert start.utcoffset() == timedelta(hours=2)
    assert start_utc(date(2025, 6, 2), BERLIN, time(4, 0)) == utc(2025, 6, 2, 2, 0)
    assert start_utc(date(2025, 1, 2), BERLIN) == utc(2025, 1, 1, 23, 0)


def test_day_start_instant_berlin_gap_resolves_to_transition() -> None:
    # 02:30 does not exist on 2024-03-31 in Berlin: the day starts when clocks jump.
    start = day_start_instant(date(2024, 3, 31), BERLIN, time(2, 30))
    assert start.astimezone(UTC) == utc(2024, 3, 31, 1, 0)
    assert start.replace(tzinfo=None) == datetime(2024, 3, 31, 3, 0)


def test_day_start_instant_new_york_gap() -> None:
    assert start_utc(date(2024, 3, 10), NEW_YORK, time(2, 15)) == utc(2024, 3, 10, 7, 0)


def test_day_start_instant_fold_uses_first_occurrence() -> None:
    assert start_utc(date(2024, 10, 27), BERLIN, time(2, 30)) == utc(2024, 10, 27, 0, 30)
    assert start_utc(date(2024, 11, 3), NEW_YORK, time(1, 30)) == utc(2024, 11, 3, 5, 30)


def test_day_lengths_on_dst_days() -> None:
    def length(day: date, tz: ZoneInfo, boundary: time) -> timedelta:
        return start_utc(day + timedelta(days=1), tz, boundary) - start_utc(day, tz, boundary)

    assert length(date(2024, 3, 31), BERLIN, time(0)) == timedelta(hours=23)
    # With a 04:00 boundary the fall-back hour (03:00 CEST -> 02:00 CET on Oct 27th)
    # belongs to the habit-day of Oct 26th.
    assert length(date(2024, 10, 26), BERLIN, time(4)) == timedelta(hours=25)
    assert length(date(2024, 10, 27), BERLIN, time(4)) == timedelta(hours=24)
    assert length(date(2024, 10, 27), BERLIN, time(0)) == timedelta(hours=25)
    assert length(date(2024, 3, 10), NEW_YORK, time(0)) == timedelta(hours=23)
    assert length(date(2024, 11, 3), NEW_YORK, time(0)) == timedelta(hours=25)
    assert length(date(2024, 6, 1), NEW_YORK, time(4)) == timedelta(hours=24)


DST_DAYS = [
    date(2024, 3, 31),
    date(2024, 10, 27),
    date(2024, 3, 10),
    date(2024, 11, 3),
    date(2025, 3, 30),
    date(2025, 10, 26),
    date(2025, 3, 9),
    date(2025, 11, 2),
]


@settings(max_examples=400)
@given(
    st.one_of(
        st.dates(min_value=date(2000, 1, 1), max_value=date(2037, 12, 31)),
        st.sampled_from(DST_DAYS),
    ),
    st.sampled_from([BERLIN, NEW_YORK, UTC]),
    st.one_of(st.times(), st.sampled_from([time(0), time(1, 30), time(2, 0), time(2, 30)])),
)
def test_day_start_instant_is_the_local_day_boundary(day: date, tz, boundary: time) -> None:
    start = start_utc(day, tz, boundary)
    assert local_day(start, tz, boundary) == day
    assert local_day(start - timedelta(microseconds=1), tz, boundary) == day - timedelta(days=1)


def test_local_day_boundary_inside_the_repeated_hour() -> None:
    # 2024-10-27 Berlin: 02:00-03:00 happens twice; the day starts at the first 02:30.
    boundary = time(2, 30)
    assert local_day(utc(2024, 10, 27, 0, 20), BERLIN, boundary) == date(2024, 10, 26)  # 02:20 CEST
    assert local_day(utc(2024, 10, 27, 0, 30), BERLIN, boundary) == date(2024, 10, 27)  # 02:30 CEST
    # 02:10 CET comes after the day began: the clock going back does not reopen the 26th.
    assert local_day(utc(2024, 10, 27, 1, 10), BERLIN, boundary) == date(2024, 10, 27)
    assert local_day(utc(2024, 10, 27, 1, 40), BERLIN, boundary) == date(2024, 10, 27)


FALL_BACK_NIGHTS = [datetime(2024, 10, 26, 22, 0), datetime(2024, 11, 3, 3, 0), datetime(2025, 10, 25, 22, 0)]


@settings(max_examples=300)
@given(
    st.one_of(
        st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2037, 12, 31)),
        st.builds(
            lambda night, s: night + timedelta(seconds=s),
            st.sampled_from(FALL_BACK_NIGHTS),
            st.integers(0, 6 * 3600),
        ),
    ),
    st.integers(1, 3 * 3600),
    st.sampled_from([BERLIN, NEW_YORK, UTC]),
    st.one_of(st.times(), st.sampled_from([time(0), time(1, 30), time(2, 0), time(2, 30), time(4, 0)])),
)
@example(datetime(2024, 10, 27, 0, 40), 1800, BERLIN, time(2, 30))  # 02:40 CEST, then 02:10 CET
def test_local_day_never_goes_back_as_time_goes_on(naive: datetime, seconds: int, tz, boundary: time) -> None:
    """Clocks going back an hour cannot move the habit-day backwards (no day is reopened)."""
    first = naive.replace(tzinfo=timezone.utc)
    later = first + timedelta(seconds=seconds)
    assert local_day(later, tz, boundary) >= local_day(first, tz, boundary)


def test_the_period_grid_numbers_months_and_blocks() -> None:
    from habits.core.periods import PeriodGrid

    months = PeriodGrid("monthly")
    feb = months.index(date(2024, 2, 17).toordinal())
    assert months.first(feb) == date(2024, 2, 1).toordinal()
    assert months.last(feb) == date(2024, 2, 29).toordinal() and months.length(feb) == 29
    assert months.index(date(2024, 3, 1).toordinal()) == feb + 1
    assert months.first(months.index(date(2024, 12, 31).toordinal()) + 1) == date(2025, 1, 1).toordinal()
    blocks = PeriodGrid("every", every=3, anchor=date(2026, 11, 28))
    p = blocks.index(date(2026, 12, 2).toordinal())
    assert (date.fromordinal(blocks.first(p)), date.fromordinal(blocks.last(p))) == (
        date(2026, 12, 1),
        date(2026, 12, 3),
    )
    weeks = PeriodGrid("weekly", 6)  # weeks start on Sunday
    w = weeks.index(date(2026, 12, 2).toordinal())
    assert date.fromordinal(weeks.first(w)) == date(2026, 11, 29) and weeks.length(w) == 7
    for cadence in ("daily", "weekly", "monthly"):
        grid = PeriodGrid(cadence, 2)
        for o in range(date(2024, 1, 1).toordinal(), date(2024, 4, 1).toordinal()):
            p = grid.index(o)
            assert grid.first(p) <= o <= grid.last(p)
            assert date.fromordinal(grid.first(p)) == period_start(date.fromordinal(o), cadence, 2)
