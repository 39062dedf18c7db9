"""habits: a local-first tracker for the small rituals that keep a relationship alive."""

__version__ = "0.1.0"
