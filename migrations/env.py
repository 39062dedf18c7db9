"""Alembic environment. The configuration is built in code (habits.store.migrate),
which hands over an open connection in `config.attributes["connection"]`."""

from alembic import context

from habits.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - habits always passes its connection
    raise RuntimeError("habits migrations run through habits.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: rebuild tables in batches
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
