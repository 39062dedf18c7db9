"""habits.core.dates: DATE, HH:MM and DURATION values."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from habits.core.dates import format_duration, format_hhmm, parse_date, parse_duration, parse_hhmm
from habits.errors import BadValue

TODAY = date(2026, 1, 15)  # a Thursday


# -- parse_date -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-01-15", TODAY),
        ("2025-12-31", date(2025, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
        (" 2026-01-01 ", date(2026, 1, 1)),
        ("today", TODAY),
        ("TODAY", TODAY),
        ("  Today\n", TODAY),
        ("yesterday", date(2026, 1, 14)),
        ("Yesterday", date(2026, 1, 14)),
        ("-0", TODAY),
        ("-1", date(2026, 1, 14)),
        ("-15", date(2025, 12, 31)),  # across the new year
        ("-366", date(2025, 1, 14)),
        ("thu", TODAY),  # today included
        ("Thursday", TODAY),
        ("wed", date(2026, 1, 14)),
        ("fri", date(2026, 1, 9)),  # the most recent Friday, not tomorrow
        ("FRIDAY", date(2026, 1, 9)),
        ("mon", date(2026, 1, 12)),
        ("sunday", date(2026, 1, 11)),
    ],
)
def test_parse_date_forms(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_weekday_name_across_new_year() -> None:
    assert parse_date("sat", date(2026, 1, 1)) == date(2025, 12, 27)


def test_invalid_calendar_date_message() -> None:
    with pytest.raises(BadValue) as err:
        parse_date("2026-02-30", TODAY)
    assert str(err.value) == (
        "Date '2026-02-30' is not a valid date; use YYYY-MM-DD, today, yesterday, -N or a weekday name."
    )


def test_future_date_message() -> None:
    with pytest.raises(BadValue) as err:
        parse_date("2026-12-01", TODAY)
    assert str(err.value) == ("Date 2026-12-01 is in the future; you can only log today or earlier.")
    with pytest.raises(BadValue, match="in the future"):
        parse_date("2026-01-16", TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "tomorrow",
        "+1",
        "1",
        "-",
        "--1",
        "- 1",
        "-1.5",
        "2026/01/01",
        "15.01.2026",
        "2026-13-01",
        "2026-00-10",
        "0000-01-01",
        "20260101",
        "2026-W03-1",
        "26-01-01",
        "2026-01-015",
        "thurs",
        "mo",
        "2026-01-01T00:00",
        "٢٠٢٦-٠١-٠١",
        "-١",
        "now",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(BadValue) as err:
        parse_date(text, TODAY)
    assert "use YYYY-MM-DD" in str(err.value)


@pytest.mark.parametrize("text", ["-99999999999", "-" + "9" * 5000, "-800000"])
def test_far_back_is_bad_value_not_overflow(text: str) -> None:
    with pytest.raises(BadValue, match="too far back"):
        parse_date(text, TODAY)


def test_allow_future_only_lifts_the_future_check() -> None:
    assert parse_date("2026-12-01", TODAY, allow_future=True) == date(2026, 12, 1)
    assert parse_date("fri", TODAY, allow_future=True) == date(2026, 1, 9)
    with pytest.raises(BadValue, match="not a valid date"):
        parse_date("2026-02-30", TODAY, allow_future=True)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tomorrow", date(2026, 1, 16)),
        (" Tomorrow ", date(2026, 1, 16)),
        ("next fri", date(2026, 1, 16)),
        ("next thursday", date(2026, 1, 22)),  # today is a Thursday: the next one is a week on
        ("NEXT  Wed", date(2026, 1, 21)),
    ],
)
def test_planning_forms_ahead(text: str, expected: date) -> None:
    assert parse_date(text, TODAY, allow_future=True) == expected
    with pytest.raises(BadValue, match="not a valid date"):
        parse_date(text, TODAY)  # only where future days are allowed


@pytest.mark.parametrize("text", ["next", "next week", "nextfri", "next -1"])
def test_planning_forms_reject_what_is_not_a_weekday(text: str) -> None:
    with pytest.raises(BadValue, match="not a valid date"):
        parse_date(text, TODAY, allow_future=True)


def test_minimum_date_edges() -> None:
    """Near date.min nothing overflows: it is all before 1900, a BadValue."""
    for text, today in (
        ("-0", date.min),
        ("yesterday", date.min),
        (f"-{TODAY.toordinal() - 1}", TODAY),
        (f"-{TODAY.toordinal()}", TODAY),
    ):
        with pytest.raises(BadValue):
            parse_date(text, today)


@given(st.text(max_size=30))
def test_parse_date_never_leaks_other_errors(text: str) -> None:
    try:
        day = parse_date(text, TODAY)
    except BadValue as err:
        assert str(err).startswith("Date ")
    else:
        assert day <= TODAY


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_iso_round_trip(day: date) -> None:
    assert parse_date(day.isoformat(), TODAY) == day


@given(st.integers(0, 10_000))
def test_days_ago(n: int) -> None:
    assert parse_date(f"-{n}", TODAY) == TODAY - timedelta(days=n)


# -- HH:MM ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("07:45", time(7, 45)),
        ("7:45", time(7, 45)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        (" 19:30 ", time(19, 30)),
        ("0:05", time(0, 5)),
    ],
)
def test_parse_hhmm(text: str, expected: time) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "24:00",
        "23:60",
        "7",
        "745",
        "07:5",
        "07:456",
        "007:45",
        "07-45",
        "7:45pm",
        "-1:00",
        "07:45:00",
        "٠٧:٤٥",
        "ab:cd",
    ],
)
def test_parse_hhmm_rejects(text: str) -> None:
    with pytest.raises(BadValue) as err:
        parse_hhmm(text)
    assert repr(text) in str(err.value)
    assert "HH:MM" in str(err.value)


def test_format_hhmm() -> None:
    assert format_hhmm(time(7, 5)) == "07:05"
    assert format_hhmm(time(19, 30, 59)) == "19:30"


@given(st.integers(0, 23), st.integers(0, 59))
def test_hhmm_round_trip(hour: int, minute: int) -> None:
    t = time(hour, minute)
    assert parse_hhmm(format_hhmm(t)) == t


# -- durations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("30m", timedelta(minutes=30)),
        ("2h", timedelta(hours=2)),
        ("1h30m", timedelta(minutes=90)),
        ("90s", timedelta(seconds=90)),
        ("1d", timedelta(days=1)),
        ("1H30M", timedelta(minutes=90)),
        (" 1h 30m ", timedelta(minutes=90)),
        ("7d", timedelta(days=7)),
        ("1d2h3m4s", timedelta(days=1, hours=2, minutes=3, seconds=4)),
        ("120m", timedelta(hours=2)),
    ],
)
def test_parse_duration(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "30",
        "m",
        "0m",
        "0h0m",
        "-5m",
        "8d",
        "7d1s",
        "169h",
        "1.5h",
        "30m1h",
        "1h30",
        "30 minutes",
        "1w",
        "9" * 40 + "s",
        "1h1h",
        "P1D",
    ],
)
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(BadValue) as err:
        parse_duration(text)
    assert str(err.value).startswith("Duration ")


@pytest.mark.parametrize(
    "td, text",
    [
        (timedelta(minutes=30), "30m"),
        (timedelta(hours=2), "2h"),
        (timedelta(minutes=90), "1h30m"),
        (timedelta(seconds=90), "1m30s"),
        (timedelta(seconds=45), "45s"),
        (timedelta(days=1), "1d"),
        (timedelta(days=1, hours=2), "1d2h"),
        (timedelta(0), "0s"),
    ],
)
def test_format_duration(td: timedelta, text: str) -> None:
    assert format_duration(td) == text


def test_format_duration_rejects_negative() -> None:
    with pytest.raises(ValueError):
        format_duration(timedelta(seconds=-1))


@given(st.integers(1, 7 * 86400))
def test_duration_round_trip(seconds: int) -> None:
    td = timedelta(seconds=seconds)
    assert parse_duration(format_duration(td)) == td


@given(st.text(max_size=20))
def test_parse_duration_never_leaks_other_errors(text: str) -> None:
    try:
        td = parse_duration(text)
    except BadValue:
        pass
    else:
        assert timedelta(0) < td <= timedelta(days=7)


def test_the_earliest_day_is_1900():
    import pytest as _pytest

    from habits.core.dates import EARLIEST, parse_date
    from habits.errors import BadValue

    today = date(2026, 3, 11)
    assert parse_date("1900-01-01", today) == EARLIEST
    with _pytest.raises(BadValue, match="before 1900-01-01"):
        parse_date("1899-12-31", today)
    with _pytest.raises(BadValue, match="before 1900-01-01"):
        parse_date(f"-{(today - EARLIEST).days + 1}", today)
