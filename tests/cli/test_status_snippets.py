"""The README's status-bar snippets, run against the installed `habits`: each command
they name gives what its bar or shell reads."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COUPLE = '[couple]\nme = "Alex"\npartner = "Sam"\n\n[status]\non_change = ["true"]\n'


def section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## In your status bar")
    return text[start : text.index("\n## ", start + 1)]


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)\n```", section(), flags=re.S)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    (home / "config.toml").write_text(COUPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env.update(HABITS_HOME=str(home), XDG_RUNTIME_DIR=str(tmp_path / "run"))
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    subprocess.run(["habits", "done", "kiss"], env=env, check=True, capture_output=True)
    return env


def run(command: str, env: dict[str, str]) -> str:
    assert shutil.which("habits", path=env["PATH"]), "the installed command"
    result = subprocess.run(shlex.split(command), env=env, capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


def test_waybar_module_gets_the_fields_it_reads(env):
    (module,) = blocks("jsonc")
    config = json.loads("{" + "\n".join(ln for ln in module.splitlines() if not ln.startswith("//")) + "}")
    habits = config["custom/habits"]
    assert habits["return-type"] == "json"
    out = run(habits["exec"], env)
    assert out.count("\n") == 1
    bar = json.loads(out)
    assert isinstance(bar["text"], str) and bar["text"] == "1/3"
    assert isinstance(bar["tooltip"], str) and bar["class"] in ("done", "pending", "at-risk")
    assert bar["alt"] == bar["class"] and 0 <= bar["percentage"] <= 100
    habits["format"].format(bar["text"])  # waybar fills {} with the text
    (toml,) = blocks("toml")
    assert f"-RTMIN+{habits['signal']}" in toml and "waybar" in toml  # on_change signals this module


def test_on_change_snippet_is_a_valid_config(env, tmp_path):
    import tomllib

    (toml,) = blocks("toml")
    argv = tomllib.loads(toml)["status"]["on_change"]
    assert argv[0] == "pkill" and all(isinstance(a, str) for a in argv)
    config = Path(env["HABITS_HOME"]) / "config.toml"
    config.write_text(COUPLE.replace('["true"]', json.dumps(argv)), encoding="utf-8")
    assert run("habits config check", env)


def test_polybar_and_i3blocks_commands(env):
    (ini,) = blocks("ini")
    polybar = re.search(r"^exec = (.*)$", ini, flags=re.M)[1]  # type: ignore[index]
    i3blocks = re.search(r"^command=(.*)$", ini, flags=re.M)[1]  # type: ignore[index]
    line = run(polybar, env)
    assert line.count("\n") == 1 and "1/3" in line
    full, short, colour = run(i3blocks, env).splitlines()
    assert "1/3" in full and short == "1/3" and re.fullmatch(r"#[0-9a-f]{6}", colour)


def test_tmux_and_prompt_lines_are_one_line(env):
    (sh,) = blocks("sh")
    tmux, bash, zsh = sh.splitlines()
    tmux_cmd = re.search(r"#\((.*?)\)", tmux)[1]  # type: ignore[index]
    line = run(tmux_cmd, env)
    assert line.count("\n") == 1 and "1/3" in line
    ps1 = re.search(r"PS1=('.*?')", bash)[1]  # type: ignore[index]
    prompt = subprocess.run(
        ["bash", "-c", f"PS1={ps1}; printf '%s' \"${{PS1@P}}\""],
        env=env,
        capture_output=True,
        text=True,
        cwd=env["HABITS_HOME"],
    )
    assert prompt.returncode == 0 and prompt.stderr == ""
    assert "\n" not in prompt.stdout and prompt.stdout.startswith("habits 1/3 done ")
    zsh_cmd = re.search(r"\$\((.*?) 2>/dev/null\)", zsh)[1]  # type: ignore[index]
    assert run(zsh_cmd, env) == "habits 1/3 done\n"
