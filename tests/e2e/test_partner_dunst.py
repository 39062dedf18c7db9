"""End to end: the partner's activity through the real dunst, on a private session bus
and Xvfb, with two configs on one store (SQLite, and PostgreSQL when there is one):
Sam logs with the installed program, Alex's `habits daemon` (default `auto` backend)
shows one nudge naming Sam within a minute; Thank on it (through dunst's action menu,
as a person picks it) records the thank-you, and Sam's daemon tells Sam.

The seconds from Sam's check-in to Alex's nudge are written to
$HABITS_PARTNER_LATENCY_FILE when that is set (the figure for the benchmark notes)."""

import os
import subprocess
import sys
import time
from datetime import datetime

import pytest
from conftest import dump_store
from dunstsession import LOCAL, Session, config_text, start_picking_dunst
from sessionbus import Desktop, need, wait_for

pytestmark = pytest.mark.desktop


@pytest.fixture(params=["sqlite", "postgres"])
def couple(request, tmp_path):
    need(
        "dbus-daemon",
        "dbus-send",
        "Xvfb",
        "dunst",
        "dunstctl",
        why="the partner end-to-end test needs dbus, Xvfb and dunst",
    )
    url = request.getfixturevalue("pg_url") if request.param == "postgres" else ""
    home = tmp_path / "habits-home"
    home.mkdir(mode=0o700)
    with Desktop(tmp_path) as desk:
        start_picking_dunst(desk, tmp_path)
        session = Session(desk, home, tmp_path)
        (home / "config.toml").write_text(config_text("Alex", "Sam", url))
        sam = home / "sam.toml"
        sam.write_text(config_text("Sam", "Alex", url))
        try:
            yield session, sam, url
        finally:
            if session.daemon is not None and session.daemon.poll() is None:
                session.daemon.kill()
                session.daemon.wait()


def log_text(session):
    path = session.home / "habits.log"
    return path.read_text() if path.exists() else ""


@pytest.mark.slow
def test_sam_logs_alex_is_told_once_and_thank_reaches_sam(couple):
    session, sam, url = couple
    for slug in ("six-second-kiss", "ask-about-their-day", "weekly-date"):
        session.habits("delete", slug, "--yes")
    session.habits("add", "stretch", "--title", "Stretch", "--daily", "--each")
    session.start()
    wait_for(lambda: "started (pid" in log_text(session), "Alex's daemon to start")
    time.sleep(2)  # its first tick has looked
    as_sam = dict(session.env, HABITS_CONFIG=str(sam))
    logged = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "habits", "done", "stretch"],
        env=as_sam,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    wait_for(lambda: "partner activity sent: Sam: Stretch ✓" in log_text(session), "Alex's nudge", limit=90)
    latency = time.monotonic() - logged
    if os.environ.get("HABITS_PARTNER_LATENCY_FILE"):
        with open(os.environ["HABITS_PARTNER_LATENCY_FILE"], "a") as out:
            out.write(f"{'postgres' if url else 'sqlite'} {latency:.1f}\n")
    assert latency <= 75
    session.press("thank")
    wait_for(lambda: "thank from notification: Thanked Sam for Stretch" in log_text(session), "the Thank")
    assert [line.split(" ")[0] for line in session.offered()] == ["#Thank"]
    rows = [r for r in dump_store(url or f"sqlite:///{session.home / 'habits.db'}") if r[0] == "thanks"]
    today = datetime.now(LOCAL).date()
    assert [(r[2], r[3], r[5]) for r in rows] == [("Alex", "Sam", today)]
    board = subprocess.run(
        [sys.executable, "-m", "habits"], env=as_sam, capture_output=True, text=True, timeout=60
    )
    assert "Alex thanked you for Stretch" in board.stdout, board.stdout + board.stderr  # on Sam's board
    sams = subprocess.Popen(
        [sys.executable, "-m", "habits", "daemon"],
        env=as_sam,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(
            lambda: "thanks sent: Alex thanked you for Stretch" in log_text(session), "Sam's nudge", limit=90
        )
    finally:
        sams.terminate()
        sams.wait(timeout=10)
    session.stop()
    assert log_text(session).count("partner activity sent:") == 1
    assert session.history().count("Sam: Stretch ✓") == 1
    assert "Alex thanked you for Stretch" in session.history()
