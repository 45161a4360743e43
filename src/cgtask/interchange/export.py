"""Tables out: the tasks, the obligations and the 台账 as a workbook, CSV files or one JSON object.

Each table is plain rows with stable English keys (the JSON contract) and Chinese column
headers (the workbook and CSV). openpyxl is imported only here, and only for ``xlsx``.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cgtask.errors import UsageError, param
from cgtask.models.data import DocumentData, ObligationData
from cgtask.models.ledger_data import record_states
from cgtask.registry import walk
from cgtask.registry.view import Registry
from cgtask.support.atomic import write_bytes_atomic
from cgtask.support.outputs import output_file, refuse_existing
from cgtask.support.text import cell_text, escape_controls, inert_cell
from cgtask.support.words import RECORD_STATE_LABELS

if TYPE_CHECKING:
    from cgtask.registry.city import City

ExportFormat = Literal["xlsx", "csv", "json"]

# Cells wider than this (in half-width characters) wrap instead of stretching the column.
NARROW_CAP = 24
WIDE_CAP = 70
WIDE_KEYS = frozenset({"detail", "text", "note", "targets"})

# The ledger's fields (see registry/ledger.yaml) in the order a 台账 sheet shows them.
LEDGER_HEADERS = {
    "id": "记录编号",
    "state": "状态",
    "item": "事项",
    "doc": "文件",
    "level": "层级",
    "unit": "中队",
    "activity": "工作内容",
    "period": "周期",
    "date": "完成日期",
    "count": "次数",
    "value": "实际值",
    "metric": "指标",
    "note": "说明",
    "quantity": "数量",
    "of": "基数",
    "covers": "覆盖中队",
    "withdraws": "撤销的记录",
    "origin": "来源（台账表的行）",
    "recorded_at": "登记时间",
}


@dataclass(frozen=True)
class Column:
    """One exported column: the JSON ``key`` and the Chinese ``header`` of the sheet and CSV."""

    key: str
    header: str


@dataclass
class Table:
    """One sheet (or CSV file, or JSON member): English ``key``, Chinese ``sheet`` name, rows."""

    key: str
    sheet: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)


DISTRICT_COLUMN = Column("district", "区")
TASK_COLUMNS = [
    Column("doc", "文件"),
    Column("id", "编号"),
    Column("category", "目录"),
    Column("title", "简称"),
    Column("detail", "工作细则"),
    Column("lead", "牵头部门"),
    Column("support", "配合部门"),
    Column("targets", "量化指标"),
    Column("basis", "依据"),
]
OBLIGATION_COLUMNS = [
    Column("doc", "文件"),
    Column("item", "编号"),
    Column("title", "事项"),
    Column("level", "层级"),
    Column("activity", "工作内容"),
    Column("frequency", "频次"),
    Column("due", "期限"),
    Column("source", "来源"),
    Column("text", "原文"),
]


# --- building the tables --------------------------------------------------------------------------


def export_tables(registry: Registry, doc_id: str | None = None) -> list[Table]:
    """The tasks, the obligations and (when the registry keeps one) the 台账, in that order."""
    documents = registry.select(doc_id)
    tables = [
        _without_single_doc(Table("tasks", "任务", TASK_COLUMNS, list(_task_rows(documents)))),
        _without_single_doc(
            Table("obligations", "监督要求", OBLIGATION_COLUMNS, list(_obligation_rows(documents)))
        ),
    ]
    ledger = _ledger_table(registry.data, {d["id"] for d in documents} if doc_id else None)
    return [*tables, ledger] if ledger is not None else tables


def _without_single_doc(table: Table) -> Table:
    """Drop the 文件 column when every row comes from one document: it would only repeat it."""
    if len({row["doc"] for row in table.rows}) > 1:
        return table
    table.columns = [c for c in table.columns if c.key != "doc"]
    return table


def _task_rows(documents: Sequence[DocumentData]) -> Iterator[dict[str, Any]]:
    for item in (item for document in documents for item in walk.items(document, "task")):
        task = item.data
        yield {
            "doc": item.doc,
            "id": item.id,
            "category": item.category,
            "title": task["title"],
            # the intro and the numbered sub-items read as the one cell of the original table
            "detail": "\n".join(part for part in (task["detail"], *task["items"]) if part),
            "lead": list(task["lead"]),
            "support": list(task["support"]),
            "targets": [target["text"] for target in task["targets"]],
            "basis": list(task["basis"]),
        }


def _obligation_rows(documents: Sequence[DocumentData]) -> Iterator[dict[str, Any]]:
    for document in documents:
        for item in walk.items(document):
            for _, obligation in item.obligations():
                yield _obligation_row(item.doc, item.id, item.title, obligation)


def _obligation_row(doc: str, item: str, title: str, obligation: ObligationData) -> dict[str, Any]:
    return {
        "doc": doc,
        "item": item,
        "title": title,
        "level": obligation["level"],
        "activity": obligation["activity"],
        "frequency": obligation["frequency"],
        "due": obligation["due"],
        "source": obligation["source"],
        "text": obligation["text"],
    }


def _ledger_entries(data: Mapping[str, Any]) -> list[Mapping[str, Any]] | None:
    """The ledger's entries, whether the registry holds them as a list or under ``entries``."""
    ledger = data.get("ledger")
    if isinstance(ledger, Mapping):
        ledger = ledger.get("entries")
    if not isinstance(ledger, list):
        return None
    return [entry for entry in ledger if isinstance(entry, Mapping)]


def _ledger_table(data: Mapping[str, Any], docs: set[str] | None) -> Table | None:
    """The 台账 as a table whose columns are the keys its entries use, in first-seen order.

    The ledger is kept by another part of cgtask and may grow fields: every field is exported,
    under its Chinese name where one is known, so nothing recorded is left out of the workbook.
    """
    entries = _ledger_entries(data)
    if entries is None:
        return None
    states = record_states(entries)
    entries = [
        {**entry, "state": RECORD_STATE_LABELS[state]} for entry, state in zip(entries, states, strict=True)
    ]
    if docs is not None:
        entries = [e for e in entries if "doc" not in e or e["doc"] in docs]
    used = {key for entry in entries for key in entry} if entries else set(LEDGER_HEADERS)
    extra = [key for entry in entries for key in entry if key not in LEDGER_HEADERS]
    keys = [key for key in LEDGER_HEADERS if key in used] + list(dict.fromkeys(extra))
    columns = [Column(key, LEDGER_HEADERS.get(key, key)) for key in keys]
    rows = [{key: entry.get(key) for key in keys} for entry in entries]
    return Table("ledger", "台账", columns, rows)


# --- cell text and widths -------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Width in half-width columns: a Chinese character takes two, as in Excel and WPS."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_width(column: Column, cells: Sequence[str]) -> int:
    """The natural width of the header and the longest line, capped so long text wraps instead."""
    cap = WIDE_CAP if column.key in WIDE_KEYS else NARROW_CAP
    lines = [line for cell in cells for line in cell.split("\n")]
    natural = max([display_width(column.header), *map(display_width, lines)])
    return min(natural, cap) + 2


# --- writers --------------------------------------------------------------------------------------


def workbook_bytes(tables: Sequence[Table]) -> bytes:
    """The tables as an .xlsx workbook, one sheet each."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _fill_sheet(workbook.create_sheet(table.sheet), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_sheet(sheet: Any, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    # Control characters XML cannot hold are written escaped (\x1b), not refused mid-export.
    cells = [[escape_controls(cell_text(row.get(c.key))) for c in table.columns] for row in table.rows]
    numbers = [[_number(row.get(c.key)) for c in table.columns] for row in table.rows]
    sheet.append([c.header for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for values, row_numbers in zip(cells, numbers, strict=True):
        sheet.append(
            [text if number is None else number for text, number in zip(values, row_numbers, strict=True)]
        )
        for cell, number in zip(sheet[sheet.max_row], row_numbers, strict=True):
            # Text such as “=…” must stay text: the registry holds words, never formulas. Counts and
            # quantities stay numbers, so a clerk can add them up.
            cell.data_type = "s" if number is None else "n"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, column in enumerate(table.columns, start=1):
        width = column_width(column, [row[number - 1] for row in cells])
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{max(len(cells) + 1, 1)}"


def _number(value: Any) -> int | float | None:
    """A count or quantity as the number it is (never a flag: True is no number here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


def csv_text(table: Table) -> str:
    """One table as CSV with its Chinese header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.header for c in table.columns])
    for row in table.rows:
        # Text a spreadsheet would run (=HYPERLINK(…), +cmd|…) starts with ' (OWASP); numbers stay numbers.
        writer.writerow([inert_cell(escape_controls(cell_text(row.get(c.key)))) for c in table.columns])
    return buffer.getvalue()


def json_text(tables: Sequence[Table]) -> str:
    """All tables as one object keyed by table (tasks, obligations, ledger), rows with English keys."""
    # Rows keep every key, doc included where a sheet drops the column: the contract is stable.
    content = {table.key: table.rows for table in tables}
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def _write_text(path: Path, text: str, *, bom: bool = False) -> None:
    # Excel opens a UTF-8 CSV as GBK unless it starts with a byte-order mark.
    encoding = "utf-8-sig" if bom else "utf-8"
    write_bytes_atomic(path, text.encode(encoding))


@dataclass
class ExportResult:
    """What an export produced: text for stdout (when no file was asked for) and the files written."""

    stdout: str | None
    written: list[Path]
    tables: list[Table]


def city_tables(city: City, doc_id: str | None = None) -> list[Table]:
    """Every district's tables put together by key, each row led by its ``district``."""
    merged: dict[str, Table] = {}
    for name, view in city.districts:
        for one in export_tables(view, doc_id):
            columns = [DISTRICT_COLUMN, *one.columns]
            into = merged.setdefault(one.key, Table(one.key, one.sheet, columns))
            if len(columns) > len(into.columns):  # a district with several documents keeps its 文件 column
                into.columns = columns
            into.rows += [{"district": name, **row} for row in one.rows]
    return list(merged.values())


def write_tables(
    tables: list[Table], fmt: ExportFormat, output: Path | None, *, table: str | None, force: bool
) -> ExportResult:
    """The tables in ``fmt``: to ``output`` (a file, or for csv a folder), else as text for stdout.

    Tables with no rows are left out (``--doc supervision-2022`` has no tasks). CSV holds one table per
    file: several go to a folder, one file needs ``table``. Existing files are replaced only with ``force``.
    """
    tables = _chosen(tables, table)
    if fmt == "xlsx":
        if output is None:
            raise UsageError(
                f"导出 xlsx 需要用 {param('output')} 指定输出文件，例如 {param('output')} 任务分解表.xlsx"
            )
        target = _file(output, ".xlsx", "cgtask-export.xlsx", force)
        write_bytes_atomic(target, workbook_bytes(tables))
        return ExportResult(None, [target], tables)
    if fmt == "json":
        target_or_none = _file(output, ".json", "cgtask-export.json", force) if output is not None else None
        return _text_result(json_text(tables), target_or_none, tables)
    if output is not None and output.is_dir():
        written = [output / f"{t.key}.csv" for t in tables]
        refuse_existing(written, force=force)
        for one, path in zip(tables, written, strict=True):
            _write_text(path, csv_text(one), bom=True)
        return ExportResult(None, written, tables)
    if len(tables) > 1:
        keys = "、".join(t.key for t in tables)
        raise UsageError(
            f"CSV 一个文件只能放一张表：{param('output')} 写一个目录（每张表一个文件），或用 {param('table')} 选一张（{keys}）"
        )
    target_or_none = _file(output, ".csv", "", force) if output is not None else None
    return _text_result(csv_text(tables[0]), target_or_none, tables, bom=True)


def _chosen(tables: list[Table], key: str | None) -> list[Table]:
    """The tables asked for: ``key`` alone, else every table that has rows."""
    if key is not None:
        found = [t for t in tables if t.key == key]
        if not found:
            raise UsageError(f"没有表“{key}”；可选：{'、'.join(t.key for t in tables)}")
        return found
    filled = [t for t in tables if t.rows]
    if not filled:
        raise UsageError("没有可导出的内容（所选文件没有任务、监督要求或台账记录）")
    return filled


def _file(output: Path, suffix: str, default_name: str, force: bool) -> Path:
    target = output_file(output, suffixes=(suffix,), default_name=default_name or f"cgtask-export{suffix}")
    refuse_existing([target], force=force)
    return target


def _text_result(text: str, output: Path | None, tables: list[Table], *, bom: bool = False) -> ExportResult:
    if output is None:
        return ExportResult(text, [], tables)
    _write_text(output, text, bom=bom)
    return ExportResult(None, [output], tables)
