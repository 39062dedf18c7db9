"""habits.core.matching: resolving a HABIT argument in tiers."""

from __future__ import annotations

import pytest

from habits.core.matching import resolve
from habits.errors import AmbiguousHabit, UnknownHabit

SEEDS = [
    ("six-second-kiss", "Six-second kiss"),
    ("ask-about-their-day", "Ask about their day"),
    ("weekly-date", "Weekly date: revisit an early haunt"),
]


@pytest.mark.parametrize(
    "query, slug",
    [
        ("six-second-kiss", "six-second-kiss"),
        ("SIX-SECOND-KISS", "six-second-kiss"),
        ("six", "six-second-kiss"),  # slug prefix
        ("kiss", "six-second-kiss"),  # substring of slug
        ("Kiss", "six-second-kiss"),
        ("revisit", "weekly-date"),  # substring of title only
        ("EARLY HAUNT", "weekly-date"),
        ("their day", "ask-about-their-day"),
        ("  week  ", "weekly-date"),  # surrounding whitespace ignored
    ],
)
def test_resolves(query: str, slug: str) -> None:
    assert resolve(query, SEEDS) == slug


def test_exact_slug_beats_prefix() -> None:
    habits = [("kiss-more", "Kiss more"), ("kiss", "Kiss")]
    assert resolve("kiss", habits) == "kiss"
    assert resolve("KISS", habits) == "kiss"


def test_prefix_beats_substring() -> None:
    habits = [("weekly-date", "Weekly date"), ("date-night", "Date night")]
    assert resolve("date", habits) == "date-night"


def test_ambiguous_in_the_deciding_tier() -> None:
    habits = [("stretch", "Stretch"), ("six-second-kiss", "Six-second kiss"), ("sleep", "Sleep")]
    with pytest.raises(AmbiguousHabit) as err:
        resolve("s", habits)
    assert err.value.candidates == ["six-second-kiss", "sleep", "stretch"]
    assert err.value.query == "s"


def test_ambiguous_substring() -> None:
    with pytest.raises(AmbiguousHabit) as err:
        resolve("e", SEEDS)
    assert err.value.candidates == sorted(slug for slug, _ in SEEDS)
    assert "six-second-kiss" in str(err.value)


def test_duplicates_are_not_ambiguous() -> None:
    assert resolve("kiss", [("kiss", "Kiss"), ("kiss", "Kiss")]) == "kiss"


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_blank_query_is_unknown(query: str) -> None:
    with pytest.raises(UnknownHabit) as err:
        resolve(query, SEEDS)
    assert err.value.suggestions == []


def test_unknown_suggests_nearest_slugs() -> None:
    with pytest.raises(UnknownHabit) as err:
        resolve("six-secnd-kis", SEEDS)
    assert err.value.suggestions[0] == "six-second-kiss"
    assert "six-second-kiss" in str(err.value)


def test_unknown_suggests_through_titles() -> None:
    habits = [("wd", "Weekly date"), ("k", "Kiss")]
    with pytest.raises(UnknownHabit) as err:
        resolve("weekly dote", habits)
    assert err.value.suggestions == ["wd"]


def test_at_most_three_suggestions() -> None:
    habits = [(f"walk-{i}", f"Walk {i}") for i in range(1, 7)]
    with pytest.raises(UnknownHabit) as err:
        resolve("walk-9", habits)
    assert len(err.value.suggestions) == 3
    assert len(set(err.value.suggestions)) == 3
    assert all(s.startswith("walk-") for s in err.value.suggestions)


def test_unknown_without_anything_close() -> None:
    with pytest.raises(UnknownHabit) as err:
        resolve("zzzzzz", SEEDS)
    assert err.value.suggestions == []
    assert err.value.query == "zzzzzz"


def test_no_habits_at_all() -> None:
    with pytest.raises(UnknownHabit):
        resolve("kiss", [])
