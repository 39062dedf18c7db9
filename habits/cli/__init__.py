"""The `habits` command group: options, the lazy context, and errors mapped to
exit codes in one place. Commands live in modules split by noun."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from habits.cli.context import AppContext
from habits.errors import HabitsError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class HabitsGroup(click.Group):
    """Maps domain errors to one sentence on stderr and their exit code; anything
    unexpected is written to the log and reported in one line (exit 1)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        for arg in args:  # bytes that are not UTF-8 (a Latin-1 terminal) arrive as lone surrogates
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                raise click.UsageError(
                    f"Argument {arg!r} is not valid UTF-8 text; set your terminal to UTF-8 "
                    "(e.g. LANG=C.UTF-8) and type it again.",
                    ctx,
                ) from None
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HabitsError as exc:
            _fail(str(exc), exc.exit_code)
        except click.exceptions.Abort:
            _fail("Cancelled; nothing was changed.", 1)
        except (click.exceptions.ClickException, click.exceptions.Exit):
            raise
        except KeyboardInterrupt:
            _fail("Interrupted; nothing more was changed.", 130)
        except BrokenPipeError:
            sys.stderr.close()  # `habits log | head`: not an error
            os._exit(0)
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            app = ctx.find_object(AppContext)
            where = _log_unexpected(exc, app)
            _fail(f"Unexpected error ({type(exc).__name__}); the details are in {where}.", 1)
        finally:
            app = ctx.find_object(AppContext)
            if app is not None:
                app.close()


def _fail(message: str, code: int) -> None:
    from habits.cli.render import clean

    # Messages quote what was typed: escaped, an error stays one line and cannot drive the terminal.
    click.echo(f"habits: {clean(message)}", err=True)
    sys.exit(code)


def _log_unexpected(exc: BaseException, app: AppContext | None) -> str:
    import traceback

    from habits.logfile import append_log

    try:
        path = (app or AppContext()).locations.log_file
        text = "".join(traceback.format_exception(exc))
        append_log(path, "unexpected error\n" + text)
        return str(path)
    except Exception:  # noqa: BLE001 - even the log is unavailable
        return "(the log could not be written)"


@click.group(cls=HabitsGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.option("--config", "config_path", metavar="PATH", help="Config file (default: see `habits paths`).")
@click.option("--db", metavar="URL|PATH", help="Store: an SQLite path or a database URL.")
@click.version_option(package_name="habits", prog_name="habits")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, db: str | None) -> None:
    """Keep the small rituals of a relationship alive: log them, see your streaks.

    With no command, shows today's board.
    """
    os.umask(0o077)  # everything habits writes holds private data
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:  # a Latin-1 or cp1252 terminal: a ✓ or an emoji is escaped, not a crash
        reconfigure(errors="backslashreplace")
    if ctx.obj is None:
        ctx.obj = AppContext(config_path=config_path, db=db)
    else:  # a caller (e.g. a test) handed in its own context
        ctx.obj.config_path = config_path or ctx.obj.config_path
        ctx.obj.db = db or ctx.obj.db
    if ctx.invoked_subcommand is None:
        from habits.cli.tracking import today

        ctx.invoke(today)


def _register() -> None:
    from habits.cli import couple, data, manage, tracking

    for module in (tracking, manage, couple, data):
        for command in module.COMMANDS:
            main.add_command(command)
    from habits.cli import reminders, service

    for command in reminders.COMMANDS + service.COMMANDS:
        main.add_command(command)
    from habits.cli import transfer

    for command in transfer.COMMANDS:
        main.add_command(command)


_register()
