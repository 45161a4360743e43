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
    merge = merge_records([], first)
    assert (len(merge.to_add), merge.to_replace, merge.unchanged) == (7, [], [])
    merge = merge_records(_ledger(first), _records(path))
    assert (merge.to_add, merge.to_replace, len(merge.unchanged)) == ([], [], 7)


def test_a_corrected_form_replaces_its_rows_and_adds_new_ones(tmp_path: Path) -> None:
    path = tmp_path / "吴淞.xlsx"
    write_form(squad_spec(), path)
    fill(path, SQUAD_FILLED)
    ledger = _ledger(_records(path))
    fill(path, {0: {"count": 3}, 2: {"date": date(2022, 3, 24), "count": 2}, 3: {"quantity": 18}})
    merge = merge_records(ledger, _records(path))
    assert [r.period for r in merge.to_add] == ["2022-W12"]
    assert [(r.period, r.item, r.count, r.quantity) for r in merge.to_replace] == [
        ("2022-W10", "1", 3, None),
        ("2022-03", "2", 1, 18),
    ]
    assert len(merge.unchanged) == 5


def test_entries_typed_by_hand_never_match_a_form_row(tmp_path: Path) -> None:
    path = tmp_path / "吴淞.xlsx"
    write_form(squad_spec(), path)
    fill(path, SQUAD_FILLED)
    records = _records(path)
    by_hand = [{key: value for key, value in entry.items() if key != "origin"} for entry in _ledger(records)]
    assert len(merge_records(by_hand, records).to_add) == 7


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
    assert merge_records([from_yaml], [record]).unchanged == [record]
    twice = [from_yaml, from_yaml | {"count": 2}]  # two entries of one origin: the row is rewritten
    assert merge_records(twice, [record]).to_replace == [record]
    doubled = [
        from_yaml | {"id": "r-1"},
        from_yaml | {"id": "r-2"},
    ]  # the same row twice, as a merge of clones leaves it
    assert merge_records(doubled, [record]).to_replace == [record]


def test_a_row_corrected_or_withdrawn_by_hand_is_kept_when_read_again() -> None:
    record = FormRecord(
        doc="supervision-2022", item="6", level="区局", unit=None, period="2022-03", date=date(2022, 3, 30),
        count=42, quantity=None, of=None, covers=(), note=None, origin="r/监督科/2022-03/y",
    )  # fmt: skip
    imported = record.to_json() | {"id": "r-a"}
    corrected = imported | {"id": "r-b", "count": 52}  # ledger edit: r-a withdrawn, r-b its corrected copy
    withdrawal = {"id": "r-c", "withdraws": "r-a", "origin": record.origin}
    merge = merge_records([imported, withdrawal, corrected], [record], live_ids={"r-b"})
    assert (merge.kept, merge.to_add, merge.to_replace) == ([record], [], [])
    undone = merge_records([imported, withdrawal], [record], live_ids=set())  # ledger undo
    assert (undone.kept, undone.to_add) == ([record], [])
    changed = FormRecord(**{**record.__dict__, "count": 60})  # the form itself changed: it is news again
    assert merge_records([imported, withdrawal, corrected], [changed], live_ids={"r-b"}).to_replace == [
        changed
    ]
