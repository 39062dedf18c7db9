"""Store URLs: a path made a URL, the driver a bare postgres:// means, the file of an
SQLite URL, and any URL's password masked for display and error messages."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

# The password runs to the last '@' of the URL: one typed with a raw '@' is masked whole.
# (A pattern, not compiled at import: only error messages need it; re caches it.)
_URL_PASSWORD = r"(?P<head>[a-zA-Z][\w+.-]*://[^:/@\s]*:)(?P<pw>[^\s'\"]*)(?P<at>@)"


def mask_url(text: str) -> str:
    """Hide the password of any database URL inside text."""
    return re.sub(_URL_PASSWORD, lambda m: m["head"] + "***" + m["at"], text)


def to_url(text: str) -> str:
    """A store given as a path becomes an sqlite URL; URLs pass through."""
    if "://" in text:
        return text
    path = Path(os.path.expanduser(text))
    return "sqlite:///" + str(path.absolute())


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite store's URL (None for any other store, or for memory)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    if parsed.database.startswith("file:"):  # an SQLite URI (uri=true), e.g. file:/path?mode=ro
        from urllib.parse import unquote, urlsplit

        return Path(unquote(urlsplit(parsed.database).path))
    return Path(parsed.database)


def with_driver(url: URL) -> URL:
    """postgres:// and postgresql:// (no driver named) mean PostgreSQL through psycopg 3,
    the driver the `postgres` extra installs; postgres+DRIVER is postgresql+DRIVER."""
    backend, _, driver = url.drivername.partition("+")
    if backend not in ("postgres", "postgresql"):
        return url
    return url.set(drivername="postgresql+" + (driver or "psycopg"))
