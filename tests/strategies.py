"""Hypothesis strategies shared by the core's property tests."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from habits.core.streaks import Rule, Track

START = date(2024, 1, 1)  # the first day of the random histories


def rules_up_to(max_target: int) -> st.SearchStrategy[Rule]:
    return st.builds(
        Rule,
        cadence=st.sampled_from(["daily", "weekly"]),
        target=st.integers(1, max_target),
        week_start=st.integers(0, 6),
        created=st.none() | st.just(START + timedelta(30)),
        every=st.just(0),
        measure=st.just(""),
        goal=st.just(0),
    )


rules = rules_up_to(3)
# Targets up to 9: weekly habits whose strength window is one week (target >= 7) too.
wide_rules = rules_up_to(9)

SPAN = 200  # days of random history


@st.composite
def tracks(draw: st.DrawFn, n: int) -> list[Track]:
    out = []
    for _ in range(n):
        begin = draw(st.sampled_from([0, 0, 40, 150]))  # some histories start late
        density = draw(st.sampled_from([0.0, 0.5, 0.9, 1.0]))  # 0.0: skips only
        days = draw(st.lists(st.integers(begin, SPAN), max_size=SPAN, unique=True))
        keep = draw(st.lists(st.floats(0, 1), min_size=len(days), max_size=len(days)))
        counts = {START + timedelta(d): draw(st.integers(0, 9)) for d, k in zip(days, keep) if k < density}
        skips = draw(st.lists(st.integers(begin, SPAN), max_size=10))
        out.append(Track(counts, frozenset(START + timedelta(d) for d in skips)))
    return out


def clip(group: list[Track], since: date) -> list[Track]:
    """What a resumed read holds: the days from `since` on."""
    return [
        Track(
            {d: n for d, n in t.counts.items() if d >= since}, frozenset(d for d in t.excused if d >= since)
        )
        for t in group
    ]
