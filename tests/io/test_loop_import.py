"""`habits import` of a Loop Habit Tracker backup built from Loop's real schema (see conftest.py)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

YES_MANUAL, YES_AUTO, NO, SKIP = 2, 1, 0, 3
MON_WED_FRI = (1 << 2) | (1 << 4) | (1 << 6)  # Loop's bits: 0 Saturday, 1 Sunday, 2 Monday ...

HABITS = [
    {
        "id": 1,
        "name": "Meditate",
        "freq_num": 1,
        "freq_den": 1,
        "reminder_hour": 8,
        "reminder_min": 30,
        "reminder_days": MON_WED_FRI,
        "description": "Calm mind",
        "question": "Did you meditate?",
    },
    {"id": 2, "name": "Gym", "freq_num": 3, "freq_den": 7, "archived": 1},
    {"id": 3, "name": "Wake up early", "freq_num": 2, "freq_den": 3, "reminder_hour": 6, "reminder_min": 5},
    {"id": 4, "name": "Water", "freq_num": 1, "freq_den": 1, "type": 1, "unit": "ml", "target_value": 2000.0},
    {"id": 5, "name": "six-second KISS", "freq_num": 1, "freq_den": 1},
]
ENTRIES = [
    (1, date(2026, 3, 1), YES_MANUAL, 'felt good, "really"\nand calm 🧘'),
    (1, date(2026, 3, 2), YES_MANUAL, None),
    (1, date(2026, 3, 3), NO, "skipped it"),
    (1, date(2026, 3, 4), SKIP, "sick"),
    (1, date(2026, 3, 5), YES_AUTO, None),
    (2, date(2026, 3, 2), YES_MANUAL, None),
    (2, date(2026, 3, 4), YES_MANUAL, None),
    (2, date(2026, 3, 6), YES_MANUAL, ""),
    (2, date(2026, 3, 3), YES_AUTO, None),
    (2, date(2026, 3, 5), YES_AUTO, None),
    (3, date(2026, 3, 9), YES_MANUAL, None),
    (4, date(2026, 3, 9), 1_500_000, None),  # Loop keeps an amount x 1000: 1500 ml
    (4, date(2026, 3, 10), 2_500_000, None),
    (5, date(2026, 3, 9), YES_MANUAL, None),
]


def _export(ok):  # type: ignore[no-untyped-def]
    return json.loads(ok("export").output)


def test_loop_backup_imports_habits_schedules_and_check_ins(habits, ok, loop_backup) -> None:
    ok("edit", "kiss", "--why", "ours")  # the store exists, seeded, and the kiss is yours
    backup = loop_backup(HABITS, ENTRIES)
    out = ok("import", str(backup)).output
    assert "Added 4 habits: meditate, gym, wake-up-early, water." in out
    assert "Kept your settings for six-second-kiss" in out  # matched by case-insensitive title
    assert 'Left out from the Loop backup (not check-ins): 1 "No" entry; 3 automatic entries.' in out
    doc = _export(ok)
    by_slug = {h["slug"]: h for h in doc["habits"]}
    med, gym, wake = by_slug["meditate"], by_slug["gym"], by_slug["wake-up-early"]
    assert (med["title"], med["cadence"], med["target"], med["reminders"], med["days"], med["why"]) == (
        "Meditate",
        "daily",
        1,
        ["08:30"],
        ["mon", "wed", "fri"],
        "Calm mind",
    )
    assert (gym["cadence"], gym["target"], gym["archived"], gym["reminders"]) == ("weekly", 3, True, [])
    assert (wake["cadence"], wake["every"], wake["target"], wake["reminders"]) == ("every", 3, 2, ["06:05"])
    assert by_slug["water"]["measure"] == {"unit": "ml", "kind": "at_least", "target": 2000}
    assert med["loop_uuid"] == f"{1:032x}" and med["created_on"] == "2026-03-01"
    counts = Counter(c["habit"] for c in doc["checkins"])
    assert counts == {"meditate": 2, "gym": 3, "wake-up-early": 1, "water": 2, "six-second-kiss": 1}
    assert {c["by"] for c in doc["checkins"]} == {"Alex"}  # couple.me
    notes = [c["note"] for c in doc["checkins"] if c["habit"] == "meditate"]
    assert notes == ['felt good, "really"\nand calm 🧘', None]
    assert doc["skips"] == [{"habit": "meditate", "date": "2026-03-04", "by": "", "reason": "sick"}]
    kiss = by_slug["six-second-kiss"]
    assert kiss["reminders"] == ["07:45", "19:30"]  # your settings, not Loop's


def test_importing_a_loop_backup_twice_changes_nothing(habits, ok, loop_backup) -> None:
    ok("list")
    backup = loop_backup(HABITS, ENTRIES)
    first = ok("import", str(backup)).output
    assert "Took the file's settings for six-second-kiss " in first  # seeded, never used: Loop's settings
    assert {h["slug"]: h["title"] for h in _export(ok)["habits"]}["six-second-kiss"] == "six-second KISS"
    before = habits.dump()
    out = ok("import", str(backup)).output
    assert habits.dump() == before
    assert "Nothing new" in out
    assert "Kept your settings for meditate, gym, wake-up-early, water, six-second-kiss" in out


def test_a_habit_renamed_in_loop_is_matched_by_its_uuid(habits, ok, loop_backup) -> None:
    ok("import", str(loop_backup(HABITS[:1], ENTRIES[:2], name="old.db")))
    renamed = [dict(HABITS[0], name="Meditation (morning)")]
    out = ok(
        "import",
        str(loop_backup(renamed, ENTRIES[:2] + [(1, date(2026, 3, 10), YES_MANUAL, None)], name="new.db")),
    ).output
    assert "Kept your settings for meditate" in out and "Added 1 check-in." in out
    slugs = [h["slug"] for h in _export(ok)["habits"]]
    assert slugs.count("meditate") == 1 and not any(s.startswith("meditation") for s in slugs)


def test_a_new_loop_habit_whose_slug_is_taken_gets_a_free_one(habits, ok, loop_backup) -> None:
    ok("add", "gym", "--title", "Climbing", "--weekly")
    out = ok("import", str(loop_backup([HABITS[1]], ENTRIES[5:8]))).output
    assert "Added 1 habit: gym-2." in out


def test_schema_version_22_without_notes_questions_or_uuids(habits, ok, loop_backup) -> None:
    out = ok("import", str(loop_backup(HABITS[:3], ENTRIES[:11], version=22))).output
    assert "Added 3 habits" in out
    doc = _export(ok)
    assert sum(1 for c in doc["checkins"] if c["habit"] == "meditate") == 2
    assert all(c["note"] is None for c in doc["checkins"])
    assert all(h["loop_uuid"] is None for h in doc["habits"])


@pytest.mark.parametrize("version", [17, 21])
def test_older_loop_backups_are_refused(habits, loop_backup, version: int) -> None:
    backup = loop_backup(HABITS[:1], ENTRIES[:1], version=version)
    before = habits.dump()
    result = habits("import", str(backup))
    assert result.exit_code == 1
    assert f"schema version {version}" in result.stderr and "22 or newer" in result.stderr
    assert habits.dump() == before


def test_a_truncated_loop_backup_is_refused(habits, loop_backup, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = loop_backup(HABITS, ENTRIES).read_bytes()
    broken = tmp_path / "broken.db"
    broken.write_bytes(good[:1024])
    before = habits.dump()
    result = habits("import", str(broken))
    assert result.exit_code == 1 and "nothing was imported" in result.stderr
    assert "Traceback" not in result.output
    assert habits.dump() == before


def test_a_habits_store_is_pointed_to_export(habits, ok, tmp_path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.db"
    ok("--db", str(other), "list")
    result = habits("import", str(other))
    assert result.exit_code == 1 and "is a habits store, not an export" in result.stderr


def test_a_store_built_from_loop_round_trips_byte_identically(habits, ok, loop_backup, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ok("import", str(loop_backup(HABITS, ENTRIES)))
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    ok("export", "-o", str(first))
    ok("--db", str(tmp_path / "empty.db"), "import", str(first))
    ok("--db", str(tmp_path / "empty.db"), "export", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
