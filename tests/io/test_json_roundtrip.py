"""`habits export --format json` and `habits import`: lossless, deterministic, idempotent."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

CONFIG = """
[time]
timezone = "Europe/Berlin"

[couple]
me = "Alex"
partner = "Sam"
"""

NOTE = 'she said "yes", then — wait,\nsecond line; emoji 💋 and RTL שלום עליכם'
OTHER_NOTE = 'comma, "quote", tab\there\r\nCRLF and العربية 🌙'


@pytest.fixture
def rich(habits, ok):  # type: ignore[no-untyped-def]
    """A store with every kind of row an export carries."""
    habits.write_config(CONFIG)
    ok(
        "add",
        "walk",
        "--title",
        'Evening walk, "long"',
        "--daily",
        "--times",
        "3",
        "--each",
        "--remind",
        "20:00",
        "--remind",
        "08:15",
        "--days",
        "mon,wed",
        "--why",
        "Fresh air 🌳",
    )
    ok("done", "kiss", "--date", "-1", "--note", NOTE)
    ok("done", "kiss", "--by", "Sam")
    for _ in range(3):
        ok("done", "walk", "--date", "-2")
    ok("done", "walk", "--date", "-2", "--by", "Sam", "--note", OTHER_NOTE)
    ok("done", "ask", "--by", "Sam", "--note", "")
    ok("skip", "kiss", "--date", "-3", "--reason", "flu, again")
    ok("skip", "ask", "--date", "-3", "--by", "Sam")
    ok("away", "2026-03-01", "2026-03-03", "--note", 'Sam in Lisbon, "work"')
    ok("haunts", "add", "Luigi's")
    ok("haunts", "add", "Café Olé")
    ok("done", "weekly-date", "--date", "-1", "--place", "Luigi's", "--note", "tiramisu")
    ok("thank", "kiss", "--note", 'merci 💋, "really"')
    sam = habits.home / "sam.toml"
    sam.write_text(
        CONFIG.replace('me = "Alex"\npartner = "Sam"', 'me = "Sam"\npartner = "Alex"'), encoding="utf-8"
    )
    ok("--config", str(sam), "thank", "weekly-date")
    ok("answer", NOTE, "--date", "-1")
    ok("--config", str(sam), "answer", OTHER_NOTE.replace("\r", ""), "--date", "-1")  # both: revealed
    ok("--config", str(sam), "answer", "sealed from Alex, kept in the backup")
    ok(
        "checkin",
        "--appreciate",
        "the kiss 💋",
        "--appreciate",
        "שלום",
        "--work-on",
        "phones",
        "--connected",
        "4",
    )
    ok("edit", "kiss", "--remind", "22:00", "--remind", "06:30", "--for", "Sam")
    ok("edit", "walk", "--remind", "07:00", "--for", "me")
    ok("archive", "walk")
    return habits


def test_round_trip_into_an_empty_store_is_byte_identical(rich, ok, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    other = tmp_path / "other" / "habits.db"
    other.parent.mkdir()  # an explicit --db must be in an existing folder
    ok("export", "-o", str(first))
    imported = ok("--db", str(other), "import", str(first))
    assert "Added 4 habits" in imported.output
    ok("--db", str(other), "export", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text(encoding="utf-8"))
    notes = {c["note"] for c in doc["checkins"]}
    assert NOTE in notes and OTHER_NOTE in notes and "" in notes
    assert "💋" in first.read_text(encoding="utf-8")  # ensure_ascii=False: readable text
    assert [(t["by"], t["to"], t["habit"]) for t in doc["thanks"]] == [
        ("Alex", "Sam", "six-second-kiss"),
        ("Sam", "Alex", "weekly-date"),
    ]
    kiss = next(h for h in doc["habits"] if h["slug"] == "six-second-kiss")
    assert kiss["reminders_for"] == {"Sam": ["06:30", "22:00"]}
    assert [(a["kind"], a["period"], a["by"]) for a in doc["answers"]] == [
        ("checkin", "2026-03-09", "Alex"),
        ("question", "2026-03-10", "Alex"),
        ("question", "2026-03-10", "Sam"),
        ("question", "2026-03-11", "Sam"),
    ]
    assert doc["answers"][0]["body"] == {
        "appreciations": ["the kiss 💋", "שלום"],
        "went_well": None,
        "work_on": "phones",
        "connected": 4,
    }
    assert doc["answers"][3]["body"] == "sealed from Alex, kept in the backup"  # a full backup


def test_export_shape_has_no_volatile_fields(rich, ok, tmp_path: Path) -> None:
    out = ok("export").output
    doc = json.loads(out)
    assert list(doc)[:2] == ["format", "version"]
    assert doc["format"] == "habits-export" and doc["version"] == 2
    assert doc["couple"] == {"me": "Alex", "partner": "Sam"}
    assert "id" not in doc["habits"][0] and "id" not in doc["checkins"][0]  # no database ids
    assert not any(k in out for k in ("exported_at", "created_at", "habit_id"))
    walk = next(h for h in doc["habits"] if h["slug"] == "walk")
    assert (
        walk["archived"] is True
        and walk["reminders"] == ["08:15", "20:00"]
        and walk["days"] == ["mon", "wed"]
    )
    assert walk["target"] == 3 and walk["who"] == "each"
    date_checkin = next(c for c in doc["checkins"] if c["habit"] == "weekly-date")
    assert date_checkin["place"] == "Luigi's" and date_checkin["logged_at"].endswith("Z")
    assert {"habit": "ask-about-their-day", "date": "2026-03-08", "by": "Sam", "reason": None} in doc["skips"]
    assert doc["away"] == [{"start": "2026-03-01", "end": "2026-03-03", "note": 'Sam in Lisbon, "work"'}]
    assert [h["name"] for h in doc["haunts"]] == ["Café Olé", "Luigi's"]
    assert walk["reminders_for"] == {"Alex": ["07:00"]}
    thank = doc["thanks"][0]
    assert list(thank) == ["habit", "date", "by", "to", "thanked_on", "logged_at", "read_at", "note"]
    assert thank["date"] == thank["thanked_on"] == "2026-03-11" and thank["read_at"] is None
    assert thank["logged_at"].endswith("Z") and list(doc)[-2:] == ["thanks", "answers"]
    assert list(doc["answers"][0]) == ["kind", "period", "by", "body", "logged_at", "updated_at"]
    assert out.endswith("}\n")
    # Deterministic: the same store exports the same bytes again.
    assert ok("export").output == out


def test_export_file_is_private_and_written_whole(rich, ok, tmp_path: Path) -> None:
    target = tmp_path / "exports" / "habits.json"
    ok("export", "--format", "json", "-o", str(target))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert target.read_text(encoding="utf-8") == ok("export").output
    assert [p.name for p in target.parent.iterdir()] == ["habits.json"]  # no temp file left behind


def test_importing_the_same_file_twice_changes_nothing(rich, ok, tmp_path: Path) -> None:
    export = tmp_path / "e.json"
    other = tmp_path / "other.db"
    ok("export", "-o", str(export))
    ok("--db", str(other), "import", str(export))
    before = _dump(other)
    again = ok("--db", str(other), "import", str(export))
    assert _dump(other) == before
    assert "Nothing new" in again.output
    assert (
        "Left 8 check-ins, 2 skips, 1 range of days apart, 2 haunts, 2 thank-yous, 2 own reminder times "
        "and 4 answers that were already here."
    ) in again.output


def test_import_creates_an_unseeded_store(habits, ok, tmp_path: Path) -> None:
    export = tmp_path / "only-walk.json"
    export.write_text(json.dumps(_doc(habits=[_habit("walk", position=1)])), encoding="utf-8")
    ok("import", str(export))
    listed = json.loads(ok("list", "--all", "--json").output)
    assert [h["slug"] for h in listed] == ["walk"]


def test_merge_keeps_your_settings_and_adds_the_rest(habits, ok, tmp_path: Path) -> None:
    ok("done", "kiss", "--date", "-5")  # the store exists, seeded; your kiss has history
    kiss = _habit("six-second-kiss", title="Renamed kiss", position=1)
    doc = _doc(
        habits=[kiss, _habit("walk", position=2)],
        checkins=[
            _checkin("six-second-kiss", "2026-03-10", note="from the laptop"),
            _checkin("walk", "2026-03-09"),
        ],
    )
    path = tmp_path / "laptop.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = ok("import", str(path)).output
    assert "Added 1 habit: walk." in out
    assert "Kept your settings for six-second-kiss" in out
    assert "Added 2 check-ins." in out
    titles = {h["slug"]: h["title"] for h in json.loads(ok("list", "--json").output)}
    assert titles["six-second-kiss"] == "Six-second kiss"  # your settings were kept
    walk = next(h for h in json.loads(ok("export").output)["habits"] if h["slug"] == "walk")
    assert walk["position"] == 5  # placed after the three seeded habits (max position 3) + its own 2


def test_checkins_match_by_habit_day_person_and_rank(habits, ok, tmp_path: Path) -> None:
    ok("add", "water", "--title", "Water", "--daily", "--times", "3")
    ok("done", "water", "--date", "-1")
    doc = _doc(
        habits=[_habit("water", target=3, position=1)],
        checkins=[
            _checkin("water", "2026-03-10"),
            _checkin("water", "2026-03-10"),
            _checkin("water", "2026-03-10", by="Sam"),
        ],
    )
    path = tmp_path / "water.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = ok("import", str(path)).output
    assert "Added 2 check-ins." in out and "Left 1 check-in that was already here." in out
    logged = [c for c in json.loads(ok("log", "--json").output) if c["habit"] == "water"]
    assert sorted(c["by"] for c in logged) == ["Alex", "Alex", "Sam"]
    assert "Nothing new" in ok("import", str(path)).output


def test_checkins_beyond_the_kept_habits_limit_are_left_out(habits, ok, tmp_path: Path) -> None:
    ok("edit", "kiss", "--title", "Kiss")  # yours: it keeps its settings (one a day)
    doc = _doc(
        habits=[_habit("six-second-kiss", target=2, position=1)],
        checkins=[_checkin("six-second-kiss", "2026-03-10"), _checkin("six-second-kiss", "2026-03-10")],
    )
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = ok("import", str(path)).output
    assert "Left out 1 check-in beyond what its habit allows a person in a day." in out
    assert len(json.loads(ok("log", "--json").output)) == 1


def test_log_lists_the_check_ins_of_archived_habits(habits, ok) -> None:
    ok("done", "kiss", "--date", "-400", "--note", "long ago")
    ok("archive", "kiss")
    items = json.loads(ok("log", "--json").output)
    assert [(i["habit"], i["date"], i["note"]) for i in items] == [
        ("six-second-kiss", "2025-02-04", "long ago")
    ]
    assert "long ago" in ok("log").output


# -- helpers -------------------------------------------------------------------


def _dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _habit(slug: str, *, title: str | None = None, target: int = 1, position: int = 1) -> dict[str, object]:
    return {
        "slug": slug,
        "title": title or slug.title(),
        "cadence": "daily",
        "target": target,
        "who": "together",
        "reminders": [],
        "days": [],
        "why": "",
        "archived": False,
        "created_on": "2026-01-01",
        "position": position,
        "loop_uuid": None,
    }


def _checkin(habit: str, day: str, *, by: str = "Alex", note: str | None = None) -> dict[str, object]:
    return {
        "habit": habit,
        "date": day,
        "by": by,
        "logged_at": f"{day}T20:00:00Z",
        "note": note,
        "place": None,
    }


def _doc(**parts: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "format": "habits-export",
        "version": 1,
        "couple": {"me": "Alex", "partner": None},
        "habits": [],
        "checkins": [],
        "skips": [],
        "away": [],
        "haunts": [],
    }
    doc.update(parts)
    return doc


def test_any_text_survives_the_round_trip(habits_sqlite, tmp_path: Path) -> None:
    """Notes, places and reasons of any Unicode text come back exactly (JSON -> store -> JSON)."""
    from datetime import date, timedelta

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    habits = habits_sqlite
    assert habits("list").exit_code == 0
    text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)
    days = iter(range(10_000))

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(note=text, place=text.filter(lambda s: len(s) <= 200), reason=text)
    def round_trip(note: str, place: str, reason: str) -> None:
        day = (date(2020, 1, 1) + timedelta(days=next(days))).isoformat()
        doc = _doc(
            habits=[_habit("six-second-kiss", position=1)],
            checkins=[dict(_checkin("six-second-kiss", day, note=note), place=place)],
            skips=[{"habit": "six-second-kiss", "date": day, "by": "Sam", "reason": reason}],
        )
        path = tmp_path / "one.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        assert habits("import", str(path)).exit_code == 0
        exported = json.loads(habits("export").output)
        (checkin,) = [c for c in exported["checkins"] if c["date"] == day]
        (skip,) = [s for s in exported["skips"] if s["date"] == day]
        assert (checkin["note"], checkin["place"], skip["reason"]) == (note, place, reason)

    round_trip()


def test_repeated_reminder_times_in_a_file_are_kept_once(habits, ok, tmp_path):
    import json as _json

    doc = _json.loads(ok("export").stdout)
    for h in doc["habits"]:
        if h["slug"] == "six-second-kiss":
            h["reminders"] = ["19:30", "07:45", "07:45"]
            h["slug"], h["title"] = "kiss-again", "Kiss again"
    doc["checkins"] = []
    path = tmp_path / "dupes.json"
    path.write_text(_json.dumps(doc), encoding="utf-8")
    ok("import", str(path))
    listed = {h["slug"]: h for h in _json.loads(ok("list", "--json").stdout)}
    assert listed["kiss-again"]["reminders"] == ["07:45", "19:30"]


def test_a_version_1_file_still_imports_and_version_2_needs_its_new_fields(
    habits, ok, tmp_path: Path
) -> None:
    v1 = tmp_path / "v1.json"
    v1.write_text(
        json.dumps(_doc(habits=[_habit("walk")], checkins=[_checkin("walk", "2026-03-10")])), encoding="utf-8"
    )
    assert "Added 1 habit: walk." in ok("import", str(v1)).output
    doc = json.loads(ok("export").output)
    assert doc["version"] == 2 and doc["thanks"] == []
    assert next(h for h in doc["habits"] if h["slug"] == "walk")["reminders_for"] == {}
    v2 = tmp_path / "v2.json"
    v2.write_text(json.dumps(_doc(version=2, habits=[_habit("walk")])), encoding="utf-8")
    result = habits("import", str(v2))
    assert result.exit_code == 1
    assert (
        "v2.json is not a valid habits export: habits[0] has no 'reminders_for'; nothing was imported."
        in result.stderr
    )


def test_merge_of_thanks_and_own_times_keeps_the_stores(habits, ok, tmp_path: Path) -> None:
    habits.write_config(CONFIG)
    ok("edit", "kiss", "--remind", "07:00", "--for", "me")  # mine here: kept
    kiss = dict(_habit("six-second-kiss"), reminders_for={"Alex": ["09:00"], "Sam": ["06:00"]})
    thank = {
        "habit": "six-second-kiss",
        "date": "2026-03-10",
        "by": "Alex",
        "to": "Sam",
        "thanked_on": "2026-03-10",
        "logged_at": "2026-03-10T20:00:00Z",
        "read_at": None,
        "note": None,
    }
    path = tmp_path / "laptop.json"
    path.write_text(json.dumps(_doc(version=2, habits=[kiss], thanks=[thank])), encoding="utf-8")
    out = ok("import", str(path)).output
    assert "1 thank-you" in out and "1 own reminder time" in out
    doc = json.loads(ok("export").output)
    assert next(h for h in doc["habits"] if h["slug"] == "six-second-kiss")["reminders_for"] == {
        "Alex": ["07:00"],
        "Sam": ["06:00"],
    }
    assert doc["thanks"] == [thank]
    assert "Nothing new" in ok("import", str(path)).output
    bad = dict(thank, to="Alex")
    path.write_text(json.dumps(_doc(version=2, habits=[kiss], thanks=[bad])), encoding="utf-8")
    result = habits("import", str(path))
    assert result.exit_code == 1 and "thanks[0].to is 'Alex', the one who thanked" in result.stderr


def test_merge_of_answers_keeps_the_stores_and_checks_the_files(habits, ok, tmp_path: Path) -> None:
    habits.write_config(CONFIG)
    ok("answer", "mine, here")
    answer = {
        "kind": "question",
        "period": "2026-03-11",
        "by": "Alex",
        "body": "the laptop's",
        "logged_at": "2026-03-11T08:00:00Z",
        "updated_at": "2026-03-11T08:00:00Z",
    }
    sams = dict(answer, by="Sam", body="Sam's, from the laptop")
    checkin = dict(
        answer,
        kind="checkin",
        period="2026-03-02",
        body={"appreciations": ["tea"], "went_well": None, "work_on": None, "connected": 5},
    )
    path = tmp_path / "laptop.json"
    path.write_text(json.dumps(_doc(version=2, thanks=[], answers=[answer, sams, checkin])), encoding="utf-8")
    out = ok("import", str(path)).output
    assert "2 answers" in out
    texts = {(a["kind"], a["by"]): a["body"] for a in json.loads(ok("export").output)["answers"]}
    assert texts[("question", "Alex")] == "mine, here"  # the store's wins
    assert texts[("question", "Sam")] == "Sam's, from the laptop"
    assert texts[("checkin", "Alex")]["connected"] == 5
    assert "Nothing new" in ok("import", str(path)).output
    for bad, sentence in [
        (dict(checkin, body=dict(checkin["body"], connected=9)), "answers[0].body"),
        (dict(answer, kind="mood"), "answers[0].kind is 'mood', not one of checkin, question"),
        (dict(answer, body="bell\x07"), "answers[0].body"),
    ]:
        path.write_text(json.dumps(_doc(version=2, thanks=[], answers=[bad])), encoding="utf-8")
        before = habits.dump()
        result = habits("import", str(path))
        assert result.exit_code == 1 and sentence in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1 and habits.dump() == before
    path.write_text(
        json.dumps(_doc(version=2, thanks=[], answers=[answer, dict(answer, body="again")])), encoding="utf-8"
    )
    result = habits("import", str(path))
    assert result.exit_code == 1 and "answers[1] repeats the question answer of Alex" in result.stderr
