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


def test_seven_daily_backups_by_default_and_none_with_keep_0(habits, ok) -> None:
    folder = habits.home / "backups"
    for _ in range(9):
        ok("done", "kiss")
        habits.clock.advance(days=1)
    assert len(list(folder.glob("habits-export-*.json"))) == 7
    habits.write_config(habits.config.read_text(encoding="utf-8") + "\n[backup]\nkeep = 0\n")
    for path in folder.iterdir():
        path.unlink()
    ok("done", "kiss")
    assert list(folder.iterdir()) == []


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


def _daemon(app, clock, backups):  # type: ignore[no-untyped-def]
    from habits.daemon.engine import Reminders
    from habits.daemon.scheduler import Daemon

    class Silent:
        name = "silent"

        def send(self, title, message, timeout):  # type: ignore[no-untyped-def]
            from habits.notify import Delivery

            return Delivery(True, "ok")

    return Daemon(Reminders(app.store, app.config, "Alex", Silent()), clock, backups=backups)


def test_the_daemon_writes_the_daily_export_from_its_tick(habits_sqlite) -> None:  # type: ignore[no-untyped-def]
    from habits.cli.context import AppContext

    h = habits_sqlite
    h.write_config(CONFIG)
    assert h("done", "kiss", "--date", "yesterday").exit_code == 0
    folder = h.home / "backups"
    for path in folder.iterdir():  # as if yesterday's command had made none
        path.unlink()
    app = AppContext(clock=h.clock)
    daemon = _daemon(app, h.clock, folder)
    assert daemon.run_tick() is None
    today = folder / "habits-export-2026-03-11.json"
    assert [p.name for p in folder.iterdir()] == [today.name]
    assert len(json.loads(today.read_text(encoding="utf-8"))["checkins"]) == 1
    stamp = today.stat().st_mtime_ns
    h.clock.advance(minutes=1)
    assert daemon.run_tick() is None
    assert today.stat().st_mtime_ns == stamp  # once a day
    for _ in range(3):
        h.clock.advance(days=1)
        assert daemon.run_tick() is None
    assert sorted(p.name for p in folder.iterdir()) == [
        "habits-export-2026-03-13.json",
        "habits-export-2026-03-14.json",
    ]  # keep = 2
    app.close()
