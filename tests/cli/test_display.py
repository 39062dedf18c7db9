"""What the terminal shows: colour only where it belongs, columns in display cells."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BOLD = "\x1b[1m"


def on_a_terminal(home: Path, env: dict[str, str], *args: str) -> str:
    """`habits ARGS` with its standard output on a pseudo-terminal; what it printed."""
    master, slave = os.openpty()
    full = {
        k: v for k, v in os.environ.items() if not k.startswith("HABITS_") and k not in ("NO_COLOR", "TERM")
    }
    full.update(HABITS_HOME=str(home), **env)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "habits", *args],
            stdout=slave,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=full,
            timeout=120,
        )
    finally:
        os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal's other side is closed: all read
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.returncode == 0, proc.stderr
    return out.decode()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("colour") / "home"


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({"TERM": "xterm-256color"}, True),
        ({"TERM": "dumb"}, False),
        ({"TERM": "xterm", "NO_COLOR": ""}, True),  # empty: the convention says it means nothing
        ({"TERM": "xterm", "NO_COLOR": "1"}, False),
        ({"NO_COLOR": "0"}, False),  # any value at all
    ],
    ids=["terminal", "dumb", "empty-no-color", "no-color", "no-color-0"],
)
def test_colour_only_on_a_terminal_without_dumb_or_no_color(
    home: Path, env: dict[str, str], coloured: bool
) -> None:
    assert (BOLD in on_a_terminal(home, env)) is coloured


def test_no_colour_when_not_a_terminal(habits, ok) -> None:
    assert "\x1b[" not in ok(env={"TERM": "xterm"}).stdout


# -- display cells ---------------------------------------------------------------------

FAMILY = "👨\u200d👩\u200d👧"  # one picture of three people: a ZWJ sequence, two cells
TITLES = {
    "cjk": "日本語のタイトル 毎日の習慣",
    "emoji": f"{FAMILY} family dinner 🎉 ❤️ 🍝",
    "long": "A very long title " + "x" * 172,  # 190 characters
}


def widths(text: str) -> list[int]:
    from habits.cli.render import cells

    return [cells(line) for line in text.splitlines()]


def offset(line: str, pattern: str) -> int:
    """The display cell where `pattern` first matches in `line`."""
    import re

    from habits.cli.render import cells

    return cells(line[: re.search(pattern, line).start()])


def test_cells_and_fit_measure_what_a_terminal_shows() -> None:
    from habits.cli.render import cell, cells, fit

    assert cells("日本語") == 6 and cells(FAMILY) == 2 and cells("e\u0301") == 1 and cells("abc") == 3
    assert fit("日本語", 5) == "日本…" and cells(fit("日本語", 4)) == 3  # never half a wide character
    assert fit(f"{FAMILY}{FAMILY}", 3) == f"{FAMILY}…" and fit(f"{FAMILY}ab", 2) == "…"
    assert fit("short", 5) == "short" and fit("longer", 5) == "long…"
    assert cell("日本", 5) == "日本 " and cell("7", 3, ">") == "  7"


def test_the_programs_own_marks_are_one_cell_as_wcwidth_says() -> None:
    from wcwidth import width

    from habits.cli.render import _OWN_GLYPHS

    assert {ch: width(ch) for ch in _OWN_GLYPHS} == dict.fromkeys(_OWN_GLYPHS, 1)


@pytest.fixture
def titled(habits, ok):
    habits.write_config(habits.config.read_text() + 'partner = "Sam"\n')
    for slug, title in TITLES.items():
        ok("add", slug, "--title", title, "--daily")
        ok("done", slug, "--date", "yesterday")  # a streak at risk: the widest line
    ok("add", "each", "--title", f"{FAMILY} 一緒に", "--daily", "--each")
    ok("done", "each", "--by", "Sam")
    ok("haunts", "add", "東京の小さなラーメン屋さん 🍜 " + "y" * 120)
    ok("haunts", "add", "Luigi's")
    ok("done", "weekly", "--date", "-20", "--place", "Luigi's")
    return habits


@pytest.mark.parametrize("columns", [80, 40])
def test_board_streaks_and_haunts_fit_the_terminal_in_aligned_columns(titled, ok, columns: int) -> None:
    env = {"COLUMNS": str(columns)}
    board = ok(env=env).stdout
    assert max(widths(board)) <= columns, board
    rows = list(board.splitlines()[1:])
    assert len({offset(line, r"\d+ (day|week)") for line in rows}) == 1, board
    assert len({offset(line, r"(not yet|by |excused|Alex|root)") for line in rows}) == 1, board
    for line in rows:  # a ZWJ sequence is shown whole or not at all
        assert FAMILY in line or "👨" not in line
    assert any("日本" in line for line in rows) and any("A very" in line and "…" in line for line in rows)

    table = ok("streaks", env=env).stdout
    assert max(widths(table)) <= columns, table
    figures = table.splitlines()[1:]
    assert len({offset(line, r"\d+ (day|week)") for line in figures}) == 1, table

    haunts = ok("haunts", "list", env=env).stdout
    assert max(widths(haunts)) <= columns, haunts
    places = haunts.splitlines()[:2]
    assert len({offset(line, r"(last |not yet visited)") for line in places}) == 1, haunts
