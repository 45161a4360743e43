"""``ledger list``'s records: standing and filters, and the items a 科室 answers for found once."""

from __future__ import annotations

from typing import Any

import pytest

from cgtask import api
from cgtask.queries import duties
from cgtask.queries.ledger import RecordFilter, all_records, ledger_records


def _reference(registry: api.Registry, query: RecordFilter) -> list[dict[str, Any]]:
    """The filter as it was written before: every duty looked at again for each bureau-level record."""
    party = registry.index.resolve_party(query.dept) if query.dept else None
    rows = []
    for row in all_records(registry):
        if not query.everything and row["state"] != "live":
            continue
        if party and row.get("unit") != party:
            concerns = not row.get("unit") and any(
                d.doc == row["doc"] and d.item == row["item"] and party in d.responsible
                for d in duties.collect_duties(registry)
            )
            if not concerns:
                continue
        if (query.item and row["item"] != query.item) or (query.doc and row["doc"] != query.doc):
            continue
        if query.month and int(str(row["date"])[5:7]) != query.month:
            continue
        rows.append(row)
    return rows


@pytest.mark.parametrize(
    "query",
    [
        RecordFilter(),
        RecordFilter(everything=True),
        RecordFilter(dept="监督科"),
        RecordFilter(dept="协调科", everything=True),
        RecordFilter(dept="罗店镇中队"),
        RecordFilter(month=3),
        RecordFilter(item="1", doc="supervision-2022"),
        RecordFilter(dept="监督科", month=2),
    ],
)
def test_the_filter_keeps_what_it_kept_before(query: RecordFilter) -> None:
    registry = api.open_registry()
    assert ledger_records(registry, query) == _reference(registry, query)


def test_a_department_sees_its_own_and_the_bureau_records_of_its_items() -> None:
    registry = api.open_registry()
    everything = all_records(registry)
    assert everything, "the shipped registry has records"
    rows = ledger_records(registry, RecordFilter(dept="监督科", everything=True))
    assert rows
    assert all(row.get("unit") in (None, "监督科") for row in rows)


def test_the_duties_are_collected_once_per_listing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    collect = duties.collect_duties

    def counting(registry: api.Registry) -> list[duties.Duty]:
        calls.append(1)
        return collect(registry)

    monkeypatch.setattr(duties, "collect_duties", counting)
    ledger_records(api.open_registry(), RecordFilter(dept="监督科", everything=True))
    assert len(calls) == 1


def test_the_api_and_the_cli_list_the_same_records(runner: Any) -> None:
    from tests.conftest import cli_json

    rows = api.ledger_records(None, api.RecordFilter(dept="监督科"))
    assert cli_json(runner, "ledger", "list", "--dept", "监督科") == [dict(row) for row in rows]
