"""Hypothesis strategies shared by the core's property tests."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from habits.core.streaks import Rule

START = date(2024, 1, 1)  # the first day of the random histories


def rules_up_to(max_target: int) -> st.SearchStrategy[Rule]:
    return st.builds(
        Rule,
        cadence=st.sampled_from(["daily", "weekly"]),
        target=st.integers(1, max_target),
        week_start=st.integers(0, 6),
        created=st.none() | st.just(START + timedelta(30)),
    )


rules = rules_up_to(3)
# Targets up to 9: weekly habits whose strength window is one week (target >= 7) too.
wide_rules = rules_up_to(9)
