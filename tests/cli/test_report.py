"""`habits report`: one private, self-contained page (nothing fetched, nothing run),
per person for a habit each of you does, only revealed check-ins, text from the
store always escaped, and one sentence for each bad input."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from couples import as_couple
from refusals import fails
from reportpage import Page, no_active_content

TODAY = date(2026, 3, 11)
HOSTILE = ("<script>alert('t')</script>\"><img src=x onerror=alert(1)>&amp; " * 4)[:200]


@pytest.fixture
def sam(habits):
    return as_couple(habits)


@pytest.fixture
def here(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _fortnight(ok, sam):
    ok("haunts", "add", "Luigi's")
    for back in range(16, 0, -1):
        day = (TODAY - timedelta(days=back)).isoformat()
        if back % 5:
            ok("done", "kiss", "--date", day)
        ok(*sam, "done", "ask", "--date", day)
        if back % 3 == 0:
            ok("done", "ask", "--date", day)
    ok("done", "weekly", "--date", "2026-03-07", "--place", "Luigi's")
    ok(*sam, "thank", "ask")


def _report(ok, *config: str, path: Path, extra: tuple[str, ...] = ()) -> tuple[str, Page]:
    out = ok(*config, "report", *extra, "-o", str(path)).stdout
    assert out.strip() == f"Wrote the report to {path}."
    text = path.read_text(encoding="utf-8")
    return text, Page(text)


def test_the_report_is_one_private_page_that_fetches_and_runs_nothing(ok, sam, here):
    _fortnight(ok, sam)
    out = ok("report").stdout
    path = here / "habits-report.html"
    assert out.strip() == f"Wrote the report to {path}."
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    page = Page(text)
    no_active_content(text, page)
    assert len(text.encode()) < 3_000_000
    sections = [
        attrs.get("id")
        for tag, attrs in page.tags
        if tag == "section" and "habit" in (attrs.get("class") or "")
    ]
    assert sections == ["habit-six-second-kiss", "habit-ask-about-their-day", "habit-weekly-date"]
    assert text.count("<svg") == 3 * (1 + 2 + 1)  # three charts per panel; "ask" has one per person
    assert text.count("<meter") == 3 * (1 + 2 + 1)  # and the week's, month's and year's progress
    assert "<table>" in text and "<title>Strength</title>" in text
    assert 'role="img" aria-label="Strength by week' in text
    assert "Six-second kiss" in page.all_text()


def _ok(habits):
    def run(*args, **kwargs):
        result = habits(*args, **kwargs)
        assert result.exit_code == 0, (result.output, result.stderr)
        return result

    return run


def test_a_habit_each_of_you_does_has_a_panel_per_person(ok, sam, tmp_path):
    _fortnight(ok, sam)
    text, page = _report(ok, path=tmp_path / "r.html")
    ask = text[text.index('id="habit-ask-about-their-day"') : text.index('id="habit-weekly-date"')]
    assert "<h3>Alex</h3>" in ask and "<h3>Sam</h3>" in ask
    assert ask.count('class="panel"') == 2
    kiss = text[text.index('id="habit-six-second-kiss"') : text.index('id="habit-ask-about-their-day"')]
    assert kiss.count('class="panel"') == 1


def test_only_revealed_checkins_appear_never_a_sealed_one(habits, ok, sam, tmp_path):
    ok("checkin", "--went-well", "EARLIER-ALEX", "--week", "2026-03-02")
    ok(*sam, "checkin", "--went-well", "EARLIER-SAM", "--week", "2026-03-02")
    ok(*sam, "checkin", "--went-well", "SEALED-SAM", "--appreciate", "SEALED-THANKS")
    for config in ([], sam):
        text, _ = _report(ok, *config, path=tmp_path / "r.html")
        assert "SEALED" not in text
        assert "EARLIER-ALEX" in text and "EARLIER-SAM" in text
        assert "The week of 2026-03-02" in text
    ok("checkin", "--went-well", "NOW-ALEX")  # both have checked in this week: revealed
    text, _ = _report(ok, path=tmp_path / "r.html")
    assert "SEALED-SAM" in text and "SEALED-THANKS" in text and "NOW-ALEX" in text
    assert "EARLIER" not in text


def test_text_from_the_store_is_never_markup(ok, sam, tmp_path):
    ok("add", "hostile", "--title", HOSTILE, "--daily", "--each")
    ok("haunts", "add", HOSTILE[:60])
    ok("done", "hostile", "--date", "-1", "--note", HOSTILE)
    ok(*sam, "done", "hostile", "--date", "-1")
    ok("done", "weekly", "--date", "-2", "--place", HOSTILE[:60])
    ok(*sam, "thank", "hostile", "--note", HOSTILE)
    ok("checkin", "--went-well", HOSTILE, "--appreciate", HOSTILE, "--work-on", HOSTILE)
    ok(*sam, "checkin", "--went-well", HOSTILE)
    for extra in ((), ("--year", "2026")):
        text, page = _report(ok, path=tmp_path / "r.html", extra=extra)
        no_active_content(text, page)
        shown = page.all_text()
        assert HOSTILE in shown  # as text, quotes and all
        assert HOSTILE[:60] in shown
    assert "<script>" not in text and "onerror=alert(1)>" not in text


def test_a_one_person_store_and_a_habit_without_history(habits_sqlite, tmp_path):
    ok = _ok(habits_sqlite)
    ok("add", "stretch", "--title", "Stretch", "--daily", "--each")
    ok("done", "kiss", "--date", "-1")
    text, page = _report(ok, path=tmp_path / "r.html")
    stretch = text[text.index('id="habit-stretch"') :]
    assert stretch.count('class="panel"') == 1 and "<h3>Alex</h3>" in stretch
    assert "No check-ins yet." in stretch
    assert "No weekly check-in is revealed yet" in text
    assert "Sam" not in text
    ok("checkin", "--went-well", "ALONE")  # alone, your own check-in is the review
    text, _ = _report(ok, path=tmp_path / "r.html")
    assert "ALONE" in text


def test_our_year_lists_dates_haunts_streaks_and_thanks(ok, sam, tmp_path):
    _fortnight(ok, sam)
    ok("done", "weekly", "--date", "2026-01-10")
    text, page = _report(ok, path=tmp_path / "y.html", extra=("--year", "2026"))
    assert '<h2 id="year-h">Our 2026</h2>' in text
    assert "2 dates, 1 haunt visited, 1 thank-you." in page.all_text()
    assert '<tr><td>Luigi&#39;s</td><td class="n">1</td></tr>' in text
    assert '<tr><td>Sam</td><td>Alex</td><td class="n">1</td></tr>' in text
    assert "The longest joint streaks alive in 2026" in text
    assert "Our year" not in _report(ok, path=tmp_path / "w.html")[0].split("<h1>")[1][:20]
    ok("done", "weekly", "--date", "2025-12-27", "--place", "Luigi's")
    text, page = _report(ok, path=tmp_path / "y.html", extra=("--year", "2025"))
    assert "1 date, 1 haunt visited, 0 thank-yous." in page.all_text()  # the next year's are not in it
    assert "No thanks given this year." in text


def test_open_shows_it_in_the_browser(habits_sqlite, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    path = tmp_path / "r.html"
    _ok(habits_sqlite)("report", "--open", "-o", str(path))
    assert opened == [path.as_uri()]


def test_bad_input_is_one_sentence(habits_sqlite, tmp_path):
    h = habits_sqlite
    _ok(h)("done", "kiss", "--date", "-1")
    out = str(tmp_path / "r.html")
    assert fails(h, "report", "--year", "2019", "-o", out) == (
        "habits: There are no check-ins in 2019; give a year you logged something in."
    )
    assert fails(h, "report", "--year", "2027", "-o", out) == (
        "habits: The year 2027 has not begun yet; give 2026 or an earlier year."
    )
    assert "'--weeks': 0 is not in the range 1<=x<=520" in fails(h, "report", "--weeks", "0", code=2)
    assert "give one of them" in fails(h, "report", "--weeks", "3", "--year", "2026", code=2)
    missing = tmp_path / "nowhere" / "r.html"
    assert fails(h, "report", "-o", str(missing)) == (
        f"habits: The folder {missing.parent} does not exist; create it first or choose another -o FILE."
    )
    assert not missing.parent.exists()
    assert "is a folder" in fails(h, "report", "-o", str(tmp_path), code=2)
    assert not Path(out).exists()


def test_a_folder_that_cannot_be_written_is_one_sentence(habits_sqlite, tmp_path):
    if os.geteuid() == 0:
        target = Path("/proc/habits-report.html")  # not writable, even to root
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "r.html"
    _ok(habits_sqlite)("list")  # the store exists: the refusal leaves it as it was
    err = fails(habits_sqlite, "report", "-o", str(target))
    assert err.startswith(f"habits: Cannot write the report to {target}: ")
    assert err.endswith("; choose another -o FILE.")
