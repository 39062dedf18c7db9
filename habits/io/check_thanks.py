"""The checks of what export format version 2 added: the thanks, the rituals' answers,
and each habit's `reminders_for` (one person's own reminder times). A version 1 file
has none of them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from habits.errors import HabitsError
from habits.io.bundle import AnswerIn, HabitIn, ThankIn
from habits.io.check_export import (
    _Bad,
    _checked,
    _date,
    _get,
    _instant,
    _int,
    _list,
    _name,
    _obj,
    _object,
    _of_habit,
    _opt_str,
    _reminder,
    _str,
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


def parse_answers(top: Mapping[str, Any]) -> list[AnswerIn]:
    """The answers: a question's is its text, a check-in's an object; both checked as the
    commands check them, and one per person, kind and period."""
    from habits.core.rituals import CHECKIN, KINDS, check_text, encode_checkin, make_checkin

    if "answers" not in top:  # a version 1 file, or one written before answers joined version 2
        return []
    out: dict[tuple[str, str, date], AnswerIn] = {}
    for i, item in enumerate(_get(top, "answers", "the file", _list)):
        where = f"answers[{i}]"
        a = _obj(item, where)
        kind = _get(a, "kind", where, _str)
        if kind not in KINDS:
            raise _Bad(f"{where}.kind", f"is {kind!r}, not one of {', '.join(KINDS)}")
        try:
            if kind == CHECKIN:
                c = _get(a, "body", where, _object)
                apps = _get(c, "appreciations", f"{where}.body", _list)
                texts = [_get(c, k, f"{where}.body", _opt_str) for k in ("went_well", "work_on")]
                connected = c.get("connected")
                if connected is not None:
                    connected = _get(c, "connected", f"{where}.body", _int)
                text = encode_checkin(make_checkin(apps, texts[0], texts[1], connected))
            else:
                text = check_text(_get(a, "body", where, _str), "answer")
        except HabitsError as exc:
            reason = exc.message.split(";")[0].rstrip(".")
            raise _Bad(f"{where}.body", f"is not valid: {reason[:1].lower()}{reason[1:]}") from None
        answer = AnswerIn(
            kind=kind,
            period=_get(a, "period", where, _date),
            by=_get(a, "by", where, _name),
            body=text,
            logged_at=_get(a, "logged_at", where, _instant),
            updated_at=_get(a, "updated_at", where, _instant),
        )
        key = (answer.by, kind, answer.period)
        if key in out:
            raise _Bad(where, f"repeats the {kind} answer of {answer.by} for {answer.period}")
        out[key] = answer
    return list(out.values())
