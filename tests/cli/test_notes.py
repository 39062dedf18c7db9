"""Notes after the fact: `done --note` on a day already logged adds the note to that
check-in, and `habits note` does so without logging; on both backends."""

import json

import pytest
from refusals import fails


def notes(ok, *args):
    return [(c["date"], c["by"], c["note"]) for c in json.loads(ok("log", "--json", *args).stdout)]


def test_done_with_a_note_on_a_logged_day_adds_it_to_that_check_in(habits, ok):
    ok("done", "kiss", "--note", "before work")
    out = ok("done", "kiss", "--note", "after dinner").stdout
    assert "already logged" in out and "added the note" in out
    assert notes(ok) == [("2026-03-11", "Alex", "before work; after dinner")]


def test_done_with_a_note_on_a_logged_day_without_one_sets_it(habits, ok):
    ok("done", "kiss", "--date", "-1")
    assert "added the note" in ok("done", "kiss", "--date", "-1", "--note", "late").stdout
    assert notes(ok) == [("2026-03-10", "Alex", "late")]


def test_the_same_note_twice_is_kept_once(habits, ok):
    ok("done", "kiss", "--note", "a; b")
    out = ok("done", "kiss", "--note", "a; b").stdout
    assert "already has this note" in out and "nothing added" in out
    assert "already has this note" in ok("note", "kiss", "b").stdout
    ok("note", "kiss", "a;")  # not one of the parts: it is added
    assert notes(ok) == [("2026-03-11", "Alex", "a; b; a;")]


def test_note_adds_to_a_check_in_without_logging(habits, ok):
    habits.write_config(habits.config.read_text() + 'partner = "Sam"\n')
    ok("done", "ask", "--date", "monday")
    ok("done", "ask", "--date", "monday", "--by", "Sam", "--note", "call")
    assert (
        "Added the note to Alex's check-in" in ok("note", "ask", "she got the job", "--date", "monday").stdout
    )
    ok("note", "ask", "from Lisbon", "--date", "2026-03-09", "--by", "sam")
    assert notes(ok) == [
        ("2026-03-09", "Alex", "she got the job"),
        ("2026-03-09", "Sam", "call; from Lisbon"),
    ]
    assert json.loads(ok("streaks", "ask", "--json").stdout)[0]["current"] == 0  # nothing was logged


def test_note_goes_to_the_latest_check_in_of_a_times_n_day(habits, ok):
    ok("add", "water", "--title", "Drink water", "--daily", "--times", "3")
    ok("done", "water", "--note", "first")
    ok("done", "water")
    ok("note", "water", "second glass")
    assert notes(ok, "water") == [("2026-03-11", "Alex", "first"), ("2026-03-11", "Alex", "second glass")]


def test_note_without_a_check_in_says_how_to_log_it(habits, ok):
    ok("done", "kiss", "--date", "-1", "--by", "Alex")
    err = fails(
        habits,
        "note",
        "kiss",
        "lovely",
        "--date",
        "-2",
        contains=[
            "no check-in of Six-second kiss on 2026-03-09",
            "`habits done six-second-kiss --date 2026-03-09 --note lovely`",
        ],
    )
    assert err.count(".") == 1  # one sentence
    fails(
        habits,
        "note",
        "kiss",
        "it was lovely",
        contains=["`habits done six-second-kiss --note 'it was lovely'`"],
    )


@pytest.mark.parametrize(
    "args",
    [
        ("note", "kiss", ""),
        ("note", "kiss", " \t\n"),
        ("note", "kiss", "", "--date", "-2"),
        ("done", "kiss", "--date", "-1", "--note", ""),
        ("done", "kiss", "--date", "-1", "--note", "   "),
    ],
)
def test_an_empty_note_to_add_is_refused(habits, ok, args):
    ok("done", "kiss", "--date", "-1", "--note", "kept")
    ok("done", "kiss")
    fails(habits, *args, contains=["Note", "is empty"])


def test_a_new_check_in_keeps_its_note_as_typed(habits, ok):
    """Logging a new day stores the note as given, an empty one included (the export
    tells it from no note); only adding to a check-in needs text."""
    ok("done", "kiss", "--date", "-1", "--note", "")
    ok("done", "kiss", "--note", "  spaced ")
    assert notes(ok) == [("2026-03-10", "Alex", ""), ("2026-03-11", "Alex", "  spaced ")]
    ok("done", "kiss", "--date", "-1", "--note", "later")
    assert notes(ok)[0] == ("2026-03-10", "Alex", "later")


def test_note_checks_its_date_and_person(habits, ok):
    ok("done", "kiss")
    fails(
        habits, "note", "kiss", "x", "--date", "2027-01-01", contains=["2027-01-01", "you can only log today"]
    )
    fails(habits, "note", "kiss", "x", "--by", "Jordan", contains=["Jordan"])
    fails(habits, "note", "nope", "x", contains=["No habit matches 'nope'"])


def _cache(habits):
    return [row for row in habits.dump() if row[0] == "streak_cache"]


def test_a_note_leaves_the_streak_cache_alone(habits, ok):
    """The cache's triggers watch a check-in's habit, day and person only: a note on an
    old day keeps the cached rows (and the figures), where an undo there forgets them."""
    for n in range(1, 61):
        ok("done", "kiss", "--date", f"-{n}")
    figures = ok("streaks", "--json").stdout
    cached = _cache(habits)
    assert any(row[1] == 1 for row in cached)  # the kiss (habit 1) has a row through an old day
    ok("note", "kiss", "long ago", "--date", "-55")
    ok("done", "kiss", "--date", "-50", "--note", "also long ago")
    assert _cache(habits) == cached
    assert ok("streaks", "--json").stdout == figures
    ok("undo", "kiss", "--date", "-55")  # the control: a change of history does forget
    assert not any(row[1] == 1 for row in _cache(habits))
