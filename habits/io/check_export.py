"""The checks of a habits export file: every field, with where it is
("checkins[3].date"), before anything is written."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, timezone
from typing import Any

from habits.core.dates import EARLIEST
from habits.errors import HabitsError
from habits.io.bundle import FORMAT, VERSION, AwayIn, BadImportFile, Bundle, CheckinIn, HabitIn, SkipIn

MAX_POSITION = 10**9  # a habit's position must fit any database's integer


class _Bad(Exception):
    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where} {problem}")


def parse_export(doc: Any) -> Bundle:
    """Check a decoded habits export and turn it into a Bundle; raises _Bad."""
    top = _obj(doc, "the file")
    if top.get("format") != FORMAT:
        raise _Bad("the file", f'is not a habits export (its "format" is not {FORMAT!r})')
    version = _get(top, "version", "the file", _int)
    if version > VERSION:
        raise _Newer(version)
    if version < 1:
        raise _Bad("version", f"is {version}, which no habits ever wrote")
    bundle = Bundle()
    couple = _get(top, "couple", "the file", _object)
    bundle.couple = (_get(couple, "me", "couple", _str), _get(couple, "partner", "couple", _opt_str))
    from dataclasses import replace

    from habits.io.check_thanks import parse_answers, parse_reminders_for, parse_thanks
    from habits.io.check_types import parse_checkin_amount

    habits: dict[str, HabitIn] = {}
    for i, item in enumerate(_get(top, "habits", "the file", _list)):
        h = _habit(_obj(item, f"habits[{i}]"), f"habits[{i}]")
        h = replace(h, reminders_for=parse_reminders_for(item, f"habits[{i}]", version))
        if h.slug in habits:
            raise _Bad(f"habits[{i}].slug", f"repeats {h.slug!r}")
        habits[h.slug] = h
    bundle.habits = list(habits.values())
    per_day: dict[tuple[str, date, str], int] = {}
    for i, item in enumerate(_get(top, "checkins", "the file", _list)):
        where, c, slug = _of_habit(item, f"checkins[{i}]", habits)
        checkin = CheckinIn(
            habit=slug,
            day=_get(c, "date", where, _date),
            by=_get(c, "by", where, _name),
            logged_at=_get(c, "logged_at", where, _instant),
            note=_get(c, "note", where, _opt_str),
            place=_get(c, "place", where, _place),
            amount=parse_checkin_amount(c, where, habits[slug]),
        )
        key = (slug, checkin.day, checkin.by)
        per_day[key] = per_day.get(key, 0) + 1
        if per_day[key] > habits[slug].per_day_limit:
            raise _Bad(where, f"is one check-in too many for {slug!r} on {checkin.day} by {checkin.by}")
        bundle.checkins.append(checkin)
    for i, item in enumerate(_get(top, "skips", "the file", _list)):
        where, s, slug = _of_habit(item, f"skips[{i}]", habits)
        by = _get(s, "by", where, _str)
        if len(by) > 100:
            raise _Bad(f"{where}.by", "is longer than 100 characters")
        bundle.skips.append(
            SkipIn(slug, _get(s, "date", where, _date), by, _get(s, "reason", where, _opt_str))
        )
    for i, item in enumerate(_get(top, "away", "the file", _list)):
        where = f"away[{i}]"
        a = _obj(item, where)
        start, end = _get(a, "start", where, _date), _get(a, "end", where, _date)
        if end < start:
            raise _Bad(f"{where}.end", f"({end}) is before its start ({start})")
        bundle.away.append(AwayIn(start, end, _get(a, "note", where, _opt_str)))
    for i, item in enumerate(_get(top, "haunts", "the file", _list)):
        where = f"haunts[{i}]"
        name = _get(_obj(item, where), "name", where, _str).strip()
        if not name or len(name) > 200:
            raise _Bad(f"{where}.name", "must be 1 to 200 characters")
        bundle.haunts.append(name)
    bundle.thanks = parse_thanks(top, habits, version)
    bundle.answers = parse_answers(top)
    return bundle


def _of_habit(item: Any, where: str, habits: Mapping[str, HabitIn]) -> tuple[str, Mapping[str, Any], str]:
    """A check-in or skip: its place, its fields, and the slug of one of the file's habits."""
    obj = _obj(item, where)
    slug = _get(obj, "habit", where, _str)
    if slug not in habits:
        raise _Bad(f"{where}.habit", f"is {slug!r}, which is not among the file's habits")
    return where, obj, slug


class _Newer(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def _habit(h: Mapping[str, Any], where: str) -> HabitIn:
    from habits.core.habit import WHO, check_slug, check_title
    from habits.core.periods import WEEKDAYS
    from habits.io.check_types import parse_measure, parse_schedule

    slug = _get(h, "slug", where, _str)
    cadence, every, target = parse_schedule(h, where)
    unit, kind, goal = parse_measure(h, where, target)
    who = _get(h, "who", where, _str)
    if who not in WHO:
        raise _Bad(f"{where}.who", f"is {who!r}; use one of {', '.join(WHO)}")
    reminders = _get(h, "reminders", where, _list)
    days = _get(h, "days", where, _list)
    for j, d in enumerate(days):
        if d not in WEEKDAYS:
            raise _Bad(f"{where}.days[{j}]", f"is {d!r}; use one of {', '.join(WEEKDAYS)}")
    position = _get(h, "position", where, _int)
    if not 0 <= position < MAX_POSITION:
        raise _Bad(f"{where}.position", f"is {position}; it must be from 0 to {MAX_POSITION - 1}")
    return HabitIn(
        slug=_checked(check_slug, slug, f"{where}.slug", exact=True),
        title=_checked(check_title, _get(h, "title", where, _str), f"{where}.title", exact=True),
        cadence=cadence,
        target=target,
        who=who,
        reminders=tuple(
            sorted({_checked(_reminder, r, f"{where}.reminders[{j}]") for j, r in enumerate(reminders)})
        ),
        days=tuple(days),
        why=_get(h, "why", where, _str),
        archived=_get(h, "archived", where, _bool),
        created_on=_get(h, "created_on", where, _date),
        position=position,
        loop_uuid=_get(h, "loop_uuid", where, _opt_str),
        every=every,
        measure=unit,
        measure_kind=kind,
        measure_target=goal,
    )


def _reminder(value: Any) -> str:
    from habits.core.dates import format_hhmm, parse_hhmm

    text = _str(value)
    if format_hhmm(parse_hhmm(text)) != text:
        raise _Bad("", "must be HH:MM")
    return text


def _checked(check: Callable[[Any], Any], value: Any, where: str, exact: bool = False) -> Any:
    try:
        result = check(value)
    except (HabitsError, _Bad, TypeError):
        raise _Bad(where, f"is {value!r}, which is not valid") from None
    if exact and result != value:
        raise _Bad(where, f"is {value!r}, which is not valid")
    return value


def _get(obj: Mapping[str, Any], key: str, where: str, kind: Callable[[Any], Any]) -> Any:
    if key not in obj:
        raise _Bad(where, f"has no {key!r}")
    path = key if where == "the file" else f"{where}.{key}"
    try:
        return kind(obj[key])
    except _Kind as exc:
        raise _Bad(path, f"is {obj[key]!r}, not {exc.args[0]}") from None


class _Kind(Exception):
    pass


def _obj(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(where, "is not a JSON object")
    return value


def _object(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Kind("a JSON object")
    return value


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise _Kind("a list")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise _Kind("a string (without NUL characters)")
    return value


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 100 or "\x00" in value:
        raise _Kind("a name of 1 to 100 characters")
    return value


def _opt_str(value: Any) -> str | None:
    if value is not None and (not isinstance(value, str) or "\x00" in value):
        raise _Kind("a string (without NUL characters) or null")
    return value


def _place(value: Any) -> str | None:
    if value is not None and (not isinstance(value, str) or "\x00" in value or len(value) > 200):
        raise _Kind("a place name of at most 200 characters, or null")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Kind("a whole number")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Kind("true or false")
    return value


def _date(value: Any) -> date:
    kind = f"a date (YYYY-MM-DD) from {EARLIEST.isoformat()} on"
    if not isinstance(value, str) or len(value) != 10:
        raise _Kind(kind)
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _Kind(kind) from None
    if day < EARLIEST:
        raise _Kind(kind)
    return day


def _instant(value: Any) -> datetime:
    kind = "a UTC instant like 2026-03-11T09:00:00Z"
    if not isinstance(value, str) or len(value) > 40:
        raise _Kind(kind)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _Kind(kind) from None
    if parsed.tzinfo is None or parsed.year < EARLIEST.year:
        raise _Kind(kind)
    try:
        return parsed.astimezone(timezone.utc).replace(tzinfo=None)
    except OverflowError:  # 9999-12-31T23:59-05:00 is in the year 10000
        raise _Kind(kind) from None


def read_export(text: str, name: str) -> Bundle:
    """Decode and check a habits export; any problem is one BadImportFile sentence."""
    import json

    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadImportFile(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "it may be truncated or hand-edited; nothing was imported."
        ) from None
    except RecursionError:
        raise BadImportFile(
            f"{name} is nested too deeply to be a habits export; nothing was imported."
        ) from None
    try:
        return parse_export(doc)
    except _Newer as exc:
        raise BadImportFile(
            f"{name} was written by a newer habits (export format version {exc.version}, "
            f"this one reads up to {VERSION}); upgrade habits to import it; nothing was imported."
        ) from None
    except _Bad as exc:
        raise BadImportFile(f"{name} is not a valid habits export: {exc}; nothing was imported.") from None
