"""`habits import FILE`: read a habits JSON export or a Loop Habit Tracker
backup into a Bundle (checked completely before anything is written), and
describe what the merge added and what it left."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from habits.io.bundle import BadImportFile, Bundle
from habits.io.check_export import read_export
from habits.io.merge import MergeReport
from habits.store.damage import SQLITE_MAGIC


def read_bundle(path: Path, *, me: str, today: date) -> Bundle:
    """The file's contents as a Bundle, checked whole; a check-in or skip dated after
    today is refused like `habits done` refuses it."""
    bundle = _read(path, me=me, today=today)
    _refuse_future(bundle, today, path.name)
    return bundle


def _read(path: Path, *, me: str, today: date) -> Bundle:
    """A Loop backup (by its SQLite header) or a habits export."""
    name = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        raise BadImportFile(
            f"{path} does not exist; give the path of a habits export (.json) or a Loop backup (.db)."
        ) from None
    except IsADirectoryError:
        raise BadImportFile(
            f"{path} is a folder; give the path of a habits export (.json) or a Loop backup (.db)."
        ) from None
    except OSError as exc:
        raise BadImportFile(f"Cannot read {path}: {exc.strerror}; check its permissions.") from None
    if head == SQLITE_MAGIC:
        from habits.io.loop_db import read_loop_backup

        return read_loop_backup(path, me=me, today=today)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise BadImportFile(
            f"{name} is neither a habits export (UTF-8 JSON) nor a Loop backup (SQLite); nothing was imported."
        ) from None
    if not text.strip():
        raise BadImportFile(f"{name} is empty; it may be truncated; nothing was imported.")
    return read_export(text.removeprefix("\ufeff"), name)


def _refuse_future(bundle: Bundle, today: date, name: str) -> None:
    # A habit is named as the file names it: a habits export by its slug, a Loop backup by its title.
    label = {h.slug: (h.title if h.match_title else h.slug) for h in bundle.habits}
    dated = [("check-in", c.habit, c.day) for c in bundle.checkins] + [
        ("skip", s.habit, s.day) for s in bundle.skips
    ]
    for kind, habit, day in dated:
        if day > today:
            raise BadImportFile(
                f"{name} has a {kind} of {label[habit]!r} dated {day.isoformat()}, after today "
                f"({today.isoformat()}); only today or earlier days can be logged; nothing was imported."
            )


_PLURALS = {"range of days apart": "ranges of days apart"}


def counted(n: int, noun: str) -> str:
    return f"{n} {noun if n == 1 else _PLURALS.get(noun, noun + 's')}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def describe(report: MergeReport, name: str) -> list[str]:
    """The report of an import, one sentence a line."""
    lines = []
    if report.added_habits:
        lines.append(f"Added {counted(len(report.added_habits), 'habit')}: {', '.join(report.added_habits)}.")
    if report.adopted_habits:
        lines.append(
            f"Took the file's settings for {', '.join(report.adopted_habits)} "
            "(seeded here and never used, so nothing of yours was replaced)."
        )
    if report.kept_habits:
        lines.append(
            f"Kept your settings for {', '.join(report.kept_habits)} (already here; the file's history was merged)."
        )
    added = [counted(n, noun) for noun, n in report.added.items() if n]
    if added:
        lines.append(f"Added {_and(added)}.")
    already = [counted(n, noun) for noun, n in report.already.items() if n]
    if already:
        verb = "was" if sum(report.already.values()) == 1 else "were"
        lines.append(f"Left {_and(already)} that {verb} already here.")
    if report.over_limit:
        lines.append(
            f"Left out {counted(report.over_limit, 'check-in')} beyond what its habit allows a person in a day."
        )
    lines.extend(report.notes)
    if not report.changed:
        lines.append(f"Nothing new: everything in {name} is already in the store.")
    return lines
