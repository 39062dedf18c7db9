"""Notifier backends, for real: stdout, a command that records its argv, notify-send's argv."""

import io
import json
import stat
import sys
from pathlib import Path

import pytest

from habits.errors import ConfigError
from habits.notify import CommandNotifier, PlyerNotifier, StdoutNotifier, make_notifier

RECORDER = """#!{python}
import json, sys
with open({out!r}, "a") as fh:
    fh.write(json.dumps(sys.argv[1:]) + "\\n")
sys.exit({code})
"""


def script(tmp_path: Path, name: str, code: int = 0, body: str | None = None) -> tuple[Path, Path]:
    out = tmp_path / f"{name}.jsonl"
    path = tmp_path / name
    path.write_text(body or RECORDER.format(python=sys.executable, out=str(out), code=code))
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path, out


def calls(out: Path) -> list[list[str]]:
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_stdout_backend_prints_title_and_message():
    buf = io.StringIO()
    d = StdoutNotifier(buf).send("Six-second kiss", "Not done yet today.\nWhy.", 10)
    assert d.ok
    assert buf.getvalue() == "[habits] Six-second kiss\n    Not done yet today.\n    Why.\n"


def test_command_backend_appends_title_and_message_verbatim(tmp_path):
    exe, out = script(tmp_path, "notify")
    d = CommandNotifier([str(exe), "--flag", "x y"]).send("-Kiss; rm -rf ~", "$(whoami) `id`", 5)
    assert d.ok, d.reason
    assert calls(out) == [["--flag", "x y", "-Kiss; rm -rf ~", "$(whoami) `id`"]]


def test_command_backend_failure_carries_exit_status_and_stderr(tmp_path):
    body = f"#!{sys.executable}\nimport sys\nsys.stderr.write('no display\\n')\nsys.exit(3)\n"
    exe, _ = script(tmp_path, "fails", body=body)
    d = CommandNotifier([str(exe)]).send("t", "m", 5)
    assert not d.ok and d.reason == f"{exe} exited with status 3: no display"


def test_command_backend_that_hangs_is_cut_off_at_the_timeout(tmp_path):
    exe, _ = script(tmp_path, "hangs", body=f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    d = CommandNotifier([str(exe)]).send("t", "m", 0.5)
    assert not d.ok and "did not finish within 0.5 s" in d.reason


def test_command_backend_missing_program(tmp_path):
    d = CommandNotifier([str(tmp_path / "nope")]).send("t", "m", 5)
    assert not d.ok and "was not found" in d.reason


def test_linux_plyer_path_runs_notify_send_with_app_name_expiry_and_end_of_options(tmp_path):
    exe, out = script(tmp_path, "notify-send")
    d = PlyerNotifier(platform="linux", notify_send=str(exe)).send("-t 0", "--urgency=critical", 7)
    assert d.ok
    assert calls(out) == [["--app-name=habits", "--expire-time=7000", "--", "-t 0", "--urgency=critical"]]


def test_linux_plyer_path_detects_notify_send_failure(tmp_path):
    exe, _ = script(tmp_path, "notify-send", code=1)
    d = PlyerNotifier(platform="linux", notify_send=str(exe)).send("t", "m", 5)
    assert not d.ok and "notify-send exited with status 1" in d.reason


def test_backend_choice(monkeypatch, tmp_path):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    assert (
        make_notifier("auto").name == "plyer"
    )  # no session bus: plyer (tests/test_notify_dbus.py: the rest)
    assert make_notifier("auto", platform="darwin").name == "plyer"
    assert make_notifier("plyer").name == "plyer"
    assert make_notifier("stdout").name == "stdout"
    assert make_notifier("command", command=["true"]).name == "command"
    assert make_notifier("dbus").name == "dbus"
    with pytest.raises(ConfigError, match="notifications.command is empty"):
        make_notifier("command")
    with pytest.raises(ConfigError, match="'growl' is not valid"):
        make_notifier("growl")


def test_notify_test_says_whether_it_worked(habits, ok, tmp_path):
    exe, out = script(tmp_path, "notify")
    habits.write_config(
        habits.config.read_text() + f'\n[notifications]\nbackend = "command"\ncommand = ["{exe}"]\n'
    )
    assert "Delivered through the command backend" in ok("notify-test").stdout
    assert calls(out)[0][0] == "habits: test notification"
    bad, _ = script(tmp_path, "bad", code=2)
    habits.write_config(habits.config.read_text().replace(str(exe), str(bad)))
    result = habits("notify-test")
    assert result.exit_code == 1
    assert "was not delivered through the command backend" in result.stderr
    assert "exited with status 2" in result.stderr
