"""`habits export --format json`: the whole store but the reminder log, as a
deterministic document (fixed key order, sorted lists, no export time, no
database ids), so that export -> import into an empty store -> export gives
the same bytes."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.engine import Connection

from habits.core.dates import utc_iso
from habits.io.bundle import FORMAT, VERSION
from habits.store import transfer


def build(conn: Connection, *, me: str, partner: str | None) -> dict[str, Any]:
    links = {slug: uuid for uuid, slug in transfer.loop_links(conn).items()}
    habits = [
        {
            "slug": h.slug,
            "title": h.title,
            "cadence": h.cadence,
            "target": h.target,
            "who": h.who,
            "reminders": list(h.reminders),
            "days": list(h.days),
            "why": h.why,
            "archived": h.archived,
            "created_on": h.created_on.isoformat() if h.created_on else None,
            "position": h.position,
            "loop_uuid": links.get(h.slug),
        }
        for h in transfer.all_habits(conn)
    ]
    checkins = [
        {
            "habit": c["slug"],
            "date": c["day"].isoformat(),
            "by": c["person"],
            "logged_at": utc_iso(c["logged_at"]),
            "note": c["note"],
            "place": c["place"],
        }
        for c in transfer.checkins(conn)
    ]
    skips = [
        {"habit": s["slug"], "date": s["day"].isoformat(), "by": s["person"], "reason": s["reason"]}
        for s in transfer.skips(conn)
    ]
    away = [{"start": a["start"].isoformat(), "end": a["end"].isoformat(), "note": a["note"]} for a in transfer.away(conn)]
    haunts = [{"name": h["name"]} for h in transfer.haunts(conn)]
    return {
        "format": FORMAT,
        "version": VERSION,
        "couple": {"me": me, "partner": partner},
        "habits": habits,
        "checkins": checkins,
        "skips": skips,
        "away": away,
        "haunts": haunts,
    }


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
