"""The report in a real browser (headless Chromium over the DevTools protocol): no
console error, no request but the file itself, a visible chart for every habit, no
sideways scrolling at 360 px, dark mode, and screenshots kept as test artefacts."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from browser import Browser, BrowserError, artifacts_folder, find_chromium
from conftest import require

ROOT = Path(__file__).resolve().parent.parent
ALEX = '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\npartner = "Sam"\n'
SAM = '[time]\ntimezone = "UTC"\n[couple]\nme = "Sam"\npartner = "Alex"\n'
TODAY = date(2026, 3, 11)
HOSTILE = "<script>console.error('injected')</script>\"'><img src=x onerror=console.error(1)> long " * 3

VISIBLE_CHARTS = """
[...document.querySelectorAll('section.habit')].map(s => {
  const svgs = [...s.querySelectorAll('figure svg')].filter(svg => {
    const r = svg.getBoundingClientRect(), st = getComputedStyle(svg);
    return r.width > 50 && r.height > 30 && st.visibility === 'visible' && st.display !== 'none';
  });
  return [s.id, svgs.length];
})
"""


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        require("Chromium", "install the `chromium` package to run the browser tests")
    return found  # type: ignore[return-value]


@pytest.fixture
def page_file(habits_sqlite, tmp_path) -> Path:
    """A fortnight of two people, a habit with no history, one with a hostile title and
    a measured one each of you does."""
    h = habits_sqlite
    h.write_config(ALEX)
    sam = h.home / "sam.toml"
    sam.write_text(SAM, encoding="utf-8")

    def ok(*args: str) -> None:
        result = h(*args)
        assert result.exit_code == 0, result.output

    ok("haunts", "add", "Luigi's")
    ok("add", "stretch", "--title", "Stretch", "--daily")
    ok("add", "hostile", "--title", HOSTILE[:200], "--weekly", "--each")
    ok("add", "talk", "--title", "Talk", "--measure", "minutes", "--at-least", "20", "--daily", "--each")
    for back in range(40, 0, -1):
        day = (TODAY - timedelta(days=back)).isoformat()
        if back % 6:
            ok("done", "kiss", "--date", day)
        ok("--config", str(sam), "done", "ask", "--date", day)
        if back % 3 == 0:
            ok("done", "ask", "--date", day)
        ok("done", "talk", str(back % 4 * 9), "--date", day)
        if back % 2:
            ok("--config", str(sam), "done", "talk", "12.5", "--date", day)
    ok("done", "hostile", "--date", "-2", "--note", HOSTILE)
    ok("done", "weekly", "--date", "2026-03-07", "--place", "Luigi's")
    ok("checkin", "--went-well", HOSTILE, "--week", "2026-03-02")
    ok("--config", str(sam), "checkin", "--went-well", "the walks", "--week", "2026-03-02")
    path = tmp_path / "report.html"
    ok("report", "-o", str(path))
    return path


def _artifact(name: str) -> Path:
    return artifacts_folder(ROOT) / name


def test_the_report_in_a_real_browser(chromium, page_file) -> None:
    try:
        browser = Browser.start(chromium)
    except (OSError, BrowserError) as exc:
        require("Chromium", f"it did not start: {exc}")
    with browser:
        phone = browser.open_page(width=360)
        phone.load(page_file.as_uri())
        phone.screenshot(_artifact("report-360-light.png"))
        assert phone.problems() == []
        requests = phone.requests()
        assert requests and all(u.startswith(("file:", "data:")) for u in requests), requests
        assert phone.evaluate("document.querySelectorAll('script, img, iframe').length") == 0
        charts = dict(phone.evaluate(VISIBLE_CHARTS))
        assert charts == {  # three charts per panel, one panel per person of an "each" habit
            "habit-six-second-kiss": 3,
            "habit-ask-about-their-day": 6,
            "habit-weekly-date": 3,
            "habit-stretch": 3,
            "habit-hostile": 6,
            "habit-talk": 8,  # and a measured habit's totals per period
        }
        # The totals chart's target: one dashed line across the plot, drawn visibly.
        target = phone.evaluate(
            "[...document.querySelectorAll('#habit-talk figure.totals .axis.y .major.guide.line')]"
            ".map(l => [getComputedStyle(l).strokeDasharray, l.getBoundingClientRect().width])"
        )
        assert len(target) == 2 and all(dash not in ("", "none") and width > 100 for dash, width in target), (
            target
        )
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        # The overview fits the phone's width without scrolling sideways inside its box.
        box = "document.querySelector('#overview .scroll')"
        assert phone.evaluate(f"{box}.scrollWidth <= {box}.clientWidth")
        assert (
            phone.evaluate("document.querySelector('#habit-hostile h2').textContent") == HOSTILE[:200].strip()
        )

        light = phone.evaluate(
            "getComputedStyle(document.body).backgroundColor + getComputedStyle(document.body).color"
        )
        phone.dark(True)
        dark = phone.evaluate(
            "getComputedStyle(document.body).backgroundColor + getComputedStyle(document.body).color"
        )
        assert dark != light
        # The charts follow: their text takes the page's colour.
        text_fill = "getComputedStyle(document.querySelector('figure svg .title')).fill"
        assert phone.evaluate(text_fill) == phone.evaluate("getComputedStyle(document.body).color")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
        phone.screenshot(_artifact("report-360-dark.png"))
        assert phone.problems() == []

        wide = browser.open_page(width=1200)
        wide.load(page_file.as_uri())
        # Side by side on a wide screen: the two people's panels of "ask" share a row.
        tops = wide.evaluate(
            "[...document.querySelectorAll('#habit-ask-about-their-day .panel')]"
            ".map(p => Math.round(p.getBoundingClientRect().top))"
        )
        assert len(tops) == 2 and tops[0] == tops[1], tops
        wide.screenshot(_artifact("report-1200-light.png"))
        assert wide.problems() == []
    (artifacts_folder(ROOT) / "report-requests.json").write_text(json.dumps(requests), encoding="utf-8")
