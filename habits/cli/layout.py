"""How the tracking commands lay out what they print: the board, the streaks table, the
heat map's days and the log's lines, in display cells fitted to the terminal."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from habits.cli.render import cell, cells, clean, echo, pad, plural, shrink, style, terminal_width
from habits.core.periods import unit_of

if TYPE_CHECKING:
    from habits.core.habit import Habit
    from habits.reports import History, Report


def board_line(r: Report) -> tuple[str, str, tuple[str, str], str, bool]:
    """One habit on the board: its mark, title, (who did it, shorter), streak, at risk.
    A measured habit shows its period's total against the target instead of who did it."""
    from habits.core.cadence import this_period

    s, h = r.stats, r.habit
    over = h.measured and h.measure_kind == "at_most" and r.total > h.measure_target
    if s.done_this_period:
        mark = style("✓", fg="green")
    elif over:
        mark = style("!", fg="red")
    elif s.excused_this_period:
        mark = style("~", fg="blue")
    else:
        mark = style("·", fg="yellow")
    period = this_period(h)
    if h.measured:
        from habits.core.cadence import measure_text, total_text
        from habits.core.habit import format_amount

        who = short = clean(total_text(h, r.total))
        if h.who == "each":  # each person's total: "Alex 25  Sam 10 (at least 20 minutes today)"
            short = "  ".join(f"{clean(p)} {format_amount(r.totals.get(p, 0))}" for p in r.people)
            who = f"{short} ({clean(measure_text(h))} {period})"
    elif h.who == "each":
        marks = [(clean(p), "✓" if ps.done_this_period else "·") for p, ps in r.people.items()]
        who = "  ".join(f"{p} {m}" for p, m in marks)
        short = " ".join(f"{p}{m}" for p, m in marks)
    elif r.done_today_by:
        short = f"by {', '.join(clean(p) for p in r.done_today_by)}"
        who = f"done {period} {short}"
        if not s.done_this_period and h.target > 1:  # part of the period's check-ins
            who = f"{r.total} of {h.target} {period} {short}"
    elif s.excused_this_period:
        who, short = f"excused {period}", "excused"
    else:
        who, short = f"not yet {period}", "not yet"
    return mark, clean(h.title), (who, short), plural(s.current, unit_of(h.cadence)), s.at_risk


def print_board(lines: list[tuple[str, str, tuple[str, str], str, bool]]) -> None:
    """The board's rows in columns measured in display cells, fitted to the terminal:
    titles give way first, then who did it; a narrow terminal gets the short words."""
    width = terminal_width()
    risk = "at risk" if width >= 40 else "!"
    room = width - 7 - (cells(risk) + 2 if any(at for *_, at in lines) else 0)
    title = max(cells(t) for _, t, _, _, _ in lines)
    wide = (
        title + max(cells(w[0]) for _, _, w, _, _ in lines) + max(cells("streak " + n) for *_, n, _ in lines)
    )
    short = wide > room and room < 60  # then "not yet" for "not yet today", "3 days" for "streak 3 days"
    pick = 1 if short else 0
    prefix = "" if short else "streak "
    natural = [
        title,
        max(cells(w[pick]) for _, _, w, _, _ in lines),
        max(cells(prefix + n) for *_, n, _ in lines),
    ]
    tw, ww, sw = shrink(natural, room, [(0, 12), (1, 10), (0, 6), (1, 5), (2, 5), (0, 3), (1, 3), (2, 3)])
    for mark, text, who, n, at in lines:
        line = f" {mark} {cell(text, tw)}  {cell(who[pick], ww)}  {cell(prefix + n, sw)}"
        echo(line + "  " + style(risk, fg="red", bold=True) if at else line.rstrip())


def print_streaks(table: list[list[str]]) -> None:
    """The streaks table in display cells, fitted to the terminal: a narrow one loses
    strength, then the 30-day rate, then the longest streak, before titles are cut."""
    width = terminal_width()
    natural = [max(cells(row[i]) for row in table) for i in range(6)]
    shown = [i for i in range(6) if natural[i]]
    for drop in (4, 3, 2):  # until the other columns leave a title at least 12 cells
        if sum(natural[i] for i in shown if i) + 2 * (len(shown) - 1) + min(natural[0], 12) <= width:
            break
        shown.remove(drop)
    room = width - 2 * (len(shown) - 1)
    kept = shrink(
        [natural[i] for i in shown], room, [(0, 12), (0, 5)] + [(k, 4) for k in range(1, len(shown))]
    )
    widths = dict(zip(shown, kept))
    align = {0: "<", 1: "<", 2: "<", 3: ">", 4: ">", 5: "<"}
    for n, row in enumerate(table):
        line = "  ".join(cell(row[i], widths[i], align[i]) for i in shown).rstrip()
        echo(style(line, bold=True) if n == 0 else line)


def history_day(day: date, past: History, state: str, habit: Habit) -> dict[str, object]:
    """One day of `history --json`: a day is "done" only when everyone it needs did it.
    A measured habit's day: `count` 1 when it holds an entry (an entered 0 too), and
    `amount`, the day's total (null without an entry)."""
    who = habit.who
    total = past.total.get(day)
    item: dict[str, object] = {
        "date": day.isoformat(),
        "count": (0 if total is None else 1) if habit.measured else (total or 0),
        "skipped": day in past.excused,
        "state": state,
        "skip": day in past.skipped,
        "away": day in past.away,
    }
    if habit.measured:
        from habits.core.habit import amount_value

        item["amount"] = None if total is None else amount_value(total)
    if who == "each":
        item["people"] = {name: track.counts.get(day, 0) for name, track in past.tracks.items()}
        if habit.measured:
            item["people"] = {
                name: None if n is None else amount_value(n)
                for name, track in past.tracks.items()
                for n in [track.counts.get(day)]
            }
    return item


def paint_cells(line: str) -> str:
    """The heat map's cells in colour (on a terminal): done green, partly yellow, excused blue."""
    from habits.core.heatmap import EXCUSED, FULL, PARTIAL

    for glyph, colour in ((FULL, "green"), (PARTIAL, "yellow"), (EXCUSED, "blue")):
        line = line.replace(glyph, style(glyph, fg=colour))
    return line


def log_line(item: dict[str, object]) -> str:
    """One entry of `habits log`: a check-in, a skip (with its reason) or days apart."""

    def text(key: str) -> str:
        return clean(str(item[key])) if item.get(key) else ""

    if item["kind"] == "away":
        line = f"{item['date']}  {pad('days apart', 24)} {pad('everyone', 12)} until {text('end')}"
        return line + (f" — {text('note')}" if item["note"] else "")
    who = pad(text("by") or "everyone", 12)
    if item["kind"] == "skip":
        return f"{item['date']}  {pad(text('habit'), 24)} {who} skipped" + (
            f" — {text('reason')}" if item["reason"] else ""
        )
    extra = f" {item['amount']} {text('unit')}" if item.get("amount") is not None else ""
    extra += f" @ {text('place')}" if item["place"] else ""
    extra += f" — {text('note')}" if item["note"] else ""
    return f"{item['date']}  {pad(text('habit'), 24)} {who}{extra}"
