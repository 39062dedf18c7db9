"""A habit as plain data, shared by the core, the store and the command line."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from typing import NamedTuple

CADENCES = ("daily", "weekly")
WHO = ("together", "each")


class Habit(NamedTuple):
    """A habit as the store holds it (a named tuple: cheap to define on the hot path)."""

    slug: str
    title: str
    cadence: str = "daily"
    target: int = 1
    who: str = "together"
    reminders: tuple[str, ...] = ()  # "HH:MM", sorted
    days: tuple[str, ...] = ()  # "mon".."sun"; empty = every day
    why: str = ""
    archived: bool = False
    created_on: date | None = None
    position: int = 0
    id: int | None = None

    @property
    def per_day_limit(self) -> int:
        """How many check-ins one person can log on one day."""
        return self.target if self.cadence == "daily" else 1

    def as_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "title": self.title,
            "cadence": self.cadence,
            "target": self.target,
            "who": self.who,
            "reminders": list(self.reminders),
            "days": list(self.days),
            "why": self.why,
            "archived": self.archived,
        }


SLUG_MAX = 64
TITLE_MAX = 200


def check_slug(slug: str) -> str:
    from habits.errors import BadValue

    text = slug.strip()
    ok = (
        0 < len(text) <= SLUG_MAX
        and text == text.lower()
        and all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in text)
    )
    if not ok or text.startswith("-") or text.endswith("-") or "--" in text:
        raise BadValue(
            f"Slug {slug!r} is not valid; use lowercase letters, digits and single hyphens "
            f"(at most {SLUG_MAX} characters), e.g. 'evening-walk'."
        )
    return text


def free_slug(slug: str, taken: Container[str]) -> str:
    """slug, or slug-2, slug-3... (within SLUG_MAX characters): the first one not taken."""
    candidate, n = slug, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = slug[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
        n += 1
    return candidate


def check_title(title: str) -> str:
    from habits.errors import BadValue

    text = title.strip()
    if not text or len(text) > TITLE_MAX or any(ord(ch) < 0x20 for ch in text):
        raise BadValue(
            f"Title {title!r} is not valid; give one line of text of at most {TITLE_MAX} characters."
        )
    return text


def check_target(cadence: str, target: int) -> int:
    from habits.errors import BadValue

    most = 24 if cadence == "daily" else 7
    if not 1 <= target <= most:
        raise BadValue(
            f"--times {target} is not possible for a {cadence} habit; use 1 to {most}"
            + (" (one check-in per day and person)." if cadence == "weekly" else ".")
        )
    return target


def parse_days(text: str) -> tuple[str, ...]:
    """ "mon,thu" -> ("mon", "thu") in week order; "" or "all" -> every day (())."""
    from habits.core.periods import WEEKDAYS, parse_weekday

    if text.strip().lower() in ("", "all", "every", "daily"):
        return ()
    picked = {parse_weekday(part) for part in text.split(",") if part.strip()}
    if len(picked) == 7:
        return ()
    return tuple(WEEKDAYS[i] for i in sorted(picked))


def parse_reminders(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    from habits.core.dates import format_hhmm, parse_hhmm

    return tuple(sorted({format_hhmm(parse_hhmm(v)) for v in values}))
