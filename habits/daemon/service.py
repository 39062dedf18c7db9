"""Running the daemon at login: a systemd user unit (Linux), a launchd agent (macOS),
a Task Scheduler entry (Windows). `plan()` says what to write and run for any
platform (so every variant can be checked anywhere); `apply()` does it here."""

from __future__ import annotations

import plistlib
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from habits.errors import HabitsError

UNIT_NAME = "habits.service"
LAUNCHD_LABEL = "local.habits.daemon"
TASK_NAME = "habits daemon"
PASSED_ENV = ("HABITS_HOME", "HABITS_CONFIG", "HABITS_DB")


class ServiceError(HabitsError):
    """Installing or removing the login service did not work."""


@dataclass(frozen=True)
class Plan:
    platform: str  # "linux" | "darwin" | "win32"
    path: Path | None = None  # the file to write (None on Windows)
    content: str = ""
    install: tuple[tuple[str, ...], ...] = ()
    uninstall: tuple[tuple[str, ...], ...] = ()
    status: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = field(default=())


def platform_key(name: str | None = None) -> str:
    name = name or sys.platform
    if name.startswith("linux"):
        return "linux"
    if name in ("darwin", "win32"):
        return name
    raise ServiceError(
        f"Running habits at login is not supported on {name!r}; start `habits daemon` yourself."
    )


def daemon_argv(python: str | None = None) -> list[str]:
    return [python or sys.executable, "-m", "habits", "daemon"]


def _systemd_quote(arg: str) -> str:
    text = arg.replace("%", "%%").replace("$", "$$")
    if any(ch in text for ch in " \t\"'\\;"):
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def systemd_unit(argv: Sequence[str], env: Mapping[str, str]) -> str:
    lines = [
        "[Unit]",
        "Description=habits: reminders for the small rituals of a relationship",
        "After=graphical-session.target",
        "",
        "[Service]",
        "Type=simple",
        "ExecStart=" + " ".join(_systemd_quote(a) for a in argv),
        "Restart=on-failure",
        "RestartSec=30",
    ]
    for key in PASSED_ENV:
        if env.get(key):
            lines.append("Environment=" + _systemd_quote(f"{key}={env[key]}"))
    lines += ["", "[Install]", "WantedBy=default.target", ""]
    return "\n".join(lines)


def launchd_plist(argv: Sequence[str], env: Mapping[str, str], log_dir: Path) -> str:
    data: dict[str, object] = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": list(argv),
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "ProcessType": "Interactive",
        "StandardOutPath": str(log_dir / "daemon.out"),
        "StandardErrorPath": str(log_dir / "daemon.err"),
    }
    passed = {k: env[k] for k in PASSED_ENV if env.get(k)}
    if passed:
        data["EnvironmentVariables"] = passed
    return plistlib.dumps(data).decode("utf-8")


def windows_command(argv: Sequence[str], env: Mapping[str, str]) -> str:
    """Task Scheduler cannot set variables: they become --config/--db options."""
    args = list(argv)
    python = PureWindowsPath(args[0])
    if python.name.lower() == "python.exe":
        args[0] = str(python.with_name("pythonw.exe"))  # no console window at login
    options: list[str] = []
    home = env.get("HABITS_HOME")
    config = env.get("HABITS_CONFIG") or (str(PureWindowsPath(home) / "config.toml") if home else "")
    db = env.get("HABITS_DB") or (str(PureWindowsPath(home) / "habits.db") if home else "")
    if config:
        options += ["--config", config]
    if db:
        options += ["--db", db]
    return subprocess.list2cmdline(args[:-1] + options + args[-1:])


def plan(platform: str, *, env: Mapping[str, str], home: Path, argv: Sequence[str], log_dir: Path) -> Plan:
    if platform == "linux":
        base = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home / ".config"
        user = ("systemctl", "--user")
        return Plan(
            platform,
            base / "systemd" / "user" / UNIT_NAME,
            systemd_unit(argv, env),
            install=(user + ("daemon-reload",), user + ("enable", "--now", UNIT_NAME)),
            uninstall=(user + ("disable", "--now", UNIT_NAME), user + ("daemon-reload",)),
            status=(user + ("is-active", UNIT_NAME),),
        )
    if platform == "darwin":
        path = home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist"
        return Plan(
            platform,
            path,
            launchd_plist(argv, env, log_dir),
            install=(("launchctl", "unload", str(path)), ("launchctl", "load", "-w", str(path))),
            uninstall=(("launchctl", "unload", "-w", str(path)),),
            status=(("launchctl", "list", LAUNCHD_LABEL),),
        )
    if platform == "win32":
        create = (
            "schtasks",
            "/Create",
            "/TN",
            TASK_NAME,
            "/TR",
            windows_command(argv, env),
            "/SC",
            "ONLOGON",
            "/RL",
            "LIMITED",
            "/F",
        )
        return Plan(
            platform,
            None,
            "",
            install=(create, ("schtasks", "/Run", "/TN", TASK_NAME)),
            uninstall=(
                ("schtasks", "/End", "/TN", TASK_NAME),
                ("schtasks", "/Delete", "/TN", TASK_NAME, "/F"),
            ),
            status=(("schtasks", "/Query", "/TN", TASK_NAME, "/V", "/FO", "LIST"),),
        )
    raise ServiceError(f"Unknown platform {platform!r}.")


def run(argv: Sequence[str], timeout: float = 30) -> tuple[int, str]:
    """Run one command (no shell); (exit status, its last line of output)."""
    if shutil.which(argv[0]) is None:
        return 127, f"{argv[0]} was not found"
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return 1, str(exc)
    lines = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode, lines[-1] if lines else ""


def write_file(path: Path, content: str) -> None:
    from habits.files import write_private

    path.parent.mkdir(parents=True, exist_ok=True)  # the service manager's folder: its usual mode
    write_private(path, content)  # 0600: it may hold HABITS_DB
