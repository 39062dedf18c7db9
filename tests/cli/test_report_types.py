"""`habits report` for every habit type: a measured habit's totals per period against
its target (at least or at most, per person for a habit each of you does), a monthly
or every-N habit's progress and streaks in its own periods, and the calendar's partial
days of a measured habit. The figures are read back from the parsed page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from reportpage import Page, no_active_content

ALEX = '[time]\ntimezone = "UTC"\n[couple]\nme = "Alex"\npartner = "Sam"\n'
SAM = '[time]\ntimezone = "UTC"\n[couple]\nme = "Sam"\npartner = "Alex"\n'
TODAY = date(2026, 3, 11)  # a Wednesday; the habits below are made on it


def day(back: int) -> str:
    return (TODAY - timedelta(days=back)).isoformat()


@pytest.fixture
def page(habits, ok, tmp_path) -> tuple[str, Page]:
    habits.write_config(ALEX)
    sam_path = habits.home / "sam.toml"
    sam_path.write_text(SAM, encoding="utf-8")
    sam = ["--config", str(sam_path)]
    ok("add", "talk", "--title", "Talk", "--measure", "minutes", "--at-least", "20", "--daily", "--each")
    for back, amount in ((3, "25"), (2, "10"), (2, "15"), (1, "5"), (0, "12.5")):
        ok("done", "talk", amount, "--date", day(back))
    ok(*sam, "done", "talk", "30", "--date", day(1))
    ok("add", "takeaway", "--title", "Takeaway", "--measure", "takeaways", "--at-most", "2", "--weekly")
    for back, amount in ((16, "2"), (15, "1"), (8, "1"), (6, "1"), (1, "1")):
        ok("done", "takeaway", amount, "--date", day(back))
    ok("add", "call", "--title", "Call mum", "--monthly", "--times", "2")
    for when in ("2026-01-05", "2026-01-20", "2026-02-10", "2026-03-03"):
        ok("done", "call", "--date", when)
    ok("add", "plants", "--title", "Water the plants", "--every", "3")
    for back in (9, 6, 2):  # blocks of three days from today: Mar 2-4, 5-7, 8-10, 11-13
        ok("done", "plants", "--date", day(back))
    path = tmp_path / "types.html"
    ok("report", "--weeks", "3", "-o", str(path))
    text = path.read_text(encoding="utf-8")
    return text, Page(text)


def _section(text: str, slug: str) -> str:
    start = text.index(f'<section class="habit" id="habit-{slug}"')
    return text[start : text.index("</section>", start)]


def _labels(page_part: str, cls: str) -> list[str]:
    """The text alternatives of the figures of one class, panel by panel."""
    part = Page(page_part)
    return [str(a.get("aria-label")) for tag, a in part.tags if tag == "figure" and a.get("class") == cls]


def _rows(page_part: str) -> dict[str, str]:
    """The figures' table of a section: row header -> value (the last panel's wins)."""
    part = Page(page_part)
    cells = [t.strip() for t in part.text if t.strip()]
    return dict(zip(cells, cells[1:]))


def test_at_least_totals_per_day_per_person(page) -> None:
    text, parsed = page
    no_active_content(text, parsed)
    talk = _section(text, "talk")
    assert "at least 20 minutes daily, each of you" in Page(talk).all_text()
    alex, sam = _labels(talk, "totals")  # one chart per person, side by side
    assert alex == (  # from each person's first entry on
        "Totals per period, at least 20 minutes each: 2026-03-08 25 (reached); 2026-03-09 25 (reached); "
        "2026-03-10 5 (missed); 2026-03-11 12.5 (still running)."
    )
    assert (
        sam
        == "Totals per period, at least 20 minutes each: 2026-03-10 30 (reached); 2026-03-11 0 (still running)."
    )
    assert talk.count("<svg") == 2 * 4  # strength, best streaks, weekdays and the totals, each
    assert "Total per day" in talk  # the chart's own title
    rows = _rows(talk.split("<h3>Sam</h3>")[0])
    assert rows["Minutes this week"] == "42.5 of at least 140 minutes"
    assert rows["Total 2026-03-09 to 2026-03-09"] == "25 minutes (reached)"
    assert rows["Minutes on Mon"] == "25 minutes"
    # the calendar judges each day by its total: partial cells for part of the target
    assert 'title="2026-03-10: partly done"' in talk and 'title="2026-03-09: done"' in talk


def test_at_most_totals_per_week_against_the_limit(page) -> None:
    text, _ = page
    takeaway = _section(text, "takeaway")
    (label,) = _labels(takeaway, "totals")
    assert label == (
        "Totals per period, at most 2 takeaways each: 2026-02-23 3 (missed); "
        "2026-03-02 2 (reached); 2026-03-09 1 (still running)."
    )
    rows = _rows(takeaway)
    assert rows["Takeaways this week"] == "1 of at most 2 takeaways"
    assert rows["Takeaways this month"] == "3 of at most 9 takeaways"  # 31 days of 2-a-week
    assert rows["Current streak"] == "1 weeks" and rows["Longest streak"] == "1 weeks"
    overview = text[text.index('id="overview"') : text.index('id="review"')]
    assert "1 of at most 2 takeaways this week" in Page(overview).all_text()
    assert "over)" not in overview


def test_a_monthly_habit_counts_in_months(page) -> None:
    text, _ = page
    call = _section(text, "call")
    assert "2x monthly, together" in Page(call).all_text()
    rows = _rows(call)
    assert rows["Check-ins this month"] == "1 of 2"
    assert rows["Check-ins this year"] == "4 of 24"
    assert "Check-ins this week" not in rows  # a week is part of its period
    assert rows["Streak 2026-01-01 to 2026-01-31"] == "1 months"
    assert _labels(call, "totals") == []  # a yes/no habit has no totals
    overview = text[text.index('id="overview"') : text.index('id="review"')]
    assert "1/2 this month" in Page(overview).all_text()


def test_an_every_3_habit_counts_in_its_blocks(page) -> None:
    text, _ = page
    plants = _section(text, "plants")
    assert "every 3 days, together" in Page(plants).all_text()
    rows = _rows(plants)
    assert rows["Streak 2026-03-02 to 2026-03-10"] == "3 periods"
    assert rows["Current streak"] == "3 periods"
    assert rows["Check-ins this week"] == "1 of 2"  # Mar 9-15: 2/3 + 3/3 + 2/3 of a block
    assert rows["Check-ins this month"] == "3 of 10"
    overview = text[text.index('id="overview"') : text.index('id="review"')]
    assert "0/1 this period" in Page(overview).all_text()


def test_a_hostile_unit_is_text_everywhere(habits_sqlite, tmp_path) -> None:
    """The unit is text from the store: the page names it (escaped); pygal never gets it."""
    unit = "<img src=x onerror=alert(1)>\"'"
    h = habits_sqlite

    def ok(*args: str) -> None:
        result = h(*args)
        assert result.exit_code == 0, (result.output, result.stderr)

    ok("add", "odd", "--title", "Odd", "--measure", unit, "--at-most", "3", "--weekly")
    ok("done", "odd", "2", "--date", day(1))
    path = tmp_path / "odd.html"
    ok("report", "-o", str(path))
    text = path.read_text(encoding="utf-8")
    parsed = Page(text)
    no_active_content(text, parsed)
    odd = _section(text, "odd")
    assert f"at most 3 {unit} weekly, together" in Page(odd).all_text()
    (label,) = _labels(odd, "totals")
    assert label.endswith(f"at most 3 {unit} each: 2026-03-09 2 (still running).")
    svgs = [odd[i : odd.index("</svg>", i)] for i in range(len(odd)) if odd.startswith("<svg", i)]
    assert svgs and not any("onerror" in svg or "img src" in svg for svg in svgs)
