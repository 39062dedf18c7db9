"""Where the store may be created: an explicit path's folder must exist; only the
default location is created (0700)."""

from __future__ import annotations

import stat

import pytest


@pytest.mark.parametrize("given_by", ["--db", "HABITS_DB", "store.url"])
def test_an_explicit_store_in_a_missing_folder_is_refused(habits_sqlite, tmp_path, given_by):
    h = habits_sqlite
    folder = tmp_path / "nonexistent" / "dir"
    target = folder / "h.db"
    args: list[str] = ["done", "kiss"]
    env = None
    if given_by == "--db":
        args = ["--db", str(target), *args]
    elif given_by == "HABITS_DB":
        env = {"HABITS_DB": str(target)}
    else:
        h.write_config(h.config.read_text(encoding="utf-8") + f'\n[store]\nurl = "{target}"\n')
    result = h(*args, env=env)
    assert result.exit_code == 1, result.output
    err = result.stderr.strip()
    assert err.count("\n") == 0 and err.startswith("habits: "), err
    assert str(folder) in err and given_by in err and "does not exist" in err, err
    assert not (tmp_path / "nonexistent").exists()
    assert not h.db.exists()  # nor did it fall back to the default store


def test_an_explicit_store_in_an_existing_folder_is_created(habits_sqlite, tmp_path):
    target = tmp_path / "elsewhere" / "h.db"
    target.parent.mkdir()
    result = habits_sqlite("--db", str(target), "done", "kiss")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_default_locations_are_created_0700(habits_sqlite, tmp_path, monkeypatch):
    h = habits_sqlite
    # $HABITS_HOME that does not exist yet
    home = tmp_path / "fresh-home"
    result = h("list", env={"HABITS_HOME": str(home)})
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(home.stat().st_mode) == 0o700 and (home / "habits.db").exists()
    # no $HABITS_HOME: the platform data folder
    monkeypatch.delenv("HABITS_HOME")
    result = h("list")
    assert result.exit_code == 0, result.output
    data = tmp_path / "xdg-data" / "habits"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700 and (data / "habits.db").exists()
