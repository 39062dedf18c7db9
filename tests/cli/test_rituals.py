"""`habits question`, `habits answer`, `habits checkin`: two configs on one store (SQLite
and PostgreSQL); a partner's answer is sealed in every output until both answered."""

from __future__ import annotations

import json
import os
import pty
import select
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from couples import as_couple

from habits.core.questions import question_for

ALEX = '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n'
TODAY = "2026-03-11"  # the fixed clock's day, a Wednesday
SECRET = "The bakery walk \U0001f950 and \u05e9\u05dc\u05d5\u05dd"


@pytest.fixture
def sam(habits):
    """Sam's laptop: their own config on the same store."""
    return as_couple(habits, "Europe/Berlin")


def test_both_get_the_same_question_and_a_sealed_answer_shows_only_that_it_exists(habits, ok, sam):
    from datetime import date

    asked = ok("question").stdout
    assert asked == ok(*sam, "question").stdout.replace("Alex", "Sam")
    assert asked.splitlines()[0] == f"{TODAY}: {question_for(['Alex', 'Sam'], date(2026, 3, 11))}"
    ok("answer", SECRET)
    outputs = [
        ok(*sam, "question").stdout,
        ok(*sam, "question", "--json").stdout,
        ok(*sam, "question", "--past", "3", "--date", "tomorrow").stdout,
        ok(*sam, "question", "--past", "--json", "--date", "tomorrow").stdout,
    ]
    for out in outputs:
        assert "bakery" not in out and "\\ud83e" not in out
    assert "Alex: answered (sealed until you answer too)" in outputs[0]
    shown = json.loads(outputs[1])["answers"]
    assert shown == [
        {"by": "Sam", "answered": False, "sealed": False, "text": None},
        {"by": "Alex", "answered": True, "sealed": True, "text": None},
    ]
    assert SECRET in ok("question").stdout  # my own answer, always
    assert "you both see both" in ok(*sam, "answer", "Our kiss at the door").stdout
    for args in ([], sam):
        listed = json.loads(ok(*args, "question", "--past", "1", "--date", "tomorrow", "--json").stdout)
        assert [a["text"] for a in listed[0]["answers"]] in (
            [SECRET, "Our kiss at the door"],
            ["Our kiss at the door", SECRET],
        )


def test_a_checkin_is_replaced_until_the_partner_checked_in_then_refused(habits, ok, sam):
    ok("checkin", "--appreciate", "the tea", "--appreciate", "the kiss", "--connected", "3")
    out = ok("checkin", "--went-well", "walks", "--connected", "4", "--week", "2026-03-09").stdout
    assert (
        out
        == "Your check-in for the week of 2026-03-09 is replaced; Sam will see it once they have answered too.\n"
    )
    assert "so you both see both now" in ok(*sam, "checkin", "--work-on", "phones at dinner").stdout
    before = habits.dump()
    refused = habits("checkin", "--connected", "1")
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1
    assert "already revealed to Sam, who has answered too" in refused.stderr
    assert habits.dump() == before
    ok("checkin", "--connected", "2", "--week", "2026-03-02")  # an earlier week is its own


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["checkin", "--connected", "9"], "--connected 9 is out of range; give a number from 1 to 5."),
        (["checkin", "--appreciate", " "], "The appreciation is empty; write a few words."),
        (["checkin", *["--appreciate", "x"] * 4], "4 appreciations given; a check-in holds at most 3."),
        (
            ["checkin", "--connected", "3", "--week", "next monday"],
            "The week of 2026-03-16 has not begun yet",
        ),
        (["answer", "tomorrow's", "--date", "tomorrow"], "2026-03-12 is in the future"),
        (
            ["answer", "x" * 100_000],
            "The answer is 100000 characters long; keep it to 2000 characters at most.",
        ),
        (["answer", "ring \x07 ring"], "The answer holds the control character U+0007; remove it"),
        (["answer", "\x1b[31mred"], "The answer holds the control character U+001B; remove it"),
        (["answer", ""], "The answer is empty; write a few words."),
    ],
)
def test_bad_input_is_one_sentence_exit_1_and_nothing_stored(habits, ok, sam, args, sentence):
    ok("question")  # the store exists
    before = habits.dump()
    result = habits(*args)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("habits: ") and result.stderr.count("\n") == 1
    assert sentence in result.stderr and "Traceback" not in result.stderr
    assert habits.dump() == before


def test_checkin_without_a_terminal_or_flags_is_a_usage_error(habits, ok, sam):
    result = habits("checkin", input="")
    assert result.exit_code == 2 and "No terminal to ask on" in result.stderr


def test_right_to_left_text_newlines_and_tabs_are_kept_and_printed_safely(habits, ok, sam):
    text = "\u05d0\u05d4\u05d1\u05d4\tand\nthe \u202eflip\u202c"
    ok("answer", text)
    shown = ok("question").stdout
    assert "\u05d0\u05d4\u05d1\u05d4\\tand\\nthe" in shown  # one line on the terminal
    assert json.loads(ok("question", "--json").stdout)["answers"][0]["text"] == text


def test_one_person_mode_just_keeps_the_answer(habits, ok):
    habits.write_config('[couple]\nme = "Alex"\n')
    assert ok("answer", "tea in bed").stdout == f"Your answer to the question of {TODAY} is saved.\n"
    assert json.loads(ok("question", "--json").stdout)["answers"] == [
        {"by": "Alex", "answered": True, "sealed": False, "text": "tea in bed"}
    ]


def test_couple_rename_reaches_answers(habits, ok, sam):
    ok(*sam, "answer", "ours")
    ok("answer", "mine")
    ok("couple", "rename", "Sam", "Samantha")
    habits.write_config(ALEX.replace('"Sam"', '"Samantha"'))
    answers = json.loads(ok("question", "--json").stdout)["answers"]
    assert {a["by"]: a["text"] for a in answers} == {"Alex": "mine", "Samantha": "ours"}


def test_checkin_asks_on_a_terminal(tmp_path: Path) -> None:
    """The installed command, on a real pseudo-terminal: an empty reply skips a question."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text(ALEX, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env.update(HABITS_HOME=str(home), XDG_RUNTIME_DIR=str(tmp_path / "run"), TERM="dumb")
    exe = Path(sys.executable).with_name("habits")
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(exe), "checkin"], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    os.write(master, b"your soup\nthe note on the fridge\n\nwe talked every evening\n\n4\n")
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the command ended
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=60) == 0, out
    os.close(master)
    text = out.decode()
    assert "Something you appreciated this week (1 of up to 3" in text
    assert "Your check-in for the week of" in text and "is saved" in text
    con = sqlite3.connect(home / "habits.db")
    ((person, kind, saved),) = con.execute("SELECT person, kind, body FROM answers").fetchall()
    con.close()
    assert (person, kind) == ("Alex", "checkin")
    body = json.loads(saved)
    assert body == {
        "appreciations": ["your soup", "the note on the fridge"],
        "went_well": "we talked every evening",
        "work_on": None,
        "connected": 4,
    }


def test_two_partners_answering_at_once_on_postgresql_are_both_kept_revealed_once(tmp_path, pg_url):
    """Two processes of the installed command, one per partner, on one PostgreSQL store."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env.update(HABITS_HOME=str(home), HABITS_DB=pg_url, XDG_RUNTIME_DIR=str(tmp_path / "run"))
    exe = str(Path(sys.executable).with_name("habits"))
    configs = {}
    for me, partner in (("Alex", "Sam"), ("Sam", "Alex")):
        configs[me] = home / f"{me}.toml"
        configs[me].write_text(f'[couple]\nme = "{me}"\npartner = "{partner}"\n', encoding="utf-8")
    subprocess.run(
        [exe, "--config", str(configs["Alex"]), "question"], env=env, check=True, capture_output=True
    )
    procs = {
        me: subprocess.Popen(
            [exe, "--config", str(path), "answer", f"{me}'s answer"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for me, path in configs.items()
    }
    said = {me: proc.communicate(timeout=120)[0] for me, proc in procs.items()}
    assert all(proc.returncode == 0 for proc in procs.values()), said
    assert sum("you both see both" in out for out in said.values()) == 1, said
    for path in configs.values():
        shown = subprocess.run(
            [exe, "--config", str(path), "question", "--json"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert {a["by"]: a["text"] for a in json.loads(shown)["answers"]} == {
            "Alex": "Alex's answer",
            "Sam": "Sam's answer",
        }
