"""A daily duty (附件1 行为规范督察 每天) is one row a month in a form: days owed, days done."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cgtask import api
from cgtask.interchange.forms.layout import COLUMN, FORM_SHEET
from cgtask.interchange.forms.writer import write_form
from cgtask.interchange.ledger_forms import form_file_name, form_specs, import_forms
from cgtask.queries.context import prepare
from cgtask.queries.month_request import MonthRequest
from cgtask.queries.standing import StandingQuery, overdue_items

UNIT = "罗店镇中队"
TITLE = "行为规范督察"
TODAY = date(2022, 4, 8)


def _form(registry_copy: Path, tmp_path: Path) -> tuple[Path, int]:
    spec = form_specs(api.open_registry(registry_copy), MonthRequest(3, unit=UNIT))[0]
    daily = [row for row in spec.rows if row.title == TITLE]
    assert len(daily) == 1  # one row for the month, not one per day
    # The plan took effect on 7 March: 7–31 March, every day (rest days too) is owed.
    assert (daily[0].period, daily[0].times, daily[0].period_start) == ("2022-03", 25, date(2022, 3, 7))
    path = tmp_path / form_file_name(spec)
    write_form(spec, path)
    sheet = load_workbook(path)[FORM_SHEET]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet[f"{COLUMN['title'].letter}{r}"].value == TITLE)
    return path, row


def _fill(path: Path, row: int, **cells: object) -> None:
    workbook = load_workbook(path)
    for key, value in cells.items():
        workbook[FORM_SHEET][f"{COLUMN[key].letter}{row}"].value = value
    workbook.save(path)


def _board_line(registry_copy: Path) -> api.BoardRow:
    registry = api.open_registry(registry_copy)
    result = overdue_items(prepare(registry), StandingQuery(date(2022, 3, 28), unit=UNIT))
    return next(r for r in result.rows if r.title == TITLE)


def test_the_days_listed_become_one_record_each(registry_copy: Path, tmp_path: Path) -> None:
    path, row = _form(registry_copy, tmp_path)
    _fill(path, row, date="3月7日至3月20日、3月22日")
    outcome = import_forms(api.open_registry(registry_copy), [path], today=TODAY)
    assert outcome.read.ok
    periods = [record.period for record in outcome.read.records]
    assert len(periods) == 15
    assert periods[0] == "2022-03-07"
    assert periods[-1] == "2022-03-22"
    line = _board_line(registry_copy)
    # 7–27 March owed by the 28th (the 28th itself is due that day, not yet owed): 21 days, 15 done.
    assert (line.owed, line.done, line.missing, line.measure) == (21, 15, 6, "天")


def test_a_number_of_days_alone_stands_for_every_day(registry_copy: Path, tmp_path: Path) -> None:
    path, row = _form(registry_copy, tmp_path)
    _fill(path, row, count=25)
    outcome = import_forms(api.open_registry(registry_copy), [path], today=TODAY)
    assert outcome.read.ok
    assert len(outcome.read.records) == 25


@pytest.mark.parametrize(
    ("cells", "code"),
    [
        ({"count": 20}, "F115"),  # which 20 days? cgtask does not invent dates
        ({"date": "3月7日、3月8日", "count": 3}, "F115"),
        ({"date": "3月1日至3月8日"}, "F112"),  # before the plan took effect
        ({"date": "3月7日至3月"}, "F111"),
    ],
)
def test_days_that_cannot_be_known_are_refused_at_their_cell(
    registry_copy: Path, tmp_path: Path, cells: dict[str, object], code: str
) -> None:
    path, row = _form(registry_copy, tmp_path)
    _fill(path, row, **cells)
    before = (registry_copy / "ledger.yaml").read_bytes()
    outcome = import_forms(api.open_registry(registry_copy), [path], today=TODAY)
    assert [problem.code for problem in outcome.read.problems] == [code]
    assert outcome.read.problems[0].cell.endswith(str(row))
    assert (registry_copy / "ledger.yaml").read_bytes() == before


def test_a_corrected_form_with_fewer_days_withdraws_the_days_dropped(
    registry_copy: Path, tmp_path: Path
) -> None:
    path, row = _form(registry_copy, tmp_path)
    _fill(path, row, date="3月7日至3月10日")
    assert import_forms(api.open_registry(registry_copy), [path], today=TODAY).written
    _fill(path, row, date="3月7日、3月8日")  # 9 and 10 March were reported by mistake
    again = import_forms(api.open_registry(registry_copy), [path], today=TODAY)
    assert len(again.withdrawn) == 2
    assert _board_line(registry_copy).done == 2
    # The row emptied, and with it the whole form: a blank copy sent back by mistake withdraws nothing
    # (``ledger undo`` withdraws a record on purpose).
    _fill(path, row, date=None)
    blank = import_forms(api.open_registry(registry_copy), [path], today=TODAY)
    assert (blank.withdrawn, blank.written) == ([], False)
    assert _board_line(registry_copy).done == 2
