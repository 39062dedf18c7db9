"""Configuration: the example documents exactly the known keys; locations and precedence."""

import tomllib
from pathlib import Path

import pytest

from habits.config import SCHEMA, load_config
from habits.errors import ConfigError
from habits.locations import locate
from habits.store.urls import mask_url

ROOT = Path(__file__).resolve().parent.parent


def test_example_documents_exactly_the_known_keys_with_their_defaults():
    example = tomllib.loads((ROOT / "config.example.toml").read_text())
    documented = {(s, k): v for s, body in example.items() for k, v in body.items()}
    known = {(s, k): key.default for s, body in SCHEMA.items() for k, key in body.keys.items()}
    assert documented == known


def test_example_loads_and_checks(tmp_path):
    cfg = load_config(ROOT / "config.example.toml", explicit=True)
    cfg.check()


def test_empty_string_means_unset(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[couple]\nme = ""\npartner = ""\n[time]\ntimezone = ""\n')
    cfg = load_config(path, explicit=True)
    assert cfg.partner is None and cfg.me  # login name
    assert cfg.timezone is not None  # the system's


def test_unknown_key_names_it_and_the_nearest(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[time]\nweek_start_on = "sunday"\n')
    with pytest.raises(ConfigError, match=r"time\.week_start_on.*time\.week_starts_on"):
        load_config(path, explicit=True)


def test_malformed_toml_names_the_line(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[time]\n\nday_starts_at = "04:00\n')
    with pytest.raises(ConfigError, match="line 3"):
        load_config(path, explicit=True)


def test_missing_explicit_config_is_an_error_implicit_is_defaults(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml", explicit=True)
    assert load_config(tmp_path / "nope.toml", explicit=False).source is None


def test_config_precedence(tmp_path):
    env = {"HABITS_HOME": str(tmp_path / "home"), "HABITS_CONFIG": str(tmp_path / "env.toml")}
    assert locate("cli.toml", env).config_file == Path("cli.toml")
    assert locate(None, env).config_file == tmp_path / "env.toml"
    assert locate(None, env).config_explicit
    del env["HABITS_CONFIG"]
    loc = locate(None, env)
    assert loc.config_file == tmp_path / "home" / "config.toml" and not loc.config_explicit
    assert loc.log_file == tmp_path / "home" / "habits.log"
    loc = locate(None, {"XDG_CONFIG_HOME": str(tmp_path)})
    assert loc.config_file.name == "config.toml" and loc.config_file.parent.name == "habits"


def test_store_precedence(tmp_path):
    cfg_path = tmp_path / "c.toml"
    cfg_path.write_text(f'[store]\nurl = "{tmp_path / "cfg.db"}"\n')
    cfg = load_config(cfg_path, explicit=True)
    loc = locate(None, {"HABITS_HOME": str(tmp_path / "home"), "HABITS_DB": str(tmp_path / "env.db")})
    assert loc.store_url("cli.db", cfg).endswith("/cli.db")
    assert loc.store_url(None, cfg) == f"sqlite:///{tmp_path / 'env.db'}"
    loc = locate(None, {"HABITS_HOME": str(tmp_path / "home")})
    assert loc.store_url(None, cfg) == f"sqlite:///{tmp_path / 'cfg.db'}"
    assert loc.store_url(None, load_config(None, False)) == f"sqlite:///{tmp_path / 'home' / 'habits.db'}"
    assert loc.store_url("postgresql+psycopg://a:b@h/db", cfg) == "postgresql+psycopg://a:b@h/db"


def test_passwords_are_masked():
    assert mask_url("postgresql+psycopg://alex:s3cr3t@db/habits") == "postgresql+psycopg://alex:***@db/habits"
    assert (
        mask_url("error at postgresql://u:p%40ss@h:5432/x now") == "error at postgresql://u:***@h:5432/x now"
    )
    assert mask_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_paths_and_config_do_not_touch_the_store(habits, ok):
    out = ok("paths").stdout
    expected = habits.url.rsplit("/", 1)[-1] if habits.url else str(habits.home / "habits.db")
    assert expected in out and "habits.log" in out
    ok("config", "show")
    ok("config", "check")
    ok("catalog")
    ok("--help")
    assert habits.dump() == []


def test_config_show_masks_the_password(habits, ok):
    habits.write_config('[store]\nurl = "postgresql+psycopg://alex:hunter2@127.0.0.1:1/x"\n')
    out = ok("config", "show").stdout + ok("paths").stdout
    assert "hunter2" not in out and "alex:***@" in out
