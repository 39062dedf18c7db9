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
    full = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_") and k not in ("NO_COLOR", "TERM")}
    full.update(HABITS_HOME=str(home), **env)
    try:
        proc = subprocess.run([sys.executable, "-m", "habits", *args], stdout=slave, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, env=full, timeout=120)
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
def test_colour_only_on_a_terminal_without_dumb_or_no_color(home: Path, env: dict[str, str], coloured: bool) -> None:
    assert (BOLD in on_a_terminal(home, env)) is coloured


def test_no_colour_when_not_a_terminal(habits, ok) -> None:
    assert "\x1b[" not in ok(env={"TERM": "xterm"}).stdout
