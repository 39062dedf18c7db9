"""The couple's rituals, pure: an answer (a weekly check-in or the answer to the day's
question), what may be written in one, and the sealing rule: a partner's text is
shown only once both of you have answered the same thing."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from habits.errors import BadValue

CHECKIN = "checkin"
QUESTION = "question"
KINDS = (CHECKIN, QUESTION)

MAX_TEXT = 2000  # characters in one free text (an answer, an appreciation, went well, work on)
MAX_APPRECIATIONS = 3
CONNECTED = range(1, 6)


class Answer(NamedTuple):
    """One person's answer. body: the question's answer, or a check-in's JSON text;
    None when it is sealed for the one looking (they see that it exists and who gave it)."""

    person: str
    kind: str
    period: date  # the day of a question; the week's first day for a check-in
    body: str | None
    logged_at: datetime
    updated_at: datetime

    @property
    def sealed(self) -> bool:
        return self.body is None


class Checkin(NamedTuple):
    appreciations: tuple[str, ...]
    went_well: str | None
    work_on: str | None
    connected: int | None


def check_text(text: str, what: str) -> str:
    """Free text as typed (kept verbatim, right-to-left text included), or BadValue: empty,
    longer than MAX_TEXT, or holding a control character other than newline and tab."""
    if not isinstance(text, str) or not text.strip():
        raise BadValue(f"The {what} is empty; write a few words.")
    if len(text) > MAX_TEXT:
        raise BadValue(
            f"The {what} is {len(text)} characters long; keep it to {MAX_TEXT} characters at most."
        )
    for ch in text:
        if ch not in "\n\t" and unicodedata.category(ch) == "Cc":
            raise BadValue(
                f"The {what} holds the control character U+{ord(ch):04X}; remove it "
                "(newlines and tabs are fine)."
            )
    return text


def make_checkin(
    appreciations: Sequence[str],
    went_well: str | None,
    work_on: str | None,
    connected: int | None,
) -> Checkin:
    """A checked check-in, or BadValue naming the first bad part; an empty one is refused."""
    if len(appreciations) > MAX_APPRECIATIONS:
        raise BadValue(
            f"{len(appreciations)} appreciations given; a check-in holds at most {MAX_APPRECIATIONS}."
        )
    for text in appreciations:
        check_text(text, "appreciation")
    if went_well is not None:
        check_text(went_well, "answer to what went well")
    if work_on is not None:
        check_text(work_on, "answer to what to work on")
    if connected is not None and (isinstance(connected, bool) or connected not in CONNECTED):
        raise BadValue(f"--connected {connected} is out of range; give a number from 1 to 5.")
    if not appreciations and went_well is None and work_on is None and connected is None:
        raise BadValue(
            "The check-in is empty; give at least one of --appreciate, --went-well, --work-on or --connected."
        )
    return Checkin(tuple(appreciations), went_well, work_on, connected)


def encode_checkin(checkin: Checkin) -> str:
    """The stored body: JSON, keys in a fixed order (an export round trip stays byte-identical)."""
    return json.dumps(
        {
            "appreciations": list(checkin.appreciations),
            "went_well": checkin.went_well,
            "work_on": checkin.work_on,
            "connected": checkin.connected,
        },
        ensure_ascii=False,
    )


def decode_checkin(body: str) -> Checkin:
    """A stored check-in body; parts that are missing or of the wrong type read as absent."""
    try:
        data: Any = json.loads(body)
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    apps = data.get("appreciations")
    apps = tuple(a for a in apps if isinstance(a, str)) if isinstance(apps, list) else ()
    texts = [data.get(k) if isinstance(data.get(k), str) else None for k in ("went_well", "work_on")]
    connected = data.get("connected")
    connected = connected if isinstance(connected, int) and not isinstance(connected, bool) else None
    return Checkin(apps, texts[0], texts[1], connected)


def visible(answers: Iterable[Answer], viewer: str, people: Sequence[str]) -> list[Answer]:
    """The answers as `viewer` may see them: their own always; a partner's text only when
    every one of `people` has answered that kind and period, else sealed (body None).
    One-person mode (fewer than two names): everything is just kept."""
    answers = list(answers)
    couple = [p for p in people if p]
    if len(couple) < 2:
        return answers
    given: dict[tuple[str, date], set[str]] = {}
    for a in answers:
        given.setdefault((a.kind, a.period), set()).add(a.person)
    out = []
    for a in answers:
        if a.person == viewer or set(couple) <= given[(a.kind, a.period)]:
            out.append(a)
        else:
            out.append(a._replace(body=None))
    return out


def both_answered(answers: Iterable[Answer], people: Sequence[str], kind: str, period: date) -> bool:
    names = {a.person for a in answers if a.kind == kind and a.period == period}
    couple = {p for p in people if p}
    return len(couple) >= 2 and couple <= names
