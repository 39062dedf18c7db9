"""Storage: SQLAlchemy Core tables, the engine, migrations run once, queries."""
