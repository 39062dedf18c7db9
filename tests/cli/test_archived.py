"""Archived habits: the commands that act on history or on the habit itself accept them;
the commands that log, excuse or annotate a day refuse with the hint to unarchive."""

import json

import pytest
from refusals import fails


@pytest.fixture
def archived(habits, ok):
    """The kiss with a check-in and a skip, then archived."""
    ok("done", "kiss", "--date", "-2", "--note", "old")
    ok("skip", "kiss", "--date", "-3", "--reason", "flu")
    ok("archive", "kiss")
    return habits


# Each accepting command, and what its output must show of the archived kiss.
ACCEPTING = [
    (("show", "kiss"), "six-second-kiss, archived"),
    (("edit", "kiss", "--title", "Long kiss"), "Updated Long kiss"),
    (("history", "kiss", "--weeks", "2"), "Six-second kiss"),
    (("log", "kiss"), "old"),
    (("streaks", "kiss"), "Six-second kiss"),
    (("unarchive", "kiss"), "active again"),
    (("delete", "kiss", "--yes"), "Deleted Six-second kiss and 1 check-ins"),
]


@pytest.mark.parametrize(("args", "shows"), ACCEPTING, ids=[a[0] for a, _ in ACCEPTING])
def test_commands_acting_on_history_or_the_habit_accept_an_archived_one(archived, ok, args, shows):
    assert shows in ok(*args).stdout


def test_edit_of_an_archived_habit_keeps_it_archived(archived, ok):
    ok("edit", "kiss", "--times", "2", "--remind", "07:00")
    (kiss,) = [h for h in json.loads(ok("list", "--all", "--json").stdout) if h["slug"] == "six-second-kiss"]
    assert kiss["archived"] is True and kiss["target"] == 2 and kiss["reminders"] == ["07:00"]
    assert "Six-second kiss" not in ok().stdout


def test_export_holds_an_archived_habit_and_its_history(archived, ok):
    doc = json.loads(ok("export").stdout)
    (kiss,) = [h for h in doc["habits"] if h["slug"] == "six-second-kiss"]
    assert kiss["archived"] is True
    assert [c["note"] for c in doc["checkins"] if c["habit"] == "six-second-kiss"] == ["old"]


REFUSING = [
    ("done", "kiss"),
    ("done", "kiss", "--date", "-2", "--note", "more"),
    ("undo", "kiss", "--date", "-2"),
    ("skip", "kiss"),
    ("unskip", "kiss", "--date", "-3"),
    ("note", "kiss", "more", "--date", "-2"),
]


@pytest.mark.parametrize("args", REFUSING, ids=[" ".join(a) for a in REFUSING])
def test_commands_that_change_a_day_refuse_an_archived_habit(archived, args):
    fails(archived, *args, contains=["'six-second-kiss' is archived", "habits unarchive six-second-kiss"])


@pytest.mark.parametrize(
    "args",
    [a for a, _ in ACCEPTING] + REFUSING,
    ids=[a[0] for a, _ in ACCEPTING] + [" ".join(a) for a in REFUSING],
)
def test_every_command_of_the_rule_acts_on_an_active_habit(habits, ok, args):
    """The other way round: the same commands on the kiss while it is active all work."""
    ok("done", "kiss", "--date", "-2", "--note", "old")
    ok("skip", "kiss", "--date", "-3", "--reason", "flu")
    if args[0] == "unarchive":
        assert "already active" in ok(*args).stdout
    else:
        ok(*args)


def test_the_readme_states_the_rule():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    text = " ".join(readme.split())
    assert (
        "`show`, `edit`, `history`, `log`, `streaks`, `unarchive`, `delete` and `export` act on "
        "archived habits"
    ) in text
    assert "`done`, `undo` and `edit` and `show` accept archived" not in text
    assert "`done`, `undo`, `edit` and `show` accept archived habits" not in text
