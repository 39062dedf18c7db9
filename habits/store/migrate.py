"""Running Alembic, in one place. Imported only when a store is behind (or by
tests): the command line's hot path never imports Alembic."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy.engine import Connection


def alembic_config(connection: Connection | None = None) -> Any:
    from alembic.config import Config

    import habits.migrations

    cfg = Config()
    cfg.set_main_option("script_location", os.path.dirname(habits.migrations.__file__))
    cfg.attributes["connection"] = connection
    return cfg


def script_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(connection: Connection, target: str = "head") -> None:
    """Upgrade inside the caller's transaction (Alembic joins an external one)."""
    from alembic import command

    command.upgrade(alembic_config(connection), target)


def downgrade(connection: Connection, target: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(connection), target)
