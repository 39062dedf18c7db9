"""Export format version 2 carries cadences (`every`), measures and amounts: a store
with measured and every/monthly habits round-trips byte-identically, a yes/no store
exports as before, and a broken type is one sentence naming its place."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from docedit import DELETE, set_at

from tests.refusals import fails


def _habit(slug: str, cadence: str, target: int = 1, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"slug": slug, "title": slug.replace("-", " ").capitalize(), "cadence": cadence}
    if "every" in extra:
        out["every"] = extra.pop("every")
    out["target"] = target
    if "measure" in extra:
        out["measure"] = extra.pop("measure")
    out.update(
        who="together",
        reminders=[],
        reminders_for={},
        days=[],
        why="",
        archived=False,
        created_on="2026-02-01",
        position=len(slug),
        loop_uuid=None,
    )
    out.update(extra)
    return out


def _checkin(habit: str, day: str, amount: float | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "habit": habit,
        "date": day,
        "by": "Alex",
        "logged_at": f"{day}T18:00:00Z",
        "note": None,
        "place": None,
    }
    if amount is not None:
        out["amount"] = amount
    out.update(extra)
    return out


TYPES: dict[str, Any] = {
    "format": "habits-export",
    "version": 2,
    "couple": {"me": "Alex", "partner": None},
    "habits": [
        _habit("talk", "daily", measure={"unit": "minutes", "kind": "at_least", "target": 20}),
        _habit("takeaway", "weekly", measure={"unit": "meals", "kind": "at_most", "target": 2}),
        _habit("run", "every", every=14, measure={"unit": "km", "kind": "at_least", "target": 12.5}),
        _habit("date-night", "monthly", target=2),
        _habit("plants", "every", target=2, every=3),
    ],
    "checkins": [
        _checkin("talk", "2026-03-09", 15),
        _checkin("talk", "2026-03-09", 7.5, logged_at="2026-03-09T20:00:00Z", note="phones away"),
        _checkin("talk", "2026-03-10", 0),
        _checkin("talk", "2026-03-10", 0.125, logged_at="2026-03-10T19:00:00Z"),
        _checkin("takeaway", "2026-03-10", 1),
        _checkin("run", "2026-03-01", 5.25),
        _checkin("run", "2026-03-08", 1000000),
        _checkin("date-night", "2026-03-07"),
        _checkin("plants", "2026-03-10"),
    ],
    "skips": [{"habit": "talk", "date": "2026-03-08", "by": "", "reason": "flu"}],
    "away": [],
    "haunts": [],
    "thanks": [],
    "answers": [],
}


def _write(tmp_path: Path, doc: dict[str, Any], name: str = "types.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def test_measured_and_every_habits_round_trip_byte_identically(habits, ok, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = ok("import", str(_write(tmp_path, TYPES))).output
    assert "Added 5 habits" in out and "Added 9 check-ins and 1 skip." in out
    listed = {h["slug"]: h for h in json.loads(ok("list", "--json").output)}
    assert listed["talk"]["measure"] == {"unit": "minutes", "kind": "at_least", "target": 20}
    assert listed["takeaway"]["measure"] == {"unit": "meals", "kind": "at_most", "target": 2}
    assert (listed["run"]["cadence"], listed["run"]["every"], listed["run"]["measure"]["target"]) == (
        "every",
        14,
        12.5,
    )
    assert (listed["date-night"]["cadence"], listed["date-night"]["target"]) == ("monthly", 2)
    assert (listed["plants"]["every"], listed["plants"]["target"]) == (3, 2)
    assert "measure" not in listed["plants"] and "every" not in listed["date-night"]
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    ok("export", "-o", str(first))
    doc = json.loads(first.read_text(encoding="utf-8"))
    amounts = [(c["habit"], c["date"], c.get("amount", "-")) for c in doc["checkins"]]
    assert amounts == [
        ("date-night", "2026-03-07", "-"),
        ("plants", "2026-03-10", "-"),
        ("run", "2026-03-01", 5.25),
        ("run", "2026-03-08", 1000000),
        ("takeaway", "2026-03-10", 1),
        ("talk", "2026-03-09", 15),
        ("talk", "2026-03-09", 7.5),
        ("talk", "2026-03-10", 0),
        ("talk", "2026-03-10", 0.125),
    ]
    by_slug = {h["slug"]: h for h in doc["habits"]}
    assert list(by_slug["run"])[:5] == ["slug", "title", "cadence", "every", "target"]
    assert by_slug["run"]["measure"] == {"unit": "km", "kind": "at_least", "target": 12.5}
    fresh = tmp_path / "fresh" / "habits.db"
    fresh.parent.mkdir()
    ok("--db", str(fresh), "import", str(first))
    ok("--db", str(fresh), "export", "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_a_yes_no_store_exports_without_the_new_fields(habits, ok) -> None:  # type: ignore[no-untyped-def]
    ok("add", "walk", "--title", "Walk", "--weekly", "--times", "2")
    ok("done", "walk")
    ok("done", "kiss", "--date", "-1")
    doc = json.loads(ok("export").output)
    assert doc["version"] == 2
    assert all("every" not in h and "measure" not in h for h in doc["habits"])
    assert all("amount" not in c for c in doc["checkins"])
    assert list(doc["habits"][0]) == [
        "slug",
        "title",
        "cadence",
        "target",
        "who",
        "reminders",
        "reminders_for",
        "days",
        "why",
        "archived",
        "created_on",
        "position",
        "loop_uuid",
    ]


def test_importing_amounts_twice_adds_nothing_and_a_new_amount_is_a_new_entry(
    habits, ok, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ok("import", str(_write(tmp_path, TYPES)))
    before = habits.dump()
    again = ok("import", str(_write(tmp_path, TYPES))).output
    assert "Nothing new" in again and "Left 9 check-ins and 1 skip that were already here." in again
    assert habits.dump() == before
    more = copy.deepcopy(TYPES)
    more["checkins"].append(_checkin("talk", "2026-03-09", 15, logged_at="2026-03-09T21:00:00Z"))
    more["checkins"].append(_checkin("talk", "2026-03-10", 3))
    out = ok("import", str(_write(tmp_path, more, "more.json"))).output
    assert "Added 2 check-ins." in out
    doc = json.loads(ok("export").output)
    talk = [(c["date"], c["amount"]) for c in doc["checkins"] if c["habit"] == "talk"]
    assert talk == [
        ("2026-03-09", 15),
        ("2026-03-09", 7.5),
        ("2026-03-09", 15),
        ("2026-03-10", 0),
        ("2026-03-10", 0.125),
        ("2026-03-10", 3),
    ]


def test_check_ins_between_a_measured_and_a_yes_no_habit_are_left_out(habits, ok, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok("add", "talk", "--title", "Talk", "--daily")  # yours: yes/no
    ok("done", "talk", "--date", "-2")
    out = ok("import", str(_write(tmp_path, TYPES))).output
    assert "Kept your settings for talk" in out
    assert (
        "Left out 4 check-ins of talk: the file's habit is measured in minutes and yours is yes/no, "
        "so they cannot be counted the same way."
    ) in out
    doc = json.loads(ok("export").output)
    assert [c["date"] for c in doc["checkins"] if c["habit"] == "talk"] == ["2026-03-09"]
    assert "measure" not in next(h for h in doc["habits"] if h["slug"] == "talk")


def test_check_ins_a_kept_habit_counts_another_way_are_left_out(habits, ok, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mine = copy.deepcopy(TYPES)
    mine["habits"][2]["measure"]["unit"] = "miles"  # run
    mine["habits"][4] = _habit(
        "plants", "every", every=3, measure={"unit": "litres", "kind": "at_least", "target": 1}
    )
    mine["checkins"] = []
    mine["skips"] = []
    ok("import", str(_write(tmp_path, mine, "mine.json")))
    out = ok("import", str(_write(tmp_path, TYPES))).output
    assert (
        "Left out 2 check-ins of run: the file's habit is measured in km and yours is measured in miles, "
        "so they cannot be counted the same way."
    ) in out
    assert "Left out 1 check-in of plants: the file's habit is yes/no and yours is measured in litres" in out
    assert "Added 6 check-ins and 1 skip." in out


BROKEN = [
    ("every-missing", set_at("habits.4.every", DELETE), ["habits[4]", "has no 'every'"]),
    ("every-zero", set_at("habits.4.every", 0), ["habits[4].every", "0"]),
    ("every-too-long", set_at("habits.4.every", 366), ["habits[4].every", "366"]),
    ("every-on-weekly", set_at("habits.1.every", 7), ["habits[1].every", "only an 'every' habit"]),
    ("times-above-every", set_at("habits.4.target", 4), ["habits[4].target", "4"]),
    ("times-above-month", set_at("habits.3.target", 32), ["habits[3].target", "32"]),
    ("times-zero", set_at("habits.3.target", 0), ["habits[3].target"]),
    ("measured-times", set_at("habits.0.target", 2), ["habits[0].target", "must be 1"]),
    ("measure-not-object", set_at("habits.0.measure", "minutes"), ["habits[0].measure", "JSON object"]),
    ("unit-empty", set_at("habits.0.measure.unit", ""), ["habits[0].measure.unit"]),
    ("unit-10kb", set_at("habits.0.measure.unit", "m" * 10_000), ["habits[0].measure.unit"]),
    ("kind-unknown", set_at("habits.0.measure.kind", "exactly"), ["habits[0].measure.kind", "at_least"]),
    ("target-negative", set_at("habits.0.measure.target", -5), ["habits[0].measure.target", "-5"]),
    ("target-string", set_at("habits.0.measure.target", "20"), ["habits[0].measure.target"]),
    ("at-least-zero", set_at("habits.0.measure.target", 0), ["habits[0].measure.target", "asks for nothing"]),
    ("amount-missing", set_at("checkins.0.amount", DELETE), ["checkins[0]", "has no 'amount'"]),
    ("amount-null", set_at("checkins.0.amount", None), ["checkins[0].amount"]),
    ("amount-negative", set_at("checkins.0.amount", -1), ["checkins[0].amount", "-1"]),
    ("amount-nan", set_at("checkins.0.amount", float("nan")), ["checkins[0].amount", "nan"]),
    ("amount-infinite", set_at("checkins.0.amount", float("inf")), ["checkins[0].amount", "inf"]),
    ("amount-absurd", set_at("checkins.0.amount", 10**30), ["checkins[0].amount", "1,000,000"]),
    ("amount-bool", set_at("checkins.0.amount", True), ["checkins[0].amount"]),
    (
        "amount-on-yes-no",
        set_at("checkins.7.amount", 1),
        ["checkins[7].amount", "'date-night' is not a measured"],
    ),
    (
        "too-many-amounts",
        lambda doc: doc["checkins"].extend([_checkin("talk", "2026-03-11", 1)] * 101),
        ["checkins[109]", "one check-in too many"],
    ),
    (
        "two-on-a-monthly-day",
        lambda doc: doc["checkins"].append(_checkin("date-night", "2026-03-07")),
        ["checkins[9]", "one check-in too many"],
    ),
]


@pytest.mark.parametrize("edit, words", [(e, w) for _, e, w in BROKEN], ids=[i for i, _, _ in BROKEN])
def test_a_broken_type_is_one_sentence_naming_its_place(habits, ok, tmp_path: Path, edit, words) -> None:  # type: ignore[no-untyped-def]
    ok("done", "kiss")
    doc = copy.deepcopy(TYPES)
    edit(doc)
    err = fails(habits, "import", str(_write(tmp_path, doc)), contains=words + ["nothing was imported"])
    assert "not a valid habits export" in err


def test_at_most_zero_is_a_real_limit(habits, ok, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = copy.deepcopy(TYPES)
    doc["habits"][1]["measure"]["target"] = 0
    doc["checkins"][4]["amount"] = 0
    ok("import", str(_write(tmp_path, doc)))
    exported = json.loads(ok("export").output)
    takeaway = next(h for h in exported["habits"] if h["slug"] == "takeaway")
    assert takeaway["measure"] == {"unit": "meals", "kind": "at_most", "target": 0}


def test_a_version_1_file_still_imports(habits, ok, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = copy.deepcopy(TYPES)
    doc["version"] = 1
    doc["habits"] = [{k: v for k, v in h.items() if k != "reminders_for"} for h in doc["habits"][3:]]
    doc["checkins"] = doc["checkins"][7:]
    doc["skips"] = []
    for key in ("thanks", "answers"):
        del doc[key]
    out = ok("import", str(_write(tmp_path, doc))).output
    assert "Added 2 habits: plants, date-night." in out and "Added 2 check-ins." in out
