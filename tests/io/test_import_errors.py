"""A broken, truncated or newer import file is one clear sentence, exit 1, and changes nothing."""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from docedit import DELETE, set_at

GOOD: dict[str, Any] = {
    "format": "habits-export",
    "version": 1,
    "couple": {"me": "Alex", "partner": None},
    "habits": [
        {
            "slug": "walk",
            "title": "Evening walk",
            "cadence": "daily",
            "target": 1,
            "who": "together",
            "reminders": ["20:00"],
            "days": ["mon"],
            "why": "",
            "archived": False,
            "created_on": "2026-01-01",
            "position": 1,
            "loop_uuid": None,
        }
    ],
    "checkins": [
        {
            "habit": "walk",
            "date": "2026-03-10",
            "by": "Alex",
            "logged_at": "2026-03-10T19:00:00Z",
            "note": "nice",
            "place": None,
        }
    ],
    "skips": [{"habit": "walk", "date": "2026-03-09", "by": "", "reason": "rain"}],
    "away": [{"start": "2026-02-01", "end": "2026-02-03", "note": None}],
    "haunts": [{"name": "Luigi's"}],
}


# (id, edit of the good document, words the error must contain)
BROKEN_DOCS = [
    ("newer-version", set_at("version", 3), ["newer habits", "version 3"]),
    ("version-string", set_at("version", "1"), ["version", "not a whole number"]),
    ("not-an-export", set_at("format", "something-else"), ["not a habits export"]),
    ("missing-checkins", set_at("checkins", DELETE), ["has no 'checkins'"]),
    ("missing-habit-title", set_at("habits.0.title", DELETE), ["habits[0]", "'title'"]),
    ("habits-not-a-list", set_at("habits", {"walk": 1}), ["habits", "not a list"]),
    ("bad-date", set_at("checkins.0.date", "2026-13-01"), ["checkins[0].date", "2026-13-01"]),
    ("date-wrong-type", set_at("checkins.0.date", 20260310), ["checkins[0].date", "not a date"]),
    ("bad-instant", set_at("checkins.0.logged_at", "yesterday"), ["checkins[0].logged_at"]),
    ("naive-instant", set_at("checkins.0.logged_at", "2026-03-10T19:00:00"), ["checkins[0].logged_at"]),
    ("unknown-cadence", set_at("habits.0.cadence", "yearly"), ["habits[0].cadence", "yearly"]),
    ("bad-slug", set_at("habits.0.slug", "Evening Walk!"), ["habits[0].slug", "Evening Walk!"]),
    ("target-bool", set_at("habits.0.target", True), ["habits[0].target"]),
    ("target-too-big", set_at("habits.0.target", 99), ["habits[0].target", "99"]),
    ("bad-reminder", set_at("habits.0.reminders", ["25:00"]), ["habits[0].reminders[0]"]),
    ("bad-weekday", set_at("habits.0.days", ["someday"]), ["habits[0].days[0]"]),
    ("archived-string", set_at("habits.0.archived", "no"), ["habits[0].archived", "true or false"]),
    ("unknown-habit", set_at("checkins.0.habit", "run"), ["checkins[0].habit", "'run'"]),
    ("empty-author", set_at("checkins.0.by", ""), ["checkins[0].by"]),
    ("note-number", set_at("checkins.0.note", 5), ["checkins[0].note"]),
    ("note-nul", set_at("checkins.0.note", "a\x00b"), ["checkins[0].note", "NUL"]),
    ("place-too-long", set_at("checkins.0.place", "x" * 201), ["checkins[0].place"]),
    (
        "too-many-checkins",
        lambda doc: doc["checkins"].append(dict(doc["checkins"][0])),
        ["checkins[1]", "one check-in too many"],
    ),
    (
        "repeated-slug",
        lambda doc: doc["habits"].append(dict(doc["habits"][0])),
        ["habits[1].slug", "repeats"],
    ),
    ("skip-bad-date", set_at("skips.0.date", "2026-02-30"), ["skips[0].date"]),
    ("away-backwards", set_at("away.0.end", "2026-01-01"), ["away[0].end", "before"]),
    ("haunt-empty", set_at("haunts.0.name", "  "), ["haunts[0].name"]),
    ("couple-missing", set_at("couple", DELETE), ["'couple'"]),
    ("top-level-list", lambda doc: doc.clear(), ["not a habits export"]),
    ("date-before-1900", set_at("checkins.0.date", "0001-01-01"), ["checkins[0].date", "from 1900-01-01 on"]),
    (
        "instant-year-1",
        set_at("checkins.0.logged_at", "0001-01-01T00:00:00+01:00"),
        ["checkins[0].logged_at"],
    ),
    (
        "instant-year-10000",
        set_at("checkins.0.logged_at", "9999-12-31T23:59:00-05:00"),
        ["checkins[0].logged_at"],
    ),
    ("position-huge", set_at("habits.0.position", 10**30), ["habits[0].position"]),
    # `done` refuses days after today (2026-03-11 here); so does an import
    (
        "future-checkin",
        set_at("checkins.0.date", "2099-01-01"),
        ["check-in of 'walk' dated 2099-01-01", "after today"],
    ),
    (
        "tomorrows-skip",
        set_at("skips.0.date", "2026-03-12"),
        ["skip of 'walk' dated 2026-03-12", "after today"],
    ),
]


@pytest.fixture
def populated(habits, ok):  # type: ignore[no-untyped-def]
    ok("done", "kiss", "--note", "before")
    ok("skip", "ask", "--date", "-1", "--reason", "away")
    return habits


@pytest.mark.parametrize(
    "edit, words", [(e, w) for _, e, w in BROKEN_DOCS], ids=[i for i, _, _ in BROKEN_DOCS]
)
def test_a_broken_document_changes_nothing(populated, tmp_path: Path, edit, words) -> None:  # type: ignore[no-untyped-def]
    doc = copy.deepcopy(GOOD)
    edit(doc)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _assert_refused(populated, path, words)


BROKEN_BYTES = [
    ("truncated", lambda good: good[: len(good) // 2], ["not valid JSON", "truncated"]),
    ("trailing-garbage", lambda good: good + "}", ["not valid JSON"]),
    ("empty", lambda good: "", ["empty"]),
    ("not-utf8", lambda good: "\udcff", ["neither a habits export"]),
]


@pytest.mark.parametrize(
    "mangle, words", [(m, w) for _, m, w in BROKEN_BYTES], ids=[i for i, _, _ in BROKEN_BYTES]
)
def test_a_broken_file_changes_nothing(populated, tmp_path: Path, mangle, words) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "broken.json"
    path.write_bytes(mangle(json.dumps(GOOD, indent=2)).encode("utf-8", "surrogateescape"))
    _assert_refused(populated, path, words)


def test_a_missing_file_or_a_folder_is_one_sentence(populated, tmp_path: Path) -> None:
    _assert_refused(populated, tmp_path / "nope.json", ["does not exist"])
    _assert_refused(populated, tmp_path, ["is a folder"])


def test_a_foreign_sqlite_file_is_refused(populated, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("create table notes (id integer)")
    con.commit()
    con.close()
    _assert_refused(populated, other, ["not a Loop Habit Tracker backup"])


def test_a_future_day_in_a_loop_backup_changes_nothing(populated, loop_backup) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    path = loop_backup(
        [{"id": 1, "name": "Meditate", "freq_num": 1, "freq_den": 1}],
        [(1, date(2026, 3, 10), 2, None), (1, date(2099, 1, 1), 2, None)],
    )
    _assert_refused(populated, path, ["check-in of 'Meditate' dated 2099-01-01", "nothing was imported"])


def test_a_broken_file_does_not_even_create_the_store(habits, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    result = habits("import", str(path))
    assert result.exit_code == 1
    assert habits.dump() == []


def test_the_good_document_imports(populated, ok, tmp_path: Path) -> None:
    path = tmp_path / "good.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    out = ok("import", str(path)).output
    assert "Added 1 habit: walk." in out
    assert "Added 1 check-in, 1 skip, 1 range of days apart and 1 haunt." in out


def _assert_refused(habits, path: Path, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    before = habits.dump()
    result = habits("import", str(path))
    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert message.startswith("habits: ") and "\n" not in message and "Traceback" not in result.output
    for word in words:
        assert word in message, message
    assert habits.dump() == before
