"""Domain errors. Each carries the exit code the command line maps it to (one place: habits.cli)."""

from __future__ import annotations

from collections.abc import Sequence


class HabitsError(Exception):
    """An error the user can act on: one clear sentence, exit code 1."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(HabitsError):
    """Bad use of a command that click itself cannot see (exit code 2)."""

    exit_code = 2


class ConfigError(HabitsError):
    """The configuration file is missing, malformed or holds a bad value."""


class StoreError(HabitsError):
    """The store cannot be opened, is not ours, or cannot be written."""


class BadValue(HabitsError):
    """A date, time, duration or other value given on the command line is not valid."""


class UnknownHabit(HabitsError):
    def __init__(self, query: str, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions = list(suggestions)
        if self.suggestions:
            hint = "did you mean " + _or_list(self.suggestions) + "?"
        else:
            hint = "see `habits list --all` for the habits you have."
        super().__init__(f"No habit matches {query!r}; {hint}")


class AmbiguousHabit(HabitsError):
    def __init__(self, query: str, candidates: Sequence[str]) -> None:
        self.query = query
        self.candidates = list(candidates)
        super().__init__(
            f"{query!r} matches more than one habit: {', '.join(self.candidates)}; type more of the name."
        )


def _or_list(items: Sequence[str]) -> str:
    quoted = [f"{s!r}" for s in items]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
