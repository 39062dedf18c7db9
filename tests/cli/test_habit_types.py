"""Habit types through the command line: every cadence (daily, weekly, monthly, every N
days) with yes/no and measured (at least, at most) habits, each with a small history
checked by hand against the board, `streaks --json` and the heat map (`history --json`).

Today is Wednesday 2026-03-11 (weeks start on Monday: this week is 03-09..03-15); each
habit is created today, so an every-N habit's blocks count from 2026-03-11."""

from __future__ import annotations

import json

import pytest

# slug: (add options, entries (date, amount or None), board words, streaks figures
# (current, done_this_period, at_risk, this period's total or None), heat map days)
CASES = {
    # daily yes/no: three days in a row, today included
    "d-yn": (
        ["--daily"],
        [("2026-03-09", None), ("2026-03-10", None), ("2026-03-11", None)],
        "done today by Alex",
        (3, True, False, None),
        {"2026-03-08": "missed", "2026-03-09": "done", "2026-03-11": "done"},
    ),
    # daily, at least 20 minutes: 25, then 10 + 15 (two entries add up), today 5 so far
    "d-least": (
        ["--daily", "--measure", "minutes", "--at-least", "20"],
        [("2026-03-09", "25"), ("2026-03-10", "10"), ("2026-03-10", "15"), ("2026-03-11", "5")],
        "5/20 minutes today",
        (2, False, True, 5),
        {"2026-03-09": "done", "2026-03-10": "done", "2026-03-11": "partly"},
    ),
    # daily, at most 2 coffees: 3 (over), an entered zero, 2, today 1 so far
    "d-most": (
        ["--daily", "--measure", "coffees", "--at-most", "2"],
        [("2026-03-08", "3"), ("2026-03-09", "0"), ("2026-03-10", "2"), ("2026-03-11", "1")],
        "1 of at most 2 coffees today",
        (2, False, False, 1),
        {"2026-03-08": "missed", "2026-03-09": "done", "2026-03-10": "done", "2026-03-11": "done"},
    ),
    # weekly 2x yes/no: one the week before last (missed), two last week, one this week
    "w-yn": (
        ["--weekly", "--times", "2"],
        [("2026-02-24", None), ("2026-03-03", None), ("2026-03-05", None), ("2026-03-10", None)],
        "1 of 2 this week by Alex",
        (1, False, False, None),
        {"2026-03-03": "done", "2026-03-04": "missed", "2026-03-10": "done"},
    ),
    # weekly, at least 150 minutes: 200; 100 + 60; this week 30 so far
    "w-least": (
        ["--weekly", "--measure", "minutes", "--at-least", "150"],
        [("2026-02-25", "200"), ("2026-03-03", "100"), ("2026-03-06", "60"), ("2026-03-09", "30")],
        "30/150 minutes this week",
        (2, False, False, 30),
        {"2026-03-03": "partly", "2026-03-06": "done", "2026-03-09": "partly"},
    ),
    # weekly, at most 2 takeaways: 3 (over), 1, and this week already over (1 + 2):
    # the running week is passed over, never breaking the streak
    "w-most": (
        ["--weekly", "--measure", "takeaways", "--at-most", "2"],
        [("2026-02-27", "3"), ("2026-03-06", "1"), ("2026-03-10", "1"), ("2026-03-11", "2")],
        "3 of at most 2 takeaways this week (over)",
        (1, False, False, 3),
        {"2026-02-27": "missed", "2026-03-06": "done", "2026-03-10": "done", "2026-03-11": "missed"},
    ),
    # monthly 2x yes/no: January once (missed), February twice, March once so far
    "m-yn": (
        ["--monthly", "--times", "2"],
        [("2026-01-10", None), ("2026-02-03", None), ("2026-02-17", None), ("2026-03-05", None)],
        "1 of 2 this month by Alex",
        (1, False, False, None),
        {"2026-02-03": "done", "2026-03-05": "done", "2026-03-06": "missed"},
    ),
    # monthly, at least 10 pages: January 12, February 4 + 6, March 3 so far
    "m-least": (
        ["--monthly", "--measure", "pages", "--at-least", "10"],
        [("2026-01-05", "12"), ("2026-02-10", "4"), ("2026-02-20", "6"), ("2026-03-02", "3")],
        "3/10 pages this month",
        (2, False, False, 3),
        {"2026-02-10": "partly", "2026-02-20": "done", "2026-03-02": "partly"},
    ),
    # monthly, at most 1 outing: February 1, March an entered zero
    "m-most": (
        ["--monthly", "--measure", "outings", "--at-most", "1"],
        [("2026-02-14", "1"), ("2026-03-07", "0")],
        "0 of at most 1 outings this month",
        (1, False, False, 0),
        {"2026-02-14": "done", "2026-03-07": "done"},
    ),
    # every 3 days yes/no: blocks 03-02..04, 03-05..07, 03-08..10 done; 03-11..13 runs
    "e-yn": (
        ["--every", "3"],
        [("2026-03-03", None), ("2026-03-06", None), ("2026-03-09", None)],
        "not yet this period",
        (3, False, False, None),
        {"2026-03-03": "done", "2026-03-04": "missed", "2026-03-09": "done"},
    ),
    # every 2 days, at least 30 minutes: 03-07..08 20 + 15, 03-09..10 30, today 10
    "e-least": (
        ["--every", "2", "--measure", "minutes", "--at-least", "30"],
        [("2026-03-07", "20"), ("2026-03-08", "15"), ("2026-03-09", "30"), ("2026-03-11", "10")],
        "10/30 minutes this period",
        (2, False, False, 10),
        {"2026-03-07": "partly", "2026-03-08": "done", "2026-03-09": "done", "2026-03-11": "partly"},
    ),
    # every 7 days, at most 3 sweets: 02-25..03-03 4 (over), 03-04..10 2, today a zero
    "e-most": (
        ["--every", "7", "--measure", "sweets", "--at-most", "3"],
        [("2026-02-26", "4"), ("2026-03-05", "2"), ("2026-03-11", "0")],
        "0 of at most 3 sweets this period",
        (1, False, False, 0),
        {"2026-02-26": "missed", "2026-03-05": "done", "2026-03-11": "done"},
    ),
}


def _set_up(ok, slug: str) -> None:
    options, entries, *_ = CASES[slug]
    ok("add", slug, "--title", f"Habit {slug}", *options)
    for day, amount in entries:
        ok("done", slug, *([amount] if amount is not None else []), "--date", day)


@pytest.mark.parametrize("slug", sorted(CASES))
def test_each_cadence_and_measure_on_the_board_streaks_and_heat_map(habits_sqlite, slug):
    def ok(*args):
        result = habits_sqlite(*args, env={"COLUMNS": "200"})
        assert result.exit_code == 0, (args, result.output)
        return result

    _set_up(ok, slug)
    options, _, words, (current, done, at_risk, total), heat = CASES[slug]
    line = next(row for row in ok().stdout.splitlines() if f"Habit {slug}" in row)
    assert words in line, line
    (row,) = json.loads(ok("streaks", slug, "--json").stdout)
    assert (row["current"], row["done_this_period"], row["at_risk"]) == (current, done, at_risk), row
    cadence = {"-d": "daily", "-w": "weekly", "-m": "monthly", "-e": "every"}["-" + slug[0]]
    assert row["cadence"] == cadence
    assert (
        row["unit"] == {"daily": "days", "weekly": "weeks", "monthly": "months", "every": "periods"}[cadence]
    )
    if cadence == "every":
        assert row["every"] == int(options[1])
    else:
        assert "every" not in row
    if total is None:
        assert "measure" not in row
    else:
        measure = row["measure"]
        assert measure["this_period"] == total
        assert measure["kind"] == ("at_least" if "--at-least" in options else "at_most")
        assert measure["unit"] == options[options.index("--measure") + 1]
        assert row["target"] == 1
    days = {d["date"]: d for d in json.loads(ok("history", slug, "--json", "--weeks", "12").stdout)["days"]}
    assert {day: days[day]["state"] for day in heat} == heat


def test_list_and_show_say_the_cadence_and_measure(habits_sqlite):
    habits = habits_sqlite
    for slug in ("m-yn", "e-least"):
        assert habits("add", slug, "--title", f"Habit {slug}", *CASES[slug][0]).exit_code == 0
    listed = {h["slug"]: h for h in json.loads(habits("list", "--json").stdout)}
    assert listed["m-yn"]["cadence"] == "monthly" and listed["m-yn"]["target"] == 2
    assert "every" not in listed["m-yn"] and "measure" not in listed["m-yn"]
    assert listed["e-least"]["cadence"] == "every" and listed["e-least"]["every"] == 2
    assert listed["e-least"]["measure"] == {"unit": "minutes", "kind": "at_least", "target": 30}
    shown = habits("show", "e-least").stdout
    assert "at least 30 minutes every 2 days" in shown
    assert "0/30 minutes this period" in shown
    assert "2x monthly" in habits("show", "m-yn").stdout


def test_log_json_carries_the_amount(habits_sqlite):
    habits = habits_sqlite
    habits("add", "talk", "--title", "Talk", "--daily", "--measure", "minutes", "--at-least", "20")
    habits("done", "talk", "2.5")
    habits("done", "talk", "0")
    habits("done", "kiss")
    entries = json.loads(habits("log", "--json").stdout)
    assert [(e["habit"], e["amount"]) for e in entries if e["kind"] == "checkin"] == [
        ("six-second-kiss", None),
        ("talk", 2.5),
        ("talk", 0),
    ]
    assert "2.5 minutes" in habits("log", "talk").stdout


def test_amounts_add_up_and_undo_removes_the_days_last(habits):  # on SQLite and PostgreSQL
    habits("add", "talk", "--title", "Talk", "--daily", "--measure", "minutes", "--at-least", "20")
    assert "10/20 minutes that day" in habits("done", "talk", "10").stdout
    assert "25/20 minutes that day" in habits("done", "talk", "15").stdout
    (row,) = json.loads(habits("streaks", "talk", "--json").stdout)
    assert row["measure"]["this_period"] == 25 and row["done_this_period"] is True
    out = habits("undo", "talk").stdout
    assert "15 minutes" in out and "10 minutes left" in out
    (row,) = json.loads(habits("streaks", "talk", "--json").stdout)
    assert row["measure"]["this_period"] == 10 and row["done_this_period"] is False
    habits("undo", "talk")
    assert "Nothing to undo" in habits("undo", "talk").stdout
    assert [e for e in json.loads(habits("log", "--json").stdout) if e["kind"] == "checkin"] == []


def test_an_entered_zero_is_an_entry(habits_sqlite):
    habits = habits_sqlite
    habits("add", "sweets", "--title", "Sweets", "--daily", "--measure", "sweets", "--at-most", "1")
    habits("done", "sweets", "0", "--date", "yesterday")
    days = {d["date"]: d for d in json.loads(habits("history", "sweets", "--json").stdout)["days"]}
    assert days["2026-03-10"]["count"] == 1 and days["2026-03-10"]["amount"] == 0
    assert days["2026-03-10"]["state"] == "done"
    assert days["2026-03-09"]["amount"] is None
    (row,) = json.loads(habits("streaks", "sweets", "--json").stdout)
    assert row["current"] == 1


def test_the_status_reads_the_periods_total(habits_sqlite):
    habits = habits_sqlite
    habits("add", "talk", "--title", "Talk", "--daily", "--measure", "minutes", "--at-least", "20")
    habits("add", "sweets", "--title", "Sweets", "--daily", "--measure", "sweets", "--at-most", "2")
    habits("done", "talk", "5")
    habits("done", "sweets", "1")
    status = json.loads(habits("status", "--format", "json").stdout)
    items = {h["slug"]: h for h in status["habits"]}
    assert items["talk"]["done"] is False and items["talk"]["progress"] == "5/20 minutes today"
    assert items["sweets"]["done"] is True  # a limit: something logged today says how today went
    assert items["sweets"]["progress"] == "1 of at most 2 sweets today"
    assert "progress" not in items["six-second-kiss"]
    assert "Talk: 5/20 minutes today" in status["tooltip"]
    habits("done", "talk", "15")
    status = json.loads(habits("status", "--format", "json").stdout)
    assert {h["slug"]: h for h in status["habits"]}["talk"]["done"] is True


def test_the_review_says_cadence_every_and_measure(habits_sqlite):
    habits = habits_sqlite
    habits("add", "plants", "--title", "Plants", "--every", "3")
    habits("add", "talk", "--title", "Talk", "--daily", "--measure", "minutes", "--at-least", "20")
    habits("done", "talk", "12.5")
    review = {h["habit"]: h for h in json.loads(habits("review", "--json").stdout)["habits"]}
    assert review["plants"]["cadence"] == "every" and review["plants"]["every"] == 3
    assert "every" not in review["talk"] and "measure" not in review["plants"]
    assert review["talk"]["measure"] == {
        "unit": "minutes",
        "kind": "at_least",
        "target": 20,
        "this_period": 12.5,
    }


def test_a_measured_habit_each_of_you_does_shows_both_totals(habits_sqlite):
    habits = habits_sqlite
    habits.write_config(habits.config.read_text() + 'partner = "Sam"\n')
    habits("add", "read", "--title", "Reading", "--daily", "--each", "--measure", "pages", "--at-least", "10")
    habits("done", "read", "4")
    habits("done", "read", "12", "--by", "Sam")
    line = next(row for row in habits(env={"COLUMNS": "200"}).stdout.splitlines() if "Reading" in row)
    assert "Alex 4  Sam 12 (at least 10 pages today)" in line
    (row,) = json.loads(habits("streaks", "read", "--json").stdout)
    assert row["done_this_period"] is False and row["measure"]["this_period"] == 16
    assert row["people"]["Sam"]["done_this_period"] is True
    assert row["people"]["Alex"]["done_this_period"] is False
    assert row["people"]["Alex"]["measure"]["this_period"] == 4
    (day,) = [
        d for d in json.loads(habits("history", "read", "--json").stdout)["days"] if d["date"] == "2026-03-11"
    ]
    assert (day["state"], day["amount"], day["people"]) == ("partly", 16, {"Alex": 4, "Sam": 12})
