"""Who the couple is. A store records its two people's names; each config's
`couple.me` and `couple.partner` must name people of that store, so that a
check-in logged on either laptop counts for the right person."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from habits.errors import BadValue, ConfigError

MAX_NAME = 100  # the person columns' width


class CoupleMismatch(ConfigError):
    """A config names someone the store does not know."""


class Couple(NamedTuple):
    """A config's names, and the config file to name in a fix."""

    me: str
    partner: str | None
    config: str

    @property
    def names(self) -> list[str]:
        return [self.me] + ([self.partner] if self.partner else [])


def fits(recorded: Sequence[str], couple: Couple) -> bool:
    """The everyday case, decided from the recorded names alone: nothing to record or refuse."""
    return bool(recorded) and all(name in recorded for name in couple.names)


def settle(recorded: Sequence[str], in_rows: Iterable[str], couple: Couple) -> list[str]:
    """The store's couple once this config has opened it: the recorded names, then a
    name that joins a one-person store. A store with no names recorded yet learns
    them from the names in its rows (check-ins, skips, reminders) and the config; one
    whose rows name no one yet takes the config's names (nothing can be misattributed).
    Raises CoupleMismatch when the config names someone the store does not have."""
    in_rows = sorted(set(in_rows))
    people = (list(recorded) if in_rows else []) or in_rows
    me, partner = couple.me, couple.partner
    if not people:
        return couple.names
    if me not in people:
        if len(people) == 1 and partner == people[0]:
            return people + [me]  # joining a one-person store as its partner
        raise CoupleMismatch(_stranger("me", me, people, couple))
    if partner is not None and partner not in people:
        if len(people) == 1:
            return people + [partner]  # a partner added to a one-person store
        raise CoupleMismatch(_stranger("partner", partner, [p for p in people if p != me], couple))
    if recorded:
        return list(recorded)
    if len(people) <= 2:
        return [me] + [p for p in people if p != me]
    return couple.names  # rows of an old mismatch name more than two: the config's pair


def _stranger(key: str, name: str, choices: Sequence[str], couple: Couple) -> str:
    where = couple.config
    unnamed = [p for p in choices if p not in couple.names]
    fix = f"set couple.{key} to {or_list(choices)} in {where}"
    if len(unnamed) == 1:
        fix += f", or rename with `habits couple rename {quote_arg(unnamed[0])} {quote_arg(name)}`"
    whose = "one of this store's people" if key == "me" else "this store's other person"
    return f'couple.{key} = "{name}" is not {whose} ({and_list(choices)}); {fix}.'


def import_couple(
    file_names: Iterable[str], store_names: Sequence[str], file: str, config: str
) -> tuple[list[str], str | None]:
    """The store's couple after importing a file whose couple and rows name `file_names`,
    or why the file is refused: it names someone who is not one of the store's couple.
    A one-person store named by the file gains the file's other person as partner."""
    named = sorted(set(file_names))
    strangers = [n for n in named if n not in store_names]
    if not strangers:
        return list(store_names), None
    if len(store_names) == 1 and store_names[0] in named and len(strangers) == 1:
        return [*store_names, *strangers], None
    unmatched = [p for p in store_names if p not in named]
    fix = "rename one side to match"
    if len(strangers) == len(named):
        fix = f"set couple.me and couple.partner in {config} to the file's names"
    elif len(strangers) == 1 and len(unmatched) == 1:
        fix = f"rename in the store first with `habits couple rename {quote_arg(unmatched[0])} {quote_arg(strangers[0])}`"
    return list(store_names), (
        f"{file} names {and_list(named)} but this store's couple is "
        f"{and_list(store_names)}; {fix}; nothing was imported."
    )


def check_name(text: str, what: str) -> str:
    """A person's name as given on the command line: trimmed, 1 to 100 characters."""
    name = text.strip()
    if not name or len(name) > MAX_NAME:
        raise BadValue(f"{what} {text!r} is not a valid name; give 1 to {MAX_NAME} characters.")
    return name


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def and_list(names: Sequence[str]) -> str:
    return " and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1]


def or_list(names: Sequence[str]) -> str:
    return " or ".join(f'"{n}"' for n in names)


def quote_arg(name: str) -> str:
    return name if name.replace("-", "").replace("_", "").isalnum() else repr(name)
