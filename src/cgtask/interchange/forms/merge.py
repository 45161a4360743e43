"""Decide what an import changes in the ledger, by each record's ``origin`` (the form row it came from).

Importing the same form twice must add nothing; a corrected form must replace the rows it corrects.
Pure functions over plain data: the ledger write stays with the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cgtask.interchange.forms.model import FormRecord

# The fields that make up a record's content; ``origin`` is its identity, not its content.
CONTENT_FIELDS = (
    "doc", "item", "level", "unit", "activity", "period", "date", "count", "quantity", "of", "covers", "note",
)  # fmt: skip


@dataclass
class Merge:
    """What an import does with each form row, by the row's ``origin``."""

    to_add: list[FormRecord] = field(default_factory=list)
    to_replace: list[FormRecord] = field(default_factory=list)
    unchanged: list[FormRecord] = field(default_factory=list)
    # Rows the 台账 took before, since corrected or withdrawn by hand (ledger edit/undo): the later
    # correction wins over the same, unchanged row read again.
    kept: list[FormRecord] = field(default_factory=list)


def merge_records(
    existing: Iterable[Mapping[str, Any]], incoming: Iterable[FormRecord], *, live_ids: set[str] | None = None
) -> Merge:
    """Split ``incoming`` against the ledger's ``existing`` entries (withdrawn ones included).

    An incoming record is unchanged when the one live entry of its origin equals it in content. It is
    kept as the 台账 has it when no live entry of its origin says this but a withdrawn one did: the row
    was imported, then corrected or withdrawn by hand (``ledger edit``/``undo``), and reading the same row
    again must not undo that. Otherwise it is added (no live entry of its origin) or replaces every live
    entry of its origin (the caller withdraws those — two after a merge of clones — and writes one).
    Entries without an origin (``cgtask done``) never match. ``live_ids`` are the ids of the entries
    that still count (all of ``existing`` when not given).
    """
    existing = list(existing)
    live = live_ids if live_ids is not None else {str(e.get("id")) for e in existing}
    by_origin: dict[str, list[str]] = {}
    withdrawn: set[tuple[str, str]] = set()
    for entry in existing:
        origin = entry.get("origin")
        if not origin or entry.get("withdraws"):
            continue
        if str(entry.get("id")) in live:
            by_origin.setdefault(str(origin), []).append(content_key(entry))
        else:
            withdrawn.add((str(origin), content_key(entry)))
    merge = Merge()
    for record in incoming:
        earlier = by_origin.get(record.origin, [])
        content = content_key(record.to_json())
        if earlier == [content]:
            merge.unchanged.append(record)
        elif content not in earlier and (record.origin, content) in withdrawn:
            merge.kept.append(record)
        elif not earlier:
            merge.to_add.append(record)
        else:
            merge.to_replace.append(record)
    return merge


def content_key(entry: Mapping[str, Any]) -> str:
    """A record's content as one stable text: equal for equal content, whatever shape it was read in."""
    import json

    return json.dumps(comparable(entry), ensure_ascii=False, sort_keys=True, default=list)


def withdrawn_origins(
    existing: Iterable[Mapping[str, Any]], not_reported: Iterable[str], reported: Iterable[str] = ()
) -> list[str]:
    """Origins the ledger holds records of whose form row came back blank this time, or whose day is gone.

    A corrected form may empty a row reported by mistake, or list fewer days of a daily duty's month;
    :func:`merge_records` sees only what is reported, so the caller asks this (and withdraws those entries).
    """
    held = dict.fromkeys(str(entry["origin"]) for entry in existing if entry.get("origin"))
    blank, sent = set(not_reported), set(reported)
    months = {day_row(origin) for origin in sent} - {None}  # daily rows reported again, day by day
    return [
        origin
        for origin in held
        if origin in blank or day_row(origin) in blank or (day_row(origin) in months and origin not in sent)
    ]


_DAY = re.compile(r"/\d{4}-\d{2}-\d{2}$")


def day_row(origin: str) -> str | None:
    """The form row a day's record came from (a daily duty's month: origin/2022-03-07), else None."""
    found = _DAY.search(origin)
    return origin[: found.start()] if found else None


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
