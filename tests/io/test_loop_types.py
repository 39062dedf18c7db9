"""Every habit of a Loop backup imports: numerical habits as measured ones (unit, target
type and value, each day's amount) and any frequency as its cadence; a backup habits
cannot follow is one sentence naming the habit, and nothing is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.io.conftest import build_loop_backup
from tests.refusals import fails

YES_MANUAL, YES_AUTO, NO, UNKNOWN, SKIP = 2, 1, 0, -1, 3
NUMERICAL, AT_LEAST, AT_MOST = 1, 0, 1

HABITS: list[dict[str, Any]] = [
    {
        "id": 1,
        "name": "Read",
        "freq_num": 1,
        "freq_den": 1,
        "type": NUMERICAL,
        "unit": "pages",
        "target_value": 20.0,
    },
    {
        "id": 2,
        "name": "Takeaway",
        "freq_num": 1,
        "freq_den": 7,
        "type": NUMERICAL,
        "unit": "meals",
        "target_type": AT_MOST,
        "target_value": 2.0,
    },
    {"id": 3, "name": "Water plants", "freq_num": 1, "freq_den": 2},
    {"id": 4, "name": "Date night", "freq_num": 2, "freq_den": 30},
    {"id": 5, "name": "Long run", "freq_num": 3, "freq_den": 14},
    {
        "id": 6,
        "name": "Savings",
        "freq_num": 1,
        "freq_den": 30,
        "type": NUMERICAL,
        "unit": "€",
        "target_value": 100.5,
    },
    {"id": 7, "name": "Yoga", "freq_num": 4, "freq_den": 31},
    {"id": 8, "name": "Sauna", "freq_num": 5, "freq_den": 5},
    {"id": 9, "name": "Push-ups", "freq_num": 1, "freq_den": 3, "type": NUMERICAL, "target_value": 50.0},
]
ENTRIES = [
    (1, date(2026, 3, 1), 25_000, "a good chapter"),  # Loop keeps 25 pages as 25000
    (1, date(2026, 3, 2), 12_500, None),
    (1, date(2026, 3, 3), 0, None),  # an entered zero
    (1, date(2026, 3, 4), SKIP, "sick"),
    (1, date(2026, 3, 5), UNKNOWN, None),
    (2, date(2026, 3, 2), 1_000, None),
    (2, date(2026, 3, 6), 2_000, None),
    (3, date(2026, 3, 1), YES_MANUAL, None),
    (3, date(2026, 3, 2), YES_AUTO, None),
    (3, date(2026, 3, 3), YES_MANUAL, None),
    (4, date(2026, 3, 7), YES_MANUAL, None),
    (6, date(2026, 3, 1), 100_500, None),
    (9, date(2026, 3, 2), 30_000, None),
]


def _installed(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed `habits` command, as a user runs it, on a real SQLite store in home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HABITS_", "XDG_"))}
    env.update(HABITS_HOME=str(home), XDG_CONFIG_HOME=str(home / "xdg"), XDG_RUNTIME_DIR=str(home / "run"))
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return subprocess.run(["habits", *args], env=env, capture_output=True, text=True, timeout=120)


def test_every_loop_habit_imports_through_the_installed_command(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text('[couple]\nme = "Alex"\n', encoding="utf-8")
    backup = build_loop_backup(tmp_path / "Loop Habits Backup.db", HABITS, ENTRIES)
    result = _installed(home, "import", str(backup))
    assert result.returncode == 0, result.stderr
    assert (
        "Added 9 habits: read, takeaway, water-plants, date-night, long-run, savings, yoga, sauna, push-ups."
        in result.stdout
    )
    assert "Gave Push-ups the unit 'units' (it has none in Loop)." in result.stdout
    assert "Left out from the Loop backup (not check-ins): 1 automatic entry; 1 other entry." in result.stdout
    assert (home / "habits.db").is_file()
    listed = json.loads(_installed(home, "list", "--json").stdout)
    shape = {h["slug"]: (h["cadence"], h.get("every"), h["target"], h.get("measure")) for h in listed}
    assert shape == {
        "read": ("daily", None, 1, {"unit": "pages", "kind": "at_least", "target": 20}),
        "takeaway": ("weekly", None, 1, {"unit": "meals", "kind": "at_most", "target": 2}),
        "water-plants": ("every", 2, 1, None),
        "date-night": ("monthly", None, 2, None),
        "long-run": ("every", 14, 3, None),
        "savings": ("monthly", None, 1, {"unit": "€", "kind": "at_least", "target": 100.5}),
        "yoga": ("monthly", None, 4, None),
        "sauna": ("daily", None, 1, None),
        "push-ups": ("every", 3, 1, {"unit": "units", "kind": "at_least", "target": 50}),
    }
    doc = json.loads(_installed(home, "export").stdout)
    amounts = [(c["habit"], c["date"], c.get("amount"), c["note"]) for c in doc["checkins"]]
    assert amounts == [
        ("date-night", "2026-03-07", None, None),
        ("push-ups", "2026-03-02", 30, None),
        ("read", "2026-03-01", 25, "a good chapter"),
        ("read", "2026-03-02", 12.5, None),
        ("read", "2026-03-03", 0, None),
        ("savings", "2026-03-01", 100.5, None),
        ("takeaway", "2026-03-02", 1, None),
        ("takeaway", "2026-03-06", 2, None),
        ("water-plants", "2026-03-01", None, None),
        ("water-plants", "2026-03-03", None, None),
    ]
    assert doc["skips"] == [{"habit": "read", "date": "2026-03-04", "by": "", "reason": "sick"}]
    created = {h["slug"]: h["created_on"] for h in doc["habits"]}
    assert created["read"] == "2026-03-01" and created["water-plants"] == "2026-03-01"
    again = _installed(home, "import", str(backup))
    assert again.returncode == 0 and "Nothing new" in again.stdout


def _one(**habit: Any) -> dict[str, Any]:
    return {"id": 1, "name": "Read", "freq_num": 1, "freq_den": 1, **habit}


MEASURED = {"type": NUMERICAL, "unit": "pages", "target_value": 20.0}
BAD = [
    ("target-zero", _one(**{**MEASURED, "target_value": 0.0}), [], ["'Read' has a target of 0.0", "above 0"]),
    ("target-negative", _one(**{**MEASURED, "target_value": -3.0}), [], ["'Read' has a target of -3.0"]),
    (
        "target-absurd",
        _one(**{**MEASURED, "target_value": 1e12}),
        [],
        ["'Read' has a target of 1000000000000.0"],
    ),
    ("unit-10kb", _one(**{**MEASURED, "unit": "x" * 10_000}), [], ["'Read' has a unit of 10,000 characters"]),
    ("unit-two-lines", _one(**{**MEASURED, "unit": "pa\nges"}), [], ["'Read' has the unit 'pa\\nges'"]),
    ("target-type", _one(**{**MEASURED, "target_type": 7}), [], ["'Read' has the target type 7"]),
    ("amount-negative", _one(**MEASURED), [(1, -5_000)], ["'Read' has an amount of -5 on 2026-03-01"]),
    (
        "amount-absurd",
        _one(**MEASURED),
        [(1, 10**13)],
        ["'Read' has an amount of 10000000000 on 2026-03-01", "0 to 1,000,000"],
    ),
    ("more-than-each-day", _one(freq_num=3, freq_den=2), [], ["'Read' has the frequency 3/2", "K <= N"]),
    ("twice-a-day", _one(freq_num=2, freq_den=1), [], ["'Read' has the frequency 2/1"]),
    ("never", _one(freq_num=0, freq_den=7), [], ["'Read' has the frequency 0/7"]),
    ("over-a-year", _one(freq_num=1, freq_den=400), [], ["'Read' has the frequency 1/400", "up to 365"]),
    (
        "numerical-over-a-year",
        _one(**MEASURED, freq_num=1, freq_den=400),
        [],
        ["'Read' has the frequency 1/400"],
    ),
    (
        "numerical-twice-a-week",
        _one(**MEASURED, freq_num=2, freq_den=7),
        [],
        ["frequency 2/7", "1 in N days"],
    ),
]


@pytest.mark.parametrize("habit, values, words", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_a_loop_habit_habits_cannot_follow_is_refused_whole(
    habits, ok, loop_backup, habit, values, words
) -> None:  # type: ignore[no-untyped-def]
    ok("done", "kiss")
    others = [dict(HABITS[2], id=2), dict(HABITS[0], id=3)]  # good habits around it: none of them is imported
    entries = [(2, date(2026, 3, 1), YES_MANUAL, None), (3, date(2026, 3, 1), 5_000, None)]
    entries += [(1, date(2026, 3, 1), value, None) for _, value in values]
    path = loop_backup([others[0], habit, others[1]], entries)
    fails(
        habits,
        "import",
        str(path),
        contains=words + ["Loop Habits Backup.db: the Loop habit", "nothing was imported"],
    )
