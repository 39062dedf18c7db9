"""`habits review`: a fortnight of two people on one store (SQLite and PostgreSQL),
reviewed from either laptop; its figures are those of `streaks --as-of`."""

import json
from datetime import date, timedelta

import pytest
from couples import as_couple

TODAY = date(2026, 3, 11)  # a Wednesday; weeks start on Monday
FIGURES = ("current", "longest", "done_this_period", "at_risk", "rate_30", "strength")


@pytest.fixture
def sam(habits):
    return as_couple(habits)


@pytest.fixture
def fortnight(ok, sam):
    """Two weeks and a half: kisses most days, Sam asks more than Alex, a date at a haunt,
    a note, a thank-you, two days apart and a skip."""
    ok("haunts", "add", "Luigi's")
    ok("haunts", "add", "The Pier")
    for back in range(16, 0, -1):
        day = (TODAY - timedelta(days=back)).isoformat()
        if back % 5:
            ok("done", "kiss", "--date", day)
        ok(*sam, "done", "ask", "--date", day)
        if back % 3 == 0:
            ok("done", "ask", "--date", day)
    ok("done", "weekly", "--date", "2026-03-07", "--place", "Luigi's", "--note", "the corner table again")
    ok(*sam, "thank", "ask")
    ok("away", "2026-03-03", "2026-03-04", "--note", "Sam in Lisbon")
    ok("skip", "ask", "--date", "2026-03-09", "--by", "Alex", "--reason", "ill")


def _streaks(ok, config, as_of):
    return {h["habit"]: h for h in json.loads(ok(*config, "streaks", "--as-of", as_of, "--json").stdout)}


def test_review_figures_are_streaks_as_of_the_weeks_last_day(ok, sam, fortnight):
    for config in ([], sam):
        for week, last in (("2026-03-04", "2026-03-08"), (None, "2026-03-11"), ("-14", "2026-03-01")):
            args = ["review", "--json"] + ([] if week is None else ["--week", week])
            first = json.loads(ok(*config, *args).stdout)
            again = json.loads(ok(*config, *args).stdout)  # resumed from the review's own checkpoint
            assert again == first
            assert first["week"]["as_of"] == last
            streaks = _streaks(ok, config, last)
            week_ago = _streaks(ok, config, (date.fromisoformat(last) - timedelta(days=7)).isoformat())
            for h in first["habits"]:
                s = streaks[h["habit"]]
                assert {k: h[k] for k in FIGURES} == {k: s[k] for k in FIGURES}
                assert h["current_week_ago"] == week_ago[h["habit"]]["current"]
                assert h["strength_week_ago"] == week_ago[h["habit"]]["strength"]
                if h["who"] == "each":
                    for name, p in h["people"].items():
                        assert {k: p[k] for k in FIGURES} == {k: s["people"][name][k] for k in FIGURES}


def test_the_week_in_words_for_both_of_us(ok, sam, fortnight):
    alex = json.loads(ok("review", "--json", "--week", "2026-03-02").stdout)
    assert json.loads(ok(*sam, "review", "--json", "--week", "2026-03-02").stdout) == alex
    ask = next(h for h in alex["habits"] if h["habit"] == "ask-about-their-day")
    assert ask["people"]["Sam"]["week_done"] == 7 and ask["people"]["Alex"]["week_done"] == 3
    assert ask["carried_by"] == ["Sam"]
    assert alex["days_apart"] == ["2026-03-03", "2026-03-04"]
    assert alex["haunts_visited"] == ["Luigi's"]
    assert alex["go_back_to"] == "You have not been back to The Pier yet."
    assert alex["notes"] == [
        {"day": "2026-03-07", "person": "Alex", "habit": "weekly-date", "note": "the corner table again"}
    ]
    assert alex["thanks"] == []  # given this week, not last
    assert alex["tip"]["expert"] and alex["tip"]["text"]
    now = ok(*sam, "review").stdout
    assert "The week of 2026-03-09 to 2026-03-15" in now
    assert "Thanks 2026-03-11: Sam to Alex for ask-about-their-day" in now
    assert "Tip of the week:" in now and "carried by Sam" in now


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--week", "2026-03-16"], "--week wants a day of a week that has begun, today or earlier"),
        (["--week", "someday"], "someday"),
    ],
)
def test_a_week_not_begun_is_refused(habits, sam, args, sentence):
    result = habits("review", *args)
    assert result.exit_code == 1 and sentence in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def _check_in(ok, config, connected, appreciation):
    ok(*config, "checkin", "--appreciate", appreciation, "--went-well", "our walks", "--connected", connected)


def test_a_check_in_is_sealed_in_the_review_until_both_checked_in(ok, sam):
    assert "No check-ins for this week yet: `habits checkin`" in ok("review").stdout
    _check_in(ok, sam, "4", "the soup when I was ill")
    alex = json.loads(ok("review", "--json").stdout)
    assert alex["checkins"] == [{"person": "Sam", "sealed": True}]
    text = ok("review").stdout
    assert "Sam has checked in; you will see it once you have checked in too." in text
    assert "soup" not in text
    assert "soup" in ok(*sam, "review").stdout  # Sam sees their own
    assert "soup" not in ok("review", "--week", "2026-03-02").stdout  # another week holds none
    _check_in(ok, [], "5", "the Sunday pancakes")
    for config in ([], sam):
        shown = {c["person"]: c for c in json.loads(ok(*config, "review", "--json").stdout)["checkins"]}
        assert shown["Sam"]["appreciations"] == ["the soup when I was ill"]
        assert shown["Alex"]["connected"] == 5 and not shown["Alex"]["sealed"]
    assert "Sam's check-in:" in ok("review").stdout and "felt connected: 4/5" in ok("review").stdout


def test_months_of_history_reviewed_in_any_order(habits, ok, sam):
    """Reviews of this week and of earlier weeks, in turn, each resume or walk from
    the start as their checkpoint allows; every one equals `streaks` as of its day."""
    for back in range(130, 0, -1):
        if back % 7 != 3:
            ok("done", "kiss", "--date", (TODAY - timedelta(days=back)).isoformat())
    for week in (None, "-70", None, "-21", "-100", None):
        first = json.loads(ok("review", "--json", *([] if week is None else ["--week", week])).stdout)
        as_of = first["week"]["as_of"]
        kiss = next(h for h in first["habits"] if h["habit"] == "six-second-kiss")
        streaks = _streaks(ok, [], as_of)["six-second-kiss"]
        assert {k: kiss[k] for k in FIGURES} == {k: streaks[k] for k in FIGURES}, week
        month_ago = (date.fromisoformat(as_of) - timedelta(days=28)).isoformat()
        assert kiss["strength_month_ago"] == _streaks(ok, [], month_ago)["six-second-kiss"]["strength"]


def test_a_day_of_a_habit_each_of_you_does_is_done_only_when_both_did_it(ok, sam, fortnight):
    """Last week (2026-03-02 .. 03-08): Sam asked every day, Alex every third day."""
    review = json.loads(ok("review", "--json", "--week", "2026-03-04").stdout)
    ask = next(h for h in review["habits"] if h["habit"] == "ask-about-their-day")
    assert ask["people"]["Sam"]["days"] == "#######"
    assert ask["people"]["Alex"]["days"] == "#..#..#"
    assert ask["days"] == "#++#++#"  # the couple's row: both on three days, one of two on the others
    assert ask["week_done"] == 3
    kiss = next(h for h in review["habits"] if h["habit"] == "six-second-kiss")
    assert "+" not in kiss["days"]  # a shared act: anyone's check-in does it
