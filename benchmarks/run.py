"""The performance budget of the hot commands and the daemon, measured on this machine in one run.

    python benchmarks/run.py [--runs 15] [--idle 60] [--years 10] [--no-daemon] [--only report]

Every figure is a ratio against a baseline measured in the same run: the measured
command and its baseline(s) alternate (A B C, then C B A, ...), each a fresh
process, and the ratio is of their medians. The commands run as
`<this python> -m habits ...` (`--entry script` runs the installed console script
instead); the baselines run the same interpreter with -c. The budgets are on wall
time; each row also shows the ratio of CPU times (user + system, from wait4),
which other load on the machine disturbs far less. Each store lives in its
own temporary HABITS_HOME with a config of its own (UTC, couple alex and sam).
`streaks` keeps a cache of checkpoints in the store (renewed about monthly): the
warm-up run fills it, so the timed runs resume from it; a reference row times
`streaks` with the cache emptied before every run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_daemon
import bench_stores

FLOOR = [sys.executable, "-c", "import sqlalchemy, click"]
# The same imports, leaving as habits' console script does (no interpreter teardown):
# what habits adds on top of importing its dependencies.
FLOOR_NO_TEARDOWN = [sys.executable, "-c", "import sqlalchemy, click, os; os._exit(0)"]
BARE = [sys.executable, "-c", "pass"]
COMMANDS = {
    "done kiss": ["done", "kiss"],
    "board": [],
    "streaks": ["streaks"],
    "question": ["question"],
    "answer": ["answer", "The walk home, hand in hand."],  # replaces itself on every run
}


def timed(argv: list[str], env: dict[str, str] | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds: the child's user + system time, from wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err.decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime


Job = tuple[list[str], "dict[str, str] | None", "Callable[[], None] | None"]


def alternate(jobs: list[Job], runs: int) -> list[tuple[float, float]]:
    """Median (wall, CPU) seconds of each job, run in alternating order after one
    warm-up each. A job's `after` runs untimed after each of its runs (e.g. undo a `done`)."""
    samples: list[list[tuple[float, float]]] = [[] for _ in jobs]
    for rnd in range(runs + 1):
        order = list(range(len(jobs)))
        if rnd % 2:
            order.reverse()
        for i in order:
            argv, env, after = jobs[i]
            t = timed(argv, env)
            if after is not None:
                after()
            if rnd:  # round 0 warms the disk cache and the bytecode
                samples[i].append(t)
    return [(statistics.median(w for w, _ in s), statistics.median(c for _, c in s)) for s in samples]


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(self, name: str, detail: str, value: str, budget: str, verdict: str) -> None:
        self.rows.append((name, detail, value, budget, verdict))

    def ratio(self, name: str, a: tuple[float, float], b: tuple[float, float], budget: float | None) -> None:
        """The budget is on wall time; the CPU-time ratio beside it is steadier on a
        busy machine (other processes stretch wall time, not a process's own CPU time)."""
        r, cpu = a[0] / b[0], a[1] / b[1]
        verdict = "ref" if budget is None else ("PASS" if r <= budget else "MISS")
        self.add(
            name,
            f"{a[0] * 1000:.0f} ms / {b[0] * 1000:.0f} ms (cpu {cpu:.3f}x)",
            f"{r:.3f}x",
            "-" if budget is None else f"<= {budget}x",
            verdict,
        )

    def print(self) -> None:
        head = ("figure", "medians: wall (cpu ratio)", "value", "budget", "")
        widths = [max(len(r[i]) for r in [head, *self.rows]) for i in range(5)]
        for row in [head, *self.rows]:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="timed runs of each command (default 15)")
    parser.add_argument(
        "--idle", type=float, default=60, help="seconds of daemon idling measured (default 60)"
    )
    parser.add_argument(
        "--years", type=int, default=10, help="years of history in the big store (default 10)"
    )
    parser.add_argument(
        "--entry",
        choices=("module", "script"),
        default="module",
        help="run `python -m habits` (default) or the installed `habits` script",
    )
    parser.add_argument("--no-daemon", action="store_true", help="skip the daemon figures")
    parser.add_argument(
        "--only",
        choices=("floor", "history", "report", "daemon"),
        action="append",
        help="measure only these parts (repeatable)",
    )
    args = parser.parse_args()
    parts = set(args.only or ("floor", "history", "report", "daemon")) - (
        {"daemon"} if args.no_daemon else set()
    )
    if args.entry == "script":
        # The script beside this interpreter (shutil.which may find a wrapper, e.g. a pyenv shim).
        beside = Path(sys.executable).parent / "habits"
        script = str(beside) if beside.exists() else shutil.which("habits")
        if script is None:
            raise SystemExit("no `habits` console script on PATH; pip install . first")
        habits = [script]
    else:
        habits = [sys.executable, "-m", "habits"]
    print(
        f"python {sys.version.split()[0]} at {sys.executable}; commands run as {' '.join(habits)}; "
        f"{args.runs} timed runs each (medians)"
    )
    table = Table()
    with tempfile.TemporaryDirectory(prefix="habits-bench-") as tmp:
        work = Path(tmp)
        if "floor" in parts:
            measure_floor(habits, work, args.runs, table)
        if "history" in parts:
            measure_history(habits, work, args.runs, args.years, table)
        if "report" in parts:
            measure_report(habits, work, args.runs, args.years, table)
        if "daemon" in parts:
            measure_daemon(habits, work, args.idle, table)
    print()
    table.print()


def measure_floor(habits: list[str], work: Path, runs: int, table: Table) -> None:
    home = work / "small"
    db = bench_stores.small_store(home, habits)
    env = bench_stores.env_for(home)
    print(f"floor: a store with the 3 seed habits and 90 days of history ({home})")
    for name, args in COMMANDS.items():
        after = _undo_today(db) if name.startswith("done") else None
        cmd, floor, quick, bare = alternate(
            [
                ([*habits, *args], env, after),
                (FLOOR, env, None),
                (FLOOR_NO_TEARDOWN, env, None),
                (BARE, env, None),
            ],
            runs,
        )
        table.ratio(f"{name} / import floor", cmd, floor, 1.15)
        table.ratio(f"{name} / floor without teardown", cmd, quick, None)
        table.ratio(f"{name} / python -c pass", cmd, bare, None)
    measure_status(habits, home, env, runs, table)


def measure_status(habits: list[str], home: Path, env: dict[str, str], runs: int, table: Table) -> None:
    """`habits status` served from a fresh status file (kept fresh between runs)."""
    env = {**env, "XDG_RUNTIME_DIR": str(home / "run")}
    timed([*habits, "status"], env)  # computes and writes the file
    files = list((home / "run" / "habits").glob("status-*.json"))
    if not files:
        raise SystemExit("`habits status` wrote no status file")

    def keep_fresh() -> None:
        import json
        from datetime import datetime, timezone

        payload = json.loads(files[0].read_text(encoding="utf-8"))
        payload["written_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        files[0].write_text(json.dumps(payload), encoding="utf-8")

    keep_fresh()
    cmd, floor = alternate(
        [([*habits, "status", "--format", "waybar"], env, keep_fresh), (FLOOR, env, None)], runs
    )
    table.ratio("habits status (fresh file) / import floor", cmd, floor, 0.3)


def measure_history(habits: list[str], work: Path, runs: int, years: int, table: Table) -> None:
    started = time.perf_counter()
    big, n = bench_stores.twenty_habits(work / "big", habits, years=years, history=True)
    empty, _ = bench_stores.twenty_habits(work / "empty", habits, years=years, history=False)
    print(
        f"history: 20 habits, {n} check-ins over {years} years vs the same 20 habits with none "
        f"(generated in {time.perf_counter() - started:.1f} s)"
    )
    big_env, empty_env = bench_stores.env_for(big.parent), bench_stores.env_for(empty.parent)
    for name, args in COMMANDS.items():
        after_big = _undo_today(big) if name.startswith("done") else None
        after_empty = _undo_today(empty) if name.startswith("done") else None
        with_h, without = alternate(
            [([*habits, *args], big_env, after_big), ([*habits, *args], empty_env, after_empty)], runs
        )
        table.ratio(f"{name}: {years} y history / none", with_h, without, 1.2)
    # The same, each run starting with an empty streak cache (renewed about monthly).
    renewing, without = alternate(
        [
            ([*habits, "streaks"], big_env, lambda: bench_stores.forget_streak_cache(big)),
            ([*habits, "streaks"], empty_env, lambda: bench_stores.forget_streak_cache(empty)),
        ],
        runs,
    )
    table.ratio(f"streaks: {years} y, renewing the cache / none", renewing, without, None)
    # The week's review on the same store, against `streaks` there (both resuming from
    # their checkpoints, which the warm-up run writes).
    review, streaks = alternate(
        [([*habits, "review"], big_env, None), ([*habits, "streaks"], big_env, None)], runs
    )
    table.ratio(f"review / streaks: {years} y history", review, streaks, 1.5)


# The report's budget: its wall time against `streaks` on the same store, and the page's size.
REPORT_BUDGET = 3.0
PAGE_BUDGET_BYTES = 3_000_000


def measure_report(habits: list[str], work: Path, runs: int, years: int, table: Table) -> None:
    """`habits report` (the last 26 weeks, every habit's charts) on the big store,
    against `streaks` there (resuming from its checkpoints, which its warm-up run writes)."""
    big = work / "big" / "habits.db"
    if not big.exists():
        big, _ = bench_stores.twenty_habits(work / "big", habits, years=years, history=True)
    env = bench_stores.env_for(big.parent)
    page = work / "report.html"
    print(f"report: the same {years}-year store, the page written to {page}")
    report, streaks = alternate(
        [([*habits, "report", "-o", str(page)], env, None), ([*habits, "streaks"], env, None)], runs
    )
    table.ratio(f"report / streaks: {years} y history", report, streaks, REPORT_BUDGET)
    size = page.stat().st_size
    table.add(
        "report page size",
        f"{years} y history, 20 habits",
        f"{size / 1e6:.2f} MB",
        f"< {PAGE_BUDGET_BYTES / 1e6:.0f} MB",
        "PASS" if size < PAGE_BUDGET_BYTES else "MISS",
    )


def _undo_today(db: Path) -> Callable[[], None]:
    """`done kiss` logs today (not yet logged in any store); forget it after each run."""
    return lambda: bench_stores.forget_day(db, "six-second-kiss", bench_stores.today_utc())


def measure_daemon(habits: list[str], work: Path, idle: float, table: Table) -> None:
    probe = work / "probe"
    bench_stores.create(probe, habits)
    if not bench_daemon.has_daemon(habits, probe):
        print("daemon: `habits daemon` does not exist yet; not measured")
        table.add("daemon", "not measured", "-", "-", "n/a")
        return
    print(f"daemon: a reminder due on the next minute, then {idle:.0f} s idle (stdout backend)")
    d = bench_daemon.measure(habits, work, idle=idle)
    if d.note:
        print(f"daemon: {d.note}")
    late = "-" if d.lateness_s is None else f"{d.lateness_s:.2f} s"
    table.add("daemon reminder lateness", f"from {d.lateness_source}", late, "-", "info")
    table.add(
        "daemon idle RSS",
        "VmRSS at the end",
        f"{d.rss_mb:.1f} MB",
        "<= 60 MB",
        "PASS" if d.rss_mb <= 60 else "MISS",
    )
    per10 = d.cpu_s * 600 / d.idle_s
    table.add(
        "daemon idle CPU / 10 min",
        f"{d.cpu_s:.2f} s in {d.idle_s:.0f} s (stat), x{600 / d.idle_s:.1f}",
        f"{per10:.3f} s",
        "< 0.5 s",
        "PASS" if per10 < 0.5 else "MISS",
    )
    table.add(
        "  (schedstat, ns ticks)",
        f"{d.sched_s:.4f} s in {d.idle_s:.0f} s, x{600 / d.idle_s:.1f}",
        f"{d.sched_s * 600 / d.idle_s:.3f} s",
        "< 0.5 s",
        "ref",
    )


if __name__ == "__main__":
    main()
