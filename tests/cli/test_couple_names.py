"""The store records its couple: two configs on one store (SQLite, PostgreSQL) must
name the same two people; `habits couple` shows them and `couple rename` renames one."""

import json

import pytest
from sqlalchemy import create_engine, delete, insert

from habits.store import tables as t

ALEX = '[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "Alex"\npartner = "Sam"\n'


def config(habits, name, me, partner=None):
    """Another laptop's config file on the same store."""
    path = habits.home / f"{name}.toml"
    text = f'[time]\ntimezone = "Europe/Berlin"\n[couple]\nme = "{me}"\n'
    path.write_text(text + (f'partner = "{partner}"\n' if partner else ""), encoding="utf-8")
    return str(path)


def people(habits, *args):
    result = habits(*args, "couple", "--json")
    return json.loads(result.stdout)["people"]


def store_url(habits):
    return habits.url or f"sqlite:///{habits.db}"


def test_a_config_naming_a_stranger_is_refused_with_the_names_and_the_fix(habits, ok):
    habits.write_config(ALEX)
    ok("done", "kiss")
    assert people(habits) == ["Alex", "Sam"]
    samantha = config(habits, "samantha", "Samantha", "Alex")
    before = habits.dump()
    result = habits("--config", samantha, "done", "ask")
    assert result.exit_code == 1
    assert 'set couple.me to "Alex" or "Sam" in ' + samantha in result.stderr
    assert "`habits couple rename Sam Samantha`" in result.stderr
    assert habits("--config", samantha).exit_code == 1  # the board too: no "Samantha ·" beside "Sam ·"
    wrong_partner = config(habits, "alex2", "Alex", "Samantha")
    result = habits("--config", wrong_partner, "streaks")
    assert (
        result.exit_code == 1
        and 'couple.partner = "Samantha" is not this store\'s other person (Sam)' in result.stderr
    )
    lower = config(habits, "lower", "sam", "Alex")  # a name differing only in case is another name
    assert habits("--config", lower, "done", "ask").exit_code == 1
    assert habits.dump() == before
    sam = config(habits, "sam", "Sam", "Alex")
    ok("--config", sam, "done", "ask")
    assert "Sam ✓" in ok().stdout


def test_partner_equal_to_me_is_refused_by_config_check(habits):
    path = config(habits, "same", "Alex", "ALEX")
    for args in (("config", "check"), ("today",)):
        result = habits("--config", path, *args)
        assert result.exit_code == 1 and "couple.me and couple.partner both name 'Alex'" in result.stderr
    assert habits.dump() == []


def test_a_partner_joins_a_one_person_store(habits, ok):
    ok("done", "kiss")  # BASE_CONFIG: Alex alone
    assert people(habits) == ["Alex"]
    jordan = config(habits, "jordan", "Jordan")
    result = habits("--config", jordan, "done", "ask")
    assert result.exit_code == 1 and "one of this store's people (Alex)" in result.stderr
    sam = config(habits, "sam", "Sam", "Alex")  # Sam joins as Alex's partner
    ok("--config", sam, "done", "ask")
    assert people(habits) == ["Alex", "Sam"]
    ok("done", "ask")  # Alex's config without a partner still opens the couple's store
    habits.write_config(ALEX)
    board = ok().stdout
    assert "Alex ✓" in board and "Sam ✓" in board
    assert habits("--config", config(habits, "sam2", "Sam", "Jordan"), "log").exit_code == 1


def test_a_store_without_a_recorded_couple_learns_it_from_its_rows(habits, ok):
    habits.write_config(ALEX)
    ok("done", "kiss")
    ok("done", "ask", "--by", "Sam")
    engine = create_engine(store_url(habits))
    with engine.begin() as conn:  # as a store written before couples were recorded
        conn.execute(delete(t.meta).where(t.meta.c.key.like("couple.%")))
    engine.dispose()
    before = habits.dump()
    # Two distinct names in the rows: a config whose me is neither is refused.
    result = habits("--config", config(habits, "jordan", "Jordan", "Sam"), "log")
    assert result.exit_code == 1 and "(Alex and Sam)" in result.stderr
    assert habits.dump() == before
    ok("--config", config(habits, "sam", "Sam"), "log")  # Sam, with no partner set
    assert people(habits) == ["Sam", "Alex"]


def test_rename_renames_a_person_everywhere_in_one_go(habits, ok):
    habits.write_config(ALEX)
    sam = config(habits, "sam", "Sam", "Alex")
    ok("--config", sam, "done", "ask", "--date", "-1")
    ok("--config", sam, "done", "ask")
    ok("--config", sam, "skip", "ask", "--date", "-2", "--reason", "ill", "--by", "Sam")
    ok("--config", sam, "snooze", "weekly")
    engine = create_engine(store_url(habits))
    with engine.begin() as conn:
        kiss = conn.execute(t.habits.select().where(t.habits.c.slug == "six-second-kiss")).first().id
        conn.execute(
            insert(t.reminder_log).values(
                habit_id=kiss,
                person="Sam",
                day=habits.clock.now().date(),
                slot="07:45",
                due_at=habits.clock.now(),
                status="sent",
                created_at=habits.clock.now(),
                updated_at=habits.clock.now(),
            )
        )
    engine.dispose()
    before = json.loads(ok("streaks", "--json").stdout)
    assert habits("couple", "rename", "Sam", "alex").exit_code == 1  # the other person
    assert habits("couple", "rename", "Sam", "  ").exit_code == 1
    assert habits("couple", "rename", "Jordan", "Jo").exit_code == 1
    result = ok("couple", "rename", "sam", "Samantha")
    assert "Renamed Sam to Samantha (2 check-ins, 1 skip, 1 reminder, 1 snooze)." in result.stdout
    assert f'couple.partner = "Samantha" in {habits.config}' in result.stdout
    rows = habits.dump()
    assert not [r for r in rows if "Sam" in r or any('"Sam"' in str(v) for v in r)]  # streak cache scopes too
    assert ("meta", "couple.me", "Samantha") in rows  # Sam's config was the first to open the store
    assert habits("--config", sam).exit_code == 1  # Sam's config must now say Samantha
    habits.write_config(ALEX.replace('"Sam"', '"Samantha"'))
    after = json.loads(ok("streaks", "--json").stdout)
    ask = {r["habit"]: r for r in after}["ask-about-their-day"]
    assert (
        ask["people"]["Samantha"] == {r["habit"]: r for r in before}["ask-about-their-day"]["people"]["Sam"]
    )
    assert ok("couple").stdout == "Alex (you) and Samantha.\n"


def test_import_of_a_file_naming_other_people_is_refused(habits, ok, tmp_path):
    habits.write_config(ALEX)
    ok("done", "kiss", "--date", "-1")
    ok("done", "ask", "--by", "Sam")
    export = tmp_path / "ours.json"
    ok("export", "-o", str(export))
    theirs = json.loads(export.read_text())
    ok(
        "--config", config(habits, "sam", "Sam", "Alex"), "import", str(export)
    )  # the partner's view: same pair
    for c in theirs["checkins"]:
        c["by"] = "Samantha" if c["by"] == "Sam" else c["by"]
    theirs["couple"] = {"me": "Samantha", "partner": "Alex"}
    other = tmp_path / "samantha.json"
    other.write_text(json.dumps(theirs))
    before = habits.dump()
    result = habits("import", str(other))
    assert result.exit_code == 1
    assert (
        "samantha.json names Alex and Samantha but this store's couple is Alex and Sam; "
        "rename in the store first with `habits couple rename Sam Samantha`"
    ) in result.stderr
    assert habits.dump() == before


def test_import_into_a_one_person_store_records_the_files_partner(habits, ok, tmp_path):
    habits.write_config(ALEX)
    ok("done", "ask", "--by", "Sam")
    export = tmp_path / "ours.json"
    ok("export", "-o", str(export))
    other = habits.home.parent / "other"
    other.mkdir()
    alone = config(habits, "alone", "Alex")
    result = ok("--config", alone, "--db", str(other / "habits.db"), "import", str(export))
    assert "couple is now Alex and Sam" in result.stdout
    assert people(habits, "--config", alone, "--db", str(other / "habits.db")) == ["Alex", "Sam"]


@pytest.mark.parametrize("command", [("paths",), ("--help",), ("config", "show"), ("catalog",)])
def test_commands_that_never_touch_the_store_still_do_not(habits, command):
    habits.write_config(ALEX)
    assert habits(*command).exit_code == 0
    assert habits.dump() == []
