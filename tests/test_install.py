"""A non-editable install, run from another directory, finds and runs the migrations."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_non_editable_install_runs_migrations_from_elsewhere(tmp_path):
    target = tmp_path / "site"
    src = tmp_path / "src"
    # Build from a copy, so the build leaves nothing behind in the work tree.
    shutil.copytree(
        ROOT, src, ignore=shutil.ignore_patterns(".git", "*.egg-info", "build", "__pycache__", ".venv")
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(src)],
        check=True,
        capture_output=True,
    )
    assert (target / "habits" / "migrations" / "env.py").exists()
    assert (target / "habits" / "migrations" / "versions").is_dir()
    assert not (target / "migrations").exists(), "a top-level migrations package was shipped"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env.update(PYTHONPATH=str(target), HABITS_HOME=str(tmp_path / "home"))
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import habits.cli, sys; sys.argv[0] = 'habits'; habits.cli.main()",
            "streaks",
            "--json",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert '"six-second-kiss"' in run.stdout
    probe = subprocess.run(
        [sys.executable, "-c", "import habits.migrations; print(habits.migrations.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.startswith(str(target))
    page = tmp_path / "report.html"
    report = subprocess.run(
        [
            sys.executable,
            "-c",
            "import habits.cli, sys; sys.argv[0] = 'habits'; habits.cli.main()",
            "report",
            "-o",
            str(page),
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert report.returncode == 0, report.stderr  # the page's template is shipped with the package
    assert (target / "habits" / "io" / "templates" / "report.html.mako").exists()
    assert "Six-second kiss" in page.read_text(encoding="utf-8")
    shipped = {str(p.parent.relative_to(target)) for p in (target / "habits").rglob("__init__.py")}
    source = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "habits").rglob("__init__.py")}
    assert source <= shipped, f"packages missing from the install: {sorted(source - shipped)}"
