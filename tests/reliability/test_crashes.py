"""Crashes: writers killed with SIGKILL at random moments. Afterwards SQLite's
integrity check says "ok", the store opens, and every check-in that a writer
acknowledged ("Logged ..." printed) before it died is there."""

from __future__ import annotations

import json
import random
import re
import signal
import sqlite3
import sys
import time
from datetime import date, timedelta

import pytest

pytestmark = pytest.mark.slow

ROUNDS = 30  # each round kills two writers: sixty SIGKILLs in all

# A writer that logs check-ins one after another, each through the whole command
# line (a fresh context, the store opened, BEGIN IMMEDIATE, commit, "Logged ..."),
# so that a kill lands inside a write far more often than with one command per process.
WRITER = """
import sys
from datetime import date, timedelta
from habits.cli import main
first, count = int(sys.argv[1]), int(sys.argv[2])
for i in range(first, first + count):
    day = date(2025, 12, 31) - timedelta(days=i // 4)
    slug, by = [("kiss", "Alex"), ("kiss", "Sam"), ("ask", "Alex"), ("ask", "Sam")][i % 4]
    try:
        main(["done", slug, "--date", day.isoformat(), "--by", by, "--note", f"n{i}" * 50], prog_name="habits")
    except SystemExit as stop:
        if stop.code:
            sys.exit(stop.code)
"""

LOGGED = re.compile(r"^Logged (?P<title>.+) for (?P<day>\d{4}-\d{2}-\d{2}) \((?P<by>[^)]+)\)\.$", re.M)
SLUGS = {"Six-second kiss": "six-second-kiss", "Ask about their day": "ask-about-their-day"}


def _acknowledged(out: str) -> set[tuple[str, str, str]]:
    return {(SLUGS[m["title"]], m["day"], m["by"]) for m in LOGGED.finditer(out)}


def test_writers_killed_at_random_moments_lose_nothing_acknowledged(procs_sqlite, tmp_path):
    procs = procs_sqlite
    with (procs.home / "config.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n[backup]\nkeep = 2\n")  # the daily export is written after a change: kill it too
    procs.run("list")  # the store exists before the first kill
    writer = tmp_path / "writer.py"
    writer.write_text(WRITER, encoding="utf-8")
    rng = random.Random(20261127)
    acked: set[tuple[str, str, str]] = set()
    kills = 0
    next_i = 0
    for round_no in range(ROUNDS):
        if round_no % 3 == 2:  # one-shot `python -m habits done`, as a person runs it
            day = date(2024, 12, 31) - timedelta(days=round_no)
            running = [
                procs.popen("done", "kiss", "--date", day.isoformat(), "--by", "Alex"),
                procs.popen("done", "ask", "--date", day.isoformat(), "--by", "Sam"),
            ]
            time.sleep(rng.uniform(0.15, 0.9))
        else:
            running = [procs.popen(str(next_i + k * 1000), "1000", launcher=[str(writer)]) for k in (0, 1)]
            next_i += 2000
            time.sleep(rng.uniform(0.4, 1.6))
        for p in running:
            p.send_signal(signal.SIGKILL)
        for p in running:
            out, _err = p.communicate(timeout=30)
            kills += p.returncode == -signal.SIGKILL
            acked |= _acknowledged(out)

    assert kills >= ROUNDS  # the kills landed (a writer that had finished is not counted)
    assert len(acked) > 50  # and writes were acknowledged between them

    db = procs.home / "habits.db"
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()
    stored = {key for key, n in procs.counts().items() if n == 1}
    assert set(procs.counts().values()) <= {1}
    assert acked <= stored, sorted(acked - stored)[:5]

    # The store still opens and works through the command line.
    logged = json.loads(procs.run("log", "--json").stdout)
    assert len(logged) == len(stored)
    procs.run("done", "kiss", "--date", "2020-01-01")
    for export in (procs.home / "backups").glob("habits-export-*.json"):
        json.loads(export.read_text(encoding="utf-8"))  # an export is whole or absent, never torn
    print(
        f"{ROUNDS} rounds, {kills} SIGKILLs, {len(acked)} acknowledged check-ins, {len(stored)} stored",
        file=sys.stderr,
    )
