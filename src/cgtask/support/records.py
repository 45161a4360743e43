"""Carrying a record's fields over to another record of the same names (no third-party imports)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def same_named(source: object, names: Iterable[str]) -> dict[str, Any]:
    """The keyword arguments that carry ``names`` over from ``source`` unchanged: ``{name: source.name}``.

    A conversion between two records that call a field by one name then spells out only what it changes.
    """
    return {name: getattr(source, name) for name in names}
