"""Haunts, the couple's places: how a place's name is kept and compared, and which
early haunt to suggest for the weekly date (the one visited least recently)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from habits.errors import BadValue


def place_name(name: str) -> str:
    """A place's name as stored: runs of whitespace made one space, none at the ends."""
    return " ".join(name.split())


def place_key(name: str) -> str:
    """What makes two names the same place: the stored name, without case."""
    return place_name(name).casefold()


def check_place(name: str) -> str:
    """A place typed by the user, as stored; BadValue when empty or too long."""
    text = place_name(name)
    if not text or len(text) > 200:
        raise BadValue(f"Place {name!r} is not valid; give a name of 1 to 200 characters.")
    return text


def least_recent(visits: Sequence[tuple[str, date | None]]) -> tuple[str, date | None] | None:
    """Never-visited places first (in the given order), then the oldest last visit."""
    if not visits:
        return None
    return min(visits, key=lambda v: (v[1] is not None, v[1] or date.min))


def suggestion(visits: Sequence[tuple[str, date | None]], today: date) -> str | None:
    """ "It has been 9 weeks since Luigi's." — or None when there are no haunts."""
    pick = least_recent(visits)
    if pick is None:
        return None
    name, last = pick
    if last is None:
        return f"You have not been back to {name} yet."
    days = (today - last).days
    if days < 14:
        return f"It has been {days} day{'s' if days != 1 else ''} since {name}."
    weeks = days // 7
    return f"It has been {weeks} weeks since {name}."
