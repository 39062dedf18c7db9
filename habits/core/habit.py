"""A habit as plain data, shared by the core, the store and the command line."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from typing import NamedTuple

CADENCES = ("daily", "weekly", "monthly", "every")
WHO = ("together", "each")
MEASURE_KINDS = ("at_least", "at_most")

# An amount is kept as a whole number of thousandths of its unit (exact to 1/1000).
MILLI = 1000
AMOUNT_MAX = 1_000_000  # units in one entry or one target: more is a typo, not a habit
UNIT_MAX = 40  # characters of a unit's name
EVERY_MAX = 365  # days of an "every N days" period
ENTRIES_PER_DAY = 100  # amounts one person can log for a measured habit on one day


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
    every: int = 0  # the period's days for cadence "every"; 0 otherwise
    measure: str = ""  # the unit of a measured habit ("minutes"); "" for a yes/no habit
    measure_kind: str = ""  # "at_least" | "at_most" for a measured habit
    measure_target: int = 0  # the period's amount, in thousandths of the unit

    @property
    def measured(self) -> bool:
        return bool(self.measure)

    @property
    def per_day_limit(self) -> int:
        """How many check-ins (or amounts) one person can log on one day."""
        if self.measure:
            return ENTRIES_PER_DAY
        return self.target if self.cadence == "daily" else 1

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "slug": self.slug,
            "title": self.title,
            "cadence": self.cadence,
        }
        if self.cadence == "every":
            out["every"] = self.every
        out.update(
            target=self.target,
            who=self.who,
            reminders=list(self.reminders),
            days=list(self.days),
            why=self.why,
            archived=self.archived,
        )
        if self.measure:
            out["measure"] = {
                "unit": self.measure,
                "kind": self.measure_kind,
                "target": amount_value(self.measure_target),
            }
        return out


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


def most_times(cadence: str, every: int = 0) -> int:
    """The most check-ins a period can ask for: 24 a day; otherwise one a day, so the
    period's days (31 for a month: in a shorter month the target is its length)."""
    return {"daily": 24, "weekly": 7, "monthly": 31}.get(cadence, every)


def check_target(cadence: str, target: int, every: int = 0) -> int:
    from habits.errors import BadValue

    most = most_times(cadence, every)
    if not 1 <= target <= most:
        period = f"an every-{every}-days" if cadence == "every" else f"a {cadence}"
        raise BadValue(
            f"--times {target} is not possible for {period} habit; use 1 to {most}"
            + (" (one check-in per day and person)." if cadence != "daily" else ".")
        )
    return target


def check_every(days: int) -> int:
    from habits.errors import BadValue

    if not 1 <= days <= EVERY_MAX:
        raise BadValue(f"--every {days} is not possible; give the period's length in days, 1 to {EVERY_MAX}.")
    return days


def check_unit(unit: str) -> str:
    from habits.errors import BadValue

    text = unit.strip()
    if not text or len(text) > UNIT_MAX or any(ord(ch) < 0x20 for ch in text):
        shown = unit if len(unit) <= 60 else unit[:57] + "..."
        raise BadValue(
            f"Unit {shown!r} is not valid; give a short name of at most {UNIT_MAX} characters, e.g. 'minutes'."
        )
    return text


def parse_amount(text: str, *, what: str = "Amount") -> int:
    """An amount as the user typed it ("25", "2.5", "0") -> thousandths of the unit.
    Finer than 1/1000 is rounded to the nearest thousandth."""
    from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

    from habits.errors import BadValue

    raw = str(text).strip()
    try:
        value = Decimal(raw.replace("_", "")) if raw and len(raw) <= 40 else None
    except InvalidOperation:
        value = None
    shown = raw if len(raw) <= 40 else raw[:37] + "..."
    if value is None or not value.is_finite():
        raise BadValue(f"{what} {shown!r} is not a number; give a plain number such as 25 or 2.5.")
    if value < 0:
        raise BadValue(f"{what} {shown!r} is negative; give 0 or more.")
    if value > AMOUNT_MAX:
        raise BadValue(f"{what} {shown!r} is too large; give at most {AMOUNT_MAX:,}.")
    return int((value * MILLI).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def amount_value(milli: int) -> int | float:
    """Thousandths -> the number for JSON: a whole number when it is one."""
    whole, part = divmod(milli, MILLI)
    return whole if part == 0 else milli / MILLI


def format_amount(milli: int) -> str:
    """Thousandths -> "25", "2.5", "0.125"."""
    whole, part = divmod(milli, MILLI)
    return str(whole) if part == 0 else f"{whole}.{part:03d}".rstrip("0")


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
