"""Pure domain logic: plain data and dates in, answers out. No click, no SQLAlchemy."""
