"""The login service files for all three platforms, and install/uninstall with a stand-in systemctl."""

import json
import plistlib
import stat
import sys
from pathlib import Path

import pytest

from habits.daemon.service import TASK_NAME, plan

ARGV = ["/opt/py env/bin/python", "-m", "habits", "daemon"]
ENV = {"HABITS_HOME": "/home/alex/habits 50%", "XDG_CONFIG_HOME": "/home/alex/.cfg", "HABITS_DB": ""}


def test_systemd_unit_content():
    p = plan("linux", env=ENV, home=Path("/home/alex"), argv=ARGV, log_dir=Path("/l"))
    assert p.path == Path("/home/alex/.cfg/systemd/user/habits.service")
    lines = p.content.splitlines()
    assert 'ExecStart="/opt/py env/bin/python" -m habits daemon' in lines
    assert 'Environment="HABITS_HOME=/home/alex/habits 50%%"' in lines  # % escaped for systemd
    assert "Restart=on-failure" in lines and "WantedBy=default.target" in lines
    assert not any("HABITS_DB" in line for line in lines)  # empty: not passed on
    assert p.install == (
        ("systemctl", "--user", "daemon-reload"),
        ("systemctl", "--user", "enable", "--now", "habits.service"),
    )


def test_systemd_unit_without_xdg_config_home_goes_to_dot_config():
    p = plan("linux", env={}, home=Path("/home/alex"), argv=ARGV, log_dir=Path("/l"))
    assert p.path == Path("/home/alex/.config/systemd/user/habits.service")
    assert "Environment" not in p.content


def test_launchd_plist_content():
    p = plan(
        "darwin",
        env=ENV,
        home=Path("/Users/alex"),
        argv=ARGV,
        log_dir=Path("/Users/alex/Library/Logs/habits"),
    )
    assert p.path == Path("/Users/alex/Library/LaunchAgents/local.habits.daemon.plist")
    data = plistlib.loads(p.content.encode())
    assert data["Label"] == "local.habits.daemon"
    assert data["ProgramArguments"] == ARGV
    assert data["RunAtLoad"] is True and data["KeepAlive"] == {"SuccessfulExit": False}
    assert data["EnvironmentVariables"] == {"HABITS_HOME": "/home/alex/habits 50%"}
    assert data["StandardErrorPath"] == "/Users/alex/Library/Logs/habits/daemon.err"
    assert p.install[-1] == ("launchctl", "load", "-w", str(p.path))


def test_task_scheduler_entry():
    argv = [r"C:\Program Files\Python311\python.exe", "-m", "habits", "daemon"]
    p = plan(
        "win32", env={"HABITS_HOME": r"C:\Users\alex\habits"}, home=Path("/x"), argv=argv, log_dir=Path("/l")
    )
    assert p.path is None
    create = p.install[0]
    assert create[:4] == ("schtasks", "/Create", "/TN", TASK_NAME)
    assert create[5] == (
        r'"C:\Program Files\Python311\pythonw.exe" -m habits --config '
        r"C:\Users\alex\habits\config.toml --db C:\Users\alex\habits\habits.db daemon"
    )
    assert create[6:] == ("/SC", "ONLOGON", "/RL", "LIMITED", "/F")
    assert p.uninstall[-1] == ("schtasks", "/Delete", "/TN", TASK_NAME, "/F")


def fake_systemctl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int = 0) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "systemctl.jsonl"
    exe = bin_dir / "systemctl"
    exe.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(calls)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"print('active' if 'is-active' in sys.argv else 'no bus', file=sys.stderr if {code} else sys.stdout)\n"
        f"sys.exit({code})\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    return calls


linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the systemd variant runs on Linux"
)


@linux_only
def test_install_dry_run_changes_nothing(habits_sqlite, tmp_path):
    result = habits_sqlite("service", "install", "--dry-run")
    assert result.exit_code == 0
    unit = tmp_path / "xdg-config" / "systemd" / "user" / "habits.service"
    assert f"Would write {unit}:" in result.stdout and "ExecStart=" in result.stdout
    assert "Would run: systemctl --user enable --now habits.service" in result.stdout
    assert not unit.exists()


@linux_only
def test_install_status_uninstall_with_systemctl(habits_sqlite, tmp_path, monkeypatch):
    calls = fake_systemctl(tmp_path, monkeypatch)
    result = habits_sqlite("service", "install")
    assert result.exit_code == 0, result.output
    unit = tmp_path / "xdg-config" / "systemd" / "user" / "habits.service"
    assert unit.exists() and f"Environment=HABITS_HOME={habits_sqlite.home}" in unit.read_text()
    assert stat.S_IMODE(unit.stat().st_mode) == 0o600
    assert "habits.service: active" in habits_sqlite("service", "status").stdout.replace("is-active ", "")
    assert habits_sqlite("service", "uninstall").exit_code == 0
    assert not unit.exists()
    assert [json.loads(line) for line in calls.read_text().splitlines()] == [
        ["--user", "daemon-reload"],
        ["--user", "enable", "--now", "habits.service"],
        ["--user", "is-active", "habits.service"],
        ["--user", "disable", "--now", "habits.service"],
        ["--user", "daemon-reload"],
    ]


@linux_only
def test_install_without_a_working_systemctl_says_what_to_do(habits_sqlite, tmp_path, monkeypatch):
    fake_systemctl(tmp_path, monkeypatch, code=1)
    result = habits_sqlite("service", "install")
    assert result.exit_code == 1
    assert "The service is not running" in result.stderr and "no bus" in result.stderr
    assert "start `habits daemon`" in result.stderr
