"""The `habits` command group: options, the lazy context, and errors mapped to
exit codes in one place. Commands live in modules split by noun."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NoReturn

import click

from habits.cli.context import AppContext
from habits.errors import HabitsError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Each command's module under habits.cli, imported when the command is used: a hot
# command loads only its own module (SPEC 8). A test checks this against the modules'
# COMMANDS lists.
COMMAND_MODULES = {
    **dict.fromkeys(("today", "done", "undo", "skip", "unskip", "streaks", "history", "log"), "tracking"),
    **dict.fromkeys(("list", "show", "add", "edit", "archive", "unarchive", "delete", "catalog"), "manage"),
    **dict.fromkeys(("couple", "away", "haunts"), "couple"),
    **dict.fromkeys(("paths", "config"), "data"),
    **dict.fromkeys(("daemon", "reminders", "snooze", "notify-test"), "reminders"),
    "note": "notes",
    "thank": "thanks",
    "service": "service",
    **dict.fromkeys(("export", "import"), "transfer"),
}


class SuggestingGroup(click.Group):
    """A group where a mistyped command name is a usage error that suggests the nearest
    command (over the names alone: no command module is imported for it)."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        unknown = name and not name.startswith("-") and self.get_command(ctx, name) is None
        if unknown and not ctx.resilient_parsing:
            from habits.core.matching import nearest

            close = nearest(name, self.list_commands(ctx))
            if close is not None:
                raise click.UsageError(f"No such command {name!r}; did you mean `{close}`?", ctx)
        return super().resolve_command(ctx, args)


class HabitsGroup(SuggestingGroup):
    """Loads commands lazily, by name; maps domain errors to one sentence on stderr
    and their exit code; anything unexpected is written to the log and reported in
    one line (exit 1)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if cmd_name not in self.commands and module is not None:
            for command in importlib.import_module(f"habits.cli.{module}").COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)

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


def run() -> None:
    """The console script (and `python -m habits`): run the command, then leave without
    tearing the interpreter down. Unloading SQLAlchemy's modules at exit costs more
    than a whole `habits done` (SPEC 8); the operating system frees the memory anyway.
    Output is flushed and atexit handlers run first. While another thread is still
    running, the ordinary exit is used, which waits for it."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    leave(code)


def leave(code: object) -> NoReturn:
    """Exit with `code` as sys.exit would (None is 0, text is printed and is 1)."""
    import atexit
    import threading

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    main_thread = threading.main_thread()
    if any(t is not main_thread and not t.daemon for t in threading.enumerate()):
        sys.exit(status)
    atexit._run_exitfuncs()  # CPython's own exit runs these; there is no public name for it
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # output lost (a closed pipe, a full disk): as Python's exit does,
            status = status or 120  # say so in the status
    os._exit(status & 0xFF)
