"""Write one unit's monthly 台账 form as an .xlsx a 中队 or 科室 fills in Excel or WPS.

Fixed cells (what the duty is) are locked; only the applicable fill-in cells are unlocked, yellow
and validated. A very hidden sheet carries the form's identity and a fingerprint of each row's
fixed cells, so the reader knows which duty a row is and whether someone edited it.
openpyxl is imported only inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, Literal

from cgtask.interchange.forms.layout import (
    COLUMN,
    COLUMNS,
    FIRST_ROW,
    FIXED_COLUMNS,
    FORM_SHEET,
    HEADER_ROW,
    LAST_LETTER,
    LAYOUT_VERSION,
    META_KEYS,
    META_SHEET,
    NOTE_ROW,
    ROW_FIELDS,
    ROWS_HEADER_ROW,
    TITLE_ROW,
    UNIT_LIST_LETTER,
    fingerprint,
)
from cgtask.interchange.forms.model import FormRow, FormSpec
from cgtask.interchange.forms.styles import FILL_GREY, FILL_HEADER, FILL_YELLOW, CellLook, StyleBook
from cgtask.support import words
from cgtask.support.atomic import write_bytes_atomic
from cgtask.support.words import month_day_weekday

LINE_HEIGHT = 15.0
# Printed under the table: the returned paper form is signed by hand.
SIGNATURE_LINE = "填表人：　　　　　　　　审核人：　　　　　　　　填表日期：　　　　年　　月　　日"


def write_form(spec: FormSpec, path: Path) -> None:
    """Write ``spec`` as an .xlsx form at ``path`` (atomically: the old file stays on failure)."""
    write_bytes_atomic(Path(path), form_bytes(spec))


def form_bytes(spec: FormSpec) -> bytes:
    """The form as .xlsx bytes."""
    buffer = io.BytesIO()
    build_workbook(spec).save(buffer)
    return buffer.getvalue()


def build_workbook(spec: FormSpec) -> Any:
    """The openpyxl workbook of the form: the visible 台账 sheet and the very hidden identity sheet."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    rows = list(spec.rows)
    _check_unique(rows)
    workbook = Workbook()
    styles = StyleBook(workbook)
    sheet = workbook.active
    sheet.title = FORM_SHEET
    fixed = [fixed_cells(number, row) for number, row in enumerate(rows, start=1)]
    _write_top(sheet, spec, styles)
    for offset, (row, cells) in enumerate(zip(rows, fixed, strict=True)):
        _write_row(sheet, FIRST_ROW + offset, row, cells, styles)
    if not rows:
        sheet.cell(FIRST_ROW, 1, "本月没有到期的事项，无需填写。")
    last_row = FIRST_ROW + max(len(rows), 1)
    _merged_line(sheet, last_row, SIGNATURE_LINE, styles, CellLook(border=False), 36)
    units = _cover_units(rows)
    _add_validations(sheet, rows, units)
    _protect(sheet)
    _set_print(sheet, spec, last_row)
    _write_meta(workbook.create_sheet(META_SHEET), spec, rows, fixed, units)
    # Keeps the identity sheet from being unhidden, renamed or deleted in the office suite.
    workbook.security = WorkbookProtection(lockStructure=True)
    return workbook


def _check_unique(rows: list[FormRow]) -> None:
    """Two rows with one key would share an origin, and a re-import could not tell them apart."""
    seen: set[str] = set()
    for row in rows:
        if row.key in seen:
            raise ValueError(
                f"表中两行是同一事项、同一层级、同一周期：{row.key}（同一事项的不同工作请用 activity 区分）"
            )
        seen.add(row.key)


# --- the visible sheet ----------------------------------------------------------------------------


def chinese_date(day: date, *, weekday: bool = False) -> str:
    """2022年4月8日, or 3月11日（周五） for a due date inside the form's year."""
    return month_day_weekday(day) if weekday else words.chinese_date(day)


def _write_top(sheet: Any, spec: FormSpec, styles: StyleBook) -> None:
    title = f"{spec.unit}  {spec.month_label}台账"
    if spec.registry_name:
        title = f"{spec.registry_name}  {title}"
    # No row asks which units were covered (a registry without 中队, or no coverage due this month): the
    # column is hidden and not mentioned. Hidden, not removed: the reader finds every column where it was.
    covering = bool(_cover_units(spec.rows))
    note = (
        f"请于{chinese_date(spec.return_by)}前交回。只填浅黄色单元格，其余单元格已锁定；"
        "没有做的事项整行留空。次数不填时按1次计。"
        + ("覆盖中队可从下拉列表选，多个中队用“、”分隔。" if covering else "")
    ).replace("中队", spec.unit_heading)
    title_look = CellLook(size=16, bold=True, horizontal="center", wrap=False, border=False)
    _merged_line(sheet, TITLE_ROW, title, styles, title_look, 30)
    _merged_line(sheet, NOTE_ROW, note, styles, CellLook(border=False), 30)
    for column in COLUMNS:
        cell = sheet[f"{column.letter}{HEADER_ROW}"]
        cell.value = column.header.replace("中队", spec.unit_heading)
        fill = FILL_YELLOW if column.fill else FILL_HEADER
        styles.apply(cell, CellLook(size=11, bold=True, fill=fill, horizontal="center"))
        sheet.column_dimensions[column.letter].width = column.width
    sheet.column_dimensions[COLUMN["covers"].letter].hidden = not covering
    sheet.row_dimensions[HEADER_ROW].height = 22


def _merged_line(sheet: Any, row: int, text: str, styles: StyleBook, look: CellLook, height: float) -> None:
    sheet.merge_cells(f"A{row}:{LAST_LETTER}{row}")
    cell = sheet.cell(row, 1, text)
    styles.apply(cell, look)
    sheet.row_dimensions[row].height = height


def fixed_cells(number: int, row: FormRow) -> list[Any]:
    """The values of a row's fixed cells in column order; the fingerprint is taken over them."""
    values = {
        "number": number,
        "item": row.item,
        "title": row.title,
        "role": row.role or "",
        "period": row.period_label,
        "due": chinese_date(row.due, weekday=True),
        "requirement": requirement_cell(row),
        "source": row.source,
    }
    return [values[column.key] for column in FIXED_COLUMNS]


DAYS_HINT = "完成日期写做了的日期（3月7日、3月8日，或 3月7日至3月31日）；每天都做了，也可只在次数栏写天数"


def requirement_cell(row: FormRow) -> str:
    """The demand as the plan states it, what the plan adds (coverage, duration), and what to fill."""
    text = row.requirement or _derived_requirement(row)
    extras = []
    if row.coverage is not None and "覆盖" not in text:
        extras.append(f"覆盖{row.coverage}个中队")
    if row.duration and row.duration not in text:
        extras.append(row.duration)
    demand = "，".join(part for part in [text, *extras] if part)
    hint = f"（填：{'、'.join(fill_hint(row))}）"
    return f"{demand}\n{hint}" if demand else hint


def _derived_requirement(row: FormRow) -> str:
    parts = [f"不少于{row.times}次"] if row.times else []
    quota = row.quota
    if quota is not None and quota.is_share:
        parts.append(f"不少于{quota.of or '基数'}的{quota.value:g}%")
    elif quota is not None:
        prefix = {"occurrence": "每次", "year": "全年"}.get(quota.per, "")
        parts.append(f"{prefix}不少于{quota.value:g}{quota.unit}")
    return "，".join(parts)


def fill_hint(row: FormRow) -> list[str]:
    """Which fill-in cells this row needs, in words: 完成日期、次数、数量（起）and so on."""
    if row.days:  # a daily duty's month: which days, or how many when it was every day
        return [DAYS_HINT]
    hint = ["完成日期", "次数"]
    quota = row.quota
    if quota is not None and quota.is_share:
        hint += ["数量", "基数"]
    elif quota is not None:
        hint.append(f"{'每次' if quota.per == 'occurrence' else ''}数量（{quota.unit}）")
    if row.wants_covers:
        hint.append("覆盖中队")
    return hint


def _write_row(sheet: Any, number: int, row: FormRow, values: list[Any], styles: StyleBook) -> None:
    for column, value in zip(FIXED_COLUMNS, values, strict=True):
        cell = sheet[f"{column.letter}{number}"]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # registry text such as “=…” stays text, never a formula
        styles.apply(cell, CellLook(horizontal=_align(column.key)))
    for key, open_ in fill_columns(row).items():
        look = CellLook(
            fill=FILL_YELLOW if open_ else FILL_GREY,
            horizontal="left" if key == "note" else "center",
            wrap=key in {"covers", "note"},
            locked=not open_,
            number_format=_number_format(key, row),
        )
        styles.apply(sheet[f"{COLUMN[key].letter}{number}"], look)
    sheet.row_dimensions[number].height = _row_height(values)


def _align(key: str) -> Literal["left", "center"]:
    return "left" if key in {"title", "requirement", "period"} else "center"


def fill_columns(row: FormRow) -> dict[str, bool]:
    """Each fill-in column and whether this row lets the user fill it."""
    return {
        "date": True,
        "count": True,
        "quantity": row.wants_quantity,
        "base": row.wants_base,
        "covers": row.wants_covers,
        "note": True,
    }


def row_needs(row: FormRow) -> list[str]:
    """What the identity sheet says a row takes: its open fill-in columns, and ``days`` for a daily month."""
    return [key for key, open_ in fill_columns(row).items() if open_] + (["days"] if row.days else [])


def _number_format(key: str, row: FormRow) -> str:
    """Dates as yyyy-mm-dd; numbers show their unit as the user types them (2次, 16起)."""
    if key == "date":
        return "@" if row.days else "yyyy-mm-dd"  # a daily row's dates are a list: text
    if key == "count":
        return 'General"天"' if row.days else 'General"次"'
    if key == "quantity" and row.quota is not None and not row.quota.is_share:
        return f'General"{row.quota.unit}"'
    if key in {"covers", "note"}:
        return "@"
    return "General"


def _row_height(values: list[Any]) -> float:
    """Enough lines for the longest wrapped fixed cell: Excel does not grow rows of a saved file itself."""
    lines = max(
        _wrapped_lines(str(value), column.width) for column, value in zip(FIXED_COLUMNS, values, strict=True)
    )
    return max(LINE_HEIGHT * lines + 6, 30.0)


def _wrapped_lines(text: str, width: float) -> int:
    """How many printed lines ``text`` takes in a column ``width`` half-width characters wide."""
    usable = max(int(width) - 1, 1)
    return sum(max(-(-_display_width(line) // usable), 1) for line in text.split("\n"))


def _display_width(text: str) -> int:
    """A Chinese character takes two half-width columns, as in Excel and WPS."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# --- validations, protection, printing ------------------------------------------------------------


def _cover_units(rows: Iterable[FormRow]) -> list[str]:
    """Every 中队 name any coverage row allows, in first-seen order (the dropdown's list)."""
    return list(dict.fromkeys(name for row in rows if row.wants_covers for name in row.units))


def _add_validations(sheet: Any, rows: list[FormRow], units: list[str]) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    whole = DataValidation(
        type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True, showErrorMessage=True
    )
    whole.error, whole.errorTitle = "请填写大于等于0的整数。", "数字不对"
    covers = _covers_validation(len(units))
    by_period: dict[tuple[date, date], Any] = {}
    for offset, row in enumerate(rows):
        number = FIRST_ROW + offset
        window = (row.period_start, row.period_end)
        if window not in by_period:
            by_period[window] = _date_validation(*window)
        if not row.days:  # a daily row's 完成日期 is a list of dates, which a date rule would refuse
            by_period[window].add(f"{COLUMN['date'].letter}{number}")
        whole.add(f"{COLUMN['count'].letter}{number}")
        for key, wanted in (("quantity", row.wants_quantity), ("base", row.wants_base)):
            if wanted:
                whole.add(f"{COLUMN[key].letter}{number}")
        if row.wants_covers:
            covers.add(f"{COLUMN['covers'].letter}{number}")
    for validation in [*by_period.values(), whole, covers]:
        if validation.sqref.ranges:
            sheet.add_data_validation(validation)


def _date_validation(start: date, end: date) -> Any:
    from openpyxl.utils.datetime import to_excel
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(start))),
        formula2=str(int(to_excel(end))),
        allow_blank=True,
        showErrorMessage=True,
    )
    validation.showInputMessage = True
    validation.promptTitle = "完成日期"
    validation.prompt = (
        f"填写完成日期，如 {end.isoformat()}；本周期为{chinese_date(start)}至{chinese_date(end)}。"
    )
    validation.errorTitle = "日期不在周期内"
    validation.error = (
        f"完成日期应在{chinese_date(start)}至{chinese_date(end)}之间，格式如 {start.isoformat()}。"
    )
    return validation


def _covers_validation(count: int) -> Any:
    """A dropdown of the 中队 names that still lets several names be typed.

    Its error alert is a warning so several names joined by 、 are allowed (a list validation holds
    one value). The reader checks every name.
    """
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1=f"{META_SHEET}!${UNIT_LIST_LETTER}$1:${UNIT_LIST_LETTER}${max(count, 1)}",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        showInputMessage=True,
    )
    validation.promptTitle = "覆盖中队"
    validation.prompt = "从列表选一个中队；多个中队请直接输入，用“、”分隔。"
    validation.errorTitle = "请核对中队名"
    validation.error = "多个中队用“、”分隔时请点“是”；导入时会逐个核对中队名。"
    return validation


def _protect(sheet: Any) -> None:
    sheet.protection.sheet = True
    # Users may still widen columns and rows to read long text; they cannot insert or delete rows.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.freeze_panes = f"{COLUMN['role'].letter}{FIRST_ROW}"


def _set_print(sheet: Any, spec: FormSpec, last_row: int) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    # The page header (unit and month) needs its own band above the title row.
    sheet.page_margins.top = sheet.page_margins.bottom = 0.8
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A{TITLE_ROW}:{LAST_LETTER}{last_row}"
    sheet.oddHeader.center.text = f"{spec.unit}  {spec.month_label}台账"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


# --- the hidden identity sheet --------------------------------------------------------------------


def _write_meta(
    sheet: Any, spec: FormSpec, rows: list[FormRow], fixed: list[list[Any]], units: list[str]
) -> None:
    meta = {
        "layout": LAYOUT_VERSION,
        "registry_id": spec.registry_id,
        "registry_name": spec.registry_name,
        "year": spec.year,
        "month": spec.month,
        "unit": spec.unit,
        "unit_kind": spec.unit_kind,
    }
    for number, key in enumerate(META_KEYS, start=1):
        _text_cells(sheet, number, [key, meta[key]])
    _text_cells(sheet, ROWS_HEADER_ROW, list(ROW_FIELDS))
    for offset, (row, cells) in enumerate(zip(rows, fixed, strict=True)):
        values = [FIRST_ROW + offset, row.doc, row.item, row.activity or "", row.level, row.unit or ""]
        values += [row.period, row.period_start.isoformat(), row.period_end.isoformat()]
        values += [",".join(row_needs(row)), fingerprint(cells)]
        _text_cells(sheet, ROWS_HEADER_ROW + 1 + offset, values)
    for number, name in enumerate(units, start=1):
        sheet[f"{UNIT_LIST_LETTER}{number}"] = name
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def _text_cells(sheet: Any, row: int, values: list[Any]) -> None:
    """Write a line of the identity sheet; strings stay strings so an office suite keeps them verbatim."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column, value)
        if isinstance(value, str):
            cell.data_type = "s"
