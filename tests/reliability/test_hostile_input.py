"""Hostile input: arbitrary strings in every command's arguments and options and in
the config file. Exit code 0, 1 or 2; never a traceback nor an "Unexpected error";
a command that fails leaves the store exactly as it was.

In-process (CliRunner, exceptions not caught: a traceback fails the test) on the
SQLite store, so that a few hundred examples run in seconds.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habits.cli import main

SETTINGS = settings(
    max_examples=int(os.environ.get("HABITS_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Commands left out: they run forever (daemon), touch the desktop (notify-test) or
# install a login service (service); none of them takes a string.
SKIPPED = {("daemon",), ("notify-test",), ("service",)}
# Parameters that name files: their values are kept inside the test's folder.
PATH_PARAMS = {"file", "output", "config_path", "db"}

# Real argv cannot hold NUL; it can hold undecodable bytes (surrogate escapes).
any_char = st.characters(exclude_characters="\x00")
escaped_byte = st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF)
NASTY = [
    "",
    " ",
    "-",
    "--",
    "-1",
    "-0",
    "today",
    "yesterday",
    "monday",
    "2026-02-29",
    "2026-03-11",
    "2099-01-01",
    "0000-00-00",
    "-99999999999999999999",
    "99999999999999999999",
    "kiss",
    "ask",
    "da",
    "weekly-date",
    "Alex",
    "alex",
    "Sam",
    "25:00",
    "07:45",
    "mon,thu",
    "all",
    "30m",
    "0s",
    "\x1b[2J\x1b[H",
    "\u202eevil",
    "😀" * 50,
    "a\nb",
    "\t",
    "\r",
    "x" * 5000,
    "%s%n",
    "'; DROP TABLE habits;--",
    "\udcff",
    "caf\udce9",
    "../../etc/passwd",
    "~",
    ".",
    "nosuch://x",
    "sqlite://",
    "postgresql://u:pw@/",
]
text = st.one_of(
    st.sampled_from(NASTY),
    st.text(any_char, max_size=30),
    st.text(st.one_of(any_char, escaped_byte), max_size=12),
)


def confine(value: str) -> str:
    """Keep a path value inside the current folder (the test's own)."""
    value = value.replace("..", "__").lstrip("/~").replace("://", "_//")
    return value or "x"


def commands(
    group: click.Group = main, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        here = path + (name,)
        if here in SKIPPED:
            continue
        if isinstance(cmd, click.Group):
            out += commands(cmd, here)
        else:
            out.append((here, cmd))
    return out


COMMANDS = commands()


@st.composite
def invocation(draw: st.DrawFn) -> list[str]:
    """A command with a random subset of its parameters, each given a hostile value."""
    path, cmd = draw(st.sampled_from(COMMANDS))
    argv: list[str] = []
    if draw(st.integers(0, 9)) == 0:
        argv += ["--db", confine(draw(text))]
    argv += list(path)
    for param in cmd.params:
        if not draw(st.booleans()):
            continue
        if isinstance(param, click.Argument):
            value = draw(text)
            argv.append(confine(value) if param.name in PATH_PARAMS else value)
        elif isinstance(param, click.Option):
            opt = draw(st.sampled_from(param.opts))
            if param.is_flag:
                argv.append(opt)
            else:
                for _ in range(draw(st.integers(1, 2)) if param.multiple else 1):
                    value = draw(text)
                    argv += [opt, confine(value) if param.name in PATH_PARAMS else value]
    return argv


@pytest.fixture
def arena(habits_sqlite, tmp_path, monkeypatch):
    """A store with some history; the current folder is the test's own."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    habits_sqlite.write_config(
        '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n'
        '[notifications]\nbackend = "stdout"\n'
    )
    for args in (
        ("done", "kiss", "--date", "-1", "--note", "n"),
        ("done", "ask", "--by", "Sam"),
        ("haunts", "add", "Luigi's"),
        ("skip", "kiss", "--date", "-3"),
    ):
        assert habits_sqlite(*args).exit_code == 0
    return habits_sqlite


def check(habits, argv: list[str], before: list[tuple[object, ...]] | None = None) -> None:
    """Run argv: exit 0, 1 or 2, no traceback, one clear line for a domain error, and
    when it fails, the store is unchanged."""
    if before is None:
        before = habits.dump()
    result = habits(*argv, input="")  # an exception escaping here fails the test with its traceback
    shown = (argv, result.output)
    assert result.exit_code in (0, 1, 2), shown
    assert "Traceback" not in result.output, shown
    assert "Unexpected error" not in result.output, shown
    if result.exit_code == 1:
        assert result.stderr.strip().splitlines()[-1].startswith("habits: "), shown
    if result.exit_code != 0:
        assert habits.dump() == before, shown


@SETTINGS
@given(argv=invocation())
def test_every_command_survives_hostile_arguments(arena, argv):
    check(arena, argv)


@SETTINGS
@given(argv=st.lists(text, max_size=6))
def test_random_argv(arena, argv):
    check(arena, argv)


# -- the config file ------------------------------------------------------------


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value).replace("inf", "inf").replace("nan", "nan")
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value)  # a TOML basic string (lone surrogates make it invalid TOML: fine)


def _known_keys() -> dict[str, list[str]]:
    from habits.config import SCHEMA

    return {section: list(body.keys) for section, body in SCHEMA.items()}


scalar = st.one_of(
    text,
    st.integers(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.sampled_from(
        [
            "Europe/Berlin",
            "UTC",
            "",
            "Mars/Olympus",
            "../../../etc/passwd",
            "04:00",
            "23:59",
            "24:00",
            "sunday",
            "2h",
            "0m",
            "dbus",
            "command",
            "stdout",
            "sqlite:///x.db",
        ]
    ),
)
toml_value = st.one_of(scalar, st.lists(scalar, max_size=3))


@st.composite
def config_text(draw: st.DrawFn) -> str:
    known = _known_keys()
    lines = []
    for section in draw(st.lists(st.one_of(st.sampled_from(list(known)), text), max_size=4, unique=True)):
        lines.append(f"[{json.dumps(section)}]")
        keys = known.get(section, []) + ["unknown"]
        for key in draw(st.lists(st.one_of(st.sampled_from(keys), text), max_size=4, unique=True)):
            lines.append(f"{json.dumps(key)} = {_toml_value(draw(toml_value))}")
    return "\n".join(lines) + "\n"


CONFIG_COMMANDS = [
    ["config", "check"],
    ["config", "show"],
    [],
    ["list"],
    ["reminders"],
    ["paths"],
    ["done", "kiss", "--date", "-2"],
]


@SETTINGS
@given(body=st.one_of(config_text(), st.text(any_char, max_size=200)), argv=st.sampled_from(CONFIG_COMMANDS))
def test_hostile_config_file(arena, body, argv):
    before = arena.dump()
    arena.config.write_bytes(body.encode("utf-8", "surrogatepass"))  # lone surrogates: not UTF-8
    check(arena, argv, before)


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_config_file_of_arbitrary_bytes(arena, raw):
    before = arena.dump()
    arena.config.write_bytes(raw)
    check(arena, ["config", "check"], before)
    check(arena, ["done", "kiss", "--date", "-2"], before)


def test_the_strategy_reaches_every_command():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"done", "add", "edit", "import", "export", "haunts add", "away", "snooze", "config show"} <= names
    assert not any(name.startswith(("daemon", "service")) for name in names)
    assert Path(confine("/etc/passwd")).is_absolute() is False
    assert ".." not in confine("../../x")
