"""The written form, read back with openpyxl: text, protection, validations, printing, identity sheet."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils.datetime import to_excel

from cgtask.interchange.forms import FormSpec, write_form
from cgtask.interchange.forms.layout import COLUMN, COLUMNS, FIRST_ROW, FORM_SHEET, HEADER_ROW, META_SHEET
from tests.interchange.test_forms_fixtures import REGISTRY_ID, SQUADS, department_spec, squad_spec


@pytest.fixture
def squad_book(tmp_path: Path) -> Any:
    path = tmp_path / "吴淞.xlsx"
    write_form(squad_spec(), path)
    return load_workbook(path)


@pytest.fixture
def department_book(tmp_path: Path) -> Any:
    path = tmp_path / "监督科.xlsx"
    write_form(department_spec(), path)
    return load_workbook(path)


def _validations_of(sheet: Any, cell: str) -> list[Any]:
    return [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]


def test_cover_names_the_unit_the_month_and_the_return_date(squad_book: Any) -> None:
    sheet = squad_book[FORM_SHEET]
    assert "吴淞街道中队" in sheet["A1"].value
    assert "2022年3月" in sheet["A1"].value
    assert sheet["A2"].value.startswith("请于2022年4月8日前交回")
    assert [sheet.cell(HEADER_ROW, n).value for n in range(1, len(COLUMNS) + 1)] == [
        c.header for c in COLUMNS
    ]


def test_one_row_per_duty_with_its_demand(squad_book: Any) -> None:
    sheet = squad_book[FORM_SHEET]
    rows = [
        [cell.value for cell in row]
        for row in sheet.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + 7, max_col=8)
    ]
    assert [row[0] for row in rows] == list(range(1, 9))
    assert sheet[f"A{FIRST_ROW + 8}"].value.startswith("填表人")
    assert rows[0][1:6] == ["1", "街面实效", "负责", "第10周（3月7日—3月13日）", "3月11日（周五）"]
    assert rows[3][6].startswith("不少于16起")
    assert "数量（起）" in rows[3][6]
    assert "每次不少于30件" in rows[6][6]
    assert "每次数量（件）" in rows[6][6]
    assert rows[7][6] == "不少于当季案件数10%\n（填：完成日期、次数、数量、基数）"
    assert "每次不少于30分钟" in rows[5][6]


def test_text_that_looks_like_a_formula_stays_text(department_book: Any) -> None:
    cell = department_book[FORM_SHEET][f"G{FIRST_ROW + 6}"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=每月报送")


def test_only_the_fill_in_cells_a_row_needs_are_unlocked(squad_book: Any, department_book: Any) -> None:
    assert squad_book[FORM_SHEET].protection.sheet
    assert department_book[FORM_SHEET].protection.sheet
    squad = squad_book[FORM_SHEET]
    unlocked = {cell.coordinate for row in squad.iter_rows() for cell in row if not cell.protection.locked}
    expected = {f"{COLUMN[k].letter}{FIRST_ROW + n}" for n in range(8) for k in ("date", "count", "note")}
    expected |= {f"K{FIRST_ROW + n}" for n in (3, 6, 7)} | {f"L{FIRST_ROW + 7}"}
    assert unlocked == expected
    department = department_book[FORM_SHEET]
    covers = {cell.coordinate for cell in department["M"] if not cell.protection.locked}
    assert covers == {f"M{FIRST_ROW + 1}"}


def test_fill_in_cells_are_validated(squad_book: Any, department_book: Any) -> None:
    sheet = squad_book[FORM_SHEET]
    (week10,) = _validations_of(sheet, f"I{FIRST_ROW}")
    assert (week10.type, week10.operator) == ("date", "between")
    assert (int(week10.formula1), int(week10.formula2)) == (
        to_excel(date(2022, 3, 7)),
        to_excel(date(2022, 3, 13)),
    )
    (quarter,) = _validations_of(sheet, f"I{FIRST_ROW + 7}")
    assert int(quarter.formula1) == to_excel(date(2022, 1, 1))
    for cell in (f"J{FIRST_ROW}", f"K{FIRST_ROW + 3}", f"L{FIRST_ROW + 7}"):
        (whole,) = _validations_of(sheet, cell)
        assert (whole.type, whole.operator, whole.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert not _validations_of(sheet, f"K{FIRST_ROW}")
    assert sheet[f"I{FIRST_ROW}"].number_format == "yyyy-mm-dd"
    department = department_book[FORM_SHEET]
    (covers,) = _validations_of(department, f"M{FIRST_ROW + 1}")
    assert covers.type == "list"
    assert covers.formula1 == f"{META_SHEET}!$L$1:$L$12"
    assert covers.errorStyle == "warning"  # several names joined by 、 must stay possible
    assert [department_book[META_SHEET][f"L{n}"].value for n in range(1, 13)] == list(SQUADS)
    assert not _validations_of(department, f"M{FIRST_ROW}")


def test_header_is_frozen_and_the_page_is_set_up(squad_book: Any) -> None:
    sheet = squad_book[FORM_SHEET]
    assert sheet.freeze_panes == f"D{FIRST_ROW}"
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")  # 9 is A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert "吴淞街道中队" in sheet.oddHeader.center.text
    assert sheet.print_area == f"'台账'!$A$1:$N${FIRST_ROW + 8}"


def test_identity_sheet_is_very_hidden_and_names_every_row(squad_book: Any) -> None:
    meta = squad_book[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert squad_book.security.lockStructure
    pairs = {meta.cell(n, 1).value: meta.cell(n, 2).value for n in range(1, 8)}
    assert pairs["registry_id"] == REGISTRY_ID
    assert (pairs["year"], pairs["month"], pairs["unit"]) == (2022, 3, "吴淞街道中队")
    rows = [[c.value for c in row] for row in meta.iter_rows(min_row=10, max_row=17, max_col=11)]
    assert [row[0] for row in rows] == list(range(FIRST_ROW, FIRST_ROW + 8))
    assert rows[0][1:7] == ["supervision-2022", "1", None, "街镇中队", "吴淞街道中队", "2022-W10"]
    assert rows[5][3] == "队列训练"
    assert all(row[10].startswith("fp-") for row in rows)
    assert len({row[10] for row in rows}) == 8


def test_a_form_with_nothing_due_says_so(tmp_path: Path) -> None:
    spec = FormSpec(REGISTRY_ID, "宝山区城管执法局", 2022, 3, "罗泾镇中队", "中队", date(2022, 4, 8), [])
    write_form(spec, tmp_path / "empty.xlsx")
    sheet = load_workbook(tmp_path / "empty.xlsx")[FORM_SHEET]
    assert "没有到期" in sheet[f"A{FIRST_ROW}"].value


def test_two_rows_with_one_key_are_refused(tmp_path: Path) -> None:
    spec = squad_spec()
    doubled = replace(spec, rows=[*spec.rows, spec.rows[0]])
    with pytest.raises(ValueError, match="同一事项"):
        write_form(doubled, tmp_path / "doubled.xlsx")
    assert not (tmp_path / "doubled.xlsx").exists()
