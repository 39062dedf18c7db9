"""How a thank-you reads to the person thanked (the board and the daemon say the same)."""

from __future__ import annotations


def thanked_line(from_person: str, title: str, note: str | None = None) -> str:
    """ "Alex thanked you for Six-second kiss", with the note after a colon when there is one."""
    line = f"{from_person} thanked you for {title}"
    return f"{line}: {note}" if note else line
