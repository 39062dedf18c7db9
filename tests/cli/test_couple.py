"""Couples on the command line: --by, days apart, haunts."""

import json

import pytest

PARTNER = '\n[couple]\nme = "Alex"\npartner = "Sam"\n'


@pytest.fixture
def couple(habits):
    habits.write_config('[time]\ntimezone = "Europe/Berlin"\n' + PARTNER)
    return habits


def streaks(ok):
    return {row["habit"]: row for row in json.loads(ok("streaks", "--json").stdout)}


def test_each_habit_joint_streak_needs_both(couple, ok):
    for d in ("-2", "-1"):
        ok("done", "ask", "--date", d)
    ok("done", "ask", "--date", "-1", "--by", "Sam")
    ask = streaks(ok)["ask-about-their-day"]
    assert ask["people"]["Alex"]["current"] == 2
    assert ask["people"]["Sam"]["current"] == 1
    assert ask["current"] == 1
    board = ok().stdout
    assert "Alex ·" in board and "Sam ·" in board


def test_away_excuses_together_habits_only(couple, ok):
    ok("done", "kiss", "--date", "-4")
    ok("done", "ask", "--date", "-4")
    ok("done", "ask", "--date", "-4", "--by", "sam")
    ok("away", "-3", "-1", "--note", "Sam in Lisbon")
    rows = streaks(ok)
    assert rows["six-second-kiss"]["current"] == 1  # days apart passed over
    assert rows["ask-about-their-day"]["current"] == 0  # each: not excused
    listing = ok("away", "--json").stdout
    assert json.loads(listing) == [{"start": "2026-03-08", "end": "2026-03-10", "note": "Sam in Lisbon"}]
    assert "already recorded" in ok("away", "-3", "-1").stdout
    ok("away", "-3", "-1", "--remove")
    assert streaks(ok)["six-second-kiss"]["current"] == 0


def test_away_may_plan_ahead_but_not_backwards(couple, ok):
    ok("away", "2026-04-01", "2026-04-05")
    result = couple("away", "2026-04-05", "2026-04-01")
    assert result.exit_code == 1 and "before START" in result.stderr


def test_haunts_and_places(couple, ok):
    ok("haunts", "add", "Luigi's")
    ok("haunts", "add", "The Pier")
    assert "already" in ok("haunts", "add", "luigi's").stdout
    ok("done", "weekly", "--date", "-21", "--place", "LUIGI'S")
    log = json.loads(ok("log", "--json").stdout)
    assert log[0]["place"] == "Luigi's"
    out = ok("haunts", "list").stdout
    assert "not yet visited" in out and "The Pier" in out
    ok("done", "weekly", "--date", "-14", "--place", "the pier")
    out = ok("haunts", "list").stdout
    assert "It has been 3 weeks since Luigi's." in out
    before = couple.dump()
    result = couple("done", "weekly", "--place", "Nowhere")
    assert result.exit_code == 1 and "--new-place" in result.stderr
    assert couple.dump() == before
    ok("done", "weekly", "--place", "Nowhere", "--new-place")
    assert "Nowhere" in ok("haunts", "list").stdout
    ok("haunts", "remove", "nowhere")
    assert couple("haunts", "remove", "nowhere").exit_code == 1


def test_by_unknown_person_names_both(couple):
    result = couple("done", "kiss", "--by", "Jordan")
    assert result.exit_code == 1
    assert "'Alex' or 'Sam'" in result.stderr


def test_new_place_is_added_only_with_a_check_in(couple, ok):
    ok("done", "weekly")
    assert "nothing added" in ok("done", "weekly", "--place", "Nowhere", "--new-place").stdout
    assert "Nowhere" not in ok("haunts", "list").stdout


def test_history_of_an_each_habit_is_done_only_when_both_did_it(couple, ok):
    ok("done", "ask", "--date", "-2")
    ok("done", "ask", "--date", "-2", "--by", "Sam")
    ok("done", "ask", "--date", "-1")  # only Alex yesterday
    assert streaks(ok)["ask-about-their-day"]["current"] == 0
    days = {d["date"]: d for d in json.loads(ok("history", "ask", "--weeks", "1", "--json").stdout)["days"]}
    assert days["2026-03-09"]["state"] == "done" and days["2026-03-09"]["people"] == {"Alex": 1, "Sam": 1}
    assert days["2026-03-10"]["state"] == "partly" and days["2026-03-10"]["people"] == {"Alex": 1, "Sam": 0}
    assert days["2026-03-10"]["count"] == 1 and days["2026-03-11"]["state"] == "missed"
    text = ok("history", "ask", "--weeks", "1").stdout
    rows = {line[:3]: line[4:] for line in text.splitlines()}
    assert rows["Mon"] == "█" and rows["Tue"] == "▒" and "▒ partly (not all of you)" in text


def test_history_marks_skips_and_days_apart(couple, ok):
    ok("done", "kiss", "--date", "-4")
    ok("away", "-3", "-2")
    ok("skip", "kiss", "--date", "-1", "--reason", "flu")
    days = {d["date"]: d for d in json.loads(ok("history", "kiss", "--weeks", "2", "--json").stdout)["days"]}
    assert [days[f"2026-03-{n:02}"]["state"] for n in (7, 8, 9, 10)] == [
        "done",
        "excused",
        "excused",
        "excused",
    ]
    assert days["2026-03-08"]["away"] is True and days["2026-03-08"]["skip"] is False
    assert days["2026-03-10"]["skip"] is True and days["2026-03-10"]["away"] is False
    assert days["2026-03-10"]["skipped"] is True  # the old key keeps its meaning
    assert "~ excused (skip or apart)" in ok("history", "kiss", "--weeks", "2").stdout


def test_away_plans_with_tomorrow_and_next_weekday(couple, ok):
    ok("away", "tomorrow", "next sunday", "--note", "Sam in Lisbon")  # today is Wednesday 2026-03-11
    assert json.loads(ok("away", "--json").stdout) == [
        {"start": "2026-03-12", "end": "2026-03-15", "note": "Sam in Lisbon"}
    ]


def test_overlapping_and_adjacent_days_apart_merge_into_one_range(couple, ok):
    ok("away", "2026-04-01", "2026-04-05", "--note", "Lisbon")
    ok("away", "2026-04-10", "2026-04-12", "--note", "Porto")
    out = ok("away", "2026-04-04", "2026-04-09", "--note", "train").stdout  # overlaps one, touches the other
    assert "2026-04-01 .. 2026-04-12" in out
    ok("away", "2026-04-13", "2026-04-13")  # the day after: adjacent
    assert (
        "already recorded (within 2026-04-01 .. 2026-04-13)" in ok("away", "2026-04-02", "2026-04-03").stdout
    )
    assert json.loads(ok("away", "--json").stdout) == [
        {"start": "2026-04-01", "end": "2026-04-13", "note": "Lisbon; Porto; train"}
    ]
    ok("away", "2026-04-15", "2026-04-16")  # a day between: a range of its own
    assert len([r for r in couple.dump() if r[0] == "away"]) == 2
