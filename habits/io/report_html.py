"""The report as one self-contained HTML page: charts drawn by pygal as inline SVG,
laid out by a Mako template (habits/io/templates/report.html.mako), given plain values.

Nothing on the page is fetched or run: pygal's tooltip script is left out (js=[])
and its per-chart configuration script, comments and style are stripped from each
chart; one copy of the charts' style sits in the page's <style>. Text from the store
only ever reaches the page through the template's HTML escaping; pygal is given
fixed words, dates and numbers only.
"""

from __future__ import annotations

import functools
import html
import math
import re
from datetime import date
from importlib import resources
from typing import Any

from habits.core.habit import Habit, amount_value
from habits.core.pictures import Panel

CHART_WIDTH, CHART_HEIGHT = 400, 220
# What each chart loses, in one pass: the XML declaration, comments, the configuration
# script (its text is escaped: no "<" in it), the style and empty ids.
_STRIP = re.compile(
    r'<\?xml[^>]*\?>|<!--.*?-->|<script type="text/javascript">[^<]*</script>'
    r'|<style type="text/css">[^<]*</style>| id=""',
    re.S,
)
_STYLE = re.compile(r'<style type="text/css">([^<]*)</style>')


@functools.cache
def _style() -> Any:
    """The charts' one style (pygal only reads it)."""
    from pygal.style import Style

    return Style(
        background="transparent",
        plot_background="transparent",
        foreground="var(--fg)",
        foreground_strong="var(--fg)",
        foreground_subtle="var(--muted)",
        guide_stroke_color="var(--muted)",
        major_guide_stroke_color="var(--muted)",
        colors=("var(--c1)", "var(--c2)", "var(--c3)"),
        font_family="inherit",
        label_font_size=12,
        major_label_font_size=12,
        title_font_size=15,
        value_font_size=12,
    )


def _config(**extra: Any) -> dict[str, Any]:
    return dict(
        js=[],
        no_prefix=True,
        disable_xml_declaration=True,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        style=_style(),
        show_legend=False,
        margin=8,
        **extra,
    )


def _svg(chart: Any) -> str:
    text = _STRIP.sub("", chart.render(is_unicode=True))
    return text.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


def chart_css() -> str:
    """pygal's style for every chart, once (its rules keyed on .pygal-chart)."""
    import pygal

    chart = pygal.Bar(**_config(css=["file://style.css", "file://graph.css"]))
    chart.add("x", [1])
    found = _STYLE.search(chart.render(is_unicode=True))
    css = html.unescape(found.group(1)) if found else ""
    return re.sub(r"(^|\n)\{", r"\1.pygal-chart{", css)


def _whole(values: list[int]) -> dict[str, Any]:
    """An axis of whole numbers (counts), at most about six labels."""
    top = max(values, default=0)
    step = max(1, -(-top // 5))
    return {"range": (0, max(top, 1)), "y_labels": list(range(0, max(top, 1) + step, step))}


def _short(day: date, bucket: str) -> str:
    return f"{day:%b %Y}" if bucket == "month" else f"{day:%d %b}"


def strength_chart(p: Panel) -> str:
    import pygal

    chart = pygal.Line(
        **_config(
            css=[],
            title="Strength",
            range=(0, 100),
            show_dots=len(p.strength) <= 20,
            fill=True,
            show_minor_x_labels=False,
            x_labels_major_every=max(1, len(p.strength) // 4),
            truncate_label=-1,
        )
    )
    chart.x_labels = [_short(d, p.bucket) for d, _ in p.strength]
    chart.add("strength", [round(v * 100, 1) for _, v in p.strength])
    return _svg(chart)


def best_chart(p: Panel, unit: str) -> str:
    import pygal

    runs = list(reversed(p.best))
    lengths = [r.length for r in runs]
    chart = pygal.HorizontalBar(**_config(css=[], title=f"Best streaks ({unit})", **_whole(lengths)))
    chart.x_labels = [f"{r.first:%d %b %Y} to {r.last:%d %b %Y}" for r in runs]
    chart.add("length", lengths)
    return _svg(chart)


def weekday_chart(p: Panel, habit: Habit) -> str:
    import pygal

    counts = [n for _, n in p.weekdays]
    values: list[int | float] = [amount_value(n) for n in counts] if habit.measured else list(counts)
    if habit.measured:  # the amounts, in the unit
        chart = pygal.Bar(**_config(css=[], title="Amounts by weekday", **_axis(values)))
    else:
        chart = pygal.Bar(**_config(css=[], title="Check-ins by weekday", **_whole(counts)))
    chart.x_labels = [name for name, _ in p.weekdays]
    chart.add("total", values)
    return _svg(chart)


# A measured habit's bars: the period reached its target (or stayed within the
# limit), missed it, or is still running.
_TOTAL_COLOURS = {"met": "var(--c3)", "missed": "var(--c1)", "running": "var(--muted)"}


def totals_chart(p: Panel, habit: Habit) -> str:
    """Each period's total as a bar, against the target drawn as the axis's one major
    guide line (styled in the page as a dashed line). The unit is text from the store:
    the template names it, escaped; pygal gets fixed words and numbers only."""
    import pygal

    target = amount_value(habit.measure_target)
    values = [amount_value(t.total) for t in p.totals]
    axis = _axis([*values, target])
    chart = pygal.Bar(
        **_config(
            css=[],
            title=f"Total per {_noun(habit)}",
            show_minor_x_labels=False,
            x_labels_major_every=max(1, len(values) // 4),
            truncate_label=-1,
            y_labels_major=[target],
            **{**axis, "y_labels": sorted({*axis["y_labels"], target})},
        )
    )
    chart.x_labels = [f"{t.first:%d %b}" for t in p.totals]
    chart.add("total", [{"value": v, "color": _TOTAL_COLOURS[t.state]} for v, t in zip(values, p.totals)])
    return _svg(chart)


def _noun(habit: Habit) -> str:
    from habits.core.cadence import period_noun

    noun = period_noun(habit)
    return f"{habit.every} days" if noun == "period" else noun


def _axis(values: list[float | int]) -> dict[str, Any]:
    """An axis of amounts from 0, about five round steps."""
    top = max(max(values, default=0), 1)
    raw = top / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    steps = math.ceil(top / step)
    labels = [amount_value(round(i * step * 1000)) for i in range(steps + 1)]
    return {"range": (0, labels[-1]), "y_labels": labels}


_STATE_WORDS = {"done": "done", "partly": "partly done", "excused": "excused", "missed": "missed"}


def calendar_cells(p: Panel, week_start: int) -> str:
    """The history calendar's cells, a week per column from the week's first day: each
    a day's state as its class and, as its title, the day and the state in words
    (dates and fixed words only; thousands of cells, so written here, not by the template)."""
    if not p.calendar:
        return ""
    pad = '<i class="pad"></i>\n' * ((p.calendar[0][0].weekday() - week_start) % 7)
    return pad + "".join(
        f'<i class="{state}" title="{day.isoformat()}: {_STATE_WORDS[state]}"></i>\n'
        for day, state in p.calendar
    )


def _mako_template() -> Any:
    """Mako's Template class. Mako would load pygments, when it is installed, to
    highlight its own error pages, which the report never shows: that import (a
    third of the report's start-up) is declined."""
    import sys

    if "pygments" in sys.modules or "mako.template" in sys.modules:
        from mako.template import Template
    else:
        sys.modules["pygments"] = None  # type: ignore[assignment]  # an import of it fails: Mako goes without
        try:
            from mako.template import Template
        finally:
            del sys.modules["pygments"]
    return Template


def render(data: Any, *, title: str, generated: str) -> str:
    """The page for `data` (habits.actions.report.ReportData)."""
    source = (resources.files("habits.io") / "templates" / "report.html.mako").read_text(encoding="utf-8")
    template = _mako_template()(text=source, default_filters=["h"], strict_undefined=True)
    return str(
        template.render(
            data=data,
            title=title,
            generated=generated,
            css=chart_css(),
            charts={
                "strength": strength_chart,
                "best": best_chart,
                "weekdays": weekday_chart,
                "totals": totals_chart,
                "calendar": calendar_cells,
            },
        )
    )
