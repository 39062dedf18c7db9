"""Merge a checked Bundle into the store, inside the caller's one transaction.

Nothing is ever duplicated and nothing already here is changed:
- a habit matches an existing one by slug (a Loop habit: by its uuid, then by
  case-insensitive title); a match keeps your settings, and its history is merged,
  except a seeded habit nobody has used yet (store.transfer.untouched_seeds), which
  takes the file's settings; when the store holds nothing but such habits (it was
  opened once), the file's habits keep the file's places in the list;
- check-ins match by habit, day and person; for a `--times N` habit the file's
  k-th check-in of that day and person matches the store's k-th (so a day never
  holds more than the habit's limit, and a second import adds nothing); a measured
  habit's entry matches one of the store's entries of that day and person with the
  same amount (each store entry matched once), so a second import adds nothing and
  a different amount is a further entry; check-ins that a kept habit would count
  another way (yes/no against measured, or another unit) are left out and said;
- skips match by habit, day and person; days apart by start and end; haunts by
  their case-folded name; thanks, own reminder times and answers as habits.io.merge_thanks says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy.engine import Connection

from habits.core.habit import Habit, free_slug
from habits.core.haunts import place_name
from habits.io.bundle import Bundle, HabitIn
from habits.io.merge_checkins import merge_checkins
from habits.store import queries, transfer

if TYPE_CHECKING:
    from habits.store.db import Store


class Into(NamedTuple):
    """Where a file habit's rows go: the store habit, and what it holds a person a day."""

    id: int
    limit: int  # check-ins (or amounts) a person may log per day
    unit: str  # what its check-ins count: a measured habit's unit, "" for yes/no

    @property
    def measured(self) -> bool:
        return bool(self.unit)


@dataclass
class MergeReport:
    added_habits: list[str] = field(default_factory=list)
    kept_habits: list[str] = field(default_factory=list)
    adopted_habits: list[str] = field(default_factory=list)  # untouched seeds given the file's settings
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    over_limit: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added_habits) or bool(self.adopted_habits) or any(self.added.values())


class _Rehearsed(Exception):
    def __init__(self, report: MergeReport) -> None:
        super().__init__("rehearsed")
        self.report = report


def rehearse(
    store: Store | None, bundle: Bundle, *, now: datetime, check: Callable[[Connection], None] | None = None
) -> MergeReport:
    """What merging bundle would do, with nothing changed: `check` and the merge run
    in a transaction that is rolled back. Without a store (none exists yet), they run
    in a throwaway empty one."""
    if store is None:
        import tempfile

        from habits.store.db import open_store

        with tempfile.TemporaryDirectory(prefix="habits-dry-run-") as folder:
            scratch = open_store(f"sqlite:///{folder}/habits.db", now=now, today=now.date(), seed=False)
            try:
                return rehearse(scratch, bundle, now=now, check=check)
            finally:
                scratch.close()
    try:
        with store.write() as conn:
            if check is not None:
                check(conn)
            raise _Rehearsed(merge(conn, bundle, now=now))
    except _Rehearsed as done:
        return done.report


def merge(conn: Connection, bundle: Bundle, *, now: datetime) -> MergeReport:
    report = MergeReport(notes=list(bundle.notes))
    habit_ids = _merge_habits(conn, bundle, now, report)
    merge_checkins(conn, bundle, habit_ids, report)
    _merge_skips(conn, bundle, habit_ids, now, report)
    _merge_away(conn, bundle, now, report)
    _merge_haunts(conn, bundle, now, report)
    from habits.io.merge_thanks import merge_answers, merge_own_times, merge_thanks

    merge_thanks(conn, bundle, habit_ids, report)
    merge_own_times(conn, bundle, habit_ids, report)
    merge_answers(conn, bundle, report)
    return report


def _merge_habits(conn: Connection, bundle: Bundle, now: datetime, report: MergeReport) -> dict[str, Into]:
    """bundle slug -> where its rows go."""
    existing = {h.slug: h for h in transfer.all_habits(conn)}
    by_title: dict[str, Habit] = {}
    for known in existing.values():
        by_title.setdefault(known.title.casefold(), known)
    links = transfer.loop_links(conn)
    untouched = transfer.untouched_seeds(conn)
    opened_once = bool(existing) and set(existing) <= untouched
    base = 0 if opened_once else queries.max_position(conn)
    out: dict[str, Into] = {}
    for h in sorted(bundle.habits, key=lambda x: (x.position, x.slug)):
        match = _match(h, existing, by_title, links)
        spec = {
            "title": h.title,
            "cadence": h.cadence,
            "target": h.target,
            "who": h.who,
            "reminders": h.reminders,
            "days": h.days,
            "why": h.why,
            "archived": h.archived,
            "every": h.every,
            "measure": h.measure,
            "measure_kind": h.measure_kind,
            "measure_target": h.measure_target,
        }
        if match is not None and match.slug in untouched:
            assert match.id is not None
            transfer.take_settings(
                conn,
                match.id,
                spec,
                created_on=h.created_on,
                position=base + h.position if opened_once else None,
            )
            untouched.discard(match.slug)  # a second file habit matching it keeps these settings
            report.adopted_habits.append(match.slug)
            out[h.slug] = Into(match.id, h.per_day_limit, h.measure)
            slug = match.slug
        elif match is not None:
            assert match.id is not None
            report.kept_habits.append(match.slug)
            out[h.slug] = Into(match.id, match.per_day_limit, match.measure)
            slug = match.slug
        else:
            slug = free_slug(h.slug, existing)
            spec["slug"] = slug
            habit_id = transfer.insert_habit(
                conn, spec, position=base + h.position, created_on=h.created_on, now=now
            )
            report.added_habits.append(slug)
            out[h.slug] = Into(habit_id, h.per_day_limit, h.measure)
            existing[slug] = Habit(slug=slug, title=h.title, id=habit_id)
        if h.loop_uuid and links.get(h.loop_uuid) != slug:
            transfer.set_loop_link(conn, h.loop_uuid, slug)
            links[h.loop_uuid] = slug
    return out


def _match(
    h: HabitIn, existing: dict[str, Habit], by_title: dict[str, Habit], links: dict[str, str]
) -> Habit | None:
    if not h.match_title:
        return existing.get(h.slug)
    if h.loop_uuid and links.get(h.loop_uuid) in existing:
        return existing[links[h.loop_uuid]]
    return by_title.get(h.title.casefold())


def _merge_skips(
    conn: Connection, bundle: Bundle, ids: dict[str, Into], now: datetime, report: MergeReport
) -> None:
    at = queries.naive_utc(now)
    _add_new(
        report,
        "skip",
        transfer.skip_keys(conn),
        bundle.skips,
        lambda s: (ids[s.habit][0], s.day, s.by),
        lambda s, key: {
            "habit_id": key[0],
            "day": s.day,
            "person": s.by,
            "reason": s.reason,
            "created_at": at,
        },
        lambda rows: transfer.insert_skips(conn, rows),
    )


def _merge_away(conn: Connection, bundle: Bundle, now: datetime, report: MergeReport) -> None:
    at = queries.naive_utc(now)
    _add_new(
        report,
        "range of days apart",
        transfer.away_keys(conn),
        bundle.away,
        lambda a: (a.start, a.end),
        lambda a, _key: {"start": a.start, "end": a.end, "note": a.note, "created_at": at},
        lambda rows: transfer.insert_away(conn, rows),
    )


def _merge_haunts(conn: Connection, bundle: Bundle, now: datetime, report: MergeReport) -> None:
    at = queries.naive_utc(now)
    _add_new(
        report,
        "haunt",
        transfer.haunt_keys(conn),
        bundle.haunts,
        transfer.haunt_key,
        lambda name, key: {"name": place_name(name), "name_key": key, "created_at": at},
        lambda rows: transfer.insert_haunts(conn, rows),
    )


def _add_new(
    report: MergeReport,
    noun: str,
    keys: set[Any],
    items: Iterable[Any],
    key_of: Callable[[Any], Any],
    row_of: Callable[[Any, Any], dict[str, Any]],
    insert: Callable[[list[dict[str, Any]]], None],
) -> None:
    """Insert the items whose key is not in the store yet; count the rest as already here."""
    rows = []
    for item in items:
        key = key_of(item)
        if key in keys:
            report.already[noun] = report.already.get(noun, 0) + 1
            continue
        keys.add(key)
        rows.append(row_of(item, key))
    insert(rows)
    report.added[noun] = len(rows)
