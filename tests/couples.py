"""Two configs on one store, the way a couple runs habits: Alex's config is the test
store's own, and Sam's sits beside it; the options returned run a command as Sam."""

from __future__ import annotations


def couple_config(me: str, partner: str, zone: str = "UTC") -> str:
    return f'[time]\ntimezone = "{zone}"\n[couple]\nme = "{me}"\npartner = "{partner}"\n'


def as_couple(habits, zone: str = "UTC") -> list[str]:  # type: ignore[no-untyped-def]
    """Write Alex's config and Sam's; return the options that make a command Sam's."""
    habits.write_config(couple_config("Alex", "Sam", zone))
    path = habits.home / "sam.toml"
    path.write_text(couple_config("Sam", "Alex", zone), encoding="utf-8")
    return ["--config", str(path)]
