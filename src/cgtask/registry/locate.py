"""Map a location in loaded data (keys and indexes) to the YAML line and column."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def locate(data: Any, path: Sequence[str | int]) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node of ``path`` that exists in ``data``.

    ruamel's round-trip containers record where each key and item starts; a
    path that runs past the data (a missing key) points at its parent.
    """
    line, col = _start_of(data)
    node = data
    for step in path:
        position = _position_of_child(node, step)
        if position is None:
            break
        line, col = position
        node = node[step]
    return line + 1, col + 1


def _start_of(node: Any) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None or lc.line is None:
        return 0, 0
    return lc.line, lc.col


def _position_of_child(node: Any, step: str | int) -> tuple[int, int] | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if isinstance(node, dict) and step in node:
            line, col = lc.key(step)[:2]
            return int(line), int(col)
        if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            line, col = lc.item(step)[:2]
            return int(line), int(col)
    except (KeyError, TypeError, IndexError):
        return None
    return None


def value_position(data: Any, path: Sequence[str | int]) -> tuple[int, int]:
    """Line and column of the value at ``path`` (for a mapping key, where its value starts)."""
    if not path:
        return locate(data, path)
    parent_path, last = path[:-1], path[-1]
    parent = data
    for step in parent_path:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return locate(data, path)
    lc = getattr(parent, "lc", None)
    if isinstance(parent, dict) and lc is not None and last in parent:
        try:
            line, col = lc.value(last)[:2]
            return int(line) + 1, int(col) + 1
        except (KeyError, TypeError):
            pass
    return locate(data, path)
