"""The status for bars and prompts: computed from the board's figures and written
by every command that changes the store and by the daemon's tick."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection

from habits.store import queries

if TYPE_CHECKING:
    from habits.store.db import Store


def status_payload(
    conn: Connection,
    *,
    day: date,
    me: str,
    partner: str | None,
    people: Sequence[str],
    week_start: int,
    store: str,
    now: datetime,
) -> dict[str, Any]:
    """The status as of now: each active habit's state for `me` (my part of a habit each
    of us does), from the board's figures, and my unread thanks."""
    from habits.core.status import HabitLine, build
    from habits.reports import board, load_checkpoints

    habits = queries.habits(conn)
    rows = board(
        conn,
        habits,
        as_of=day,
        week_start=week_start,
        people=people,
        checkpoints=load_checkpoints(conn, habits),
    )
    lines = []
    for r in rows:
        each = r.habit.who == "each"
        mine = r.people.get(me, r.stats) if each else r.stats
        done, progress = mine.done_this_period, ""
        if r.habit.measured:  # the period's total; a limit is "done" for today once anything is logged
            from habits.core.cadence import total_text

            progress = total_text(r.habit, r.totals.get(me, 0) if each else r.total)
            if r.habit.measure_kind == "at_most":
                done = any(p == me or not each for p in r.entered_today)
        lines.append(
            HabitLine(
                r.habit.slug,
                r.habit.title,
                done,
                tuple(r.done_today_by),
                mine.at_risk,
                mine.current,
                mine.excused_this_period,
                progress,
            )
        )
    return build(
        day=day,
        me=me,
        partner=partner,
        store=store,
        written_at=now,
        habits=lines,
        thanks=unread_thanks(conn, me),
    )


def unread_thanks(conn: Connection, person: str) -> list[dict[str, Any]]:
    """The thank-yous `person` has not been told of yet, each {"from", "habit", "title", "note"}."""
    from habits.actions.partner import unread_thanks as unread

    return [
        {"from": t.from_person, "habit": t.slug, "title": t.title, "note": t.note}
        for t in unread(conn, person)
    ]


def publish_status(
    store: Store,
    *,
    path: Path,
    store_id: str,
    day: date,
    me: str,
    partner: str | None,
    people: Sequence[str],
    week_start: int,
    now: datetime,
    on_change: Sequence[str] = (),
    report: Callable[[str], None] | None = None,
) -> None:
    """Compute the status and write it (then status.on_change). Never raises: a store
    or file trouble goes to `report` in one line; bars then compute it themselves."""
    from habits.io.status_file import write_status

    try:
        with store.read() as conn:
            payload = status_payload(
                conn,
                day=day,
                me=me,
                partner=partner,
                people=people,
                week_start=week_start,
                store=store_id,
                now=now,
            )
    except Exception as exc:  # noqa: BLE001 - the status never fails what the user did
        if report is not None:
            report(f"status not computed: {type(exc).__name__}: {exc}")
        return
    write_status(path, payload, on_change=on_change, report=report)
