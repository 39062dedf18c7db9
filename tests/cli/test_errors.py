"""Bad input of every kind: one clear sentence on stderr, exit 1 or 2, nothing changed."""

import sqlite3

import pytest
from refusals import fails


@pytest.fixture
def seeded(habits, ok):
    ok("done", "kiss", "--date", "-1", "--note", "keep me")
    return habits


@pytest.mark.parametrize(
    "args, contains",
    [
        (("done", "nope"), ["No habit matches 'nope'"]),
        (("done", "kis"), []),  # substring match works: see test below; here as control
        (("done", "da"), ["matches more than one habit", "ask-about-their-day", "weekly-date"]),
        (("done", "kiss", "--date", "2026-02-30"), ["2026-02-30"]),
        (("done", "kiss", "--date", "2027-01-01"), ["2027-01-01", "future"]),
        (("done", "kiss", "--date", "tomorrow"), ["tomorrow"]),
        (("done", "kiss", "--date", "-99999999999999"), ["-99999999999999"]),
        (("done", "kiss", "--by", "Jordan"), ["Jordan"]),
        (("streaks", "--as-of", "someday"), ["someday"]),
        (("history", "kiss", "--as-of", "2099-01-01"), ["2099-01-01"]),
        (("add", "Bad Slug", "--title", "x", "--daily"), ["Bad Slug"]),
        (("add", "walk", "--title", "Walk", "--weekly", "--times", "9"), ["--times 9"]),
        (("add", "walk", "--title", "Walk", "--daily", "--remind", "25:00"), ["25:00"]),
        (("add", "walk", "--title", "Walk", "--daily", "--days", "mon,funday"), ["funday"]),
        (("add", "six-second-kiss", "--title", "Again", "--daily"), ["already exists"]),
        (("add", "--from-catalog", "nonsense"), ["nonsense"]),
        (("edit", "kiss", "--slug", "ask-about-their-day"), ["already exists"]),
        (("skip", "nope"), ["nope"]),
    ],
)
def test_bad_values_are_one_sentence_and_change_nothing(seeded, args, contains):
    if args == ("done", "kis"):
        assert seeded(*args).exit_code == 0
        return
    fails(seeded, *args, contains=contains)


@pytest.mark.parametrize(
    "args",
    [
        ("done",),
        ("done", "kiss", "--bogus"),
        ("history", "kiss", "--weeks", "0"),
        ("history", "kiss", "--weeks", "many"),
        ("add", "walk", "--daily", "--times", "x"),
        ("nosuchcommand",),
        ("add", "walk", "--daily"),
        ("add", "walk", "--title", "Walk"),
        ("edit", "kiss"),
    ],
)
def test_usage_errors_exit_2(seeded, args):
    fails(seeded, *args, code=2)


def test_archived_habits_are_left_off_the_board_and_refuse_logging(seeded, ok):
    ok("archive", "kiss")
    for command in ("skip", "done", "undo"):
        fails(seeded, command, "kiss", contains=["'six-second-kiss' is archived", "habits unarchive"])
    assert "Six-second kiss" not in ok().stdout
    ok("streaks", "kiss")
    ok("log", "kiss")
    ok("unarchive", "kiss")
    assert "Six-second kiss" in ok().stdout


def test_delete_asks_and_declining_changes_nothing(seeded, ok):
    fails(seeded, "delete", "kiss", input="n\n", contains=[])
    ok("delete", "kiss", "--yes")
    assert "six-second-kiss" not in ok("list", "--all").stdout


@pytest.mark.parametrize(
    "text, contains",
    [
        ('[reminders]\nquiet_hour = ["22:00", "07:00"]\n', ["reminders.quiet_hour", "reminders.quiet_hours"]),
        ("[remindrs]\nenabled = true\n", ["[remindrs]", "reminders"]),
        ('[time]\nday_starts_at = "4am"\n', ["time.day_starts_at", "4am"]),
        ('[time]\ntimezone = "Mars/Olympus"\n', ["Mars/Olympus"]),
        ('[time]\nweek_starts_on = "someday"\n', ["someday"]),
        ("[time]\nday_starts_at = 4\n", ["time.day_starts_at"]),
        ('[time\nx = "unclosed"\n', ["line 1"]),
        ('[couple]\nme = "Alex"\nme = "Sam"\n', ["line 3"]),
        ('[notifications]\nbackend = "pigeon"\n', ["pigeon"]),
        ('time = "not a table"\n', ["[time]"]),
    ],
)
def test_broken_config_is_named_and_nothing_changes(seeded, text, contains):
    seeded.write_config(text)
    fails(seeded, "done", "kiss", contains=contains)
    fails(seeded, "config", "check", contains=contains)


def test_explicit_missing_config_is_an_error(seeded, tmp_path):
    fails(seeded, "--config", str(tmp_path / "nope.toml"), "list", contains=["does not exist"])


def test_implicit_missing_config_means_defaults(habits, ok):
    habits.config.unlink()
    assert "no config file" in ok("config", "show").stdout


def test_file_that_is_not_a_database_is_refused_untouched(habits, tmp_path):
    target = tmp_path / "notes.txt"
    target.write_bytes(b"my precious notes\n" * 100)
    err = fails(habits, "--db", str(target), "list", contains=[str(target), "not a habits store"])
    assert target.read_bytes() == b"my precious notes\n" * 100
    assert "--db" in err


def test_foreign_sqlite_database_is_refused_untouched(habits, tmp_path):
    target = tmp_path / "other.db"
    con = sqlite3.connect(target)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)")
    con.execute("INSERT INTO photos (path) VALUES ('beach.jpg')")
    con.commit()
    con.close()
    before = target.read_bytes()
    fails(habits, "--db", str(target), "list", contains=["not a habits store", "photos"])
    assert target.read_bytes() == before


@pytest.mark.parametrize("where", ["/proc/habits/x.db", "/dev/null/habits.db"])
def test_store_path_not_writable(habits, where):
    fails(habits, "--db", where, "list", contains=[where])


def test_store_path_with_a_name_too_long(habits):
    fails(habits, "--db", "x" * 5000, "list", contains=["File name too long", "--db"])


def test_store_path_that_is_a_directory(habits, tmp_path):
    fails(habits, "--db", str(tmp_path), "list", contains=["directory"])


def test_bad_store_url(habits):
    fails(habits, "--db", "nosuchdb://x/y", "list", contains=["nosuchdb"])


def test_unexpected_error_is_one_line_and_logged(habits, monkeypatch):
    from habits.store import queries

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(queries, "habits", boom)
    result = habits("list")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "habits.log" in result.stderr
    log = (habits.home / "habits.log").read_text()
    assert "kaboom" in log and "Traceback" in log


@pytest.mark.parametrize(
    "args",
    [
        ("done", "kiss", "--date", "0001-01-01"),
        ("history", "kiss", "--as-of", "0001-01-05"),
        ("done", "kiss", "--date", "1899-12-31"),
    ],
)
def test_dates_before_1900_are_refused(seeded, args):
    fails(seeded, *args, contains=["before 1900-01-01"])
