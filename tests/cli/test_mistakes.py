"""Small mistakes met early: a mistyped command, a future day where a day to look at is
wanted, a broken config while asking where things are. Each says what is wrong and how."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from refusals import fails


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (("dnoe", "kiss"), "done"),
        (("DONE",), "done"),
        (("histroy", "kiss"), "history"),
        (("stre",), "streaks"),
        (("ntoe",), "note"),
        (("unarchve", "kiss"), "unarchive"),
        (("config", "shwo"), "show"),
        (("haunts", "lsit"), "list"),
        (("service", "stauts"), "status"),
    ],
)
def test_a_mistyped_command_suggests_the_nearest(habits_sqlite, args, meant):
    result = habits_sqlite(*args)
    assert result.exit_code == 2, result.output
    typed = args[1] if args[0] in ("config", "haunts", "service") else args[0]
    assert f"No such command {typed!r}; did you mean `{meant}`?" in result.stderr
    assert habits_sqlite.dump() == []


def test_a_command_like_none_suggests_nothing(habits_sqlite):
    result = habits_sqlite("xyzzy")
    assert result.exit_code == 2 and "No such command 'xyzzy'" in result.stderr
    assert "did you mean" not in result.stderr.lower()


PROBE = """\
import json, sys
from habits.cli import main
try:
    main(sys.argv[2:])
except SystemExit as exc:
    assert exc.code == 2, exc.code
with open(sys.argv[1], "w") as fh:
    json.dump(sorted(sys.modules), fh)
"""


def test_the_suggestion_imports_no_command_module(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env["HABITS_HOME"] = str(tmp_path / "home")
    out = tmp_path / "modules.json"
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(out), "dnoe", "kiss"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "did you mean `done`?" in run.stderr
    loaded = {m for m in json.loads(out.read_text()) if m.startswith("habits.cli.")}
    assert loaded <= {"habits.cli.context", "habits.cli.render"}
    assert not (tmp_path / "home").exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("history", "kiss", "--as-of", "2099-01-01"), "--as-of"),
        (("streaks", "--as-of", "2099-01-01"), "--as-of"),
        (("streaks", "kiss", "--as-of", "2099-01-01", "--json"), "--as-of"),
        (("log", "--since", "2099-01-01"), "--since"),
        (("log", "kiss", "--since", "2099-01-01", "--json"), "--since"),
    ],
)
def test_a_future_day_to_look_at_says_so(habits, ok, args, option):
    ok("done", "kiss")
    err = fails(
        habits, *args, contains=[f"Date 2099-01-01 is in the future; {option} wants", "today or earlier"]
    )
    assert "you can only log" not in err


@pytest.mark.parametrize(
    "args",
    [
        ("done", "kiss", "--date", "2099-01-01"),
        ("undo", "kiss", "--date", "2099-01-01"),
        ("skip", "kiss", "--date", "2099-01-01"),
        ("unskip", "kiss", "--date", "2099-01-01"),
        ("note", "kiss", "hello", "--date", "2099-01-01"),
    ],
)
def test_a_future_day_to_log_keeps_the_logging_words(habits, ok, args):
    ok("done", "kiss")
    fails(habits, *args, contains=["Date 2099-01-01 is in the future; you can only log today or earlier."])


def test_past_days_still_work_for_every_look_back_option(habits, ok):
    ok("done", "kiss", "--date", "-3")
    assert ok("log", "--since", "-3").stdout.count("six-second-kiss") == 1
    assert json.loads(ok("streaks", "kiss", "--as-of", "-3", "--json").stdout)[0]["current"] == 1
    assert (
        json.loads(ok("history", "kiss", "--as-of", "today", "--json").stdout)["days"][-1]["date"]
        == "2026-03-11"
    )


def _lines(stdout: str) -> dict[str, str]:
    return {line.split(":", 1)[0]: line.split(":", 1)[1].strip() for line in stdout.splitlines()}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[time\nx = "unclosed"\n', "line 1"),
        ("[remindrs]\nenabled = true\n", "[remindrs]"),
        (b"\xff\xfe not utf-8", "UTF-8"),
    ],
)
def test_paths_prints_every_path_with_a_config_it_cannot_read(habits, text, problem):
    habits.config.write_bytes(text if isinstance(text, bytes) else text.encode())
    result = habits("paths")
    assert result.exit_code == 1, result.output
    shown = _lines(result.stdout)
    assert list(shown) == ["config", "store", "log", "backups"]
    assert shown["config"].startswith(str(habits.config)) and "see below" in shown["config"]
    if habits.url:  # $HABITS_DB names the store: that is certain (its password masked)
        from habits.store.urls import mask_url

        assert shown["store"] == mask_url(habits.url)
        assert "store.url" not in shown["store"]
    else:
        assert shown["store"].startswith(f"sqlite:///{habits.db}") and "store.url" in shown["store"]
    assert shown["log"] == str(habits.home / "habits.log")
    assert shown["backups"] == str(habits.home / "backups")
    err = result.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("habits: ") and problem in err[0]
    assert habits.dump() == []  # paths never opens the store


def test_paths_uses_the_store_url_of_a_config_with_a_bad_value(habits_sqlite, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "h.db"
    habits_sqlite.write_config(f'[store]\nurl = "{elsewhere}"\n[time]\ntimezone = "Mars/Olympus"\n')
    result = habits_sqlite("paths")
    assert result.exit_code == 1
    shown = _lines(result.stdout)
    assert shown["store"] == f"sqlite:///{elsewhere}"
    assert shown["backups"] == str(elsewhere.parent / "backups")
    assert "Mars/Olympus" in result.stderr


def test_paths_with_a_missing_explicit_config_still_prints_every_path(habits_sqlite, tmp_path):
    result = habits_sqlite("--config", str(tmp_path / "nope.toml"), "paths")
    assert result.exit_code == 1
    assert list(_lines(result.stdout)) == ["config", "store", "log", "backups"]
    assert "does not exist" in result.stderr


def test_paths_with_a_good_config_is_exit_0_and_lists_the_backups(habits_sqlite):
    result = habits_sqlite("paths")
    assert result.exit_code == 0 and result.stderr == ""
    assert _lines(result.stdout)["backups"] == str(habits_sqlite.home / "backups")
