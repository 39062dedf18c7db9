"""Commands that move data in and out: `export` (JSON or Loop's CSV layout) and `import`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from habits.cli.context import AppContext, pass_app
from habits.cli.render import clean, echo
from habits.errors import HabitsError, UsageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from habits.io.bundle import Bundle


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: lossless backup; csv: Loop Habit Tracker's layout (needs -o DIR).",
)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="File (json; - or none = standard output) or folder (csv). A link is followed.",
)
@pass_app
def export(app: AppContext, fmt: str, output: str | None) -> None:
    """Write everything (but the reminder log) as JSON, or as Loop's CSV files."""
    from habits.io.userfile import STDOUT, names_stdout, write_user_file

    if fmt == "csv":
        if not output or output == STDOUT:
            raise UsageError("--format csv writes a folder of files; give it with -o DIR.")
        from habits.io.loop_csv import export_csv

        folder = Path(output).expanduser()
        with app.read() as conn:
            written = export_csv(conn, folder, today=app.today(), week_start=app.config.week_starts_on)
        echo(f"Wrote {len(written)} CSV files in Loop Habit Tracker's layout to {clean(str(folder))}.")
        return
    from habits.io.export_json import build, dumps

    with app.read() as conn:
        doc = build(conn, me=app.config.me, partner=app.config.partner)
    text = dumps(doc)
    if not output or names_stdout(output, sys.stdout):
        click.echo(text, nl=False)  # the JSON alone: no report line mixed into it
        return
    path = Path(output).expanduser()
    if path.is_dir():
        raise UsageError(f"-o {output} is a folder; give a file name such as {path / 'habits-export.json'}.")
    try:
        write_user_file(path, text)
    except OSError as exc:
        raise HabitsError(
            f"Cannot write the export to {path}: {exc.strerror or exc}; choose another -o FILE."
        ) from None
    echo(f"Exported {len(doc['habits'])} habits and {len(doc['checkins'])} check-ins to {clean(str(path))}.")


@click.command("import")
@click.argument("file", metavar="FILE")
@click.option("--dry-run", is_flag=True, help="Say what the import would do; change nothing.")
@pass_app
def import_(app: AppContext, file: str, dry_run: bool) -> None:
    """Merge a habits export (.json) or a Loop Habit Tracker backup (.db) into the store."""
    from habits.io.import_json import describe, read_bundle
    from habits.io.merge import merge, rehearse

    path = Path(file).expanduser()
    bundle = read_bundle(path, me=app.config.me, today=app.today())  # checked before the store is touched
    app.seed = False  # a store that import creates is not seeded (an existing one is left as it is)
    config = str(app.locations.config_file)
    if dry_run:
        store = app.store if _store_exists(app) else None
        people = app.people  # a store the import would create records the config's couple first

        def check(conn: Connection) -> None:
            if store is None:
                from habits.store.people import record_couple

                record_couple(conn, people)
            check_couple(conn, bundle, path.name, config)

        report = rehearse(store, bundle, now=app.now(), check=check)
        echo(f"Dry run: nothing was changed; importing {clean(path.name)} would do this:")
    else:
        with app.write() as conn:
            check_couple(conn, bundle, path.name, config)
            report = merge(conn, bundle, now=app.now())
    for line in describe(report, path.name):
        echo(clean(line))


def _store_exists(app: AppContext) -> bool:
    """False only for an SQLite store whose file is not there yet (a dry run must not make it)."""
    from habits.store.urls import sqlite_path

    path = sqlite_path(app.store_url)
    return path is None or (path.exists() and path.stat().st_size > 0)


def check_couple(conn: Connection, bundle: Bundle, name: str, config: str) -> None:
    """Refuse a file whose check-ins, skips or couple name someone this store's couple
    does not have; a one-person store named by the file records the file's partner."""
    from habits.core.couple import import_couple
    from habits.io.bundle import BadImportFile
    from habits.store.people import record_couple, store_people

    named = {c.by for c in bundle.checkins} | {s.by for s in bundle.skips if s.by}
    named |= {p for t in bundle.thanks for p in (t.by, t.to)} | {
        p for h in bundle.habits for p, _ in h.reminders_for
    }
    if bundle.couple is not None:
        named |= {n for n in bundle.couple if n}
    people = store_people(conn)
    couple, problem = import_couple(named, people, name, config)
    if problem:
        raise BadImportFile(problem)
    if couple != people:
        record_couple(conn, couple)
        bundle.notes.append(
            f"This store's couple is now {couple[0]} and {couple[1]} "
            f'(set couple.partner = "{couple[1]}" in {config} to see both).'
        )
