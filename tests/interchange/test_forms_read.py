"""Filled forms read back: records, blank rows, lenient cells, every bad-row kind, several files."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from cgtask.interchange.forms import PROBLEM_CODES, FormImport, FormRecord, Problem, read_forms, write_form
from cgtask.interchange.forms.layout import FORM_SHEET, META_SHEET
from tests.interchange.test_forms_fixtures import (
    AS_OF,
    REGISTRY_ID,
    SQUAD_FILLED,
    SQUADS,
    department_spec,
    fill,
    squad_spec,
)


def _read(*paths: Path, **options: Any) -> FormImport:
    settings: dict[str, Any] = {"registry_id": REGISTRY_ID, "known_units": SQUADS, "as_of": AS_OF, **options}
    return read_forms(list(paths), **settings)


@pytest.fixture
def blank_form(tmp_path: Path) -> Path:
    path = tmp_path / "吴淞街道中队-2022-03.xlsx"
    write_form(squad_spec(), path)
    return path


@pytest.fixture
def filled_form(blank_form: Path) -> Path:
    return fill(blank_form, SQUAD_FILLED)


def test_a_filled_form_gives_one_record_per_reported_row(filled_form: Path) -> None:
    result = _read(filled_form)
    assert result.ok, [p.format() for p in result.problems]
    assert len(result.records) == 7
    assert len(result.not_reported) == 1
    origin = f"{REGISTRY_ID}/吴淞街道中队/2022-03/supervision-2022|1||街镇中队|吴淞街道中队|2022-W10"
    assert result.records[0] == FormRecord(
        doc="supervision-2022", item="1", level="街镇中队", unit="吴淞街道中队", period="2022-W10",
        date=date(2022, 3, 10), count=2, quantity=None, of=None, covers=(), note="街面督察两次", origin=origin,
    )  # fmt: skip
    by_title = {(r.item, r.activity): r for r in result.records}
    assert by_title[("2", None)].quantity == 17
    assert by_title[("2", None)].count == 1
    assert by_title[("3", "队列训练")].note == "队列训练35分钟"
    assert (by_title[("5", None)].count, by_title[("5", None)].quantity) == (1, 32)
    assert (by_title[("6", None)].quantity, by_title[("6", None)].of) == (37, 336)
    assert result.not_reported == [origin.replace("W10", "W12")]
    assert [(f.unit, f.month, f.rows, f.reported) for f in result.forms] == [("吴淞街道中队", 3, 8, 7)]


def test_an_untouched_form_reports_nothing_and_is_no_problem(blank_form: Path) -> None:
    result = _read(blank_form)
    assert result.ok
    assert result.records == []
    # A wholly blank form is a mistaken resend, not a correction: it empties no row already imported.
    assert result.not_reported == []
    assert [(form.rows, form.reported) for form in result.forms] == [(8, 0)]


def test_coverage_names_are_checked_and_normalised(tmp_path: Path) -> None:
    path = tmp_path / "监督科.xlsx"
    write_form(department_spec(), path)
    fill(path, {1: {"date": date(2022, 3, 25), "covers": "吴淞街道中队、友谊路，罗店 庙行镇中队"}})
    result = _read(path)
    assert result.ok, [p.format() for p in result.problems]
    (record,) = result.records
    assert record.covers == ("吴淞街道中队", "友谊路街道中队", "罗店镇中队", "庙行镇中队")
    assert record.unit is None
    assert record.level == "区局"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (datetime(2022, 3, 15, 0, 0), date(2022, 3, 15)),
        (44635.0, date(2022, 3, 15)),
        (44635, date(2022, 3, 15)),
        ("2022/3/15", date(2022, 3, 15)),
        ("2022-03-15", date(2022, 3, 15)),
        ("２０２２．３．１５", date(2022, 3, 15)),
        ("2022年3月15日", date(2022, 3, 15)),
        ("3月15日", date(2022, 3, 15)),
        ("20220315", date(2022, 3, 15)),
    ],
)
def test_dates_come_back_in_any_shape(blank_form: Path, typed: Any, expected: date) -> None:
    fill(blank_form, {3: {"date": typed, "quantity": 16}})
    (record,) = _read(blank_form).records
    assert record.date == expected


@pytest.mark.parametrize("typed", [17, 17.0, "17", " 17 ", "１７", "17起"])
def test_numbers_come_back_in_any_shape(blank_form: Path, typed: Any) -> None:
    fill(blank_form, {3: {"date": date(2022, 3, 15), "quantity": typed, "count": "2"}})
    (record,) = _read(blank_form).records
    assert (record.quantity, record.count) == (17, 2)


# One bad row of each kind: (row offset, cells typed, code, cell named).
BAD_ROWS = [
    pytest.param(0, {"date": date(2022, 3, 14)}, "F112", "I4", id="date-after-the-week"),
    pytest.param(4, {"date": date(2022, 2, 28)}, "F112", "I8", id="date-before-the-month"),
    pytest.param(4, {"date": "2022-03-32"}, "F111", "I8", id="date-that-does-not-exist"),
    pytest.param(4, {"date": "下周"}, "F111", "I8", id="date-not-a-date"),
    pytest.param(
        7, {"date": date(2022, 3, 30), "quantity": 37, "base": 336, "note": "x"}, None, None, id="control"
    ),
    pytest.param(0, {"count": 2}, "F114", "I4", id="count-without-date"),
    pytest.param(0, {"date": date(2022, 3, 10), "count": -1}, "F121", "J4", id="negative-count"),
    pytest.param(0, {"date": date(2022, 3, 10), "count": 1.5}, "F121", "J4", id="fractional-count"),
    pytest.param(0, {"date": date(2022, 3, 10), "count": "两次"}, "F121", "J4", id="count-in-words"),
    pytest.param(3, {"date": date(2022, 3, 10), "quantity": "很多"}, "F122", "K7", id="quantity-in-words"),
    pytest.param(3, {"date": date(2022, 3, 10)}, "F124", "K7", id="quantity-missing"),
    pytest.param(7, {"date": date(2022, 3, 30), "quantity": 37}, "F124", "L11", id="base-missing"),
    pytest.param(
        7, {"date": date(2022, 3, 30), "quantity": 37, "base": -3}, "F123", "L11", id="negative-base"
    ),
    pytest.param(
        7, {"date": date(2022, 3, 30), "quantity": 400, "base": 336}, "F125", "K11", id="more-than-base"
    ),
]


@pytest.mark.parametrize(("offset", "cells", "code", "cell"), BAD_ROWS)
def test_each_bad_row_is_refused_with_its_cell(
    filled_form: Path, offset: int, cells: dict[str, Any], code: str | None, cell: str | None
) -> None:
    cleared = {key: None for key in ("date", "count", "quantity", "base", "note")}
    fill(
        filled_form, {offset: {key: value for key, value in cleared.items() if key in _open(offset)} | cells}
    )
    result = _read(filled_form)
    if code is None:
        assert result.ok
        assert len(result.records) == 7
        return
    assert [(p.code, p.sheet, p.cell) for p in result.problems] == [(code, FORM_SHEET, cell)]
    assert result.records == [], "an import with problems must give no records at all"


def _open(offset: int) -> set[str]:
    """The fill-in cells the 中队 form opens on a row (see test_forms_write)."""
    return (
        {"date", "count", "note"}
        | ({"quantity"} if offset in (3, 6, 7) else set())
        | ({"base"} if offset == 7 else set())
    )


def test_a_future_date_is_refused(filled_form: Path) -> None:
    result = _read(filled_form, as_of=date(2022, 3, 20))
    assert {(p.code, p.cell) for p in result.problems} == {("F113", "I7"), ("F113", "I10"), ("F113", "I11")}
    assert result.records == []


def test_an_unknown_squad_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "监督科.xlsx"
    write_form(department_spec(), path)
    fill(path, {1: {"date": date(2022, 3, 25), "covers": "吴淞街道中队、罗店真中队、火星中队"}})
    (problem,) = _read(path).problems
    assert (problem.code, problem.cell) == ("F131", "M5")
    assert "“罗店真中队”（是不是“罗店镇中队”？）" in problem.message
    assert "“火星中队”" in problem.message
    assert problem.format().startswith(f"{path}!台账!M5  F131  不认识的中队：")


def test_a_row_edited_outside_its_fill_in_cells_is_refused(filled_form: Path) -> None:
    workbook = load_workbook(filled_form)
    workbook[FORM_SHEET]["G7"] = "不少于1起"  # someone unprotected the sheet and lowered the demand
    workbook.save(filled_form)
    result = _read(filled_form)
    assert [(p.code, p.cell) for p in result.problems] == [("F105", "A7:H7")]
    assert result.records == []


def test_a_form_of_another_registry_or_year_is_refused(tmp_path: Path) -> None:
    write_form(squad_spec(registry_id="other-registry"), tmp_path / "other.xlsx")
    write_form(squad_spec(year=2023), tmp_path / "2023.xlsx")
    problems = _read(tmp_path / "other.xlsx", tmp_path / "2023.xlsx", year=2022).problems
    assert [(Path(p.file).name, p.code) for p in problems] == [("other.xlsx", "F103"), ("2023.xlsx", "F104")]


def test_files_that_are_not_forms(tmp_path: Path) -> None:
    Workbook().save(tmp_path / "plain.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "notes.xlsx").write_text("台账", encoding="utf-8")
    result = _read(
        tmp_path / "plain.xlsx", tmp_path / "broken.xlsx", tmp_path / "notes.xlsx", tmp_path / "gone.xlsx"
    )
    assert [p.code for p in result.problems] == ["F102", "F101", "F101", "F100"]
    assert result.problems[0].format() == f"{tmp_path / 'plain.xlsx'}  F102  {PROBLEM_CODES['F102']}"


def test_a_merely_hidden_identity_sheet_still_identifies_the_form(filled_form: Path) -> None:
    workbook = load_workbook(filled_form)
    workbook[META_SHEET].sheet_state = "hidden"  # what WPS and LibreOffice may make of veryHidden
    workbook.save(filled_form)
    assert len(_read(filled_form).records) == 7


def test_twelve_forms_at_once_from_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "交回"
    folder.mkdir()
    for squad in SQUADS:
        fill(_write(squad_spec(squad), folder / f"{squad}.xlsx"), SQUAD_FILLED)
    (folder / "~$吴淞街道中队.xlsx").write_bytes(b"lock file of an open workbook")
    result = _read(folder)
    assert result.ok
    assert len(result.forms) == 12
    assert len(result.records) == 12 * 7
    assert len({r.origin for r in result.records}) == 12 * 7
    assert {r.unit for r in result.records} == set(SQUADS)


def _write(spec: Any, path: Path) -> Path:
    write_form(spec, path)
    return path


def test_the_same_form_twice_in_one_import(filled_form: Path, tmp_path: Path) -> None:
    copy = shutil.copy(filled_form, tmp_path / "副本.xlsx")
    assert len(_read(filled_form, Path(copy)).records) == 7
    fill(Path(copy), {1: {"count": 4}})
    problems = _read(filled_form, Path(copy)).problems
    assert [(Path(p.file).name, p.code) for p in problems] == [("副本.xlsx", "F141")]


def test_problem_format_is_file_sheet_cell_code_message() -> None:
    problem = Problem("交回/吴淞.xlsx", "台账", "I4", "F112", "完成日期不在周期内")
    assert problem.format() == "交回/吴淞.xlsx!台账!I4  F112  完成日期不在周期内"


def test_every_problem_code_has_a_meaning() -> None:
    assert all(code.startswith("F") and len(code) == 4 and text for code, text in PROBLEM_CODES.items())


def test_records_serialise_for_the_ledger(filled_form: Path) -> None:
    record = _read(filled_form).records[-1]
    data = record.to_json()
    assert data["date"] == "2022-03-30"
    assert data["of"] == 336
    assert data["covers"] == []
    assert replace(record, note="改") != record


def test_a_damaged_identity_sheet_is_refused(filled_form: Path, tmp_path: Path) -> None:
    other = Path(shutil.copy(filled_form, tmp_path / "行不全.xlsx"))
    workbook = load_workbook(filled_form)
    workbook[META_SHEET]["B1"] = 2  # a layout this version does not know
    workbook.save(filled_form)
    workbook = load_workbook(other)
    workbook[META_SHEET]["B11"] = None  # the doc of the form's first row
    workbook.save(other)
    result = _read(filled_form, other)
    assert [(p.sheet, p.cell, p.code) for p in result.problems] == [
        (META_SHEET, "A1", "F106"),
        (META_SHEET, "A11", "F106"),
    ]
    assert result.records == []
