"""The checks of what export format version 2 added: the thanks, and each habit's
`reminders_for` (one person's own reminder times). A version 1 file has neither."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from habits.io.bundle import HabitIn, ThankIn
from habits.io.check_export import (
    _Bad,
    _checked,
    _date,
    _get,
    _instant,
    _list,
    _name,
    _obj,
    _object,
    _of_habit,
    _opt_str,
    _reminder,
)


def parse_reminders_for(
    h: Mapping[str, Any], where: str, version: int
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if version < 2 and "reminders_for" not in h:
        return ()
    given = _get(h, "reminders_for", where, _object)
    out = []
    for person, times in sorted(given.items()):
        at = f"{where}.reminders_for.{person}"
        _checked(_name, person, f"{where}.reminders_for key {person!r}")
        listed = _checked(_list, times, at)
        if not listed:
            raise _Bad(at, "is empty; a person's own times hold at least one HH:MM")
        out.append(
            (person, tuple(sorted({_checked(_reminder, r, f"{at}[{j}]") for j, r in enumerate(listed)})))
        )
    return tuple(out)


def parse_thanks(top: Mapping[str, Any], habits: Mapping[str, HabitIn], version: int) -> list[ThankIn]:
    if version < 2 and "thanks" not in top:
        return []
    out = []
    for i, item in enumerate(_get(top, "thanks", "the file", _list)):
        where, th, slug = _of_habit(_obj(item, f"thanks[{i}]"), f"thanks[{i}]", habits)
        by, to = _get(th, "by", where, _name), _get(th, "to", where, _name)
        if by == to:
            raise _Bad(f"{where}.to", f"is {to!r}, the one who thanked; a thank-you goes to the partner")
        read_at = th.get("read_at")
        out.append(
            ThankIn(
                habit=slug,
                day=_get(th, "date", where, _date),
                by=by,
                to=to,
                thanked_on=_get(th, "thanked_on", where, _date),
                logged_at=_get(th, "logged_at", where, _instant),
                read_at=None if read_at is None else _get(th, "read_at", where, _instant),
                note=_get(th, "note", where, _opt_str),
            )
        )
    return out
