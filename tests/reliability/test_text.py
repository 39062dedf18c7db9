"""Any text a person types is kept exactly and shown back exactly (--json, export),
and printing it cannot drive the terminal: control characters come out escaped."""

from __future__ import annotations

import json

import pytest

LONG = "We talked for hours about everything. " * 2700  # ~100k characters
assert len(LONG) > 100_000

TEXTS = {
    "long": LONG,
    "control": "red \x1b[31malert\x1b[0m bell\x07 back\x08 cr\r lf\n tab\t del\x7f csi\x9b2J osc\x1b]0;pwned\x07",
    "rtl": "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c \u0645\u0631\u062d\u0628\u0627 \u200f!",
    "emoji": "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f48b\u200d\U0001f468 \U0001f3f3\ufe0f\u200d\U0001f308 x\u0301",
    "line separators": "one\u2028two\u2029three",
}


def toml_str(value: str) -> str:
    """A TOML basic string for any text (controls, DEL and C1 as \\uXXXX escapes)."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def terminal_safe(output: str) -> None:
    """No raw control character reaches the terminal (line ends aside)."""
    bad = [
        ch
        for ch in output
        if (ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029"
    ]
    assert bad == [], [hex(ord(ch)) for ch in bad[:10]]


@pytest.mark.parametrize("kind", list(TEXTS))
def test_note_is_stored_and_shown_back_exactly(habits, ok, kind):
    text = TEXTS[kind]
    ok("done", "kiss", "--note", text)
    ok("skip", "ask", "--date", "-1", "--reason", text)
    ok("away", "2026-03-01", "2026-03-02", "--note", text)

    entries = {e["kind"]: e for e in json.loads(ok("log", "--json").stdout)}
    assert entries["checkin"]["note"] == text
    assert entries["skip"]["reason"] == text and entries["away"]["note"] == text
    doc = json.loads(ok("export").stdout)
    assert doc["checkins"][0]["note"] == text
    assert doc["skips"][0]["reason"] == text
    assert doc["away"][0]["note"] == text

    shown = ok("log").stdout
    terminal_safe(shown)
    if kind in ("rtl", "emoji"):  # printable text is shown as it is
        assert text in shown
    terminal_safe(ok("away").stdout)


@pytest.mark.parametrize("kind", ["control", "rtl", "emoji"])
def test_titles_and_names_are_escaped_everywhere_they_are_printed(habits, ok, kind):
    text = TEXTS[kind].replace("\n", " ").replace("\r", " ").replace("\t", " ")
    text = "".join(ch for ch in text if ord(ch) >= 0x20)  # titles are one line: C0 is refused
    habits.write_config(
        f'[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = {toml_str("Alex" + text[:20])}\n'
        f"partner = {toml_str('Sam' + text[-20:])}\n"
    )
    ok("add", "walk", "--title", "Walk " + text, "--daily", "--each", "--why", text, "--remind", "20:00")
    ok("done", "walk", "--note", text)
    ok("haunts", "add", "Caf\u00e9 " + text)
    ok("done", "weekly-date", "--place", "Caf\u00e9 " + text)
    for args in (
        [],
        ["list"],
        ["show", "walk"],
        ["streaks"],
        ["history", "walk"],
        ["log"],
        ["haunts", "list"],
        ["reminders"],
        ["config", "show"],
    ):
        terminal_safe(ok(*args).stdout)
    listed = {h["slug"]: h for h in json.loads(ok("list", "--json").stdout)}
    assert listed["walk"]["title"] == "Walk " + text.strip()
    places = [e["place"] for e in json.loads(ok("log", "--json").stdout) if e["place"]]
    assert places == [" ".join(("Caf\u00e9 " + text).split())]


def test_error_messages_quote_hostile_input_escaped(habits):
    result = habits("done", "\x1b]0;pwned\x07\nkiss")
    assert result.exit_code == 1
    terminal_safe(result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1
    result = habits("import", "no\x1b[2Jsuch\nfile.json")
    assert result.exit_code == 1
    terminal_safe(result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_crash(procs_sqlite, encoding):
    """A real process whose stdout cannot encode ✓ or an emoji (a Latin-1 terminal,
    Windows redirected to a file): the text is escaped, the command succeeds."""
    procs = procs_sqlite
    procs.run("done", "kiss", "--note", TEXTS["emoji"] + " caf\u00e9 \u2713")
    for args in ([], ["log"], ["streaks"], ["list"], ["history", "kiss"], ["show", "kiss"]):
        done = procs.run(*args, check=False, env={"PYTHONIOENCODING": encoding})
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr and "Unexpected" not in done.stderr
