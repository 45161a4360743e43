"""A filled form of the shipped registry, and ways to tamper with it (shared by the probes)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from cgtask import api
from cgtask.interchange.forms.layout import COLUMN, FORM_SHEET, META_SHEET, ROW_FIELDS, ROWS_HEADER_ROW
from cgtask.interchange.forms.writer import write_form
from cgtask.interchange.ledger_forms import form_file_name, form_specs
from cgtask.queries.month_request import MonthRequest

TODAY = date(2022, 4, 8)
UNIT = "吴淞街道中队"


def filled_form(registry: Path, folder: Path, **cells: Any) -> Path:
    """吴淞街道中队's March form with 整改问题 reported (date 2022-03-29, quantity 17 unless given)."""
    spec = form_specs(api.open_registry(registry), MonthRequest(3, unit=UNIT))[0]
    path = folder / form_file_name(spec)
    write_form(spec, path)
    fill(path, "整改问题", **({"date": date(2022, 3, 29), "quantity": 17} | cells))
    return path


def form_row(path: Path, title: str) -> int:
    sheet = load_workbook(path)[FORM_SHEET]
    for row in range(4, sheet.max_row + 1):
        if sheet[f"{COLUMN['title'].letter}{row}"].value == title:
            return row
    raise AssertionError(title)


def fill(path: Path, title: str, **cells: Any) -> None:
    row = form_row(path, title)
    workbook = load_workbook(path)
    for key, value in cells.items():
        workbook[FORM_SHEET][f"{COLUMN[key].letter}{row}"].value = value
    workbook.save(path)


def meta_line(path: Path, title: str) -> int:
    """The identity sheet's line for the visible row titled ``title``."""
    row = form_row(path, title)
    sheet = load_workbook(path)[META_SHEET]
    line = ROWS_HEADER_ROW + 1
    while sheet.cell(line, 1).value not in (None, ""):
        if str(sheet.cell(line, 1).value) == str(row):
            return line
        line += 1
    raise AssertionError(title)


def set_meta(path: Path, cell: str, value: Any) -> None:
    workbook = load_workbook(path)
    workbook[META_SHEET][cell].value = value
    workbook.save(path)


def meta_column(field: str) -> str:
    return "ABCDEFGHIJK"[ROW_FIELDS.index(field)]


def copy_meta_line(path: Path, line: int) -> int:
    """Append a copy of an identity line after the last one; returns the new line's number."""
    workbook = load_workbook(path)
    sheet = workbook[META_SHEET]
    last = ROWS_HEADER_ROW + 1
    while sheet.cell(last, 1).value not in (None, ""):
        last += 1
    for column in range(1, len(ROW_FIELDS) + 1):
        sheet.cell(last, column).value = sheet.cell(line, column).value
    workbook.save(path)
    return last
