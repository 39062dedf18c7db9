"""`habits status` and the status file for bars and prompts: written by every command
that changes the store, fresh or computed again, never trusted when stale or damaged,
never in the way of a command."""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from pathlib import Path

import pytest

COUPLE = '[time]\ntimezone = "Europe/Berlin"\n\n[couple]\nme = "Alex"\npartner = "Sam"\n'
SAM = '[time]\ntimezone = "Europe/Berlin"\n\n[couple]\nme = "Sam"\npartner = "Alex"\n'


@pytest.fixture
def couple(habits):
    habits.write_config(COUPLE)
    sam = habits.home / "sam.toml"
    sam.write_text(SAM, encoding="utf-8")
    return habits


def status_file(habits, person: str = "Alex") -> Path:
    return Path(os.environ["XDG_RUNTIME_DIR"]) / "habits" / f"status-{person}.json"


def waybar(ok, *config: str) -> dict:
    return json.loads(ok(*config, "status", "--format", "waybar").stdout)


def test_a_change_is_in_the_status_file_at_once_private_and_whole(couple, ok):
    ok("done", "kiss")
    path = status_file(couple)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["day"] == "2026-03-11" and payload["me"] == "Alex" and payload["partner"] == "Sam"
    kiss = next(h for h in payload["habits"] if h["slug"] == "six-second-kiss")
    assert kiss == {
        "slug": "six-second-kiss",
        "title": "Six-second kiss",
        "done": True,
        "by": ["Alex"],
        "at_risk": False,
        "streak": 1,
        "excused": False,
    }
    assert payload["counts"] == {"total": 3, "done": 1, "pending": 2, "excused": 0, "at_risk": 0}
    assert payload["unread_thanks"] == 0 and payload["thanks"] == []
    ok("undo", "kiss")
    assert json.loads(path.read_text(encoding="utf-8"))["counts"]["done"] == 0


def test_waybar_reads_its_fields(couple, ok):
    ok("done", "kiss")
    bar = waybar(ok)
    assert set(bar) == {"text", "tooltip", "class", "alt", "percentage"}
    assert bar["text"] == "1/3" and bar["class"] == "pending" and bar["alt"] == "pending"
    assert bar["percentage"] == 33
    assert "✓ Six-second kiss (1)" in bar["tooltip"].splitlines()
    for slug in ("ask", "weekly"):
        ok("done", slug)
    assert waybar(ok)["class"] == "done" and waybar(ok)["percentage"] == 100


def test_the_other_formats_are_one_line_or_i3blocks_three(couple, ok):
    ok("done", "kiss")
    assert ok("status").stdout == "habits 1/3 done\n"
    assert ok("status", "--format", "tmux").stdout == "#[fg=yellow]♥ 1/3#[default]\n"
    assert ok("status", "--format", "polybar").stdout == "%{F#e5c07b}♥ 1/3%{F-}\n"
    assert ok("status", "--format", "i3blocks").stdout.splitlines() == ["♥ 1/3", "1/3", "#e5c07b"]
    assert json.loads(ok("status", "--format", "json").stdout)["text"] == "1/3"


def test_at_risk_is_the_class_when_a_streak_may_end(couple, ok):
    ok("done", "kiss", "--date", "-1")
    couple.clock.advance(hours=12)  # 22:00 in Berlin: today's kiss is still missing
    bar = waybar(ok)
    assert bar["class"] == "at-risk" and bar["text"] == "0/3 !1"
    assert "! Six-second kiss (1)" in bar["tooltip"]


def test_my_partners_check_in_shows_once_my_file_is_stale(couple, ok):
    sam = ("--config", str(couple.home / "sam.toml"))
    assert waybar(ok, *sam)["text"] == "0/3"  # computed, and written for Sam
    ok("done", "kiss")  # Alex: Sam's file still says 0/3
    assert waybar(ok, *sam)["text"] == "0/3"  # fresh: served from the file
    couple.clock.advance(seconds=121)
    sam_bar = waybar(ok, *sam)
    assert sam_bar["text"] == "1/3" and "✓ Six-second kiss (1)" in sam_bar["tooltip"]


@pytest.mark.parametrize(
    "damage",
    [
        "truncated",
        "garbage",
        "other day",
        "other person",
        "other store",
        "from the future",
        "not json object",
    ],
)
def test_a_damaged_or_foreign_status_file_is_never_trusted(couple, ok, damage):
    ok("done", "kiss")
    path = status_file(couple)
    text = path.read_text(encoding="utf-8")
    payload = json.loads(text)
    payload["text"] = "9/9"  # what a trusted file would make the bar say
    if damage == "truncated":
        path.write_text(json.dumps(payload)[:200], encoding="utf-8")
    elif damage == "garbage":
        path.write_bytes(b"\xff\x00garbage")
    elif damage == "not json object":
        path.write_text("[1, 2]", encoding="utf-8")
    else:
        field, value = {
            "other day": ("day", "2026-03-10"),
            "other person": ("me", "Sam"),
            "other store": ("store", "sqlite:////elsewhere/habits.db"),
            "from the future": ("written_at", "2026-03-11T09:05:00+00:00"),
        }[damage]
        payload[field] = value
        path.write_text(json.dumps(payload), encoding="utf-8")
    assert waybar(ok)["text"] == "1/3"
    assert json.loads(path.read_text(encoding="utf-8"))["text"] == "1/3"  # written again


def test_a_new_habit_day_is_computed_not_served(couple, ok):
    couple.clock.advance(hours=13, minutes=59, seconds=30)  # 23:59:30 in Berlin
    ok("done", "kiss")
    couple.clock.advance(seconds=60)  # a fresh file, but from yesterday
    assert waybar(ok)["text"].startswith("0/3")


def test_a_missing_or_unwritable_folder_changes_nothing_for_the_commands(couple, ok, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(blocked / "run"))  # its folder cannot be created
    result = ok("done", "kiss")
    assert result.stderr == "" and result.stdout.startswith("Logged Six-second kiss")
    assert ok("status").stdout == "habits 1/3 done\n"
    log = (couple.home / "habits.log").read_text(encoding="utf-8")
    assert "status file not written" in log

    readonly = tmp_path / "ro"
    (readonly / "habits" / "status-Alex.json").mkdir(parents=True)  # refused even to root
    for folder in (readonly / "habits", readonly):
        folder.chmod(0o555)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(readonly))
    try:
        result = ok("done", "ask")
        assert result.stderr == ""
        assert ok("status").stdout == "habits 2/3 done\n"
    finally:
        for folder in (readonly, readonly / "habits"):
            folder.chmod(0o755)


def test_without_a_runtime_folder_the_file_is_beside_the_log(couple, ok, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    ok("done", "kiss")
    assert json.loads((couple.home / "status-Alex.json").read_text(encoding="utf-8"))["text"] == "1/3"


def wait_for(path: Path, limit: float = 20) -> str:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(encoding="utf-8"):
            return path.read_text(encoding="utf-8")
        time.sleep(0.05)
    raise AssertionError(f"{path} was not written within {limit} s")


def test_on_change_runs_the_argv_without_a_shell_after_a_change(couple, ok, tmp_path):
    marker = tmp_path / "signalled $HOME"  # a shell would expand this
    script = "import sys; open(sys.argv[1], 'a').write('changed\\n')"
    argv = json.dumps([sys.executable, "-c", script, str(marker)])
    couple.write_config(COUPLE + f"\n[status]\non_change = {argv}\n")
    ok("done", "kiss")
    assert wait_for(marker) == "changed\n"


def test_an_on_change_that_cannot_start_is_a_line_in_the_log(couple, ok):
    couple.write_config(COUPLE + '\n[status]\non_change = ["/nonexistent/refresh-bar"]\n')
    result = ok("done", "kiss")
    assert result.stderr == ""
    assert "could not start" in (couple.home / "habits.log").read_text(encoding="utf-8")


def test_on_change_must_be_a_list_of_strings(couple):
    couple.write_config(COUPLE + '\n[status]\non_change = "pkill -RTMIN+8 waybar"\n')
    result = couple("status")
    assert result.exit_code == 1
    assert "status.on_change" in result.stderr and "list of strings" in result.stderr


# -- the daemon renews it each tick: my partner's check-ins reach my bar within a minute


class Quiet:
    name = "quiet"

    def send(self, title, message, timeout):
        from habits.notify import Delivery

        return Delivery(True, "ok")


def test_each_daemon_tick_renews_my_status_with_my_partners_check_ins(couple, ok):
    from habits.cli.context import AppContext
    from habits.daemon.compose import status_writer
    from habits.daemon.engine import Reminders
    from habits.daemon.scheduler import Daemon

    assert waybar(ok)["text"] == "0/3"  # Alex's file, fresh
    app = AppContext(clock=couple.clock)
    daemon = Daemon(
        Reminders(app.store, app.config, "Alex", Quiet(), people=app.people),
        couple.clock,
        status=status_writer(app.store_url, app.locations),
    )
    ok("--config", str(couple.home / "sam.toml"), "done", "kiss")  # Sam, on the same store
    couple.clock.advance(seconds=60)
    assert daemon.run_tick() is None
    payload = json.loads(status_file(couple).read_text(encoding="utf-8"))
    assert payload["written_at"] == "2026-03-11T09:01:00+00:00"
    kiss = next(h for h in payload["habits"] if h["slug"] == "six-second-kiss")
    assert kiss["done"] and kiss["by"] == ["Sam"]
    assert waybar(ok)["text"] == "1/3"  # served from the daemon's file
    app.close()


# -- served from a fresh file, the command loads nothing of the store


def test_status_from_a_fresh_file_imports_no_sqlalchemy(tmp_path):
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env.update(HABITS_HOME=str(tmp_path / "home"), XDG_RUNTIME_DIR=str(tmp_path / "run"))
    # The console script's own way out (atexit handlers, then os._exit) reports the modules.
    probe = (
        "import atexit, runpy, sys\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'),"
        " file=sys.stderr))\n"
        "sys.argv = ['habits', 'status', '--format', 'waybar']\n"
        "runpy.run_module('habits', run_name='__main__')\n"
    )

    def run() -> subprocess.CompletedProcess[str]:
        result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result

    first = run()  # no file yet: computed from the store
    assert "'sqlalchemy'" in first.stderr  # the probe sees the import when it happens
    second = run()
    assert second.stderr.strip() == "[]"
    assert json.loads(second.stdout) == json.loads(first.stdout)
