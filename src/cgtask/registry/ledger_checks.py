"""What ``check`` finds in each 台账 record against the registry (E801, E810), each distinct record once.

A district's year holds thousands of records that say the same few things (an item, a 中队, a period);
judging each one apart was most of the check after a write at 60,000 records. A record's findings depend
only on the fields judged here, so records that agree on them share one answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from operator import itemgetter
from typing import Any

from cgtask.registry.ledger_cadence import PeriodFit
from cgtask.registry.ledger_file import entry_problems
from cgtask.registry.names import OrgIndex

Problem = tuple[str, str, str]  # field, Chinese message, code


class RecordJudge:
    """E801 (a reference that does not resolve), E810 (a period no duty of the item has) of records."""

    def __init__(
        self, items: dict[str, set[str]], index: OrgIndex, failed: Mapping[str, Any], fit: PeriodFit
    ) -> None:
        self._items, self._index, self._failed, self._fit = items, index, failed, fit
        self._answers: dict[tuple[Any, ...], list[Problem]] = {}

    def problems(self, entry: Mapping[str, Any]) -> list[Problem]:
        """The record's problems, placed by field; none for a sound record."""
        key = (
            entry["doc"], entry["item"], str(entry["period"]), entry["level"], entry.get("unit"),
            tuple(entry.get("covers") or ()), entry.get("activity"), bool(entry.get("withdraws")),
            entry.get("value") is None,
        )  # fmt: skip
        found = self._answers.get(key)
        if found is None:
            found = self._answers[key] = self._judge(entry)
        return found

    def _judge(self, entry: Mapping[str, Any]) -> list[Problem]:
        failed = entry["doc"] in self._failed  # its own findings say what to fix
        found = [
            (field, message, "E801")
            for field, message in entry_problems(entry, self._items, self._index)
            if not failed or field not in ("doc", "item")
        ]
        if found or failed:
            return found
        misplaced = self._fit.problem(entry)
        return [misplaced] if misplaced is not None else []


# --- each 台账 file's records as the checks across files need them ------------------------------------------
#
# ``check`` after a write needs, of every record, only what the findings above look at and its identity (id,
# form row, what it withdraws) for E802 — not the record. Kept per file under the file's stamp, it spares
# the check decoding every unchanged month's records: distinct judged fields, each record's index into them.

_JUDGED = ("doc", "item", "period", "level", "unit", "covers", "activity", "withdraws", "value")


def record_index(entries: list[Any]) -> dict[str, Any]:
    """One 台账 file's records reduced to the judged fields (each distinct set once) and their identities."""
    judged = itemgetter(*_JUDGED)
    keys: dict[tuple[Any, ...], int] = {}
    key_of = []
    for entry in entries:
        doc, item, period, level, unit, covers, activity, withdraws, value = judged(entry)
        key = (
            doc,
            item,
            period,
            level,
            unit,
            tuple(covers or ()),
            activity,
            bool(withdraws),
            value is not None,
        )
        key_of.append(keys.setdefault(key, len(keys)))
    return {
        "keys": [[*key[:5], list(key[5]), *key[6:]] for key in keys],
        "key_of": key_of,
        "ids": [entry["id"] for entry in entries],
        "origins": [[n, entry["origin"]] for n, entry in enumerate(entries) if entry["origin"]],
        "withdraws": [[n, entry["withdraws"]] for n, entry in enumerate(entries) if entry["withdraws"]],
    }


def extend_index(index: dict[str, Any], entries: list[Any]) -> dict[str, Any]:
    """``index`` with the records ``entries`` after its own: what :func:`record_index` of all of them gives."""
    keys = [list(key) for key in index["keys"]]
    known = {_hashable(key): n for n, key in enumerate(keys)}
    added = record_index(entries)
    number = []
    for key in added["keys"]:
        hashable = _hashable(key)
        if hashable not in known:
            known[hashable] = len(keys)
            keys.append(key)
        number.append(known[hashable])
    count = len(index["ids"])
    return {
        "keys": keys,
        "key_of": [*index["key_of"], *(number[n] for n in added["key_of"])],
        "ids": [*index["ids"], *added["ids"]],
        "origins": [*index["origins"], *([count + n, origin] for n, origin in added["origins"])],
        "withdraws": [*index["withdraws"], *([count + n, target] for n, target in added["withdraws"])],
    }


def _hashable(key: list[Any]) -> tuple[Any, ...]:
    return (*key[:5], tuple(key[5]), *key[6:])


def is_record_index(value: Any) -> bool:
    """The shape :func:`record_index` writes, consistent enough that no check meets an index out of range."""
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k), list) for k in ("keys", "key_of", "ids")
    ):
        return False
    keys, key_of = value["keys"], value["key_of"]
    width = len(_JUDGED)
    return (
        len(key_of) == len(value["ids"])
        and all(isinstance(key, list) and len(key) == width for key in keys)
        and all(type(n) is int and 0 <= n < len(keys) for n in key_of)
        and all(_pair(pair, len(key_of)) for k in ("origins", "withdraws") for pair in value.get(k) or [])
        and isinstance(value.get("origins"), list)
        and isinstance(value.get("withdraws"), list)
    )


def _pair(pair: Any, count: int) -> bool:
    return isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int and 0 <= pair[0] < count


def judged_entry(key: list[Any]) -> dict[str, Any]:
    """The fields of a record the checks look at, from one of :func:`record_index`'s keys."""
    entry = dict(zip(_JUDGED, key, strict=True))
    entry["withdraws"] = entry["withdraws"] or None
    entry["value"] = 1.0 if entry["value"] else None
    return entry


def identities(index: dict[str, Any]) -> list[dict[str, Any]]:
    """Each record's id, form row and what it withdraws (what E802 compares), in file order."""
    origins, withdraws = dict(map(tuple, index["origins"])), dict(map(tuple, index["withdraws"]))
    return [
        {"id": record_id, "origin": origins.get(n), "withdraws": withdraws.get(n)}
        for n, record_id in enumerate(index["ids"])
    ]


def may_repeat(indexes: list[dict[str, Any]]) -> bool:
    """Whether E802 can find anything: an id, a form row or a withdrawn id seen twice (as ``may_clash``)."""
    ids = [record_id for index in indexes for record_id in index["ids"] if record_id]
    targets = [target for index in indexes for _, target in index["withdraws"]]
    origins = [
        origin
        for index in indexes
        for n, origin in index["origins"]
        if n not in {w for w, _ in index["withdraws"]}
    ]
    return any(len(set(values)) != len(values) for values in (ids, origins, targets))
