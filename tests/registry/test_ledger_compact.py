"""The 台账's records kept without their empty fields come back equal, keys in the same order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cgtask.registry.ledger_compact import EMPTY, KEYS, compact, expand
from cgtask.registry.ledger_store import ledger_of
from cgtask.registry.loader import open_view

TEXT = st.one_of(st.none(), st.text(max_size=5))
VALUES: dict[str, Any] = {key: TEXT for key in KEYS} | {
    "count": st.one_of(st.none(), st.integers(-1, 3), st.floats(0, 2), st.booleans()),
    "covers": st.one_of(st.none(), st.lists(st.text(max_size=3), max_size=2), st.tuples()),
    "quantity": st.one_of(st.none(), st.integers(0, 2), st.floats(0, 1)),
}
RECORD = st.fixed_dictionaries({key: VALUES[key] for key in KEYS}).map(lambda d: {k: d[k] for k in KEYS})


def round_trip(ledger: dict[str, Any]) -> Any:
    """As the cache does: compacted, through JSON, expanded."""
    kept = compact(ledger)  # type: ignore[arg-type]
    assert kept is not None
    return expand(json.loads(json.dumps(kept, ensure_ascii=False)))


@given(st.lists(RECORD, max_size=5))
def test_records_come_back_equal_with_their_keys_in_order(records: list[dict[str, Any]]) -> None:
    ledger = {"kind": "ledger", "closed": [2021], "entries": records}
    back = round_trip(json.loads(json.dumps(ledger)))
    assert back == json.loads(json.dumps(ledger))
    assert [list(entry) for entry in back["entries"]] == [KEYS] * len(records)
    # equal values of another type (1.0, True for a count of 1) stay what they were
    assert [[type(v) for v in e.values()] for e in back["entries"]] == [
        [type(v) for v in e.values()] for e in json.loads(json.dumps(records))
    ]


def test_each_record_gets_its_own_covers_list() -> None:
    record = dict(EMPTY)
    back = round_trip({"kind": "ledger", "closed": [], "entries": [dict(record), dict(record)]})
    first, second = back["entries"]
    first["covers"].append("吴淞街道中队")
    assert second["covers"] == []
    assert EMPTY["covers"] == []


def test_a_record_with_other_keys_is_not_compacted() -> None:
    odd = {**EMPTY, "extra": 1}
    assert compact({"kind": "ledger", "closed": [], "entries": [odd]}) is None  # type: ignore[typeddict-item]
    reordered = dict(reversed(list(EMPTY.items())))
    assert compact({"kind": "ledger", "closed": [], "entries": [reordered]}) is None  # type: ignore[typeddict-item]


def test_a_damaged_compact_entry_is_a_miss() -> None:
    assert expand(None) is None
    assert expand({"entries": "x"}) is None
    assert expand({"entries": [1, 2]}) is None


def test_the_registry_reads_the_same_records_from_its_compact_cache(
    registry_copy: Path, isolated_cache: Path
) -> None:
    """The shipped 台账 split into month files: read from the files, then through the cache, then from it again."""
    from cgtask import api

    api.split_ledger(registry_copy)
    from_files = ledger_of(open_view(registry_copy, use_cache=False)).records()
    reads = [ledger_of(open_view(registry_copy)).records() for _ in range(2)]
    assert list(isolated_cache.glob("registry-*.records-*.json"))  # the second read kept them
    reads.append(ledger_of(open_view(registry_copy)).records())  # read back from them
    assert len(from_files) >= 7  # the shipped 台账's records
    assert all(read == from_files for read in reads)
    assert [list(entry) for entry in reads[-1]] == [list(entry) for entry in from_files]
