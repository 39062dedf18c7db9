"""The rituals' answers in the store, through the shared use cases (habits.actions.rituals),
on SQLite and PostgreSQL: two partners on one store, sealed until both answered."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone

import pytest

from habits.actions import rituals
from habits.core.rituals import CHECKIN, QUESTION, decode_checkin, make_checkin
from habits.errors import BadValue, HabitsError
from habits.store import answers
from habits.store.db import Store, open_store
from habits.store.people import rename_person

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 11)  # a Wednesday
MONDAY = date(2026, 3, 9)
PEOPLE = ["Alex", "Sam"]


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    url = (
        request.getfixturevalue("pg_url") if request.param == "postgres" else f"sqlite:///{tmp_path / 'h.db'}"
    )
    opened = open_store(url, now=NOW, today=TODAY)
    yield opened
    opened.close()


def answer(store: Store, person: str, text: str, day: date = TODAY) -> str:
    with store.write() as conn:
        return rituals.answer_question(
            conn, text, person=person, people=PEOPLE, day=day, today=TODAY, now=NOW
        ).message


def checkin(store: Store, person: str, connected: int, week: date = TODAY) -> str:
    with store.write() as conn:
        return rituals.save_checkin(
            conn,
            make_checkin(["the tea"], "our walks", None, connected),
            person=person,
            people=PEOPLE,
            week=week,
            today=TODAY,
            week_start=0,
            now=NOW,
        ).message


def seen(store: Store, viewer: str, kind: str = QUESTION, period: date = TODAY) -> dict[str, str | None]:
    with store.read() as conn:
        if kind == QUESTION:
            got = rituals.question_answers(conn, viewer=viewer, people=PEOPLE, day=period)
        else:
            got = rituals.checkins(conn, viewer=viewer, people=PEOPLE, week=period)
    return {a.person: a.body for a in got}


def test_a_question_answer_is_sealed_from_the_partner_until_both_answered(store):
    assert "Sam will see it once" in answer(store, "Alex", "The kiss at the door.")
    assert seen(store, "Alex") == {"Alex": "The kiss at the door."}
    assert seen(store, "Sam") == {"Alex": None}  # that it exists and who gave it, never the text
    assert "so you both see both" in answer(store, "Sam", "Our walk \u05e9\u05dc\u05d5\u05dd")
    both = {"Alex": "The kiss at the door.", "Sam": "Our walk \u05e9\u05dc\u05d5\u05dd"}
    assert seen(store, "Alex") == seen(store, "Sam") == both


def test_a_checkin_is_replaced_until_the_partner_answered_too_then_refused(store):
    checkin(store, "Alex", 3)
    assert "replaced" in checkin(store, "Alex", 4, week=MONDAY)  # the same week, any day of it
    assert seen(store, "Sam", CHECKIN, MONDAY) == {"Alex": None}
    checkin(store, "Sam", 5)
    with pytest.raises(HabitsError, match="already revealed to Sam"):
        checkin(store, "Alex", 1)
    shown = seen(store, "Sam", CHECKIN, MONDAY)
    alex = shown["Alex"]
    assert alex is not None and decode_checkin(alex).connected == 4


def test_one_person_keeps_their_answers_without_sealing(store):
    with store.write() as conn:
        rituals.answer_question(conn, "tea", person="Alex", people=["Alex"], day=TODAY, today=TODAY, now=NOW)
        assert [
            a.body for a in rituals.question_answers(conn, viewer="Alex", people=["Alex"], day=TODAY)
        ] == ["tea"]


@pytest.mark.parametrize(
    ("call", "sentence"),
    [
        (lambda s: answer(s, "Alex", "tomorrow's", TODAY + timedelta(days=1)), "is in the future"),
        (lambda s: checkin(s, "Alex", 3, week=MONDAY + timedelta(days=7)), "has not begun yet"),
        (lambda s: checkin(s, "Alex", 9), "--connected 9 is out of range"),
        (lambda s: answer(s, "Alex", "x" * 100_000), "100000 characters long"),
        (lambda s: answer(s, "Alex", "bell\x07"), "control character U+0007"),
        (lambda s: answer(s, "Alex", "csi\x9b"), "control character U+009B"),
        (lambda s: answer(s, "Alex", "  \n"), "is empty"),
    ],
)
def test_bad_answers_are_refused_with_one_sentence_and_nothing_stored(store, call, sentence):
    with pytest.raises(BadValue, match=re.escape(sentence)) as caught:
        call(store)
    assert caught.value.message.count(". ") == 0 and "\n" not in caught.value.message
    with store.read() as conn:
        assert answers.all_answers(conn) == []


def test_newlines_tabs_and_right_to_left_text_are_kept_verbatim(store):
    text = "\u05d0\u05d4\u05d1\u05d4\n\tand the \u202eflip\u202c too"
    answer(store, "Alex", text)
    assert seen(store, "Alex") == {"Alex": text}


def test_rename_reaches_answers(store):
    answer(store, "Sam", "ours")
    with store.write() as conn:
        assert rename_person(conn, "Sam", "Samantha")["answers"] == 1
        assert [a.person for a in answers.all_answers(conn)] == ["Samantha"]


def test_two_partners_answering_in_the_same_second_are_both_kept_and_revealed_once(store):
    barrier = threading.Barrier(2)
    messages: dict[str, str] = {}

    def run(person: str) -> None:
        barrier.wait()
        messages[person] = answer(store, person, f"{person}'s answer")

    threads = [threading.Thread(target=run, args=(p,)) for p in PEOPLE]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen(store, "Alex") == seen(store, "Sam") == {p: f"{p}'s answer" for p in PEOPLE}
    revealed = [p for p, m in messages.items() if "you both see both" in m]
    assert len(revealed) == 1, messages  # the second to write is the one who reveals
