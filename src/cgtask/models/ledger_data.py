"""Plain-data mirrors of the ledger models (:mod:`cgtask.models.ledger`), as ``model_dump(mode="json")`` gives them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Literal, TypedDict


class LedgerEntryData(TypedDict):
    """One ledger record: what was done for which duty, by whom, for which period, and when."""

    id: str | None
    item: str
    doc: str
    level: str
    unit: str | None
    activity: str | None
    period: str
    date: str
    count: int
    quantity: int | None
    of: int | None
    covers: list[str]
    withdraws: str | None
    origin: str | None
    value: float | None
    metric: str | None
    note: str | None
    recorded_at: str | None


class LedgerData(TypedDict):
    """ledger.yaml: the records of work done."""

    kind: Literal["ledger"]
    closed: list[int]
    entries: list[LedgerEntryData]


def empty_ledger() -> LedgerData:
    """The ledger of a registry without ledger.yaml."""
    return {"kind": "ledger", "closed": [], "entries": []}


def new_record_id() -> str:
    """A short random record id: records from two clones never collide, so their ledgers merge."""
    import uuid

    return f"r-{uuid.uuid4().hex[:8]}"


def derived_record_id(*parts: str) -> str:
    """An id made from what a record says (a form row's origin and content).

    The same row read twice, in a dry run and then for real, or in two clones, gets the same id. Longer
    than a random id, so that the ids of different rows do not meet in a city's years of records.
    """
    import hashlib

    return "r-" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def successor_id(record_id: str, withdrawal_id: str) -> str:
    """The id of the corrected copy ``ledger edit`` writes with the withdrawal of ``record_id``.

    Two corrections of one record (two clones, merged) are found by it.
    """
    return derived_record_id("corrects", record_id, withdrawal_id)


def withdrawal_of(
    original: Mapping[str, Any],
    today: date,
    now: datetime | None = None,
    note: str | None = None,
    *,
    record_id: str | None = None,
) -> dict[str, Any]:
    """The record that withdraws ``original``: it names the same item, level, 中队 and period."""
    entry: dict[str, Any] = {
        "id": record_id or new_record_id(),
        "item": original["item"],
        "doc": original["doc"],
    }
    entry["level"] = original["level"]
    optional = {
        "unit": original["unit"],
        "activity": original["activity"],
        "period": original["period"],
        "date": today,
        "count": 0,
        "withdraws": original["id"],
        "note": note.strip() if note and note.strip() else None,
        "recorded_at": now,
    }
    entry.update({key: value for key, value in optional.items() if value is not None})
    return entry


# The notes cgtask writes on the withdrawal that a correction makes (``ledger edit``, a corrected form):
# such a record is 已更正 (its successor follows), not merely 已撤销.
EDIT_NOTE = "更正，见下一条记录"
FORM_CORRECTION_NOTE = "台账表更正，原记录撤销"


def record_states(entries: Sequence[Mapping[str, Any]]) -> list[str]:
    """Each entry's standing: live, withdrawn, corrected (withdrawn by a correction) or a withdrawal."""
    withdrawals = {str(e["withdraws"]): e for e in entries if e.get("withdraws")}
    states = []
    for entry in entries:
        by = withdrawals.get(str(entry.get("id")))
        if entry.get("withdraws"):
            states.append("withdrawal")
        elif by is None:
            states.append("live")
        else:
            states.append("corrected" if by.get("note") in (EDIT_NOTE, FORM_CORRECTION_NOTE) else "withdrawn")
    return states
