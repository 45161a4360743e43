"""Importing a form twice adds nothing; a corrected form replaces its rows; ledger shapes compare equal."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from cgtask.interchange.forms import FormRecord, merge_records, read_forms, write_form
from tests.interchange.test_forms_fixtures import AS_OF, REGISTRY_ID, SQUAD_FILLED, SQUADS, fill, squad_spec


def _records(path: Path) -> list[FormRecord]:
    result = read_forms([path], registry_id=REGISTRY_ID, known_units=SQUADS, as_of=AS_OF)
    assert result.ok, [p.format() for p in result.problems]
    return result.records


def _ledger(records: list[FormRecord]) -> list[dict[str, Any]]:
    """What the ledger would hold after writing ``records`` (dates as YAML loads them: date objects)."""
    return [record.to_json() | {"date": record.date} for record in records]


def test_a_second_import_of_the_same_form_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "吴淞.xlsx"
    write_form(squad_spec(), path)
    fill(path, SQUAD_FILLED)
    first = _records(path)
    to_add, to_replace, unchanged = merge_records([], first)
    assert (len(to_add), to_replace, unchanged) == (7, [], [])
    to_add, to_replace, unchanged = merge_records(_ledger(first), _records(path))
    assert (to_add, to_replace, len(unchanged)) == ([], [], 7)


def test_a_corrected_form_replaces_its_rows_and_adds_new_ones(tmp_path: Path) -> None:
    path = tmp_path / "吴淞.xlsx"
    write_form(squad_spec(), path)
    fill(path, SQUAD_FILLED)
    ledger = _ledger(_records(path))
    fill(path, {0: {"count": 3}, 2: {"date": date(2022, 3, 24), "count": 2}, 3: {"quantity": 18}})
    to_add, to_replace, unchanged = merge_records(ledger, _records(path))
    assert [r.period for r in to_add] == ["2022-W12"]
    assert [(r.period, r.item, r.count, r.quantity) for r in to_replace] == [
        ("2022-W10", "1", 3, None),
        ("2022-03", "2", 1, 18),
    ]
    assert len(unchanged) == 5


def test_entries_typed_by_hand_never_match_a_form_row(tmp_path: Path) -> None:
    path = tmp_path / "吴淞.xlsx"
    write_form(squad_spec(), path)
    fill(path, SQUAD_FILLED)
    records = _records(path)
    by_hand = [{key: value for key, value in entry.items() if key != "origin"} for entry in _ledger(records)]
    to_add, _, _ = merge_records(by_hand, records)
    assert len(to_add) == 7


def test_content_compares_across_yaml_and_json_shapes() -> None:
    record = FormRecord(
        doc="supervision-2022", item="6", level="区局", unit=None, period="2022-Q1", date=date(2022, 3, 30),
        count=1, quantity=37, of=336, covers=("吴淞街道中队",), note=None, origin="r/监督科/2022-03/x",
    )  # fmt: skip
    from_yaml = record.to_json() | {
        "date": date(2022, 3, 30),
        "quantity": 37.0,
        "note": "",
        "covers": ["吴淞街道中队"],
    }
    assert merge_records([from_yaml], [record])[2] == [record]
    twice = [from_yaml, from_yaml | {"count": 2}]  # two entries of one origin: the row is rewritten
    assert merge_records(twice, [record])[1] == [record]
