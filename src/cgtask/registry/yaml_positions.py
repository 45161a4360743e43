"""Where each key, value and item of a file starts, from libyaml's nodes: a tenth of the round-trip parse.

A valid document's warnings (W403, W404 …) need a line and column. ruamel's round-trip parser gives them but
takes a third of a second for the 42 obligations of a supervision plan, and a city has a hundred such plans:
on a first load that parse was most of the time. libyaml's composer marks every node with the same line and
column, so the positions are taken from its node tree into containers that answer :mod:`locate` as ruamel's
round-trip data does. A tree the quick path does not take (an alias, a merge key, a non-string key) is read
round-trip, as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

Spot = tuple[int, int]  # 0-based line and column, as ruamel keeps them


class Where:
    """The positions of one mapping or list, answering as ruamel's ``lc`` does."""

    def __init__(self, start: Spot, children: Mapping[Any, tuple[int, ...]]) -> None:
        self.line, self.col = start
        self._children = children

    def key(self, key: Any) -> tuple[int, int]:
        """Where ``key`` of a mapping starts."""
        line, col, *_ = self._children[key]
        return line, col

    def value(self, key: Any) -> tuple[int, int]:
        """Where the value of ``key`` starts."""
        return self._children[key][2], self._children[key][3]

    def item(self, index: int) -> tuple[int, int]:
        """Where item ``index`` of a list starts."""
        line, col = self._children[index]
        return line, col


class PlacedDict(dict[Any, Any]):
    """A mapping read with its positions (``lc``)."""

    lc: Where


class PlacedList(list[Any]):
    """A list read with its positions (``lc``)."""

    lc: Where


class _NotTaken(Exception):
    """The tree holds something the quick path leaves to the round-trip parser."""


def _spot(node: Any) -> Spot:
    return node.start_mark.line, node.start_mark.column


def _placed(node: Any, seen: set[int]) -> Any:
    if node.id == "scalar":
        return node.value
    if id(node) in seen:  # libyaml's composer leaves no anchor: an alias is a node met twice
        raise _NotTaken
    seen.add(id(node))
    if node.id == "sequence":
        items = PlacedList(_placed(child, seen) for child in node.value)
        items.lc = Where(_spot(node), {n: _spot(child) for n, child in enumerate(node.value)})
        return items
    mapping, children = PlacedDict(), {}
    for key_node, value_node in node.value:
        tag = getattr(key_node, "tag", None)
        if key_node.id != "scalar" or str(tag).rpartition(":")[2] != "str" or key_node.value in mapping:
            raise _NotTaken
        mapping[key_node.value] = _placed(value_node, seen)
        children[key_node.value] = (*_spot(key_node), *_spot(value_node))
    mapping.lc = Where(_spot(node), children)
    return mapping


def read_positions(path: Path, display: str, limit: int | None = None) -> Any:
    """The file's tree with where each key, value and item starts, for a file that already read cleanly.

    ``limit`` is the file's size limit (the 台账's is larger than a document's).
    """
    from cgtask.registry.yaml_io import MAX_FILE_BYTES, fast_safe_yaml, read_registry_file, read_yaml

    limit = limit or MAX_FILE_BYTES
    raw, _ = read_registry_file(path, limit)
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff") if raw is not None else None
        node = fast_safe_yaml().compose(text) if text is not None else None
        if node is not None:
            return _placed(node, set())
    except Exception:  # anything unusual: the round-trip parser reads it and says what
        pass
    return read_yaml(path, display, limit=limit).data
