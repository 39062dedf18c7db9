"""Edits of a JSON document by path, for the tests that break an export on purpose:
`set_at("habits.4.every", 0)` or `set_at("habits.4.every", DELETE)`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DELETE = object()  # the value that removes the key or item instead


def set_at(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return edit
