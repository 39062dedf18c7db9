"""`habits status`: the status for bars and prompts. Served from the status file while it
is fresh, loading nothing of the store (this module imports only the standard library,
click and the pure status module); else computed from the store and written again."""

from __future__ import annotations

import click

from habits.cli.context import AppContext, pass_app
from habits.core.status import FORMATS, fresh, render


@click.command("status")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="plain",
    show_default=True,
    help="plain (one line, for a prompt), json (everything), or a bar's own format.",
)
@pass_app
def status(app: AppContext, fmt: str) -> None:
    """Today's status in one line or for a status bar (waybar, polybar, i3blocks, tmux)."""
    from habits.io.status_file import read_status
    from habits.store.urls import mask_url

    cfg = app.config
    path = app.locations.status_file(cfg.me)
    store_id, day, now = mask_url(app.store_url), app.today(), app.now()
    payload = read_status(path)
    if payload is None or not fresh(payload, now=now, day=day, me=cfg.me, store=store_id):
        payload = _compute(app, store_id)
    click.echo(render(payload, fmt))


def _compute(app: AppContext, store_id: str) -> dict[str, object]:
    """From the store, written to the file for the next call (trouble writing it is
    logged, not shown: the answer is printed all the same)."""
    from habits.actions.status import status_payload
    from habits.files import append_log
    from habits.io.status_file import write_status

    cfg = app.config
    with app.read() as conn:
        payload = status_payload(
            conn,
            day=app.today(),
            me=cfg.me,
            partner=cfg.partner,
            people=app.people,
            week_start=cfg.week_starts_on,
            store=store_id,
            now=app.now(),
        )

    def report(text: str) -> None:
        try:
            append_log(app.locations.log_file, text)
        except OSError:
            pass

    write_status(app.locations.status_file(cfg.me), payload, on_change=cfg.status_on_change, report=report)
    return payload


COMMANDS = [status]
