"""The seeded habits and the optional templates, from the Bustle article.

Every habit is a mapping of the same shape: slug, title, cadence ("daily"/"weekly"),
target (check-ins per period), who ("together"/"each"), reminders ("HH:MM" strings),
days (weekday names the reminders fire on; empty means every day) and why (a short
quote naming the expert). The module-level constants are read-only all the way down
(MappingProxyType, tuples); `seed_habits()` and `template()` hand out fresh, plain,
mutable copies (lists) for callers who want to edit them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from habits.errors import BadValue

SOURCE = "Experts Say These 7 Things Can Save A Failing Relationship (Bustle)"


def _frozen(**fields: Any) -> Mapping[str, Any]:
    fields["reminders"] = tuple(fields["reminders"])
    fields["days"] = tuple(fields["days"])
    return MappingProxyType(fields)


SEED_HABITS: tuple[Mapping[str, Any], ...] = (
    _frozen(
        slug="six-second-kiss",
        title="Six-second kiss",
        cadence="daily",
        target=1,
        who="together",
        reminders=["07:45", "19:30"],
        days=[],
        why='"It takes a six-second kiss for our brains to start releasing endorphins."'
        " — Michelle Terry, LMHC, citing John Gottman",
    ),
    _frozen(
        slug="ask-about-their-day",
        title="Ask about their day",
        cadence="daily",
        target=1,
        who="each",
        reminders=["18:30"],
        days=[],
        # The article paraphrases Cassuto here, so no quotation marks around her words.
        why="Empathy can be as easy as asking your partner about their day and giving them"
        " space to talk about their feelings. — after Margaux Cassuto, relationship expert",
    ),
    _frozen(
        slug="weekly-date",
        title="Weekly date: revisit an early haunt",
        cadence="weekly",
        target=1,
        who="together",
        reminders=["17:00"],
        days=["thu"],
        why="Carve out some time each week to relive the early days: go back to the"
        " restaurant where you had your first date. — after Dr. Catherine Jackson,"
        " clinical psychologist",
    ),
)

CATALOG: Mapping[str, Mapping[str, Any]] = MappingProxyType(
    {
        "old-photos": _frozen(
            slug="old-photos",
            title="Look at old photos together",
            cadence="weekly",
            target=1,
            who="together",
            reminders=["20:00"],
            days=["sun"],
            why='"Look at old pictures or videos of good times together."'
            " — Dr. Catherine Jackson, clinical psychologist",
        ),
        "forgive": _frozen(
            slug="forgive",
            title="Let go of a past hurt",
            cadence="weekly",
            target=1,
            who="each",
            reminders=["20:30"],
            days=["sun"],
            why='"Holding onto past hurts or sins of your partner is a quick way to drive a wedge'
            ' in the relationship." — Dr. Catherine Jackson, clinical psychologist',
        ),
        "own-interests": _frozen(
            slug="own-interests",
            title="Time for your own interests",
            cadence="weekly",
            target=1,
            who="each",
            reminders=["10:00"],
            days=["sat"],
            why='"Allowing for some space within the framework of the relationship can save it'
            ' by taking the focus off the issues …" — Margaux Cassuto, relationship expert',
        ),
        "therapy": _frozen(
            slug="therapy",
            title="Couples therapy or counselling",
            cadence="weekly",
            target=1,
            who="together",
            reminders=["09:00"],
            days=["mon"],
            why='"Yes, therapy is costly, but so is divorce." — Michelle Terry, LMHC',
        ),
    }
)


def _thaw(habit: Mapping[str, Any]) -> dict[str, Any]:
    plain = dict(habit)
    plain["reminders"] = list(habit["reminders"])
    plain["days"] = list(habit["days"])
    return plain


def seed_habits() -> list[dict[str, Any]]:
    """Fresh, mutable copies of the three habits a new store is seeded with."""
    return [_thaw(h) for h in SEED_HABITS]


def catalog_keys() -> list[str]:
    """The template keys, in catalog order."""
    return list(CATALOG)


def template(key: str) -> dict[str, Any]:
    """A fresh, mutable copy of catalog template `key` (any case); BadValue when there is none."""
    habit = CATALOG.get(key.strip().lower()) if isinstance(key, str) else None
    if habit is None:
        raise BadValue(
            f"No catalog template {key!r}; choose one of {', '.join(CATALOG)} (see `habits catalog`)."
        )
    return _thaw(habit)
