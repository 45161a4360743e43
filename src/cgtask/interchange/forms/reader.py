"""Read filled 台账 forms back: every row validated, every problem collected, records only when clean.

A form is recognised by its hidden identity sheet (very hidden as written; merely hidden, or even
visible, after LibreOffice or WPS). Each row listed there is read from the visible sheet: its fixed
cells must still match their fingerprint, its fill-in cells must hold a date inside the period and
whole numbers. A row with nothing filled is “not reported”, not a problem.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cgtask.interchange.forms.cells import (
    is_blank,
    nearest,
    parse_date,
    parse_whole,
    resolve_unit,
    split_names,
)
from cgtask.interchange.forms.codes import PROBLEM_CODES
from cgtask.interchange.forms.days import days_given, every_day
from cgtask.interchange.forms.evidence import (
    FIRST_YEAR,
    LAST_YEAR,
    ExpectedForm,
    MetaRow,
    check_rows,
    valid_row_number,
)
from cgtask.interchange.forms.layout import (
    COLUMN,
    COLUMNS,
    FIRST_ROW,
    FIXED_COLUMNS,
    FORM_SHEET,
    LAYOUT_VERSION,
    META_KEYS,
    META_SHEET,
    ROW_FIELDS,
    ROWS_HEADER_ROW,
    cell_text,
    fingerprint,
)
from cgtask.interchange.forms.model import DutyPeriod, FormImport, FormRecord, FormSummary, Problem
from cgtask.support.limits import MAX_ACTIONS, MAX_NOTE_CHARS, MAX_QUANTITY, FileLimitError, check_office_file
from cgtask.support.records import same_named
from cgtask.support.text import control_characters

# Spreadsheets people may send back instead of the .xlsx they were given.
OTHER_SPREADSHEETS = frozenset({".xls", ".et", ".ods", ".csv", ".wps"})
# More rows than a month of any city's duties: the identity sheet is not read further.
MAX_FORM_ROWS = 5000


@dataclass(frozen=True)
class ImportContext:
    """What every form is checked against: the registry, the 中队 names, today, the year if given."""

    registry_id: str
    units: tuple[str, ...]
    as_of: date
    year: int | None
    expected: ExpectedForm | None = None


@dataclass
class _FileResult:
    """One file read: its identity (registry, unit, year, month), records, blanks and problems."""

    file: str
    identity: tuple[str, str, int, int] | None = None
    records: list[FormRecord] = field(default_factory=list)
    not_reported: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0

    def problem(self, sheet: str, cell: str, code: str, detail: str = "") -> None:
        assert code in PROBLEM_CODES, code
        self.problems.append(Problem(self.file, sheet, cell, code, detail or PROBLEM_CODES[code]))


def read_forms(
    paths: Iterable[Path],
    *,
    registry_id: str,
    known_units: Iterable[str],
    as_of: date,
    year: int | None = None,
    expected: ExpectedForm | None = None,
) -> FormImport:
    """Read filled forms (files, or folders of .xlsx) and validate every row of every form.

    ``as_of`` is today (dates after it are refused); ``year``, when given, refuses forms of other
    years; ``expected`` gives the form the registry issues for a unit and month, which every line of
    the hidden sheet must match. Any problem anywhere leaves ``records`` empty, so the caller writes
    all or nothing.
    """
    context = ImportContext(registry_id, tuple(known_units), as_of, year, expected)
    result = FormImport()
    seen: dict[tuple[str, str, int, int], _FileResult] = {}
    for path in _expand(paths, result):
        read = read_form_file(path, context)
        result.problems += read.problems
        if read.identity is None or read.problems or _is_repeat(read, seen, result):
            continue
        seen[read.identity] = read
        result.records += read.records
        # A form with no row filled in is a blank copy sent back by mistake, not a correction that
        # empties every row: it withdraws nothing (``ledger undo`` withdraws a record on purpose).
        if read.records:
            result.not_reported += read.not_reported
        unit, form_year, month = read.identity[1:]
        result.forms.append(FormSummary(read.file, unit, form_year, month, read.rows, len(read.records)))
    if result.problems:
        result.records = []
    return result


def _expand(paths: Iterable[Path], result: FormImport) -> Iterator[Path]:
    """Files as given, folders as the .xlsx files inside them (sorted; Office lock files skipped).

    A generator, so a missing path's problem lands in argument order among the files' problems.
    """
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(p for p in path.glob("*.xlsx") if p.is_file() and not p.name.startswith("~$"))
        elif path.is_file():
            yield path
        else:
            result.problems.append(Problem(str(path), "", "", "F100", PROBLEM_CODES["F100"]))


def _is_repeat(
    read: _FileResult, seen: dict[tuple[str, str, int, int], _FileResult], result: FormImport
) -> bool:
    """A second copy of a form: identical ones are dropped, different ones are a problem (F141)."""
    assert read.identity is not None
    first = seen.get(read.identity)
    if first is None:
        return False
    if first.records != read.records:
        detail = f"与 {first.file} 是同一张表（{read.identity[1]} {read.identity[2]}年{read.identity[3]}月），内容却不同；请只交一份"
        result.problems.append(Problem(read.file, "", "", "F141", detail))
    return True


# --- one file -------------------------------------------------------------------------------------


def read_form_file(path: Path, context: ImportContext) -> _FileResult:
    """One form: its identity, then every row; problems are collected, never raised."""
    result = _FileResult(str(path))
    workbook = _open(path, result)
    if workbook is None:
        return result
    try:
        meta = _identity(workbook, result, context)
        if meta is None:
            return result
        rows = _meta_rows(workbook[META_SHEET], result)
        if FORM_SHEET not in workbook.sheetnames:
            result.problem(FORM_SHEET, "", "F106", f"找不到工作表“{FORM_SHEET}”")
            return result
        if not _vouched(meta, rows, result, context):
            return result
        result.rows = len(rows)
        origin_base = f"{context.registry_id}/{meta['unit']}/{meta['year']:04d}-{meta['month']:02d}"
        sheet = workbook[FORM_SHEET]
        for row in rows:
            _read_row(sheet, row, f"{origin_base}/{row.key}", result, context, workbook.epoch)
        _refuse_added_rows(sheet, {row.row for row in rows}, result)
        result.identity = (context.registry_id, str(meta["unit"]), int(meta["year"]), int(meta["month"]))
    finally:
        workbook.close()
    return result


def _open(path: Path, result: _FileResult) -> Any:
    from openpyxl import load_workbook

    try:
        check_office_file(path)
    except FileLimitError as exc:
        result.problem("", "", "F107", f"{PROBLEM_CODES['F107']}：{exc}")
        return None
    except OSError:
        result.problem("", "", "F101")
        return None
    try:
        return load_workbook(path, data_only=True)
    # A damaged or foreign file fails deep inside zipfile, lxml or openpyxl with many exception
    # types; each means the same to the user: this file cannot be read.
    except Exception:
        if path.suffix.lower() in OTHER_SPREADSHEETS:
            result.problem(
                "", "", "F101", f"{path.suffix} 文件不能直接导入：请在 Excel 或 WPS 中另存为 .xlsx 后再导入"
            )
        else:
            result.problem("", "", "F101")
        return None


def _identity(workbook: Any, result: _FileResult, context: ImportContext) -> dict[str, Any] | None:
    """The form's key/value lines, checked against the registry and year; None when it is not ours."""
    if META_SHEET not in workbook.sheetnames:
        result.problem("", "", "F102")
        return None
    sheet = workbook[META_SHEET]
    meta = {cell_text(sheet.cell(n, 1).value): sheet.cell(n, 2).value for n in range(1, len(META_KEYS) + 1)}
    layout: int | None = None
    # A missing or non-numeric value is reported below, together with anything else missing.
    with contextlib.suppress(KeyError, TypeError, ValueError):
        meta["year"], meta["month"], layout = int(meta["year"]), int(meta["month"]), int(meta["layout"])
    if layout != LAYOUT_VERSION or any(is_blank(meta.get(key)) for key in META_KEYS):
        detail = f"隐藏工作表的内容不全或版式不对（版式 {meta.get('layout')}，应为 {LAYOUT_VERSION}）"
        result.problem(META_SHEET, "A1", "F106", detail)
        return None
    if not FIRST_YEAR <= meta["year"] <= LAST_YEAR or not 1 <= meta["month"] <= 12:
        where = _meta_cell("month" if FIRST_YEAR <= meta["year"] <= LAST_YEAR else "year")
        detail = f"隐藏工作表中的年月“{meta['year']}-{meta['month']}”不是一个月份，表被改动过"
        result.problem(META_SHEET, where, "F108", detail)
        return None
    return meta if _belongs(meta, result, context) else None


def _belongs(meta: dict[str, Any], result: _FileResult, context: ImportContext) -> bool:
    registry = cell_text(meta["registry_id"])
    if registry != context.registry_id:
        name = cell_text(meta.get("registry_name")) or registry
        result.problem(
            META_SHEET, _meta_cell("registry_id"), "F103", f"这张表是登记册“{name}”的，不是本登记册的"
        )
        return False
    if context.year is not None and meta["year"] != context.year:
        result.problem(
            META_SHEET,
            _meta_cell("year"),
            "F104",
            f"这张表是 {meta['year']} 年的，本次导入的是 {context.year} 年",
        )
        return False
    return True


def _vouched(meta: dict[str, Any], rows: list[MetaRow], result: _FileResult, context: ImportContext) -> bool:
    """Whether the registry issues this form: its unit, and every line of the hidden sheet (F108)."""
    if result.problems:
        return False
    if context.expected is None:
        return True
    unit = cell_text(meta["unit"])
    try:
        spec = context.expected(unit, meta["year"], meta["month"])
    except ValueError as exc:
        result.problem(META_SHEET, _meta_cell("unit"), "F108", str(exc))
        return False
    if cell_text(meta["unit_kind"]) != spec.unit_kind:
        detail = (
            f"隐藏工作表写的单位类别“{cell_text(meta['unit_kind'])}”与登记册不符（{unit}是{spec.unit_kind}）"
        )
        result.problem(META_SHEET, _meta_cell("unit_kind"), "F108", detail)
        return False
    for refusal in check_rows(rows, spec):
        result.problem(refusal.sheet, refusal.cell, "F108", refusal.message)
    return not result.problems


def _meta_cell(key: str) -> str:
    """Where a key's value sits on the identity sheet (column B, one key per line)."""
    return f"B{META_KEYS.index(key) + 1}"


def _meta_rows(sheet: Any, result: _FileResult) -> list[MetaRow]:
    rows: list[MetaRow] = []
    first = ROWS_HEADER_ROW + 1
    lines = sheet.iter_rows(min_row=first, max_col=len(ROW_FIELDS), values_only=True)
    for number, values in enumerate(lines, start=first):
        if is_blank(values[0]):
            break
        if len(rows) >= MAX_FORM_ROWS:
            result.problem(META_SHEET, f"A{number}", "F106", f"隐藏工作表的行数超过上限 {MAX_FORM_ROWS}")
            break
        data = dict(zip(ROW_FIELDS, (cell_text(v) for v in values), strict=True))
        try:
            rows.append(_meta_row(number, data))
        except ValueError:
            result.problem(META_SHEET, f"A{number}", "F106", "隐藏工作表中有一行不完整或行号不对")
    return rows


def _meta_row(line: int, data: dict[str, str]) -> MetaRow:
    if not all(data[key] for key in ("doc", "item", "level", "period", "fingerprint")):
        raise ValueError(data)
    if not data["row"].isdigit() or len(data["row"]) > 6 or not valid_row_number(int(data["row"])):
        raise ValueError(data["row"])
    return MetaRow(
        line=line,
        row=int(data["row"]),
        doc=data["doc"],
        item=data["item"],
        activity=data["activity"] or None,
        level=data["level"],
        unit=data["unit"] or None,
        period=data["period"],
        start=date.fromisoformat(data["start"]),
        end=date.fromisoformat(data["end"]),
        needs=frozenset(data["needs"].split(",")),
        fingerprint=data["fingerprint"],
    )


# --- one row --------------------------------------------------------------------------------------


@dataclass
class _RowValues:
    """The fill-in cells of one row as read, each validated into this or into a problem."""

    date: date | None = None
    count: int = 1
    quantity: int | None = None
    base: int | None = None
    covers: tuple[str, ...] = ()
    note: str | None = None


# The fill-in columns, first to last (完成日期 … 备注), as 1-based column numbers.
_FILL_SPAN = (
    min(n for n, c in enumerate(COLUMNS, start=1) if c.fill),
    max(n for n, c in enumerate(COLUMNS, start=1) if c.fill),
)
_FILL_LETTERS = [c.letter for c in COLUMNS[_FILL_SPAN[0] - 1 : _FILL_SPAN[1]]]
MAX_ADDED_ROWS_TOLD = 20


def _refuse_added_rows(sheet: Any, listed: set[int], result: _FileResult) -> None:
    """A row the form does not list, with something in its fill-in cells (F126): it would be lost silently."""
    told = 0
    cells = sheet.iter_rows(min_row=FIRST_ROW, min_col=_FILL_SPAN[0], max_col=_FILL_SPAN[1], values_only=True)
    for number, values in enumerate(cells, start=FIRST_ROW):
        filled = [letter for letter, value in zip(_FILL_LETTERS, values, strict=False) if not is_blank(value)]
        if number in listed or not filled:
            continue
        result.problem(FORM_SHEET, f"{filled[0]}{number}", "F126", f"第{number}行不是表内列出的工作")
        told += 1
        if told == MAX_ADDED_ROWS_TOLD:
            return


def _read_row(
    sheet: Any, row: MetaRow, origin: str, result: _FileResult, context: ImportContext, epoch: datetime
) -> None:
    fixed = [sheet[f"{column.letter}{row.row}"].value for column in FIXED_COLUMNS]
    if fingerprint(fixed) != row.fingerprint:
        span = f"{FIXED_COLUMNS[0].letter}{row.row}:{FIXED_COLUMNS[-1].letter}{row.row}"
        result.problem(FORM_SHEET, span, "F105", f"第{row.row}行的固定单元格被改动过，请用原表重新填写")
        return
    raw = {key: sheet[f"{COLUMN[key].letter}{row.row}"].value for key in COLUMN if COLUMN[key].fill}
    before = len(result.problems)
    for (
        key,
        value,
    ) in raw.items():  # a locked cell filled after lifting the protection: never dropped silently
        if key not in row.needs and not is_blank(value):
            result.problem(FORM_SHEET, f"{COLUMN[key].letter}{row.row}", "F127")
    # The row's open cells are still checked: every problem of a form is listed at once.
    raw = {key: value for key, value in raw.items() if key in row.needs}
    if all(is_blank(value) for key, value in raw.items() if key != "note"):
        if len(result.problems) == before:
            result.not_reported.append(origin)
        return
    values = _RowValues(note=_note(raw.get("note"), row, result))
    if "days" in row.needs:
        _read_days(raw, row, values, result, _DayContext(context, epoch, origin))
        return
    _check_date(raw.get("date"), row, values, result, context, epoch)
    _check_numbers(raw, row, values, result)
    _check_covers(raw.get("covers"), row, values, result, context)
    if len(result.problems) == before and values.date is not None:
        result.records.append(_record(row, values, origin))


@dataclass(frozen=True)
class _DayContext:
    import_context: ImportContext
    epoch: datetime
    origin: str


def _read_days(
    raw: dict[str, Any], row: MetaRow, values: _RowValues, result: _FileResult, at: _DayContext
) -> None:
    """A daily duty's month: one record per day done, each dated that day and counting for that day."""
    before = len(result.problems)
    days = _days_of(raw, row, result, at.epoch)
    if days is None:
        return
    late = [day for day in days if day > at.import_context.as_of]
    if late:
        detail = f"完成日期 {late[0].isoformat()} 晚于今天（{at.import_context.as_of.isoformat()}）"
        result.problem(FORM_SHEET, _cell("date", row), "F113", detail)
    if len(result.problems) > before:
        return
    for day in days:
        values.date, values.count = day, 1
        record = _record(row, values, f"{at.origin}/{day.isoformat()}")
        result.records.append(replace(record, period=day.isoformat()))


def _days_of(raw: dict[str, Any], row: MetaRow, result: _FileResult, epoch: datetime) -> list[date] | None:
    """The days a daily row reports (its dates, or every day for a number equal to them), or None."""
    try:
        days = days_given(raw.get("date"), year=row.start.year, epoch=epoch)
    except ValueError as exc:
        result.problem(FORM_SHEET, _cell("date", row), "F111", f"完成日期{exc}")
        return None
    outside = [day for day in days if not row.start <= day <= row.end]
    if outside:
        detail = f"{outside[0].isoformat()} 不在 {row.start.isoformat()} 至 {row.end.isoformat()} 内"
        result.problem(FORM_SHEET, _cell("date", row), "F112", f"完成日期 {detail}")
        return None
    count = _day_count(raw.get("count"), row, result)
    if count is None or count == len(days) or (not days and count == 0):
        return days
    whole = every_day(row.start, row.end)
    if not days and count == len(whole):
        return whole
    detail = (
        f"次数写了 {count} 天，完成日期写了 {len(days)} 天"
        if days
        else f"本月共 {len(whole)} 天，次数写了 {count} 天"
    )
    result.problem(FORM_SHEET, _cell("count", row), "F115", detail + "；请在完成日期中写明是哪几天")
    return None


def _day_count(value: Any, row: MetaRow, result: _FileResult) -> int | None:
    if is_blank(value):
        return None
    try:
        return parse_whole(value, MAX_ACTIONS)
    except ValueError as exc:
        result.problem(FORM_SHEET, _cell("count", row), "F121", f"天数{exc}")
        return None


def _note(value: Any, row: MetaRow, result: _FileResult) -> str | None:
    """The 备注 as text: no control characters (they would reach terminals raw), within the length bound."""
    if is_blank(value):
        return None
    text = cell_text(value)
    bad = control_characters(text)
    if bad or len(text) > MAX_NOTE_CHARS:
        detail = f"备注含有控制字符 {'、'.join(bad)}" if bad else f"备注超过 {MAX_NOTE_CHARS} 字"
        result.problem(FORM_SHEET, _cell("note", row), "F132", detail)
    return text


def _cell(key: str, row: MetaRow) -> str:
    return f"{COLUMN[key].letter}{row.row}"


def _check_date(
    value: Any,
    row: MetaRow,
    values: _RowValues,
    result: _FileResult,
    context: ImportContext,
    epoch: datetime,
) -> None:
    where = _cell("date", row)
    if is_blank(value):
        result.problem(FORM_SHEET, where, "F114")
        return
    try:
        done = parse_date(value, year=row.start.year, epoch=epoch)
    except ValueError as exc:
        result.problem(FORM_SHEET, where, "F111", f"完成日期{exc}")
        return
    if not row.start <= done <= row.end:
        detail = f"完成日期 {done.isoformat()} 不在周期 {row.start.isoformat()} 至 {row.end.isoformat()} 内"
        result.problem(FORM_SHEET, where, "F112", detail)
    elif done > context.as_of:
        result.problem(
            FORM_SHEET, where, "F113", f"完成日期 {done.isoformat()} 晚于今天（{context.as_of.isoformat()}）"
        )
    else:
        values.date = done


_NUMBER_CODES = {"count": ("F121", "次数"), "quantity": ("F122", "数量"), "base": ("F123", "基数")}


def _check_numbers(raw: dict[str, Any], row: MetaRow, values: _RowValues, result: _FileResult) -> None:
    for key, (code, label) in _NUMBER_CODES.items():
        value = raw.get(key)
        if is_blank(value):
            if key != "count" and key in row.needs:
                result.problem(FORM_SHEET, _cell(key, row), "F124", f"这一事项要求填写{label}")
            continue
        bound = MAX_ACTIONS if key == "count" else MAX_QUANTITY
        try:
            setattr(values, key, parse_whole(value, bound))
        except ValueError as exc:
            result.problem(FORM_SHEET, _cell(key, row), code, f"{label}{exc}，应为 0 至 {bound} 之间的整数")
    if values.quantity is not None and values.base is not None and values.quantity > values.base:
        detail = f"数量 {values.quantity} 大于基数 {values.base}"
        result.problem(FORM_SHEET, _cell("quantity", row), "F125", detail)


def _check_covers(
    value: Any, row: MetaRow, values: _RowValues, result: _FileResult, context: ImportContext
) -> None:
    names = split_names(value)
    resolved = {name: resolve_unit(name, context.units) for name in names}
    unknown = [_with_hint(name, context.units) for name, unit in resolved.items() if unit is None]
    if unknown:
        result.problem(FORM_SHEET, _cell("covers", row), "F131", f"不认识的中队：{'、'.join(unknown)}")
    values.covers = tuple(dict.fromkeys(unit for unit in resolved.values() if unit is not None))


def _with_hint(name: str, units: tuple[str, ...]) -> str:
    near = nearest(name, units)
    return f"“{name}”（是不是“{near}”？）" if near else f"“{name}”"


def _record(row: MetaRow, values: _RowValues, origin: str) -> FormRecord:
    assert values.date is not None
    return FormRecord(
        **same_named(row, DutyPeriod.names()),
        **same_named(values, ("date", "count", "quantity", "covers", "note")),
        of=values.base,
        origin=origin,
    )
