"""The console entry point leaves without tearing the interpreter down (unloading SQLAlchemy costs more than
a whole `habits done`), and
still behaves as an ordinary exit: status, flushed output, atexit handlers, threads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    # Buffered output, as for a user: what leave() must flush is really in a buffer.
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_") and k != "PYTHONUNBUFFERED"}
    env["HABITS_HOME"] = str(tmp_path / "home")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    ("code", "status", "stderr"),
    [
        (None, 0, ""),
        (0, 0, ""),
        (1, 1, ""),
        (2, 2, ""),
        (130, 130, ""),
        ("bad news", 1, "bad news\n"),
    ],
)
def test_leave_exits_like_sys_exit(tmp_path: Path, code: object, status: int, stderr: str) -> None:
    result = _run(f"from habits.cli.exit import leave; print('out', end=''); leave({code!r})", tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (status, "out", stderr)


def test_leave_runs_atexit_handlers_and_flushes_big_output(tmp_path: Path) -> None:
    code = (
        "import atexit, sys\n"
        "from habits.cli.exit import leave\n"
        "atexit.register(lambda: sys.stdout.write('bye'))\n"
        "sys.stdout.write('x' * 1_000_000)\n"
        "leave(0)\n"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 0
    assert result.stdout == "x" * 1_000_000 + "bye"


def test_leave_waits_for_a_running_thread(tmp_path: Path) -> None:
    code = (
        "import threading, time\n"
        "from habits.cli.exit import leave\n"
        "def work():\n"
        "    time.sleep(0.3); print('thread finished', flush=True)\n"
        "threading.Thread(target=work).start()\n"
        "leave(3)\n"
    )
    result = _run(code, tmp_path)
    assert (result.returncode, result.stdout) == (3, "thread finished\n")


def test_the_console_script_keeps_status_and_output(tmp_path: Path) -> None:
    """`python -m habits` goes through run(): the board is printed whole, a usage error is 2."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env.update(HABITS_HOME=str(tmp_path / "home"), NO_COLOR="1")
    board = subprocess.run([sys.executable, "-m", "habits"], env=env, capture_output=True, text=True)
    assert board.returncode == 0 and "Six-second kiss" in board.stdout
    usage = subprocess.run([sys.executable, "-m", "habits", "done"], env=env, capture_output=True, text=True)
    assert usage.returncode == 2 and "Missing argument" in usage.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "habits", "done", "nosuch"], env=env, capture_output=True, text=True
    )
    assert bad.returncode == 1 and bad.stderr.startswith("habits: ")


def test_output_that_cannot_be_written_is_a_failure(tmp_path: Path) -> None:
    """As Python's own exit: output lost at exit (here a full disk) makes the status 120."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_") and k != "PYTHONUNBUFFERED"}
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from habits.cli.exit import leave; sys.stdout.write('x'); leave(0)",
            ],
            env=env,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 120


def test_leave_falls_back_to_the_ordinary_exit_without_atexit_internals(monkeypatch) -> None:
    import atexit

    from habits.cli.exit import leave

    monkeypatch.delattr(atexit, "_run_exitfuncs")
    with pytest.raises(SystemExit) as exc:
        leave(3)
    assert exc.value.code == 3
