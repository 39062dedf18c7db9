"""Thanks and per-person reminder times in the store, through the shared use cases
(habits.actions), on SQLite and PostgreSQL: two partners on one store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest

from habits import actions
from habits.actions import partner as partners
from habits.core.own_times import times_for
from habits.errors import HabitsError
from habits.store import own_times, queries
from habits.store.db import Store, open_store
from habits.store.people import rename_person

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 11)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    url = (
        request.getfixturevalue("pg_url") if request.param == "postgres" else f"sqlite:///{tmp_path / 'h.db'}"
    )
    opened = open_store(url, now=NOW, today=TODAY)
    yield opened
    opened.close()


def done(store: Store, slug: str, person: str, day: date, minutes: int = 0) -> None:
    with store.write() as conn:
        habit = queries.habit_by_slug(conn, slug)
        assert habit is not None
        actions.log_done(conn, habit, day=day, person=person, now=NOW + timedelta(minutes=minutes))


def test_thank_picks_the_partners_latest_checkin_and_their_board_day_shows_it(store):
    done(store, "six-second-kiss", "Sam", TODAY - timedelta(days=1))
    done(store, "ask-about-their-day", "Sam", TODAY, minutes=1)
    done(store, "six-second-kiss", "Sam", TODAY, minutes=2)
    done(store, "six-second-kiss", "Alex", TODAY, minutes=3)  # mine: never thanked by me
    with store.write() as conn:
        outcome = partners.thank(conn, by="Alex", partner="Sam", note="that was lovely", today=TODAY, now=NOW)
        assert outcome.changed and outcome.message == f"Thanked Sam for Six-second kiss on {TODAY}."
        ask = queries.habit_by_slug(conn, "ask-about-their-day")
        assert partners.thank(conn, by="Alex", partner="Sam", habit=ask, today=TODAY, now=NOW).changed
        again = partners.thank(conn, by="Alex", partner="Sam", today=TODAY, now=NOW + timedelta(minutes=5))
        assert not again.changed and "already thanked" in again.message
    with store.read() as conn:
        given = partners.thanks_for(conn, "Sam", TODAY)
        assert [(t.from_person, t.to_person, t.slug, t.day, t.note) for t in given] == [
            ("Alex", "Sam", "six-second-kiss", TODAY, "that was lovely"),
            ("Alex", "Sam", "ask-about-their-day", TODAY, None),
        ]
        assert partners.thanks_for(conn, "Alex", TODAY) == []
        assert partners.thanks_for(conn, "Sam", TODAY + timedelta(days=1)) == []


def test_thanks_are_unread_until_marked_read_up_to_an_instant(store):
    done(store, "ask-about-their-day", "Sam", TODAY)
    done(store, "six-second-kiss", "Sam", TODAY, minutes=1)
    with store.write() as conn:
        partners.thank(conn, by="Alex", partner="Sam", today=TODAY, now=NOW)
        ask = queries.habit_by_slug(conn, "ask-about-their-day")
        partners.thank(
            conn, by="Alex", partner="Sam", habit=ask, today=TODAY, now=NOW + timedelta(minutes=10)
        )
    with store.write() as conn:
        assert [t.slug for t in partners.unread_thanks(conn, "Sam")] == [
            "six-second-kiss",
            "ask-about-their-day",
        ]
        assert partners.mark_thanks_read(conn, "Sam", NOW + timedelta(minutes=1)) == 1
        assert [t.slug for t in partners.unread_thanks(conn, "Sam")] == ["ask-about-their-day"]
        assert partners.mark_thanks_read(conn, "Sam", NOW + timedelta(minutes=1)) == 0
        assert partners.unread_thanks(conn, "Alex") == []


@pytest.mark.parametrize(
    ("partner", "slug", "sentence"),
    [
        (None, None, "There is no partner to thank: set couple.partner in the config first."),
        ("Sam", None, "Sam has not logged any habit yet, so there is nothing to thank them for."),
        (
            "Sam",
            "ask-about-their-day",
            "Sam has not logged Ask about their day yet, so there is nothing to thank them for.",
        ),
    ],
)
def test_thank_refuses_with_one_sentence_and_stores_nothing(store, partner, slug, sentence):
    done(store, "six-second-kiss", "Alex", TODAY)
    done(store, "ask-about-their-day", "Sam", TODAY + timedelta(days=1))  # tomorrow's: not thankable yet
    with store.write() as conn:
        habit = queries.habit_by_slug(conn, slug) if slug else None
        with pytest.raises(HabitsError) as raised:
            partners.thank(conn, by="Alex", partner=partner, habit=habit, today=TODAY, now=NOW)
        assert str(raised.value) == sentence
        assert partners.unread_thanks(conn, "Sam") == []


def test_own_times_replace_the_habits_times_for_one_person_only(store):
    with store.write() as conn:
        kiss = queries.habit_by_slug(conn, "six-second-kiss")
        assert kiss is not None and kiss.id is not None
        shared = kiss.reminders
        assert partners.set_own_times(conn, kiss, person="Alex", times=["21:30", "07:00"]).changed
        partners.set_own_times(conn, kiss, person="Alex", times=["06:45"])  # replaces, one row
    with store.read() as conn:
        overrides = own_times.load(conn)
    assert overrides == {kiss.id: {"Alex": ("06:45",)}}
    assert times_for(kiss, "Alex", overrides) == ("06:45",)
    assert times_for(kiss, "Sam", overrides) == shared
    with store.write() as conn:
        assert partners.clear_own_times(conn, kiss, person="Alex").changed
        assert not partners.clear_own_times(conn, kiss, person="Alex").changed
        assert own_times.load(conn) == {}


def test_rename_and_habit_deletion_reach_thanks_and_own_times(store):
    done(store, "six-second-kiss", "Sam", TODAY)
    with store.write() as conn:
        kiss = queries.habit_by_slug(conn, "six-second-kiss")
        assert kiss is not None and kiss.id is not None
        partners.thank(conn, by="Alex", partner="Sam", today=TODAY, now=NOW)
        partners.set_own_times(conn, kiss, person="Sam", times=["08:00"])
        changed = rename_person(conn, "Sam", "Samantha")
        assert changed["thanks"] == 1 and changed["own_times"] == 1
        assert [t.to_person for t in partners.thanks_for(conn, "Samantha", TODAY)] == ["Samantha"]
        assert own_times.load(conn) == {kiss.id: {"Samantha": ("08:00",)}}
        queries.delete_habit(conn, kiss.id)
        assert partners.thanks_for(conn, "Samantha", TODAY) == [] and own_times.load(conn) == {}


def test_a_persons_meta_rows_fit_their_column_and_follow_a_rename(store):
    """The daemon's marks are keyed by person: a 100-character name still fits the key
    column (PostgreSQL enforces it), and a rename carries the marks along."""
    from habits.store import queries
    from habits.store.people import rename_person

    long_name = "N" * 100
    with store.write() as conn:
        for prefix in queries.PERSON_META:
            queries.set_meta(conn, queries.person_key(prefix, long_name), "x")
            queries.set_meta(conn, queries.person_key(prefix, "Sam"), prefix)
        rename_person(conn, "Sam", "Samantha")
    with store.read() as conn:
        for prefix in queries.PERSON_META:
            assert len(queries.person_key(prefix, long_name)) <= 100
            assert queries.get_meta(conn, queries.person_key(prefix, long_name)) == "x"
            assert queries.get_meta(conn, queries.person_key(prefix, "Samantha")) == prefix
            assert queries.get_meta(conn, queries.person_key(prefix, "Sam")) is None
