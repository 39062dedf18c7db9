"""`habits export --format json`: the whole store but the reminder log, as a
deterministic document (fixed key order, sorted lists, no export time, no
database ids), so that export -> import into an empty store -> export gives
the same bytes."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection

from habits.core.dates import utc_iso
from habits.core.habit import Habit, amount_value
from habits.io.bundle import FORMAT, VERSION
from habits.store import answers, own_times, thanks, transfer

if TYPE_CHECKING:
    from habits.core.rituals import Answer
    from habits.store.own_times import OwnTimes


def build(conn: Connection, *, me: str, partner: str | None) -> dict[str, Any]:
    links = {slug: uuid for uuid, slug in transfer.loop_links(conn).items()}
    overrides = own_times.load(conn)
    all_habits = transfer.all_habits(conn)
    habits = [_habit(h, links, overrides) for h in all_habits]
    measured = {h.slug for h in all_habits if h.measured}
    checkins = [_checkin(c, c["slug"] in measured) for c in transfer.checkins(conn)]
    skips = [
        {"habit": s["slug"], "date": s["day"].isoformat(), "by": s["person"], "reason": s["reason"]}
        for s in transfer.skips(conn)
    ]
    away = [
        {"start": a["start"].isoformat(), "end": a["end"].isoformat(), "note": a["note"]}
        for a in transfer.away(conn)
    ]
    haunts = [{"name": h["name"]} for h in transfer.haunts(conn)]
    given = [
        {
            "habit": th.slug,
            "date": th.day.isoformat(),
            "by": th.from_person,
            "to": th.to_person,
            "thanked_on": th.thanked_on.isoformat(),
            "logged_at": utc_iso(th.logged_at),
            "read_at": utc_iso(th.read_at) if th.read_at else None,
            "note": th.note,
        }
        for th in sorted(
            thanks.all_thanks(conn),
            key=lambda th: (th.logged_at, th.slug, th.day, th.from_person, th.to_person),
        )
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "couple": {"me": me, "partner": partner},
        "habits": habits,
        "checkins": checkins,
        "skips": skips,
        "away": away,
        "haunts": haunts,
        "thanks": given,
        "answers": [_answer(a) for a in answers.all_answers(conn)],
    }


def _habit(h: Habit, links: dict[str, str], overrides: OwnTimes) -> dict[str, Any]:
    """A habit; `every` only for a habit of blocks of N days and `measure` only for a
    measured one, so a store of daily and weekly yes/no habits exports as it always did."""
    out: dict[str, Any] = {"slug": h.slug, "title": h.title, "cadence": h.cadence}
    if h.cadence == "every":
        out["every"] = h.every
    out["target"] = h.target
    if h.measured:
        out["measure"] = {"unit": h.measure, "kind": h.measure_kind, "target": amount_value(h.measure_target)}
    out.update(
        who=h.who,
        reminders=list(h.reminders),
        reminders_for={p: list(times) for p, times in sorted(overrides.get(h.id or 0, {}).items())},
        days=list(h.days),
        why=h.why,
        archived=h.archived,
        created_on=h.created_on.isoformat() if h.created_on else None,
        position=h.position,
        loop_uuid=links.get(h.slug),
    )
    return out


def _checkin(c: dict[str, Any], measured: bool) -> dict[str, Any]:
    """A check-in; with its `amount` (a JSON number of the unit) when its habit is measured."""
    out = {
        "habit": c["slug"],
        "date": c["day"].isoformat(),
        "by": c["person"],
        "logged_at": utc_iso(c["logged_at"]),
        "note": c["note"],
        "place": c["place"],
    }
    if measured:
        out["amount"] = None if c["amount"] is None else amount_value(c["amount"])
    return out


def _answer(a: Answer) -> dict[str, Any]:
    """An answer, sealed or not (the export is a full backup); a check-in as an object."""
    from habits.core.rituals import CHECKIN, decode_checkin

    body: Any = a.body
    if a.kind == CHECKIN and a.body is not None:
        c = decode_checkin(a.body)
        body = {
            "appreciations": list(c.appreciations),
            "went_well": c.went_well,
            "work_on": c.work_on,
            "connected": c.connected,
        }
    return {
        "kind": a.kind,
        "period": a.period.isoformat(),
        "by": a.person,
        "body": body,
        "logged_at": utc_iso(a.logged_at),
        "updated_at": utc_iso(a.updated_at),
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
