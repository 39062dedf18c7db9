"""`export -o PATH` writes where the user meant: `-` is standard output, links are
followed (their target replaced atomically), devices and FIFOs are written in place."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path


def _export_json(ok) -> str:  # type: ignore[no-untyped-def]
    return ok("export").output


def test_dash_is_standard_output_with_the_json_alone(habits, ok) -> None:
    ok("done", "kiss")
    out = ok("export", "-o", "-").output
    assert out == _export_json(ok)
    assert json.loads(out)["format"] == "habits-export"  # no "Exported ..." line mixed in


def test_a_name_of_standard_output_is_the_json_alone(habits_sqlite, tmp_path: Path) -> None:
    """`-o /dev/stdout` from the installed command: /dev/stdout is a link to /proc/self/fd/1;
    a link of the test's own stands in for it, so that a failure cannot replace the system's."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "habits", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "NO_COLOR": "1"},
        )
        assert done.returncode == 0, done.stderr
        return done

    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    run("done", "kiss")
    expected = run("export").stdout
    assert json.loads(expected)["checkins"]
    assert run("export", "-o", str(stdout)).stdout == expected
    assert run("export", "-o", "-").stdout == expected
    assert stdout.is_symlink() and os.readlink(stdout) == "/proc/self/fd/1"
    if os.path.islink("/dev/stdout"):
        assert run("export", "-o", "/dev/stdout").stdout == expected


def test_a_link_is_followed_and_its_target_replaced(habits, ok, tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "habits.json"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "habits.json"
    link.symlink_to(Path("synced") / "habits.json")  # relative, as users make them
    chain = tmp_path / "latest.json"
    chain.symlink_to(link)
    ok("done", "kiss")

    said = ok("export", "-o", str(chain)).output
    assert said.startswith("Exported 3 habits and 1 check-ins to ")
    assert chain.is_symlink() and link.is_symlink()
    assert os.readlink(link) == str(Path("synced") / "habits.json")
    assert real.read_text(encoding="utf-8") == _export_json(ok)
    assert sorted(p.name for p in synced.iterdir()) == ["habits.json"]  # no temp file left
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_link_to_a_file_not_made_yet_makes_the_file(habits, ok, tmp_path: Path) -> None:
    link = tmp_path / "habits.json"
    link.symlink_to(tmp_path / "elsewhere" / "export.json")
    ok("export", "-o", str(link))
    assert link.is_symlink()
    assert (tmp_path / "elsewhere" / "export.json").read_text(encoding="utf-8") == _export_json(ok)


def test_a_fifo_is_written_in_place(habits, ok, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there, so the writer never waits
    try:
        said = ok("export", "-o", str(fifo)).output
        got = os.read(reader, 1 << 20).decode("utf-8")
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert got == _export_json(ok)
    assert said.startswith("Exported ")


def test_a_device_node_is_written_in_place_never_replaced(habits_sqlite, tmp_path: Path) -> None:
    """As root, `-o` a device: a null device of the test's own stands in for /dev/null."""
    if os.geteuid() != 0:
        from conftest import require

        require("root", "making a device node needs root")
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = habits_sqlite("export", "-o", str(null))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null).st_mode), "the device node was replaced by a file"
    assert null.read_bytes() == b""  # still the null device


def test_csv_follows_a_link_to_a_folder(habits, ok, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "loop"
    link.symlink_to(real)
    ok("export", "--format", "csv", "-o", str(link))
    assert link.is_symlink()
    assert (real / "Habits.csv").read_text(encoding="utf-8").startswith("Position,Name")


def test_csv_to_standard_output_is_refused(habits) -> None:
    result = habits("export", "--format", "csv", "-o", "-")
    assert result.exit_code == 2 and "-o DIR" in result.stderr
