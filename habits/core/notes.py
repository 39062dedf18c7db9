"""A check-in's note: checked when given, and added to a note already there."""

from __future__ import annotations

from habits.errors import BadValue

SEPARATOR = "; "


def check_note(text: str) -> str:
    """The note without surrounding whitespace; an empty one is refused."""
    note = text.strip() if isinstance(text, str) else ""
    if not note:
        raise BadValue(f"Note {text!r} is empty; write some text for the note.")
    return note


def join_note(existing: str | None, note: str) -> str | None:
    """`existing` with `note` added after "; ", or None when `note` is already one of its
    parts (a note given twice is kept once)."""
    if not existing:
        return note
    if f"{SEPARATOR}{note}{SEPARATOR}" in f"{SEPARATOR}{existing}{SEPARATOR}":
        return None
    return f"{existing}{SEPARATOR}{note}"
