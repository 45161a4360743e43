"""Decide what an import changes in the ledger, by each record's ``origin`` (the form row it came from).

Importing the same form twice must add nothing; a corrected form must replace the rows it corrects.
Pure functions over plain data: the ledger write stays with the caller.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from cgtask.interchange.forms.model import FormRecord

# The fields that make up a record's content; ``origin`` is its identity, not its content.
CONTENT_FIELDS = (
    "doc", "item", "level", "unit", "activity", "period", "date", "count", "quantity", "of", "covers", "note",
)  # fmt: skip


def merge_records(
    existing: Iterable[Mapping[str, Any]], incoming: Iterable[FormRecord]
) -> tuple[list[FormRecord], list[FormRecord], list[FormRecord]]:
    """Split ``incoming`` into (to_add, to_replace, unchanged) against the ledger's ``existing`` entries.

    An incoming record whose origin no entry carries is added. When entries carry its origin and one
    of them equals it in content, it is unchanged; otherwise it replaces every entry of that origin
    (the caller removes those and writes the new one). Entries without an origin (typed with
    ``cgtask done``) never match.
    """
    by_origin: dict[str, list[dict[str, Any]]] = {}
    for entry in existing:
        origin = entry.get("origin")
        if origin:
            by_origin.setdefault(str(origin), []).append(comparable(entry))
    to_add: list[FormRecord] = []
    to_replace: list[FormRecord] = []
    unchanged: list[FormRecord] = []
    for record in incoming:
        earlier = by_origin.get(record.origin)
        if not earlier:
            to_add.append(record)
        elif earlier == [comparable(record.to_json())]:
            unchanged.append(record)
        else:
            to_replace.append(record)
    return to_add, to_replace, unchanged


def withdrawn_origins(existing: Iterable[Mapping[str, Any]], not_reported: Iterable[str]) -> list[str]:
    """Origins the ledger holds records of whose form row came back blank this time.

    A corrected form may empty a row reported by mistake; :func:`merge_records` sees only reported
    rows, so the caller asks this (and decides whether to remove those entries or ask first).
    """
    held = {str(entry["origin"]) for entry in existing if entry.get("origin")}
    return [origin for origin in dict.fromkeys(not_reported) if origin in held]


def comparable(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A record's content in one shape, whether it comes from YAML (dates, ints) or JSON (ISO text)."""
    return {key: _normal(key, entry.get(key)) for key in CONTENT_FIELDS}


def _normal(key: str, value: Any) -> Any:
    if key == "covers":
        return tuple(value or ())
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if key == "count" and value is None:
        return 1
    if value == "":
        return None
    return value
