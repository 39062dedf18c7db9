"""`habits export --format csv -o DIR`: Loop Habit Tracker's CSV layout, byte for byte."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

LOOP_HEADER = (
    "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
    "Color,Unit,Target Type,Target Value,Archived?\n"
)
WALK = 'Walk, "long" / park ☀'


def _setup(ok) -> None:  # type: ignore[no-untyped-def]
    ok("add", "walk", "--title", WALK, "--weekly", "--times", "2")
    ok("done", "kiss", "--date", "-1", "--note", 'a "b", c\nd')
    ok("skip", "kiss", "--date", "-3", "--reason", "flu")
    ok("done", "walk", "--date", "-2")
    ok("done", "walk", "--date", "-1")
    ok("archive", "ask")


def test_csv_export_reproduces_loops_layout(habits, ok, tmp_path: Path) -> None:
    _setup(ok)
    out = tmp_path / "loop"
    ok("export", "--format", "csv", "-o", str(out))
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == [
        "001 Six-second kiss/Checkmarks.csv",
        "002 Ask about their day/Checkmarks.csv",
        "003 Weekly date_ revisit an early haunt/Checkmarks.csv",
        "004 Walk, _long_ _ park ☀/Checkmarks.csv",
        "Checkmarks.csv",
        "Habits.csv",
    ]
    habits_csv = (out / "Habits.csv").read_text(encoding="utf-8")
    assert habits_csv.startswith(LOOP_HEADER)
    rows = list(csv.reader(habits_csv.splitlines(keepends=True)))
    assert [r[0] for r in rows[1:]] == ["001", "002", "003", "004"]
    assert rows[2][1:3] == ["Ask about their day", "YES_NO"] and rows[2][11] == "true"
    assert rows[3][5:7] == ["1", "7"]
    assert habits_csv.endswith('004,"Walk, ""long"" / park ☀",YES_NO,,,2,7,#00897B,,,,false\n')
    assert (out / "001 Six-second kiss/Checkmarks.csv").read_text(encoding="utf-8") == (
        'Date,Value,Notes\n2026-03-10,YES_MANUAL,"a ""b"", c\nd"\n2026-03-08,SKIP,flu\n'
    )
    assert (out / "004 Walk, _long_ _ park ☀/Checkmarks.csv").read_text(encoding="utf-8") == (
        "Date,Value,Notes\n2026-03-11,YES_AUTO,\n2026-03-10,YES_MANUAL,\n2026-03-09,YES_MANUAL,\n"
    )
    assert (out / "002 Ask about their day/Checkmarks.csv").read_text(
        encoding="utf-8"
    ) == "Date,Value,Notes\n"
    assert (out / "Checkmarks.csv").read_text(encoding="utf-8") == (
        'Date,Six-second kiss,Ask about their day,Weekly date: revisit an early haunt,"Walk, ""long"" / park ☀",\n'
        "2026-03-11,UNKNOWN,UNKNOWN,UNKNOWN,YES_AUTO,\n"
        "2026-03-10,YES_MANUAL,UNKNOWN,UNKNOWN,YES_MANUAL,\n"
        "2026-03-09,UNKNOWN,UNKNOWN,UNKNOWN,YES_MANUAL,\n"
        "2026-03-08,SKIP,UNKNOWN,UNKNOWN,UNKNOWN,\n"
    )
    assert stat.S_IMODE((out / "Habits.csv").stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700


def test_csv_needs_an_output_folder(habits) -> None:
    result = habits("export", "--format", "csv")
    assert result.exit_code == 2 and "-o DIR" in result.stderr


def test_csv_into_a_file_is_refused(habits, ok, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me", encoding="utf-8")
    result = habits("export", "--format", "csv", "-o", str(target))
    assert result.exit_code == 1 and "is a file" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"


def test_folder_names_keep_every_letter_and_replace_only_what_file_systems_forbid(
    habits, ok, tmp_path: Path
) -> None:
    titles = {
        "hug": "Hug 🤗",
        "hebrew": "חיבוק ונשיקה",  # all Hebrew: nothing but the number was left before
        "russian": "Обнять",
        "chinese": "拥抱",
        "accents": "Café à deux",
        "forbidden": 'a/b\\c<d>e:f"g|h?i*j',
        "dots": "...",
        "trailing": "Read together. . .",
    }
    for slug, title in titles.items():
        ok("add", slug, "--title", title, "--daily")
    out = tmp_path / "loop"
    ok("export", "--format", "csv", "-o", str(out))
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == sorted(
        [
            "001 Six-second kiss",
            "002 Ask about their day",
            "003 Weekly date_ revisit an early haunt",
            "004 Hug 🤗",
            "005 חיבוק ונשיקה",
            "006 Обнять",
            "007 拥抱",
            "008 Café à deux",
            "009 a_b_c_d_e_f_g_h_i_j",
            "010",
            "011 Read together",
        ]
    )
    for folder in folders:
        assert (out / folder / "Checkmarks.csv").read_text(encoding="utf-8") == "Date,Value,Notes\n"


def _typed_store(ok, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Measured habits and every kind of cadence, through an import (as a user restores them)."""

    def habit(position: int, slug: str, cadence: str, target: int = 1, **extra: object) -> dict[str, object]:
        return {
            "slug": slug,
            "title": slug.replace("-", " ").capitalize(),
            "cadence": cadence,
            **({"every": extra.pop("every")} if "every" in extra else {}),
            "target": target,
            **extra,
            "who": "together",
            "reminders": [],
            "reminders_for": {},
            "days": [],
            "why": "",
            "archived": False,
            "created_on": "2026-02-01",
            "position": position,
            "loop_uuid": None,
        }

    def checkin(
        slug: str, day: str, amount: float | None = None, note: str | None = None
    ) -> dict[str, object]:
        out: dict[str, object] = {
            "habit": slug,
            "date": day,
            "by": "Alex",
            "logged_at": f"{day}T18:00:00Z",
            "note": note,
            "place": None,
        }
        return out if amount is None else {**out, "amount": amount}

    doc = {
        "format": "habits-export",
        "version": 2,
        "couple": {"me": "Alex", "partner": None},
        "habits": [
            habit(1, "talk", "daily", measure={"unit": "minutes", "kind": "at_least", "target": 20}),
            habit(2, "takeaway", "weekly", measure={"unit": "meals", "kind": "at_most", "target": 2}),
            habit(3, "run", "every", every=14, measure={"unit": "km", "kind": "at_least", "target": 12.5}),
            habit(4, "date-night", "monthly", target=2),
            habit(5, "plants", "every", target=2, every=3),
            habit(6, "yoga", "monthly", target=31),
        ],
        "checkins": [
            checkin("talk", "2026-03-09", 15),
            checkin("talk", "2026-03-09", 7.5, "phones away"),
            checkin("talk", "2026-03-10", 0),
            checkin("takeaway", "2026-03-10", 1),
            checkin("run", "2026-03-01", 5.25),
            checkin("date-night", "2026-03-02"),
            checkin("date-night", "2026-03-07"),
            checkin("plants", "2026-03-09"),
            checkin("plants", "2026-03-10"),
        ],
        "skips": [{"habit": "talk", "date": "2026-03-08", "by": "", "reason": "flu"}],
        "away": [],
        "haunts": [],
        "thanks": [],
        "answers": [],
    }
    path = tmp_path / "typed.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    ok("import", str(path))


def test_csv_writes_measured_habits_and_cadences_as_loop_does(habits, ok, tmp_path: Path) -> None:
    _typed_store(ok, tmp_path)
    out = tmp_path / "loop"
    ok("export", "--format", "csv", "-o", str(out))
    assert (out / "Habits.csv").read_text(encoding="utf-8") == LOOP_HEADER + (
        "001,Talk,NUMERICAL,,,1,1,#00897B,minutes,AT_LEAST,20.0,false\n"
        "002,Takeaway,NUMERICAL,,,1,7,#00897B,meals,AT_MOST,2.0,false\n"
        "003,Run,NUMERICAL,,,1,14,#00897B,km,AT_LEAST,12.5,false\n"
        "004,Date night,YES_NO,,,2,30,#00897B,,,,false\n"
        "005,Plants,YES_NO,,,2,3,#00897B,,,,false\n"
        "006,Yoga,YES_NO,,,1,1,#00897B,,,,false\n"
    )
    # A measured day: its total x 1000 (an entered zero is Loop's "NO"), notes joined.
    assert (out / "001 Talk/Checkmarks.csv").read_text(encoding="utf-8") == (
        "Date,Value,Notes\n2026-03-10,NO,\n2026-03-09,22500,phones away\n2026-03-08,SKIP,flu\n"
    )
    assert (out / "002 Takeaway/Checkmarks.csv").read_text(
        encoding="utf-8"
    ) == "Date,Value,Notes\n2026-03-10,1000,\n"
    assert (out / "003 Run/Checkmarks.csv").read_text(
        encoding="utf-8"
    ) == "Date,Value,Notes\n2026-03-01,5250,\n"
    # A month with its two check-ins: every day of it up to today is done.
    date_night = (out / "004 Date night/Checkmarks.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert date_night == [
        f"2026-03-{d:02d},{'YES_MANUAL' if d in (2, 7) else 'YES_AUTO'}," for d in range(11, 0, -1)
    ]
    # Blocks of 3 days from 2026-02-01: 03-09..03-11 holds two check-ins.
    assert (out / "005 Plants/Checkmarks.csv").read_text(encoding="utf-8") == (
        "Date,Value,Notes\n2026-03-11,YES_AUTO,\n2026-03-10,YES_MANUAL,\n2026-03-09,YES_MANUAL,\n"
    )
    overview = (out / "Checkmarks.csv").read_text(encoding="utf-8").splitlines()
    assert overview[0] == "Date,Talk,Takeaway,Run,Date night,Plants,Yoga,"
    assert overview[2] == "2026-03-10,NO,1000,UNKNOWN,YES_AUTO,YES_MANUAL,UNKNOWN,"
