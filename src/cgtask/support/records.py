"""Carrying a record's fields over to another record of the same names (no third-party imports)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def same_named(source: object, names: Iterable[str]) -> dict[str, Any]:
    """The keyword arguments that carry ``names`` over from ``source`` unchanged: ``{name: source.name}``.

    A conversion between two records that call a field by one name then spells out only what it changes.
    """
    return {name: getattr(source, name) for name in names}


def given(data: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The keyword arguments for ``names`` read back from a dict under the same keys (None where absent)."""
    return {name: data.get(name) for name in names}


def flags(data: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The keyword arguments for yes/no fields read back from a dict (False where absent)."""
    return {name: bool(data.get(name, False)) for name in names}
