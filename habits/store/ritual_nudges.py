"""What the daemon needs of the rituals: who has answered a check-in or a question
(and when), and which ritual nudges it has already told (meta "rituals-told:<person>":
a JSON object from "<ritual>:<period>" to its status ("sending", "sent" or "failed"),
when and why, kept for the last few weeks)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from habits.store import answers, queries
from habits.store import tables as t

KEEP = timedelta(days=60)  # marks older than this are dropped: nothing is due that long after


def _key(person: str) -> str:
    return queries.person_key("rituals-told", person)


def answered(conn: Connection, kind: str, period: date) -> dict[str, datetime]:
    """Who has answered the check-in (kind "checkin", period: the week's first day) or
    the question (kind "question", period: the day), with when (UTC)."""
    return {a.person: _aware(a.logged_at) for a in answers.for_period(conn, kind, period)}


def answered_since(conn: Connection, person: str, since: datetime) -> list[tuple[str, date, datetime]]:
    """`person`'s answers logged at or after `since`: (kind, period, logged_at UTC), oldest
    first (never their text)."""
    a = t.answers.c
    query = (
        select(a.kind, a.period, a.logged_at)
        .where(a.person == person, a.logged_at >= queries.naive_utc(since))
        .order_by(a.logged_at, a.id)
    )
    return [(row.kind, row.period, _aware(row.logged_at)) for row in conn.execute(query)]


NAMES = {
    "checkin": "Weekly check-in",
    "question": "Question of the day",
    "partner-checkin": "Partner's check-in",
    "partner-question": "Partner's answer",
}


def _marks(conn: Connection, person: str) -> dict[str, list[str]]:
    """ "<ritual>:<period>" -> [status, when (UTC ISO), reason]; an unreadable mark is dropped."""
    try:
        marks = json.loads(queries.get_meta(conn, _key(person)) or "{}")
    except ValueError:
        return {}
    if not isinstance(marks, dict):
        return {}
    return {str(k): [str(x) for x in v] for k, v in marks.items() if isinstance(v, list) and len(v) == 3}


def told(conn: Connection, person: str) -> dict[str, str]:
    """The ritual nudges `person`'s daemon has told (or is telling): "<ritual>:<period>" -> status."""
    return {what: mark[0] for what, mark in _marks(conn, person).items()}


def mark(
    conn: Connection, person: str, what: str, status: str, *, today: date, now: datetime, reason: str = ""
) -> None:
    """Record that the nudge `what` ("<ritual>:<period>") is being or was told; marks of
    periods more than `KEEP` before `today` are dropped."""
    marks = _marks(conn, person)
    marks[what] = [status, now.astimezone(timezone.utc).isoformat(), reason]
    oldest = (today - KEEP).isoformat()
    kept = {k: v for k, v in marks.items() if k.rpartition(":")[2] >= oldest}
    queries.set_meta(conn, _key(person), json.dumps(kept, sort_keys=True))


def log_since(conn: Connection, since: datetime) -> list[dict[str, Any]]:
    """The ritual nudges told since `since`, in the shape of the reminder log's rows."""
    m = t.meta.c
    people = [
        row[0][len(_key("")) :] for row in conn.execute(select(m.key).where(m.key.startswith(_key(""))))
    ]
    out = []
    for person in people:
        for what, (status, at, reason) in _marks(conn, person).items():
            ritual, _, period = what.rpartition(":")
            when = datetime.fromisoformat(at)
            if when < since:
                continue
            row = {"slug": ritual, "title": NAMES.get(ritual, ritual), "day": date.fromisoformat(period)}
            row.update(slot=ritual, person=person, status=status, reason=reason, due_at=when, updated_at=when)
            out.append(row)
    return out


def _aware(stored: datetime) -> datetime:
    return stored.replace(tzinfo=timezone.utc) if stored.tzinfo is None else stored.astimezone(timezone.utc)
