import json

from habits.cli.render import clean


def streaks(ok, *args):
    return {row["habit"]: row for row in json.loads(ok("streaks", "--json", *args).stdout)}


def test_fresh_store_shows_three_seeded_habits(habits, ok):
    out = ok().stdout
    assert "Six-second kiss" in out and "Ask about their day" in out and "Weekly date" in out
    assert any(row[0] == "habits" for row in habits.dump())


def test_done_then_streak_of_one(habits, ok):
    assert "Logged Six-second kiss" in ok("done", "kiss").stdout
    kiss = streaks(ok)["six-second-kiss"]
    assert kiss["current"] == 1 and kiss["done_this_period"] is True
    assert kiss["unit"] == "days" and kiss["cadence"] == "daily" and kiss["target"] == 1


def test_done_twice_adds_nothing_and_says_so(habits, ok):
    ok("done", "kiss")
    result = ok("done", "kiss")
    assert "nothing added" in result.stdout
    assert len(json.loads(ok("log", "--json").stdout)) == 1


def test_times_n_allows_n_a_day(habits, ok):
    ok("add", "water", "--title", "Drink water", "--daily", "--times", "3")
    for _ in range(4):
        ok("done", "water")
    assert len(json.loads(ok("log", "water", "--json").stdout)) == 3
    assert streaks(ok)["water"]["current"] == 1


def test_backfill_builds_streak(habits, ok):
    for d in ("-3", "-2", "yesterday"):
        ok("done", "kiss", "--date", d)
    kiss = streaks(ok)["six-second-kiss"]
    assert kiss["current"] == 3 and kiss["at_risk"] is True and kiss["done_this_period"] is False
    ok("done", "kiss")
    assert streaks(ok)["six-second-kiss"]["current"] == 4


def test_skip_passes_over_a_day_and_unskip_restores_the_gap(habits, ok):
    ok("done", "kiss", "--date", "-3")
    ok("done", "kiss", "--date", "-1")
    assert streaks(ok)["six-second-kiss"]["current"] == 1
    ok("skip", "kiss", "--date", "-2", "--reason", "flu")
    assert streaks(ok)["six-second-kiss"]["current"] == 2
    ok("unskip", "kiss", "--date", "-2")
    assert streaks(ok)["six-second-kiss"]["current"] == 1


def test_undo_removes_and_nothing_to_undo_is_exit_0(habits, ok):
    ok("done", "kiss")
    assert "Removed" in ok("undo", "kiss").stdout
    assert "Nothing to undo" in ok("undo", "kiss").stdout
    assert json.loads(ok("log", "--json").stdout) == []


def test_as_of_in_the_past_ignores_later_check_ins(habits, ok):
    ok("done", "kiss", "--date", "-5")
    ok("done", "kiss", "--date", "-4")
    ok("done", "kiss")
    kiss = streaks(ok, "--as-of", "-4")["six-second-kiss"]
    assert kiss["current"] == 2 and kiss["longest"] == 2


def test_each_habit_has_people_with_me_only_when_no_partner(habits, ok):
    ok("done", "ask")
    ask = streaks(ok)["ask-about-their-day"]
    assert set(ask["people"]) == {"Alex"}
    assert ask["people"]["Alex"]["current"] == 1 and ask["current"] == 1


def test_partner_check_in_satisfies_together_but_not_each(habits, ok):
    habits.write_config(habits.config.read_text() + 'partner = "Sam"\n')
    ok("done", "kiss", "--by", "sam")
    ok("done", "ask", "--by", "SAM")
    rows = streaks(ok)
    assert rows["six-second-kiss"]["done_this_period"] is True
    ask = rows["ask-about-their-day"]
    assert ask["people"]["Sam"]["done_this_period"] is True
    assert ask["people"]["Alex"]["done_this_period"] is False
    assert ask["done_this_period"] is False
    board = ok().stdout
    assert "done today by Sam" in board


def test_weekly_date_counts_in_weeks(habits, ok):
    ok("done", "weekly", "--date", "-7")
    ok("done", "weekly", "--date", "-14")
    date = streaks(ok)["weekly-date"]
    assert date["unit"] == "weeks" and date["current"] == 2
    assert date["at_risk"] is False  # Wednesday: five days left for the week's one check-in


def test_twice_weekly_with_monday_done_is_at_risk_only_on_the_last_day(habits, ok):
    ok("add", "gym", "--title", "Gym", "--weekly", "--times", "2")
    for d in ("-8", "-6", "-2"):  # last week's two, and this Monday's
        ok("done", "gym", "--date", d)
    from datetime import timedelta

    tuesday = habits.clock.instant - timedelta(days=1)
    for offset, expected in [(0, False), (4, False), (5, True)]:  # Tue, Sat, Sun
        habits.clock.instant = tuesday + timedelta(days=offset)
        assert streaks(ok)["gym"]["at_risk"] is expected
        line = next(ln for ln in ok().stdout.splitlines() if "Gym" in ln)
        assert ("at risk" in line) is expected


def test_history_heat_map_and_json(habits, ok):
    ok("done", "kiss", "--date", "-1")
    ok("skip", "kiss", "--date", "-2")
    text = ok("history", "kiss", "--weeks", "4").stdout
    assert "█" in text and "~" in text and "current streak 1 day" in text
    data = json.loads(ok("history", "kiss", "--weeks", "2", "--json").stdout)
    assert data["habit"] == "six-second-kiss"
    by_date = {d["date"]: d for d in data["days"]}
    assert by_date["2026-03-10"]["count"] == 1
    assert by_date["2026-03-09"]["skipped"] is True
    assert data["days"][-1]["date"] == "2026-03-11"
    assert len(data["days"]) == 10  # Monday 2 March .. Wednesday 11 March


def test_log_shows_notes_and_json_shape(habits, ok):
    ok("done", "weekly", "--note", 'Luigi\'s, "again", 🍝\nso good', "--place", "Luigi's", "--new-place")
    rows = json.loads(ok("log", "--json").stdout)
    assert rows == [
        {
            "habit": "weekly-date",
            "date": "2026-03-11",
            "by": "Alex",
            "note": 'Luigi\'s, "again", 🍝\nso good',
            "place": "Luigi's",
            "logged_at": "2026-03-11T09:00:00Z",
            "kind": "checkin",
            "amount": None,
        }
    ]
    text = ok("log").stdout
    assert "\\n" in text and "🍝" in text


def test_day_starts_at_moves_the_boundary(habits, ok):
    habits.write_config(
        habits.config.read_text().replace(
            '[time]\ntimezone = "Europe/Berlin"',
            '[time]\ntimezone = "Europe/Berlin"\nday_starts_at = "04:00"',
        )
    )
    from datetime import datetime, timezone

    habits.clock.instant = datetime(2026, 3, 10, 23, 30, tzinfo=timezone.utc)  # 00:30 Berlin, Mar 11
    ok("done", "kiss")
    assert json.loads(ok("log", "--json").stdout)[0]["date"] == "2026-03-10"


def test_control_characters_are_escaped_on_output(habits, ok):
    ok("done", "kiss", "--note", "evil \x1b[2J clear")
    out = ok("log").stdout
    assert "\x1b" not in out and "\\x1b[2J" in out
    assert clean("a\tb") == "a\\tb"


def test_shell_completion_completes_habit_names(habits, ok):
    ok("add", "kiss-goodnight", "--title", "Goodnight kiss", "--daily")
    from habits.cli import main
    from habits.cli.context import AppContext

    result = habits.runner.invoke(
        main,
        [],
        obj=AppContext(clock=habits.clock),
        prog_name="habits",
        env={"_HABITS_COMPLETE": "bash_complete", "COMP_WORDS": "habits done ki", "COMP_CWORD": "2"},
    )
    assert result.exit_code == 0
    names = {line.split(",", 1)[-1] for line in result.stdout.split()}
    assert names == {"kiss-goodnight"}


def test_board_shows_at_risk_and_who(habits, ok):
    ok("done", "kiss", "--date", "yesterday")
    board = ok().stdout
    line = next(ln for ln in board.splitlines() if "Six-second kiss" in ln)
    assert "at risk" in line and "streak 1 day" in line and "not yet today" in line
    ok("done", "kiss")
    line = next(ln for ln in ok().stdout.splitlines() if "Six-second kiss" in ln)
    assert "at risk" not in line and "done today by Alex" in line and "streak 2 days" in line


def test_edit_can_clear_the_why_and_the_days(habits, ok):
    import json as _json

    ok("edit", "weekly", "--why", "", "--days", "")
    (date,) = [h for h in _json.loads(ok("list", "--json").stdout) if h["slug"] == "weekly-date"]
    assert date["why"] == "" and date["days"] == []
    result = habits("edit", "kiss", "--times", "0")
    assert result.exit_code == 1 and "--times 0" in result.stderr


def test_log_lists_skips_and_days_apart_beside_check_ins(habits, ok):
    habits.write_config(habits.config.read_text() + 'partner = "Sam"\n')
    ok("done", "kiss", "--date", "-5", "--note", "morning")
    ok("skip", "kiss", "--date", "-4", "--reason", "flu")
    ok("skip", "ask", "--date", "-4", "--by", "Sam", "--reason", "night shift")
    ok("away", "-3", "-2", "--note", "Sam in Lisbon")
    entries = json.loads(ok("log", "--json").stdout)
    assert [(e["kind"], e["date"]) for e in entries] == [
        ("checkin", "2026-03-06"),
        ("skip", "2026-03-07"),
        ("skip", "2026-03-07"),
        ("away", "2026-03-08"),
    ]
    checkin, ask, kiss, away = entries
    assert checkin["note"] == "morning" and checkin["by"] == "Alex" and checkin["place"] is None
    assert (kiss["habit"], kiss["by"], kiss["reason"]) == ("six-second-kiss", None, "flu")
    assert (ask["habit"], ask["by"], ask["reason"]) == ("ask-about-their-day", "Sam", "night shift")
    assert away == {
        "kind": "away",
        "habit": None,
        "date": "2026-03-08",
        "start": "2026-03-08",
        "end": "2026-03-09",
        "by": None,
        "note": "Sam in Lisbon",
        "logged_at": away["logged_at"],
    }
    text = ok("log").stdout
    assert "skipped — flu" in text and "Sam          skipped — night shift" in text
    assert "until 2026-03-09 — Sam in Lisbon" in text
    # One habit: its own skips; days apart only where they excuse it (together habits).
    assert [e["kind"] for e in json.loads(ok("log", "ask", "--json").stdout)] == ["skip"]
    assert [e["kind"] for e in json.loads(ok("log", "kiss", "--json").stdout)] == ["checkin", "skip", "away"]
    assert [e["kind"] for e in json.loads(ok("log", "--since", "-3", "--json").stdout)] == ["away"]
    shown = ok("show", "kiss").stdout
    assert "skipped:  2026-03-07 — flu" in shown
    assert "2026-03-07 (Sam) — night shift" in ok("show", "ask").stdout
