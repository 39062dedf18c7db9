"""The question bank and the choice of the day's question: the same for both partners,
never repeated within 60 days, different couples walk the bank differently."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from habits.core.questions import BANK, order_for, question_for, question_index

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


def test_the_bank_holds_at_least_60_questions_no_two_alike():
    assert len(BANK) >= 60
    normal = [re.sub(r"[^a-z ]", "", q.lower()) for q in BANK]
    assert len(set(normal)) == len(BANK)
    assert all(q.endswith("?") and len(q) <= 120 for q in BANK)


@given(a=names, b=names, start=days)
def test_no_question_comes_back_within_60_days(a, b, start):
    seen = [question_index([a, b], start + timedelta(days=n)) for n in range(60)]
    assert len(set(seen)) == 60


@given(a=names, b=names, day=days)
def test_both_partners_get_the_same_question(a, b, day):
    assert question_for([a, b], day) == question_for([b, a], day)


def test_the_walk_is_a_permutation_of_the_bank_and_differs_between_couples():
    alex_sam = order_for(["Alex", "Sam"])
    assert sorted(alex_sam) == list(range(len(BANK)))
    assert alex_sam != order_for(["Kim", "Lee"])
    assert question_for(["Alex", "Sam"], date(2026, 3, 11)) == question_for(
        ["Sam", "Alex"], date(2026, 3, 11)
    )
