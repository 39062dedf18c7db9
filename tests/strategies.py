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


@st.composite
def any_rules(draw: st.DrawFn) -> Rule:
    """Every cadence (monthly targets up to a month's days), yes/no and measured."""
    cadence = draw(st.sampled_from(["daily", "weekly", "monthly", "every"]))
    every = draw(st.integers(1, 10)) if cadence == "every" else 0
    measure = draw(st.sampled_from(["", "", "at_least", "at_most"]))
    if measure:
        target = 1
    elif cadence == "monthly":
        target = draw(st.sampled_from([1, 2, 3, 29, 30, 31]))
    else:
        target = draw(st.integers(1, min(every or 7, 3) if cadence != "daily" else 3))
    return Rule(
        cadence,
        target,
        week_start=draw(st.integers(0, 6)),
        created=draw(st.none() | st.integers(-10, 60).map(lambda n: START + timedelta(n))),
        every=every,
        measure=measure,
        goal=draw(st.sampled_from([0, 1_000, 2_500, 10_000, 20_000])) if measure else 0,
    )


def amounts(group: list[Track], rule: Rule) -> list[Track]:
    """The tracks as a rule reads them: for a measured rule each count becomes an amount
    in thousandths (0 stays an entered zero)."""
    if not rule.measure:
        return group
    return [Track({day: n * 1_500 for day, n in t.counts.items()}, t.excused) for t in group]
