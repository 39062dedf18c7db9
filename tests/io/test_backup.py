"""The optional daily rotating JSON export (config `backup.keep`)."""

from __future__ import annotations

import json
import stat

CONFIG = """
[time]
timezone = "Europe/Berlin"

[couple]
me = "Alex"

[backup]
keep = 2
"""


def test_no_backups_by_default(habits, ok) -> None:
    ok("done", "kiss")
    assert not (habits.home / "backups").exists()


def test_a_daily_export_after_the_first_write_of_the_day_rotated_to_keep(habits_sqlite, tmp_path) -> None:  # type: ignore[no-untyped-def]
    habits = habits_sqlite
    habits.write_config(CONFIG)

    def ok(*args: str) -> None:
        result = habits(*args)
        assert result.exit_code == 0, result.output

    ok("list")  # reading writes no backup
    folder = habits.home / "backups"
    assert not folder.exists()
    ok("done", "kiss")
    first = folder / "habits-export-2026-03-11.json"
    assert first.exists()
    assert stat.S_IMODE(first.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["format"] == "habits-export" and len(doc["checkins"]) == 1
    ok("done", "ask")  # same day: today's file exists, it is not rewritten
    assert len(json.loads(first.read_text(encoding="utf-8"))["checkins"]) == 1
    for _ in range(3):
        habits.clock.advance(days=1)
        ok("done", "kiss")
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["habits-export-2026-03-13.json", "habits-export-2026-03-14.json"]
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    habits.clock.advance(days=1)
    ok("done", "kiss")
    assert (folder / "notes.txt").exists()  # only our own files are rotated


def test_a_negative_keep_is_a_config_error(habits) -> None:
    habits.write_config(CONFIG.replace("keep = 2", "keep = -1"))
    result = habits("list")
    assert result.exit_code == 1 and "backup.keep" in result.stderr
