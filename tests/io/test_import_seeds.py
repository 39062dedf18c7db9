"""Moving to a new store: a seeded habit nobody has used takes the file's settings;
every other habit keeps its own; `import --dry-run` says what would happen, changing nothing."""

from __future__ import annotations

import json
from pathlib import Path


def _source_export(ok, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The old store (another file), edited the ways a couple does, exported."""
    (tmp_path / "old").mkdir(exist_ok=True)  # an explicit --db names a file in an existing folder
    src = ["--db", str(tmp_path / "old" / "habits.db")]
    ok(*src, "edit", "kiss", "--title", "Kiss for six seconds", "--remind", "07:00", "--remind", "22:00")
    ok(*src, "edit", "ask", "--remind", "19:15")
    ok(*src, "archive", "weekly-date")
    ok(*src, "add", "walk", "--title", "Evening walk", "--daily", "--remind", "20:00")
    ok(*src, "done", "kiss", "--date", "-1", "--note", "morning")
    ok(*src, "done", "walk", "--date", "-2")
    ok(*src, "skip", "ask", "--date", "-1", "--reason", "travel")
    path = tmp_path / "export.json"
    ok(*src, "export", "-o", str(path))
    return path


def _settings(ok) -> dict[str, tuple[object, ...]]:  # type: ignore[no-untyped-def]
    doc = json.loads(ok("export").output)
    return {h["slug"]: (h["title"], tuple(h["reminders"]), h["archived"]) for h in doc["habits"]}


def test_a_store_opened_once_gets_the_files_habits_as_they_were(habits, ok, tmp_path: Path) -> None:
    exported = _source_export(ok, tmp_path)
    ok()  # the new store, opened once: seeded with the three habits
    out = ok("import", str(exported)).output
    assert (
        "Took the file's settings for six-second-kiss, ask-about-their-day, weekly-date "
        "(seeded here and never used, so nothing of yours was replaced)."
    ) in out
    assert "Kept your settings" not in out and "Added 1 habit: walk." in out
    # exactly as an import into an empty store: the same export, byte for byte
    assert ok("export").output == exported.read_text(encoding="utf-8")
    assert "Nothing new" in ok("import", str(exported)).output


def test_a_used_or_edited_seed_keeps_its_own_settings(habits, ok, tmp_path: Path) -> None:
    exported = _source_export(ok, tmp_path)
    ok("edit", "kiss", "--title", "Our kiss")  # edited here
    ok("done", "ask", "--date", "-3")  # used here (history), settings as seeded
    ok("skip", "weekly-date", "--date", "-2")  # a skip is history too
    out = ok("import", str(exported)).output
    assert "Took the file's settings" not in out
    assert "Kept your settings for six-second-kiss, ask-about-their-day, weekly-date" in out
    settings = _settings(ok)
    assert settings["six-second-kiss"] == ("Our kiss", ("07:45", "19:30"), False)
    assert settings["ask-about-their-day"] == ("Ask about their day", ("18:30",), False)
    assert settings["weekly-date"][2] is False


def test_only_the_untouched_seeds_take_the_files_settings(habits, ok, tmp_path: Path) -> None:
    exported = _source_export(ok, tmp_path)
    ok("done", "kiss", "--date", "-4")
    out = ok("import", str(exported)).output
    assert "Took the file's settings for ask-about-their-day, weekly-date " in out
    assert "Kept your settings for six-second-kiss " in out
    settings = _settings(ok)
    assert settings["six-second-kiss"] == ("Six-second kiss", ("07:45", "19:30"), False)
    assert settings["ask-about-their-day"] == ("Ask about their day", ("19:15",), False)
    assert settings["weekly-date"][2] is True  # archived, as in the file
    walk = next(h for h in json.loads(ok("export").output)["habits"] if h["slug"] == "walk")
    assert walk["position"] == 3 + 4  # after the habits here, since one of them is yours


def _files(habits) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return {p.name: p.read_bytes() for p in habits.home.glob("habits.db*")}


def test_dry_run_reports_the_import_and_changes_nothing(habits, ok, tmp_path: Path) -> None:
    exported = _source_export(ok, tmp_path)
    ok("done", "kiss", "--date", "-4", "--note", "ours")
    rows, files = habits.dump(), _files(habits)
    backups = sorted((habits.home / "backups").glob("*"))  # the daily export of that write, if any

    dry = ok("import", "--dry-run", str(exported)).output.splitlines()
    assert dry[0] == "Dry run: nothing was changed; importing export.json would do this:"
    assert habits.dump() == rows  # row for row
    assert _files(habits) == files  # and, for SQLite, byte for byte
    assert sorted((habits.home / "backups").glob("*")) == backups  # no backup of its own

    real = ok("import", str(exported)).output.splitlines()
    assert dry[1:] == real  # the rehearsal said exactly what the import did
    assert habits.dump() != rows


def test_dry_run_without_a_store_does_not_make_one(habits_sqlite, tmp_path: Path) -> None:
    habits = habits_sqlite
    (tmp_path / "old").mkdir(exist_ok=True)  # an explicit --db names a file in an existing folder
    src = ["--db", str(tmp_path / "old" / "habits.db")]
    assert habits(*src, "done", "kiss").exit_code == 0
    exported = tmp_path / "export.json"
    assert habits(*src, "export", "-o", str(exported)).exit_code == 0
    new = tmp_path / "new.db"
    result = habits("--db", str(new), "import", "--dry-run", str(exported))
    assert result.exit_code == 0, result.output
    assert "Added 3 habits: six-second-kiss, ask-about-their-day, weekly-date." in result.output
    assert "Added 1 check-in." in result.output
    assert not new.exists() and list(tmp_path.glob("new.db*")) == []
