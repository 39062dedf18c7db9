"""`habits thank`: Alex thanks Sam for a check-in (two configs on one store, SQLite
and PostgreSQL); Sam's board shows it that day; refusals say one sentence."""

import pytest
from couples import as_couple

ALEX = '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n'


@pytest.fixture
def sam(habits):
    """Sam's laptop: their own config on the same store."""
    return as_couple(habits, "Europe/Berlin")


def test_sams_board_shows_alexs_thanks_for_that_day(habits, ok, sam):
    ok(*sam, "done", "ask")
    ok(*sam, "done", "kiss")
    assert "thanked" not in ok(*sam).stdout
    result = ok("thank", "--note", "best part of my day")
    today = habits.clock.now().date().isoformat()
    assert result.stdout == f"Thanked Sam for Six-second kiss on {today}.\n"
    assert ok("thank", "ask").stdout == f"Thanked Sam for Ask about their day on {today}.\n"
    assert "already thanked" in ok("thank", "kiss").stdout  # once per check-in
    board = ok(*sam).stdout.splitlines()
    assert board[-2:] == [
        "Alex thanked you for Six-second kiss: best part of my day",
        "Alex thanked you for Ask about their day",
    ]
    assert "thanked" not in ok().stdout  # Alex was not thanked


def test_thanks_from_an_earlier_day_leave_todays_board(habits, ok, sam):
    ok(*sam, "done", "kiss", "--date", "yesterday")
    ok("thank")  # today, for yesterday's check-in: shown today
    assert "Alex thanked you for Six-second kiss" in ok(*sam).stdout
    habits.clock.advance(days=1)
    assert "thanked" not in ok(*sam).stdout


@pytest.mark.parametrize(
    ("config", "args", "sentence"),
    [
        (
            '[couple]\nme = "Alex"\n',
            ["thank"],
            "There is no partner to thank: set couple.partner in the config first.",
        ),
        (ALEX, ["thank"], "Sam has not logged any habit yet, so there is nothing to thank them for."),
        (
            ALEX,
            ["thank", "ask"],
            "Sam has not logged Ask about their day yet, so there is nothing to thank them for.",
        ),
        (ALEX, ["thank", "zzzz"], "No habit matches 'zzzz'"),
        (ALEX, ["thank", "kiss", "--note", " "], "Note ' ' is empty; write some text for the note."),
    ],
)
def test_refusals_are_one_sentence_and_store_nothing(habits, ok, config, args, sentence):
    habits.write_config(ALEX)
    ok("done", "kiss")  # mine: nothing to thank Sam for
    habits.write_config(config)
    before = habits.dump()
    result = habits(*args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("habits: " + sentence) and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
    assert habits.dump() == before
