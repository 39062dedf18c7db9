"""Merging what export format version 2 added, inside the caller's transaction:
- a thank-you matches by who thanked, who was thanked, habit, day and when it was
  given (logged_at);
- an answer (check-in or question) matches by person, kind and period: the store's wins;
- a person's own reminder times for a habit: the store's win; the file's are added
  only where that person has none for that habit here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from habits.io.bundle import Bundle
from habits.store import answers, own_times, thanks

if TYPE_CHECKING:
    from habits.io.merge import Into, MergeReport


def merge_thanks(conn: Connection, bundle: Bundle, ids: dict[str, Into], report: MergeReport) -> None:
    from habits.io.merge import _add_new

    _add_new(
        report,
        "thank-you",
        thanks.keys(conn),
        bundle.thanks,
        lambda th: (th.by, th.to, ids[th.habit][0], th.day, th.logged_at),
        lambda th, key: {
            "from_person": th.by,
            "to_person": th.to,
            "habit_id": key[2],
            "day": th.day,
            "thanked_on": th.thanked_on,
            "note": th.note,
            "logged_at": th.logged_at,
            "read_at": th.read_at,
        },
        lambda rows: thanks.insert_many(conn, rows),
    )


def merge_own_times(conn: Connection, bundle: Bundle, ids: dict[str, Into], report: MergeReport) -> None:
    from habits.io.merge import _add_new

    have = {(habit_id, person) for habit_id, people in own_times.load(conn).items() for person in people}
    given = [(ids[h.slug][0], person, times) for h in bundle.habits for person, times in h.reminders_for]
    _add_new(
        report,
        "own reminder time",
        have,
        given,
        lambda g: (g[0], g[1]),
        lambda g, _key: {"habit_id": g[0], "person": g[1], "times": ",".join(g[2])},
        lambda rows: own_times.insert_many(conn, rows),
    )


def merge_answers(conn: Connection, bundle: Bundle, report: MergeReport) -> None:
    from habits.io.merge import _add_new

    _add_new(
        report,
        "answer",
        answers.keys(conn),
        bundle.answers,
        lambda a: (a.by, a.kind, a.period),
        lambda a, _key: {
            "person": a.by,
            "kind": a.kind,
            "period": a.period,
            "body": a.body,
            "logged_at": a.logged_at,
            "updated_at": a.updated_at,
        },
        lambda rows: answers.insert_many(conn, rows),
    )
