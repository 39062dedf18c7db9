"""Write the generated documents: the command reference (docs/cli.md, from every
command's --help), the configuration reference (docs/configuration.md) and
config.example.toml (both from the configuration schema).

    python docs/generate.py          # rewrite them
    python docs/generate.py --check  # exit 1 when one is stale (the tests do this)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 88


def cli_reference() -> str:
    from habits.cli import main

    lines = [
        "# Command reference",
        "",
        "Generated from `habits --help` by `python docs/generate.py`; do not edit by hand.",
        "",
    ]

    def walk(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        ctx = click.Context(command, info_name=path[-1], parent=parent, terminal_width=WIDTH, max_content_width=WIDTH)
        title = " ".join(path)
        lines.extend([f"## `{title}`", "", "```text", command.get_help(ctx).rstrip(), "```", ""])
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and not sub.hidden:
                    walk(sub, [*path, name], ctx)

    walk(main, ["habits"], None)
    return "\n".join(lines).rstrip() + "\n"


def configuration_reference() -> str:
    from habits.config import config_reference

    return config_reference()


def example_config() -> str:
    from habits.config import example_toml

    return example_toml()


DOCUMENTS = {
    ROOT / "docs" / "cli.md": cli_reference,
    ROOT / "docs" / "configuration.md": configuration_reference,
    ROOT / "config.example.toml": example_config,
}


def stale() -> list[Path]:
    return [path for path, make in DOCUMENTS.items() if not path.exists() or path.read_text(encoding="utf-8") != make()]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        old = stale()
        for path in old:
            print(f"{path.relative_to(ROOT)} is stale: run python docs/generate.py", file=sys.stderr)
        return 1 if old else 0
    for path, make in DOCUMENTS.items():
        path.write_text(make(), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
