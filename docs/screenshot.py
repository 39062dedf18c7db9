"""Make docs/report.png, the README's picture of `habits report`: a demo couple's half
year in a throwaway store, its report, and headless Chromium's screenshot of the top
of the page, with the measured habit's section (its totals per day, one chart for
each of you) moved up under the overview so that the picture shows one.

    python docs/screenshot.py [--out docs/report.png] [--width 1000] [--height 1500]
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the browser harness lives with the tests

from browser import Browser  # noqa: E402

from habits.cli import main  # noqa: E402
from habits.cli.context import AppContext  # noqa: E402
from habits.clock import FixedClock  # noqa: E402

NOW = datetime(2026, 3, 11, 19, 0, tzinfo=timezone.utc)
ALEX = '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\npartner = "Sam"\n'
SAM = '[time]\ntimezone = "UTC"\n[couple]\nme = "Sam"\npartner = "Alex"\n'


def demo_store(home: Path) -> None:
    """Half a year of two people: kisses most days, Sam asks more often than Alex,
    a date most weeks at one of three haunts, minutes of talk most evenings (a
    measured habit each of you does), a thank-you and a revealed check-in."""
    runner = CliRunner()
    alex, sam = home / "alex.toml", home / "sam.toml"
    alex.write_text(ALEX, encoding="utf-8")
    sam.write_text(SAM, encoding="utf-8")
    env = {"HABITS_HOME": str(home)}

    def run(config: Path, *args: str) -> None:
        result = runner.invoke(
            main, ["--config", str(config), *args], obj=AppContext(clock=FixedClock(NOW)), env=env
        )
        if result.exit_code != 0:
            raise SystemExit(f"habits {' '.join(args)}: {result.output}")

    rng = random.Random(7)
    haunts = ["Luigi's", "The Pier", "Café Blau"]
    for place in haunts:
        run(alex, "haunts", "add", place)
    talk = ("talk", "--title", "Talk, phones away", "--measure", "minutes", "--at-least", "20")
    run(alex, "add", *talk, "--daily", "--each")
    today = NOW.date()
    for back in range(180, 0, -1):
        day = (today - timedelta(days=back)).isoformat()
        if rng.random() < (0.6 if back > 90 else 0.9):
            run(alex, "done", "kiss", "--date", day)
        if rng.random() < 0.8:
            run(sam, "done", "ask", "--date", day)
        if rng.random() < (0.4 if back > 60 else 0.75):
            run(alex, "done", "ask", "--date", day)
        if back <= 60:  # the last two months' talks, in minutes
            for person, keen in ((alex, 0.7), (sam, 0.85)):
                if rng.random() < keen:
                    run(person, "done", "talk", str(rng.choice([5, 10, 15, 20, 25, 30, 45])), "--date", day)
        if date.fromisoformat(day).weekday() == 5 and rng.random() < 0.8:
            run(alex, "done", "weekly", "--date", day, "--place", rng.choice(haunts))
    run(sam, "thank", "ask", "--note", "I love our evening talks")
    run(
        alex,
        "checkin",
        "--appreciate",
        "the pancakes",
        "--went-well",
        "our walks",
        "--connected",
        "4",
        "--week",
        "-7",
    )
    run(
        sam,
        "checkin",
        "--appreciate",
        "the flowers",
        "--work-on",
        "phones at dinner",
        "--connected",
        "5",
        "--week",
        "-7",
    )
    run(alex, "report", "-o", str(home / "report.html"))


def main_() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "report.png"))
    parser.add_argument("--width", type=int, default=1000)
    parser.add_argument("--height", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="habits-screenshot-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir(mode=0o700)
        for var in ("HABITS_DB", "HABITS_CONFIG"):
            os.environ.pop(var, None)
        demo_store(home)
        with Browser.start() as browser:
            page = browser.open_page(width=args.width, height=args.height)
            page.dark(False)
            page.load((home / "report.html").as_uri())
            page.evaluate("document.querySelector('#review').before(document.querySelector('#habit-talk'))")
            clip = {"x": 0, "y": 0, "width": args.width, "height": args.height, "scale": 1}
            shot = page.send("Page.captureScreenshot", {"format": "png", "clip": clip})["data"]
    Path(args.out).write_bytes(base64.b64decode(shot))
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main_()
