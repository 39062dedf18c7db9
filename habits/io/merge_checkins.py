"""Merge a Bundle's check-ins into the store (habits.io.merge says how they match)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.engine import Connection

from habits.io.bundle import Bundle
from habits.store import transfer

if TYPE_CHECKING:
    from habits.io.merge import Into, MergeReport


def merge_checkins(conn: Connection, bundle: Bundle, ids: dict[str, Into], report: MergeReport) -> None:
    taken = transfer.taken_checkins(conn)
    before: dict[tuple[int, date, str], int] = {}  # the store's count before this import
    unmatched: dict[tuple[int, date, str], list[int | None]] = {}  # store amounts not matched yet
    rank: dict[tuple[int, date, str], int] = {}
    counted_in: dict[
        str, str
    ] = {}  # file slug -> its unit ("" yes/no) where the store's habit counts another
    left_out: dict[str, int] = {}
    units = {h.slug: h.measure for h in bundle.habits}
    rows = []
    already = 0
    for c in bundle.checkins:
        into = ids[c.habit]
        if into.unit != units[c.habit]:
            counted_in[c.habit] = into.unit
            left_out[c.habit] = left_out.get(c.habit, 0) + 1
            continue
        key = (into.id, c.day, c.by)
        seqs = taken.setdefault(key, {})
        before.setdefault(key, len(seqs))
        if into.measured:
            left = unmatched.setdefault(key, [seqs[s] for s in sorted(seqs)])
            if c.amount in left:  # the store already holds this entry
                left.remove(c.amount)
                already += 1
                continue
        else:
            k = rank.get(key, 0)
            rank[key] = k + 1
            if k < before[key]:  # the store already holds this day's k-th check-in
                already += 1
                continue
        free = next((s for s in range(into.limit) if s not in seqs), None)
        if free is None:
            report.over_limit += 1
            continue
        seqs[free] = c.amount
        rows.append(
            {
                "habit_id": into.id,
                "day": c.day,
                "person": c.by,
                "seq": free,
                "note": c.note,
                "place": c.place,
                "logged_at": c.logged_at,
                "amount": c.amount,
            }
        )
    transfer.insert_checkins(conn, rows)
    report.added["check-in"] = len(rows)
    report.already["check-in"] = already
    for slug, n in left_out.items():
        report.notes.append(
            f"Left out {n} check-in{'s' if n != 1 else ''} of {slug}: the file's habit {_counts(units[slug])} "
            f"and yours {_counts(counted_in[slug])}, so they cannot be counted the same way."
        )


def _counts(unit: str) -> str:
    return f"is measured in {unit}" if unit else "is yes/no"
