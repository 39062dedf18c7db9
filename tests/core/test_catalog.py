"""habits.core.catalog: the seeded habits and the article's other tips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from habits.core.catalog import CATALOG, SEED_HABITS, catalog_keys, seed_habits, template
from habits.core.dates import parse_hhmm
from habits.core.periods import WEEKDAYS
from habits.errors import BadValue

FIELDS = {"slug", "title", "cadence", "target", "who", "reminders", "days", "why"}
ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "article.txt"
EXPERTS = ("Michelle Terry", "Margaux Cassuto", "Catherine Jackson")


def test_seed_habits_follow_the_spec_table() -> None:
    table = [
        (h["slug"], h["title"], h["cadence"], h["target"], h["who"], list(h["reminders"]), list(h["days"]))
        for h in SEED_HABITS
    ]
    assert table == [
        ("six-second-kiss", "Six-second kiss", "daily", 1, "together", ["07:45", "19:30"], []),
        ("ask-about-their-day", "Ask about their day", "daily", 1, "each", ["18:30"], []),
        ("weekly-date", "Weekly date: revisit an early haunt", "weekly", 1, "together", ["17:00"], ["thu"]),
    ]


def test_seed_why_lines_name_their_expert() -> None:
    kiss, ask, date_ = SEED_HABITS
    assert "six-second kiss" in kiss["why"] and "Michelle Terry" in kiss["why"]
    assert "John Gottman" in kiss["why"]
    assert "asking your partner about their day" in ask["why"]
    assert "Margaux Cassuto" in ask["why"]
    assert "first date" in date_["why"] and "Catherine Jackson" in date_["why"]


def test_catalog_keys() -> None:
    assert catalog_keys() == ["old-photos", "forgive", "own-interests", "therapy"]
    assert set(CATALOG) == set(catalog_keys())


def all_habits():
    return [*SEED_HABITS, *CATALOG.values()]


@pytest.mark.parametrize("habit", all_habits(), ids=lambda h: h["slug"])
def test_every_habit_is_well_formed(habit) -> None:
    assert set(habit) == FIELDS
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", habit["slug"])
    assert habit["title"].strip()
    assert habit["cadence"] in ("daily", "weekly")
    assert habit["target"] == 1
    assert habit["who"] in ("together", "each")
    for hhmm in habit["reminders"]:
        parse_hhmm(hhmm)
    assert all(day in WEEKDAYS for day in habit["days"])
    assert any(expert in habit["why"] for expert in EXPERTS)
    assert " — " in habit["why"]


@pytest.mark.parametrize("key", list(CATALOG))
def test_catalog_key_is_its_slug(key: str) -> None:
    assert CATALOG[key]["slug"] == key
    assert CATALOG[key]["cadence"] == "weekly"


def test_catalog_quotes_name_the_right_expert() -> None:
    assert "Catherine Jackson" in CATALOG["old-photos"]["why"]
    assert "old pictures" in CATALOG["old-photos"]["why"]
    assert "Catherine Jackson" in CATALOG["forgive"]["why"]
    assert "past hurts" in CATALOG["forgive"]["why"]
    assert "Margaux Cassuto" in CATALOG["own-interests"]["why"]
    assert "Michelle Terry" in CATALOG["therapy"]["why"]
    assert "therapy" in CATALOG["therapy"]["why"]


@pytest.mark.skipif(not ARTICLE.exists(), reason="the source article is not next to the repo")
@pytest.mark.parametrize("habit", all_habits(), ids=lambda h: h["slug"])
def test_quotes_are_verbatim_from_the_article(habit) -> None:
    # A quote may capitalise its first word and end with "." or an ellipsis.
    article = " ".join(ARTICLE.read_text(encoding="utf-8").split()).lower()
    for quoted in re.findall(r'"([^"]+)"', habit["why"]):
        assert quoted.rstrip(" …").rstrip(".").lower() in article


def test_constants_cannot_be_mutated_by_accident() -> None:
    with pytest.raises(TypeError):
        SEED_HABITS[0]["slug"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        SEED_HABITS[0]["reminders"].append("12:00")  # type: ignore[union-attr]
    with pytest.raises(TypeError):
        CATALOG["new"] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        CATALOG["therapy"]["who"] = "each"  # type: ignore[index]
    assert isinstance(SEED_HABITS, tuple)


def test_copies_are_plain_and_independent() -> None:
    seeds = seed_habits()
    seeds[0]["reminders"].append("12:00")
    seeds[0]["slug"] = "changed"
    assert seed_habits()[0]["reminders"] == ["07:45", "19:30"]
    assert SEED_HABITS[0]["slug"] == "six-second-kiss"
    tpl = template("therapy")
    assert isinstance(tpl, dict) and isinstance(tpl["days"], list)
    tpl["days"].append("tue")
    assert template("therapy")["days"] == ["mon"]


def test_template_lookup() -> None:
    assert template("Old-Photos")["slug"] == "old-photos"
    with pytest.raises(BadValue) as err:
        template("yoga")
    assert "'yoga'" in str(err.value) and "old-photos" in str(err.value)
