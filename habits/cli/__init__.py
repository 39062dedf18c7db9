"""The `habits` command group: options, the lazy context, and errors mapped to
exit codes in one place. Commands live in modules split by noun."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from habits.cli.context import AppContext
from habits.errors import HabitsError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


# Every command, as "module:object", imported when the command is used: a hot
# command loads only its own module, and `habits --help` lists the names alone.
COMMANDS = {
    "today": "habits.cli.tracking:today",
    "done": "habits.cli.tracking:done",
    "undo": "habits.cli.tracking:undo",
    "skip": "habits.cli.tracking:skip",
    "unskip": "habits.cli.tracking:unskip",
    "streaks": "habits.cli.tracking:streaks",
    "history": "habits.cli.history:history",
    "log": "habits.cli.history:log",
    "list": "habits.cli.manage:list_",
    "show": "habits.cli.manage:show",
    "add": "habits.cli.manage:add",
    "edit": "habits.cli.manage:edit",
    "archive": "habits.cli.manage:archive",
    "unarchive": "habits.cli.manage:unarchive",
    "delete": "habits.cli.manage:delete",
    "catalog": "habits.cli.manage:catalog",
    "couple": "habits.cli.couple:couple",
    "away": "habits.cli.couple:away",
    "haunts": "habits.cli.couple:haunts",
    "paths": "habits.cli.data:paths",
    "config": "habits.cli.data:config",
    "daemon": "habits.cli.reminders:daemon",
    "reminders": "habits.cli.reminders:reminders",
    "snooze": "habits.cli.reminders:snooze",
    "notify-test": "habits.cli.reminders:notify_test",
    "note": "habits.cli.notes:note",
    "service": "habits.cli.service:service",
    "status": "habits.cli.status:status",
    "thank": "habits.cli.thanks:thank",
    "review": "habits.cli.review:review",
    "report": "habits.cli.report:report",
    "checkin": "habits.cli.rituals:checkin",
    "question": "habits.cli.rituals:question",
    "answer": "habits.cli.rituals:answer",
    "export": "habits.cli.transfer:export",
    "import": "habits.cli.transfer:import_",
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
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if cmd_name not in self.commands and where is not None:
            module, _, name = where.partition(":")
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
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

    from habits.files import append_log

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
    tearing the interpreter down (habits.cli.exit)."""
    from habits.cli.exit import leave

    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    leave(code)
