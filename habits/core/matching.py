"""Resolve a HABIT argument to a slug: exact slug, slug prefix, substring."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from habits.errors import AmbiguousHabit, UnknownHabit

MAX_SUGGESTIONS = 3


def resolve(query: str, habits: Sequence[tuple[str, str]]) -> str:
    """The slug `query` names among `habits` ((slug, title) pairs), case-insensitively.

    Tiers, the first with any match decides: the exact slug; a slug prefix; a
    substring of slug or title. Several matches in that tier raise AmbiguousHabit
    (candidates sorted); none anywhere raises UnknownHabit with up to three
    nearest slugs. Surrounding whitespace of the query is ignored.
    """
    needle = query.strip().lower() if isinstance(query, str) else ""
    if not needle:
        raise UnknownHabit(query if isinstance(query, str) else str(query))
    entries = [(slug, slug.lower(), title.lower()) for slug, title in habits]
    tiers = (
        lambda s, t: s == needle,
        lambda s, t: s.startswith(needle),
        lambda s, t: needle in s or needle in t,
    )
    for matches in tiers:
        found = sorted({slug for slug, s, t in entries if matches(s, t)})
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousHabit(query, found)
    raise UnknownHabit(query, suggest(needle, habits))


def suggest(query: str, habits: Sequence[tuple[str, str]], limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Up to `limit` slugs whose slug or title is close to `query` (difflib), nearest first."""
    names: dict[str, list[str]] = {}
    for slug, title in habits:
        for name in (slug.lower(), title.lower()):
            names.setdefault(name, []).append(slug)
    close = difflib.get_close_matches(query.strip().lower(), list(names), n=len(names) or 1)
    result: list[str] = []
    for name in close:
        for slug in names[name]:
            if slug not in result:
                result.append(slug)
    return result[:limit]


def nearest(word: str, names: Sequence[str]) -> str | None:
    """The name `word` most likely mistypes, or None: one with two neighbouring letters
    swapped (`dnoe` for `done`, which difflib ranks below `note`), else difflib's closest."""
    word = word.lower()
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    for name in names:
        if name in swapped:
            return name
    close = difflib.get_close_matches(word, list(names), n=1)
    return close[0] if close else None
