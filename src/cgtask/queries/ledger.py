"""The ledger's records as ``cgtask ledger list`` shows them: each with its standing, filtered.

A record is live, withdrawn (a later entry withdraws it) or a withdrawal itself. A 科室 sees the
records of its own and the bureau-level records of the items it is responsible for; which items those
are is worked out once per listing, not once per record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cgtask.models.ledger_data import record_states
from cgtask.registry.ledger_store import ledger_of
from cgtask.registry.view import Registry


@dataclass(frozen=True)
class RecordFilter:
    """Which records to list: by 科室/中队, item, document and month of the date done.

    ``everything`` adds the withdrawn records and the withdrawals.
    """

    dept: str | None = None
    item: str | None = None
    doc: str | None = None
    month: int | None = None
    everything: bool = False


def all_records(registry: Registry) -> list[dict[str, Any]]:
    """Every record with its standing: live, withdrawn, corrected (withdrawn by a correction) or a withdrawal."""
    entries = ledger_of(registry).records()
    return [{**entry, "state": state} for entry, state in zip(entries, record_states(entries), strict=True)]


def ledger_records(registry: Registry, query: RecordFilter) -> list[dict[str, Any]]:
    """The records ``query`` asks for, in ledger order."""
    party = registry.index.resolve_party(query.dept) if query.dept else None
    concerned = _responsible_for(registry, party) if party else set()
    return [
        row
        for row in all_records(registry)
        if _matches(row, query) and (party is None or _seen_by(row, party, concerned))
    ]


def _matches(row: dict[str, Any], query: RecordFilter) -> bool:
    """Whether a record passes the filter's state, item, document and month."""
    if not query.everything and row["state"] != "live":
        return False
    if (query.item and row["item"] != query.item) or (query.doc and row["doc"] != query.doc):
        return False
    return not query.month or int(str(row["date"])[5:7]) == query.month


def _seen_by(row: dict[str, Any], party: str, concerned: set[tuple[str, str]]) -> bool:
    """A party's own records, and the bureau-level records of the items it is responsible for."""
    if row.get("unit"):
        return bool(row["unit"] == party)
    return (row["doc"], row["item"]) in concerned


def _responsible_for(registry: Registry, party: str) -> set[tuple[str, str]]:
    """(document, item) of every duty ``party`` leads or is responsible for."""
    from cgtask.queries.duties import collect_duties

    return {(d.doc, d.item) for d in collect_duties(registry) if party in d.responsible}
