"""PostgreSQL: the same migrations, seeding once under a concurrent first start,
two partners on two "laptops", and the server going away and coming back."""

import json
import os
import subprocess
import sys
from datetime import date, datetime, timezone

from habits.store.db import open_store

NOW = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
TODAY = date(2026, 3, 11)


def test_upgraded_database_matches_the_tables(pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from habits.store import tables

    store = open_store(pg_url, now=NOW, today=TODAY)
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, tables.metadata) == []
    store.close()


def laptop(tmp_path, name, url):
    """A partner's machine: their own HABITS_HOME and config, the shared store."""
    home = tmp_path / name
    home.mkdir()
    (home / "config.toml").write_text(
        f'[store]\nurl = "{url}"\n[time]\ntimezone = "Europe/Berlin"\n'
        f'[couple]\nme = "{name}"\npartner = "{"Sam" if name == "Alex" else "Alex"}"\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HABITS_")}
    env["HABITS_HOME"] = str(home)
    return env


def habits_cmd(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "habits", *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_concurrent_first_start_seeds_once(pg_url, tmp_path):
    envs = [laptop(tmp_path, n, pg_url) for n in ("Alex", "Sam")]
    for _round in range(3):
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "habits", "list", "--json"],
                env=e,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for e in envs
        ]
        outs = [p.communicate(timeout=60) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert p.returncode == 0, err
            assert [h["slug"] for h in json.loads(out)] == [
                "six-second-kiss",
                "ask-about-their-day",
                "weekly-date",
            ]


def test_two_partners_share_one_store(pg_url, tmp_path):
    alex = laptop(tmp_path, "Alex", pg_url)
    sam = laptop(tmp_path, "Sam", pg_url)
    assert habits_cmd(sam, "done", "kiss").returncode == 0
    assert habits_cmd(sam, "done", "ask").returncode == 0
    board = habits_cmd(alex).stdout
    assert "done today by Sam" in board
    rows = {r["habit"]: r for r in json.loads(habits_cmd(alex, "streaks", "--json").stdout)}
    assert rows["six-second-kiss"]["done_this_period"] is True
    ask = rows["ask-about-their-day"]
    assert ask["people"]["Sam"]["done_this_period"] is True
    assert ask["people"]["Alex"]["done_this_period"] is False
    log = json.loads(habits_cmd(alex, "log", "--json").stdout)
    assert {(r["habit"], r["by"]) for r in log} == {
        ("six-second-kiss", "Sam"),
        ("ask-about-their-day", "Sam"),
    }


def test_server_down_is_one_sentence_and_up_again_works(tmp_path, private_pg):
    server = private_pg
    env = laptop(tmp_path, "Alex", server.url)
    assert habits_cmd(env, "done", "kiss").returncode == 0
    server.stop()
    down = habits_cmd(env, "done", "kiss", "--date", "yesterday")
    assert down.returncode == 1
    assert "Traceback" not in down.stderr
    assert down.stderr.count("\n") == 1 and down.stderr.startswith("habits: ")
    assert "not-a-secret" not in down.stderr and ":***@" in down.stderr
    server.start()
    server.wait_ready()
    up = habits_cmd(env, "log", "--json")
    assert up.returncode == 0, up.stderr
    assert len(json.loads(up.stdout)) == 1


def test_partner_check_in_suppresses_my_daemon_for_together_habits_only(pg_url, tmp_path, isolated_env):
    """Two laptops on one database: Sam logs the kiss and asks about Alex's day;
    Alex's daemon stays quiet about the kiss but still nudges Alex to ask Sam."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from habits.cli.context import AppContext
    from habits.clock import FixedClock
    from habits.daemon.engine import Reminders
    from habits.notify import Delivery

    class Recorder:
        name = "recorder"

        def __init__(self):
            self.titles = []

        def send(self, title, message, timeout):
            self.titles.append(title)
            return Delivery(True, "shown")

    alex = laptop(tmp_path, "Alex", pg_url)
    sam = laptop(tmp_path, "Sam", pg_url)
    berlin = ZoneInfo("Europe/Berlin")
    day = (datetime.now(berlin) - timedelta(days=1)).date()  # a whole day, in the past for everyone
    assert habits_cmd(sam, "done", "kiss", "--date", day.isoformat()).returncode == 0
    assert habits_cmd(sam, "done", "ask", "--date", day.isoformat()).returncode == 0

    def at(hh, mm):
        return datetime(day.year, day.month, day.day, hh, mm, tzinfo=berlin)

    clock = FixedClock(at(7, 40))
    app = AppContext(config_path=str(tmp_path / "Alex" / "config.toml"), clock=clock)
    rec = Recorder()
    engine = Reminders(app.store, app.config, app.config.me, rec, people=app.people)
    engine.tick(clock.now())
    for hh, mm in ((7, 45), (18, 30), (19, 30)):
        clock.instant = at(hh, mm)
        engine.tick(clock.now())
    app.close()
    assert "Six-second kiss" not in rec.titles
    assert rec.titles.count("Ask about their day") == 1
    log = json.loads(habits_cmd(alex, "reminders", "--log", "--days", "30", "--json").stdout)
    kiss = [r for r in log if r["habit"] == "six-second-kiss"]
    assert {r["status"] for r in kiss} == {"suppressed"}
    assert all("Sam" in r["reason"] for r in kiss)
