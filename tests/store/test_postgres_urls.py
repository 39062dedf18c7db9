"""PostgreSQL URLs as people write them, a missing driver, and a refused login said plainly."""

from __future__ import annotations

import sys

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url


def _one_sentence(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    err = result.stderr.strip()
    assert err.startswith("habits: ") and "\n" not in err and "Traceback" not in err, err
    assert "reachable" not in err, err
    return err


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_postgres_and_postgresql_urls_use_the_installed_driver(habits_sqlite, pg_url, scheme):
    plain = make_url(pg_url).set(drivername=scheme).render_as_string(hide_password=False)
    assert plain.startswith(f"{scheme}://")
    result = habits_sqlite("--db", plain, "done", "kiss")
    assert result.exit_code == 0, (result.output, result.stderr)
    result = habits_sqlite("log", "--json", env={"HABITS_DB": plain})
    assert result.exit_code == 0 and "six-second-kiss" in result.stdout


def test_a_missing_driver_names_the_extra(habits_sqlite, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the extra were not installed
    err = _one_sentence(habits_sqlite("--db", "postgres://alex:pw@127.0.0.1:1/habits", "list"))
    assert "pw@" not in err and "pip install 'habits[postgres]'" in err and "pip install '.[postgres]'" in err


def test_an_unknown_database_or_user_says_so(habits_sqlite, pg_admin_url):
    url = make_url(pg_admin_url).set(database="no_such_habits_db")
    err = _one_sentence(habits_sqlite("--db", url.render_as_string(hide_password=False), "list"))
    assert "no database 'no_such_habits_db'" in err
    url = make_url(pg_admin_url).set(username="no_such_habits_user", password="s3cret-pw")
    err = _one_sentence(habits_sqlite("--db", url.render_as_string(hide_password=False), "list"))
    assert "no user 'no_such_habits_user'" in err and "s3cret-pw" not in err


def test_a_wrong_password_says_so_with_the_password_masked(habits_sqlite, private_pg):
    """The shared test server trusts every local login, so this one asks a private
    server to check passwords (scram) for a role made with one."""
    admin = create_engine(private_pg.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE ROLE alex LOGIN PASSWORD 'right-horse'")
            conn.exec_driver_sql("CREATE DATABASE alex_habits OWNER alex")
            hba = conn.exec_driver_sql("SHOW hba_file").scalar_one()
            with open(hba, encoding="utf-8") as fh:
                rules = fh.read()
            with open(hba, "w", encoding="utf-8") as fh:
                fh.write("host all alex 127.0.0.1/32 scram-sha-256\n" + rules)
    finally:
        admin.dispose()
    private_pg.stop()  # a restart reads the new rule (a reload would be asynchronous)
    private_pg.start()
    base = make_url(private_pg.url).set(username="alex", database="alex_habits")
    wrong = base.set(password="battery-staple", drivername="postgresql").render_as_string(hide_password=False)
    err = _one_sentence(habits_sqlite("--db", wrong, "list"))
    assert "refused the password for user 'alex'" in err and "battery-staple" not in err and "***" in err
    right = base.set(password="right-horse").render_as_string(hide_password=False)
    result = habits_sqlite("--db", right, "list")
    assert result.exit_code == 0, result.stderr
