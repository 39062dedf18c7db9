"""`habits service install | uninstall | status [--dry-run]`: run the daemon at login."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click

from habits.cli import SuggestingGroup
from habits.cli.context import AppContext, pass_app
from habits.cli.render import echo


def _plan(app: AppContext):
    from habits.daemon import service

    env = dict(os.environ if app.env is None else app.env)
    return service.plan(
        service.platform_key(),
        env=env,
        home=Path.home(),
        argv=service.daemon_argv(),
        log_dir=app.locations.log_file.parent,
    )


def _show(cmd: tuple[str, ...]) -> str:
    return shlex.join(cmd) if sys.platform != "win32" else " ".join(cmd)


@click.group("service", cls=SuggestingGroup)
def service() -> None:
    """Run `habits daemon` at login (systemd user unit, launchd agent or Task Scheduler)."""


@service.command("install")
@click.option("--dry-run", is_flag=True, help="Print what would be written and run; change nothing.")
@pass_app
def install(app: AppContext, dry_run: bool) -> None:
    """Install and start the login service."""
    from habits.daemon.service import ServiceError, run, write_file

    plan = _plan(app)
    if dry_run:
        if plan.path is not None:
            echo(f"Would write {plan.path}:")
            echo(plan.content.rstrip("\n"))
        for cmd in plan.install:
            echo(f"Would run: {_show(cmd)}")
        return
    if plan.path is not None:
        write_file(plan.path, plan.content)
        echo(f"Wrote {plan.path}.")
    for cmd in plan.install:
        code, out = run(cmd)
        if code != 0 and cmd[:2] != ("launchctl", "unload"):  # unloading nothing is fine
            where = f"wrote {plan.path} but " if plan.path else ""
            raise ServiceError(
                f"The service is not running: {where}`{_show(cmd)}` failed ({out or f'exit {code}'}); "
                f"run it yourself in your desktop session, or start `habits daemon` from your "
                "session's autostart."
            )
        echo(f"Ran: {_show(cmd)}")
    echo("habits daemon now runs at login (and has been started).")


@service.command("uninstall")
@click.option("--dry-run", is_flag=True, help="Print what would be removed and run; change nothing.")
@pass_app
def uninstall(app: AppContext, dry_run: bool) -> None:
    """Stop and remove the login service."""
    from habits.daemon.service import run

    plan = _plan(app)
    for cmd in plan.uninstall:
        if dry_run:
            echo(f"Would run: {_show(cmd)}")
            continue
        code, out = run(cmd)
        echo(f"Ran: {_show(cmd)}" + (f" (exit {code}: {out})" if code else ""))
    if plan.path is not None:
        if dry_run:
            echo(f"Would remove {plan.path}.")
        elif plan.path.exists():
            plan.path.unlink()
            echo(f"Removed {plan.path}.")
        else:
            echo(f"Nothing to remove at {plan.path}.")


@service.command("status")
@click.option("--dry-run", is_flag=True, help="Print the commands that would be asked.")
@pass_app
def status(app: AppContext, dry_run: bool) -> None:
    """Whether the login service is installed and running."""
    from habits.daemon.service import run

    plan = _plan(app)
    if plan.path is not None:
        state = "installed" if plan.path.exists() else "not installed"
        echo(f"{plan.path}: {state}")
    for cmd in plan.status:
        if dry_run:
            echo(f"Would run: {_show(cmd)}")
            continue
        code, out = run(cmd)
        echo(f"{_show(cmd)}: {out or ('ok' if code == 0 else f'exit {code}')}")
