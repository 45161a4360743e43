"""What a record cgtask appends reads back as, known without the YAML parser or the model (issue 24).

After a write, the next command must find the new records in the cache of records
(:mod:`cgtask.registry.ledger_chunks`) or it parses them, loading ruamel.yaml and pydantic. Reading the
new line back in the writer cost ``done`` a third of its time. For the values cgtask itself writes —
text without control or odd space characters, whole numbers within the model's bounds, a date, a finite
float, a time of day with its offset — that reading is the value itself, as ``model_dump(mode="json")``
gives it, so it is made here directly. Anything else (a value of another type, a bound broken, a name
with a tab) gets None and the caller reads the line back as before: the cache may make a read faster,
never different. ``tests/registry/test_ledger_written.py`` holds this equal to the parse and the model.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from cgtask.models.ledger_data import LedgerEntryData
from cgtask.support.limits import MAX_ACTIONS, MAX_NOTE_CHARS, MAX_QUANTITY

KEYS = list(LedgerEntryData.__annotations__)
_NAME_CHARS = 60
_DOC_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
# Characters the reader refuses or reads otherwise: controls (tabs and line breaks too), surrogates, the line
# and paragraph separators, the bidirectional controls.
_ODD = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
_TEXT = ("id", "item", "activity", "period", "withdraws", "origin", "metric", "note")
_NAMES = ("level", "unit")
_DEFAULTS: dict[str, Any] = {key: None for key in KEYS} | {"count": 1, "covers": []}


def written_reading(entry: Mapping[str, Any]) -> dict[str, Any] | None:
    """The entry as the 台账's model reads it back from the line cgtask writes; None when only a parse can tell."""
    if not set(entry) <= set(KEYS) or not {"item", "doc", "level", "period", "date"} <= set(entry):
        return None
    reading = dict(_DEFAULTS)
    for key, value in entry.items():
        read = _read(key, value)
        if read is None:
            return None
        reading[key] = read
    return reading


def _read(key: str, value: Any) -> Any:
    """One field's reading, or None when it is not one of the plain values this module vouches for."""
    if key in _TEXT:
        return value if _plain(value) and (key != "note" or len(value) <= MAX_NOTE_CHARS) else None
    if key in _NAMES:
        return value if _name(value) else None
    if key == "doc":
        return (
            value
            if isinstance(value, str) and len(value) <= _NAME_CHARS and _DOC_ID.fullmatch(value)
            else None
        )
    if key == "covers":
        ok = isinstance(value, list) and all(_name(name) for name in value)
        return list(value) if ok else None
    if key == "date":
        return value.isoformat() if type(value) is dt.date else None
    if key == "recorded_at":
        return _time(value)
    if key == "value":
        return value if type(value) is float and math.isfinite(value) else None
    low = 1 if key == "of" else 0
    high = MAX_ACTIONS if key == "count" else MAX_QUANTITY
    return value if type(value) is int and low <= value <= high else None


def _plain(value: Any) -> bool:
    """Text of at least one character other than a space, with no character :data:`_ODD` names."""
    return isinstance(value, str) and bool(value.strip()) and _ODD.search(value) is None


def _name(value: Any) -> bool:
    """A name as the model's pattern takes it: 1 to 60 characters, no space at either end.

    Only U+0020 among the spaces: the pattern engine's "not a space" is not Python's on a few others.
    """
    if not _plain(value) or len(value) > _NAME_CHARS or value != value.strip(" "):
        return False
    return not any(char.isspace() and char != " " for char in value)


def _time(value: Any) -> str | None:
    """A time as the model writes it in JSON: ISO 8601, ``Z`` for UTC; None for one it would not read alike."""
    if type(value) is not dt.datetime:
        return None
    offset = value.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if offset is not None and not offset and text.endswith("+00:00") else text
