"""Habit types: every bad input is one sentence naming the value, exit 1 (2 for a
usage mistake), nothing stored; `habits edit` changes cadence, times and measure
keeping the history, and refuses what it cannot honestly convert."""

from __future__ import annotations

import json

import pytest

from tests.refusals import fails

TALK = ("add", "talk", "--title", "Talk", "--daily", "--measure", "minutes", "--at-least", "20")


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("-5", "negative"),
        ("-0.5", "negative"),
        ("abc", "not a number"),
        ("nan", "not a number"),
        ("inf", "not a number"),
        ("-inf", "not a number"),
        ("1e9", "too large"),
        ("10000001", "too large"),
    ],
)
def test_a_bad_amount_is_refused(habits_sqlite, amount, words):
    habits_sqlite(*TALK)
    err = fails(habits_sqlite, "done", "talk", amount, contains=[words])
    assert amount in err


def test_an_amount_is_needed_for_a_measured_habit_and_refused_for_a_yes_no_one(habits_sqlite):
    habits_sqlite(*TALK)
    fails(habits_sqlite, "done", "talk", contains=["measured in minutes", "habits done talk 20"])
    fails(habits_sqlite, "done", "kiss", "3", contains=["yes/no habit and takes no amount"])


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--every", "0"), 1, "--every 0"),
        (("--every", "400"), 1, "--every 400"),
        (("--daily", "--times", "0"), 1, "--times 0"),
        (("--weekly", "--times", "8"), 1, "--times 8"),
        (("--monthly", "--times", "32"), 1, "--times 32"),
        (("--every", "3", "--times", "4"), 1, "--times 4"),
        (("--every", "3", "--daily"), 2, "--every 3"),
        (
            ("--daily", "--measure", "minutes", "--at-least", "20", "--at-most", "30"),
            2,
            "--at-least or --at-most",
        ),
        (("--daily", "--measure", "minutes"), 2, "--at-least X or --at-most X"),
        (("--daily", "--at-least", "20"), 2, "--measure"),
        (("--daily", "--measure", "minutes", "--at-least", "20", "--times", "2"), 2, "--times"),
        (("--daily", "--measure", "m" * 10_000, "--at-least", "20"), 1, "Unit"),
        (("--daily", "--measure", "  ", "--at-least", "20"), 1, "Unit"),
        (("--daily", "--measure", "minutes", "--at-least", "0"), 1, "--at-least 0"),
        (("--daily", "--measure", "minutes", "--at-least", "-3"), 1, "negative"),
        (("--daily", "--measure", "minutes", "--at-most", "nan"), 1, "not a number"),
        (("--daily", "--measure", "minutes", "--at-most", "2e6"), 1, "too large"),
    ],
)
def test_bad_add_options_are_refused(habits_sqlite, args, code, words):
    err = fails(habits_sqlite, "add", "x", "--title", "X", *args, code=code, contains=[words])
    assert len(err) < 400


def test_at_most_zero_is_a_limit_of_none(habits_sqlite):
    result = habits_sqlite(
        "add", "smoke", "--title", "Smoke", "--daily", "--measure", "cigarettes", "--at-most", "0"
    )
    assert result.exit_code == 0, result.output
    assert "at most 0 cigarettes daily" in result.stdout


def test_edit_changes_cadence_times_and_target_keeping_history(habits_sqlite):
    habits = habits_sqlite
    habits(*TALK)
    for day in ("2026-03-08", "2026-03-09", "2026-03-10"):
        habits("done", "talk", "25", "--date", day)
    (row,) = json.loads(habits("streaks", "talk", "--json").stdout)
    assert row["current"] == 3
    assert habits("edit", "talk", "--at-least", "30").exit_code == 0  # 25 no longer reaches it
    (row,) = json.loads(habits("streaks", "talk", "--json").stdout)
    assert row["current"] == 0 and row["measure"]["target"] == 30
    assert habits("edit", "talk", "--weekly", "--at-least", "60").exit_code == 0  # 75 last week... this week
    (row,) = json.loads(habits("streaks", "talk", "--json").stdout)
    assert row["cadence"] == "weekly" and row["measure"]["this_period"] == 50  # 03-09 + 03-10
    assert habits("edit", "talk", "--at-most", "100").exit_code == 0
    (row,) = json.loads(habits("streaks", "talk", "--json").stdout)
    assert row["measure"]["kind"] == "at_most" and row["measure"]["target"] == 100
    assert len([e for e in json.loads(habits("log", "--json").stdout) if e["kind"] == "checkin"]) == 3
    habits("add", "clean", "--title", "Clean", "--weekly")
    habits("done", "clean", "--date", "2026-03-02")
    assert habits("edit", "clean", "--every", "5", "--times", "2").exit_code == 0
    listed = {h["slug"]: h for h in json.loads(habits("list", "--json").stdout)}
    assert (listed["clean"]["cadence"], listed["clean"]["every"], listed["clean"]["target"]) == (
        "every",
        5,
        2,
    )
    assert habits("edit", "clean", "--monthly").exit_code == 0
    listed = {h["slug"]: h for h in json.loads(habits("list", "--json").stdout)}
    assert (listed["clean"]["cadence"], listed["clean"]["target"]) == ("monthly", 2)
    assert "every" not in listed["clean"]


def test_edit_refuses_times_for_a_measured_habit_and_a_switch_with_history(habits_sqlite):
    habits = habits_sqlite
    habits(*TALK)
    fails(habits, "edit", "talk", "--times", "2", code=2, contains=["--times is for yes/no habits"])
    habits("done", "talk", "5")
    fails(habits, "edit", "talk", "--no-measure", contains=["cannot honestly become yes/no"])
    habits("done", "kiss")
    fails(habits, "edit", "kiss", "--measure", "seconds", "--at-least", "6", contains=["without amounts"])


def test_edit_switches_type_while_there_is_no_history(habits_sqlite):
    habits = habits_sqlite
    habits(*TALK)
    assert habits("edit", "talk", "--no-measure").exit_code == 0
    assert habits("done", "talk").exit_code == 0
    habits("add", "read", "--title", "Read", "--daily")
    assert habits("edit", "read", "--measure", "pages", "--at-least", "10").exit_code == 0
    assert "5/10 pages that day" in habits("done", "read", "5").stdout


def test_a_yes_no_habit_refuses_any_amount_before_reading_it(habits_sqlite):
    habits_sqlite("list")  # the store exists
    fails(habits_sqlite, "done", "kiss", "yesterday", contains=["takes no amount ('yesterday')", "--date"])
