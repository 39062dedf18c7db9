"""The status for bars and prompts: a small payload built from plain values, checked
when read back, and rendered in the formats bars and shells read. Pure: no files, no
store; `habits status` loads this module alone, so it imports only the standard library."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

VERSION = 1
FORMATS = ("plain", "json", "waybar", "polybar", "tmux", "i3blocks")
FRESH_FOR = timedelta(minutes=2)  # a file written longer ago is computed again
AHEAD_OK = timedelta(seconds=5)  # a file "written" later than now (the clock went back) is not trusted


class HabitLine(NamedTuple):
    slug: str
    title: str
    done: bool  # done this period (my part, for a habit each of us does)
    by: Sequence[str]  # who logged it this period
    at_risk: bool
    streak: int
    excused: bool = False
    progress: str = ""  # a measured habit's period total against its target ("25/20 minutes today")


class BadStatus(ValueError):
    """A status file that is truncated, malformed or not one habits wrote."""


def build(
    *,
    day: date,
    me: str,
    partner: str | None,
    store: str,
    written_at: datetime,
    habits: Sequence[HabitLine],
    thanks: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """The payload: who and when, each active habit, the counts, the unread thanks, and
    the fields waybar's custom modules read (text, tooltip, class, alt, percentage)."""
    items = [
        {
            "slug": h.slug,
            "title": h.title,
            "done": h.done,
            "by": list(h.by),
            "at_risk": h.at_risk and not h.done,
            "streak": h.streak,
            "excused": h.excused and not h.done,
            **({"progress": h.progress} if h.progress else {}),
        }
        for h in habits
    ]
    done = sum(1 for h in items if h["done"])
    excused = sum(1 for h in items if h["excused"])
    at_risk = sum(1 for h in items if h["at_risk"])
    due = len(items) - excused
    pending = due - done
    state = "at-risk" if at_risk else "pending" if pending else "done"
    text = f"{done}/{due}" + (f" !{at_risk}" if at_risk else "")
    lines = [
        f"{_mark(h)} {h['title']}"
        + (f" ({h['streak']})" if h["streak"] else "")
        + (f": {h['progress']}" if h.get("progress") else "")
        for h in items
    ]
    lines += [_thank_line(t) for t in thanks]
    return {
        "version": VERSION,
        "written_at": written_at.isoformat(timespec="seconds"),
        "day": day.isoformat(),
        "me": me,
        "partner": partner,
        "store": store,
        "habits": items,
        "counts": {
            "total": len(items),
            "done": done,
            "pending": pending,
            "excused": excused,
            "at_risk": at_risk,
        },
        "unread_thanks": len(thanks),
        "thanks": [dict(t) for t in thanks],
        "text": text,
        "tooltip": "\n".join([f"habits {day.isoformat()}: {done} of {due} done", *lines]),
        "class": state,
        "alt": state,
        "percentage": 100 if due == 0 else round(100 * done / due),
    }


def _mark(item: Mapping[str, Any]) -> str:
    if item["done"]:
        return "✓"
    if item["excused"]:
        return "~"
    return "!" if item["at_risk"] else "·"


def _thank_line(thank: Mapping[str, Any]) -> str:
    what = f" for {thank['habit']}" if thank.get("habit") else ""
    return f"♥ {thank.get('from', '')} thanked you{what}"


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "version": int,
    "written_at": str,
    "day": str,
    "me": str,
    "partner": (str, type(None)),
    "store": str,
    "habits": list,
    "counts": dict,
    "unread_thanks": int,
    "thanks": list,
    "text": str,
    "tooltip": str,
    "class": str,
    "alt": str,
    "percentage": int,
}


def check(payload: Any) -> dict[str, Any]:
    """The payload if it is a whole one of this version; else BadStatus."""
    if not isinstance(payload, dict) or payload.get("version") != VERSION:
        raise BadStatus("not a status of this version")
    for name, kind in _FIELDS.items():
        if not isinstance(payload.get(name), kind) or isinstance(payload.get(name), bool) and kind is int:
            raise BadStatus(f"field {name!r} is missing or malformed")
    for item in payload["habits"]:
        if not isinstance(item, dict) or not all(
            k in item for k in ("slug", "title", "done", "at_risk", "streak")
        ):
            raise BadStatus("a habit entry is malformed")
    try:
        datetime.fromisoformat(payload["written_at"])
        date.fromisoformat(payload["day"])
    except ValueError:
        raise BadStatus("a date is malformed") from None
    return payload


def fresh(payload: Mapping[str, Any], *, now: datetime, day: date, me: str, store: str) -> bool:
    """Whether a checked payload may be shown as it is: written in the last two minutes
    (not later than now), for this habit-day, this person and this store."""
    written = datetime.fromisoformat(payload["written_at"])
    if written.tzinfo is None:
        return False
    age = now - written
    return (
        -AHEAD_OK <= age <= FRESH_FOR
        and payload["day"] == day.isoformat()
        and payload["me"] == me
        and payload["store"] == store
    )


def same_content(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> bool:
    """Whether two payloads say the same thing (when they were written aside)."""
    if old is None:
        return False
    return {k: v for k, v in old.items() if k != "written_at"} == {
        k: v for k, v in new.items() if k != "written_at"
    }


def render(payload: Mapping[str, Any], fmt: str) -> str:
    """The payload in one of FORMATS (without the final newline)."""
    if fmt == "json":
        return json.dumps(payload, ensure_ascii=False, indent=2)
    if fmt == "waybar":  # one line of JSON: waybar's custom module with return-type json
        keys = ("text", "tooltip", "class", "alt", "percentage")
        return json.dumps({k: _bar_text(payload[k]) for k in keys}, ensure_ascii=False)
    text = _bar_text(payload["text"])
    if fmt == "tmux":
        colour = {"at-risk": "red", "pending": "yellow", "done": "green"}[payload["class"]]
        return f"#[fg={colour}]♥ {text}#[default]"
    if fmt == "polybar":
        colour = {"at-risk": "#e06c75", "pending": "#e5c07b", "done": "#98c379"}[payload["class"]]
        return f"%{{F{colour}}}♥ {text}%{{F-}}"
    if fmt == "i3blocks":  # full text, short text, colour: one per line
        colour = {"at-risk": "#e06c75", "pending": "#e5c07b", "done": "#98c379"}[payload["class"]]
        return f"♥ {text}\n{text}\n{colour}"
    if fmt == "plain":  # one line, for a shell prompt
        counts = payload["counts"]
        extra = f", {counts['at_risk']} at risk" if counts.get("at_risk") else ""
        thanks = f", {payload['unread_thanks']} thank-you" if payload["unread_thanks"] else ""
        return f"habits {payload['text'].split(' ')[0]} done{extra}{thanks}"
    raise ValueError(f"unknown status format {fmt!r}")


def _bar_text(value: Any) -> Any:
    """Text without control characters (a title cannot drive a terminal or break a bar's
    line); newlines kept, as separators of the tooltip and the plain format."""
    if not isinstance(value, str):
        return value
    return "".join(c for c in value if c == "\n" or unicodedata.category(c)[0] != "C")
