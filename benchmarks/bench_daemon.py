"""The daemon's figures: how late a due reminder arrives, then resident memory and
CPU time over an idle period, read from /proc for the daemon's own process."""

from __future__ import annotations

import os
import queue
import signal
import sqlite3
import subprocess
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bench_stores import create, env_for

NUDGE_TITLE = "Bench nudge"


@dataclass
class DaemonFigures:
    lateness_s: float | None  # seconds after the reminder's minute began
    lateness_source: str
    rss_mb: float
    cpu_s: float  # utime + stime over the idle period
    sched_s: float  # the same from schedstat (live threads only)
    idle_s: float
    note: str = ""


def has_daemon(habits_argv: list[str], home: Path) -> bool:
    result = subprocess.run(
        [*habits_argv, "daemon", "--help"],
        env=env_for(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return result.returncode == 0


def _cpu_seconds(pid: int) -> float:
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) "
    utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    return (utime + stime) / os.sysconf("SC_CLK_TCK")


def _sched_seconds(pid: int) -> float:
    """CPU time of the live threads in ns precision (schedstat's first field), to
    resolve what the 10 ms clock ticks of /proc/<pid>/stat cannot."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended meanwhile
    return total / 1e9


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _reader(stream, lines: queue.Queue) -> None:  # type: ignore[no-untyped-def]
    for line in stream:
        lines.put((time.time(), line.rstrip("\n")))
    lines.put((time.time(), None))


def _lateness_from_log(db: Path, due: datetime) -> float | None:
    """Fallback: the reminder log's row for the nudge (written just before sending)."""
    con = sqlite3.connect(db)
    try:
        row = con.execute(
            "SELECT r.created_at FROM reminder_log r JOIN habits h ON h.id = r.habit_id"
            " WHERE h.slug = 'bench-nudge' AND r.status = 'sent' ORDER BY r.id LIMIT 1"
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    if row is None:
        return None
    sent = datetime.fromisoformat(row[0]).replace(tzinfo=timezone.utc)
    return (sent - due).total_seconds()


def measure(habits_argv: list[str], workdir: Path, *, idle: float) -> DaemonFigures:
    home = workdir / "daemon"
    db = create(home, habits_argv)
    env = env_for(home)
    env["PYTHONUNBUFFERED"] = "1"  # measure the scheduler, not pipe buffering
    # The reminder falls on the first minute that starts at least 20 s from now,
    # leaving the daemon time to start.
    due = (datetime.now(timezone.utc) + timedelta(seconds=20)).replace(second=0, microsecond=0)
    due += timedelta(minutes=1)
    subprocess.run(
        [
            *habits_argv,
            "add",
            "bench-nudge",
            "--title",
            NUDGE_TITLE,
            "--daily",
            "--remind",
            due.strftime("%H:%M"),
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    proc = subprocess.Popen(
        [*habits_argv, "daemon"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc.stdout, lines), daemon=True).start()
    output: list[str] = []
    try:
        seen: float | None = None
        deadline = due.timestamp() + 90
        while seen is None and time.time() < deadline:
            try:
                at, line = lines.get(timeout=1)
            except queue.Empty:
                if proc.poll() is not None:
                    break
                continue
            if line is None:
                break
            output.append(line)
            # The stdout backend prints "[habits] <title>"; at start the daemon also
            # lists the upcoming reminders, which must not count.
            if line.strip() == f"[habits] {NUDGE_TITLE}" or ("sent:" in line and "bench-nudge" in line):
                seen = at
        if proc.poll() is not None:
            raise RuntimeError("the daemon exited early:\n" + "\n".join(output[-20:]))
        if seen is not None:
            lateness, source = seen - due.timestamp(), "stdout line"
        else:
            lateness, source = _lateness_from_log(db, due), "reminder log"
        time.sleep(2)  # let the delivery settle before the idle window
        cpu0, sched0, t0 = _cpu_seconds(proc.pid), _sched_seconds(proc.pid), time.monotonic()
        time.sleep(idle)
        cpu1, sched1, t1 = _cpu_seconds(proc.pid), _sched_seconds(proc.pid), time.monotonic()
        rss = _rss_mb(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    note = "" if seen is not None else "no stdout line seen for the nudge"
    return DaemonFigures(lateness, source, rss, cpu1 - cpu0, sched1 - sched0, t1 - t0, note)
