"""Hypothesis strategies shared by the core's property tests."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from habits.core.streaks import Rule

START = date(2024, 1, 1)  # the first day of the random histories

rules = st.builds(
    Rule,
    cadence=st.sampled_from(["daily", "weekly"]),
    target=st.integers(1, 3),
    week_start=st.integers(0, 6),
    created=st.none() | st.just(START + timedelta(30)),
)

# Targets up to 9: weekly habits whose strength window is one week (target >= 7) too.
wide_rules = st.builds(
    Rule,
    cadence=st.sampled_from(["daily", "weekly"]),
    target=st.integers(1, 9),
    week_start=st.integers(0, 6),
    created=st.none() | st.just(START + timedelta(30)),
)
