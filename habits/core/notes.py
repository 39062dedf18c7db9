"""A note added to a check-in already logged: checked, and joined to the note there."""

from __future__ import annotations

from habits.errors import BadValue

SEPARATOR = "; "


def check_note(text: str) -> str:
    """The note as typed; one with no text (empty or only whitespace) is refused."""
    if not isinstance(text, str) or not text.strip():
        raise BadValue(f"Note {text!r} is empty; write some text for the note.")
    return text


def join_note(existing: str | None, note: str) -> str | None:
    """`existing` with `note` added after "; ", or None when `note` is already one of its
    parts (a note given twice is kept once)."""
    if not existing:
        return note
    if f"{SEPARATOR}{note}{SEPARATOR}" in f"{SEPARATOR}{existing}{SEPARATOR}":
        return None
    return f"{existing}{SEPARATOR}{note}"
