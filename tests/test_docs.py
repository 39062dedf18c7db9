"""The generated documents (the command reference, the configuration reference and
config.example.toml) match what the program says of itself, and the README keeps
its promises to a newcomer."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("habits_docs_generate", ROOT / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_documents_are_current():
    generate = _generator()
    stale = [str(path.relative_to(ROOT)) for path in generate.stale()]
    assert stale == [], f"stale: {stale}; run `python docs/generate.py`"


def test_every_command_is_in_the_reference():
    from click.testing import CliRunner

    from habits.cli import main

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    listed = CliRunner().invoke(main, ["--help"]).output.split("Commands:", 1)[1]
    names = [line.split()[0] for line in listed.splitlines() if line.strip()]
    assert names and all(f"## `habits {name}`" in text for name in names)


def test_readme_starts_with_the_two_commands_and_stays_short():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", text, flags=re.S)
    assert blocks[0] == "pip install . && habits daemon"
    assert blocks[1] == "pip install -e '.[test]' && pytest"
    assert len(text.splitlines()) <= 250


def test_no_file_points_at_a_spec_outside_the_repository():
    pattern = re.compile(r"SPEC\b|shared/SPEC|\.\./shared")
    offenders = []
    for path in ROOT.rglob("*"):
        if path.suffix not in {".py", ".md", ".toml", ".mako", ".cfg"} or ".git" in path.parts:
            continue
        if any(
            part.startswith((".", "build")) or part.endswith(".egg-info")
            for part in path.relative_to(ROOT).parts
        ):
            continue
        if path.name == "test_docs.py":
            continue
        if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
