"""The valid parts of a document that failed validation, so ``check`` reports every finding of the file.

Pydantic reports every field error of a file, but the checks across fields (names, levels, frequency
phrases, duplicate ids …) need a validated document. Rather than let one wrong value hide them, the list
entries that hold an error (a task, an item, an obligation) are set aside and the rest is validated again;
the checks then run over what remains, and each finding is located back in the file as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter, ValidationError

Path_ = list[str | int]
_ROUNDS = 4  # setting an entry aside may empty its list (min_length), which sets its parent aside next


def valid_parts(data: Any, adapter: TypeAdapter[Any]) -> tuple[Any, Callable[[Path_], Path_]] | None:
    """(the document validated without its broken entries, a map from its paths to the file's), or None.

    None when an error lies outside every list entry (a wrong ``year``) and cannot be set aside.
    """
    from cgtask.registry.validation import real_path

    removed: set[tuple[str | int, ...]] = set()
    for _ in range(_ROUNDS):
        pruned = _without(data, removed, ())
        try:
            return adapter.validate_python(pruned), lambda path: _original(data, removed, path)
        except ValidationError as exc:
            for error in exc.errors():
                entry = _entry_of(_original(data, removed, real_path(pruned, tuple(error["loc"]))))
                if entry is None:
                    return None
                removed.add(entry)
    return None


def _entry_of(path: Path_) -> tuple[str | int, ...] | None:
    """The innermost list entry a path lies in (its path up to the last index), None when in none."""
    indexes = [n for n, step in enumerate(path) if isinstance(step, int)]
    return tuple(path[: indexes[-1] + 1]) if indexes else None


def _without(node: Any, removed: set[tuple[str | int, ...]], at: tuple[str | int, ...]) -> Any:
    if isinstance(node, dict):
        return {key: _without(value, removed, (*at, key)) for key, value in node.items()}
    if isinstance(node, list):
        return [_without(value, removed, (*at, n)) for n, value in enumerate(node) if (*at, n) not in removed]
    return node


def _original(data: Any, removed: set[tuple[str | int, ...]], path: Path_) -> Path_:
    """A path in the pruned document as the same place in the file: list indexes skip the entries set aside."""
    from cgtask.registry.validation import child  # as valid_parts does: validation loads only on errors

    original: Path_ = []
    node = data
    for step in path:
        if isinstance(step, int) and isinstance(node, list):
            kept = [n for n in range(len(node)) if (*original, n) not in removed]
            step = kept[step] if step < len(kept) else step
        original.append(step)
        node = child(node, step)
    return original
