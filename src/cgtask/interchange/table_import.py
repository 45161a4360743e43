"""Tables in: an existing Word or Excel 任务分解表 becomes a task-breakdown YAML document.

The table is found by its header text (序号 / 目录 / 工作细则 / 牵头部门 / 配合部门), so extra
columns, a title row above it and header rows repeated at page breaks do not matter. Category
cells merged down (or left blank below the first row, as people do in Excel) carry on to the
rows below. python-docx and openpyxl are imported only here, and only for their own format.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from cgtask.errors import UsageError, param
from cgtask.registry.names import OrgIndex
from cgtask.support.atomic import write_bytes_atomic
from cgtask.support.text import xml_illegal_chars

HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("序号",),
    "category": ("目录", "类别", "分类"),
    "text": ("工作细则", "工作内容", "任务内容"),
    "lead": ("牵头部门", "牵头科室", "牵头单位"),
    "support": ("配合部门", "配合科室", "配合单位"),
}
REQUIRED = ("category", "text", "lead")
EXPECTED_COLUMNS = "序号 / 目录 / 工作细则 / 牵头部门 / 配合部门"
# Header rows sit near the top; a sheet whose first rows hold none is not a task table.
HEADER_SEARCH_ROWS = 20
# A first sentence longer than this is not a short title: it is cut at its first ；.
TITLE_MAX = 40
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# A sub-item number: 1. 2. (or 1． 1、) at the start of the cell or after white space.
SUB_ITEM = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.．、](?!\d)")
NAME_SEPARATORS = re.compile(r"[、，,；;/\s]+")


@dataclass
class SourceTable:
    """The rows of the task table (header rows included) and the title found above it."""

    rows: list[list[str]]
    title: str | None


@dataclass
class ImportedTask:
    """One task read from a table row, before it becomes a registry task."""

    id: str
    title: str
    detail: str
    items: list[str]
    lead: list[str]
    support: list[str]
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportedCategory:
    """One 类 of the table: its number, its name and the tasks under it."""

    number: int
    name: str
    tasks: list[ImportedTask] = field(default_factory=list)


@dataclass
class ImportResult:
    """The YAML written, what was imported, and the messages for stderr."""

    output: Path
    text: str
    categories: list[ImportedCategory]
    warnings: list[str]

    @property
    def task_count(self) -> int:
        """How many tasks the table held, over all categories."""
        return sum(len(c.tasks) for c in self.categories)


@dataclass(frozen=True)
class ImportOptions:
    """What an import may set or must respect: the new document's id, year and title, overwriting, ids in use."""

    doc_id: str | None = None
    year: int | None = None
    title: str | None = None
    force: bool = False
    # Ids the target registry already uses (other than the file being replaced): a clash would
    # leave the registry unusable (E302) for every later command, so it is refused up front.
    taken_ids: frozenset[str] = frozenset()


# --- reading the file -----------------------------------------------------------------------------


def _unreadable(path: Path) -> UsageError:
    with path.open("rb") as handle:
        head = handle.read(len(OLE_MAGIC))
    if head == OLE_MAGIC:
        return UsageError(
            f"无法读取 {path}：文件已加密，或是旧版 .doc/.xls 格式；请在 WPS/Word/Excel 中另存为不加密的 .docx 或 .xlsx"
        )
    return UsageError(f"无法读取 {path}：文件已损坏，或不是 Word/Excel 文件")


def read_source(path: Path) -> SourceTable:
    """The task table of a .docx or .xlsx file; a clear error for anything else."""
    if not path.is_file():
        raise UsageError(f"找不到文件：{path}")
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".xlsx"):
        raise UsageError(f"只能导入 .docx 或 .xlsx 文件，收到 {path.name}")
    from cgtask.support.limits import FileLimitError, check_office_file

    try:
        check_office_file(path)
    except FileLimitError as exc:
        raise UsageError(f"无法导入 {path.name}：{exc}") from None
    try:
        return _read_docx(path) if suffix == ".docx" else _read_xlsx(path)
    except UsageError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, OSError) as exc:
        raise _unreadable(path) from exc
    except Exception as exc:  # the libraries' own errors (PackageNotFoundError, InvalidFileException …)
        if type(exc).__module__.startswith(("docx", "openpyxl", "lxml", "zipfile")):
            raise _unreadable(path) from exc
        raise


def _read_docx(path: Path) -> SourceTable:
    import docx

    document = docx.Document(str(path))
    # python-docx gives a vertically merged cell's text on every row it spans, and a
    # horizontally merged cell once per grid column, so columns stay aligned.
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    if not tables:
        raise UsageError(f"{path.name} 中没有表格")
    with_header = [rows for rows in tables if _find_header(rows) is not None]
    rows = [row for rows in (with_header or tables[:1]) for row in rows]
    title = next((p.text.strip() for p in document.paragraphs if _is_title(p.text)), None)
    return SourceTable(rows, title)


def _is_title(text: str) -> bool:
    text = text.strip()
    return bool(text) and not re.fullmatch(r"附件\s*\d*[:：]?", text)


def _read_xlsx(path: Path) -> SourceTable:
    from openpyxl import load_workbook

    workbook = load_workbook(path, data_only=True)
    sheets = [_sheet_rows(sheet) for sheet in workbook.worksheets]
    rows = next((rows for rows in sheets if _find_header(rows) is not None), sheets[0] if sheets else [])
    start = _find_header(rows)
    above = rows[:start] if start is not None else []
    title = next((cell.strip() for row in above for cell in row if _is_title(cell)), None)
    return SourceTable(rows, title)


def _sheet_rows(sheet: Any) -> list[list[str]]:
    """Cell texts of a sheet, with every merged range's value copied into all its cells."""
    rows = [[_excel_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                rows[r][c] = value
    return rows


def _excel_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- finding the columns --------------------------------------------------------------------------


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _header_columns(row: list[str]) -> dict[str, int]:
    """Which column holds which field, judged by the header text of one row."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        text = _compact(cell)
        for key, names in HEADERS.items():
            if key not in columns and text in names:
                columns[key] = index
    return columns


def _find_header(rows: list[list[str]]) -> int | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if all(key in _header_columns(row) for key in REQUIRED):
            return index
    return None


def locate_columns(rows: list[list[str]], name: str) -> tuple[int, dict[str, int]]:
    """The header row's index and the column of each field, or an error naming what is missing."""
    if not rows:
        raise UsageError(f"{name} 中没有表格")
    start = _find_header(rows)
    if start is not None:
        return start, _header_columns(rows[start])
    best = max((_header_columns(row) for row in rows[:HEADER_SEARCH_ROWS]), key=len)
    if not best:
        raise UsageError(f"{name} 中没有找到任务分解表：表头应为 {EXPECTED_COLUMNS}")
    missing = "、".join(HEADERS[key][0] for key in REQUIRED if key not in best)
    raise UsageError(f"{name} 的表格缺少列：{missing}；表头应为 {EXPECTED_COLUMNS}")


# --- rows into tasks ------------------------------------------------------------------------------


@dataclass
class RawRow:
    """A table row as read: its line in the file and its cells as text."""

    line: int
    number: str
    category: str
    text: str
    lead: str
    support: str


def raw_rows(rows: list[list[str]], name: str) -> list[RawRow]:
    """The data rows below the header, repeated headers and empty rows left out."""
    start, columns = locate_columns(rows, name)

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return _clean(row[index]) if index is not None and index < len(row) else ""

    result = []
    for line, row in enumerate(rows[start + 1 :], start=start + 2):
        if _is_header_again(row, columns):
            continue  # a page break repeats the header; it is not a new category
        raw = RawRow(line, *(cell(row, key) for key in ("number", "category", "text", "lead", "support")))
        if raw.text or raw.lead or raw.category:
            result.append(raw)
    return result


def _is_header_again(row: list[str], columns: dict[str, int]) -> bool:
    return _header_columns(row) == columns


def _clean(text: str) -> str:
    """Cell text without characters XML cannot hold, and without line breaks inside sentences."""
    for _, char in reversed(xml_illegal_chars(text)):
        text = text.replace(char, "")
    return re.sub("[\x7f-\x9f]", "", text).strip()  # nor DEL and the C1 controls a terminal acts on


def group_categories(rows: list[RawRow]) -> list[tuple[int, str, list[RawRow]]]:
    """(序号, 目录, rows) per category; a blank or merged 目录 cell carries on from above."""
    groups: list[tuple[int, str, list[RawRow]]] = []
    for row in rows:
        name = _compact(row.category)
        if groups and (not name or name == groups[-1][1]):
            groups[-1][2].append(row)
            continue
        previous = groups[-1][0] if groups else 0
        number = int(row.number) if row.number.isdigit() and int(row.number) > previous else previous + 1
        groups.append((number, name or f"目录{number}", [row]))
    return groups


def split_items(text: str) -> tuple[str, list[str]]:
    """The intro and the numbered sub-items 1. 2. … of a cell; no items unless there are two or more."""
    starts: list[int] = []
    for match in SUB_ITEM.finditer(text):
        if int(match.group(1)) == len(starts) + 1:
            starts.append(match.start())
    if len(starts) < 2:
        return _one_paragraph(text), []
    bounds = [*starts, len(text)]
    return _one_paragraph(text[: starts[0]]), [_one_paragraph(text[a:b]) for a, b in pairwise(bounds)]


def _one_paragraph(text: str) -> str:
    # Chinese runs on without spaces: a paragraph break inside a cell is dropped, not made a space.
    return re.sub(r"\s*\n\s*", "", text).strip()


def short_title(text: str) -> str:
    """The words before the first 。 (without a leading sub-item number); a long sentence ends at ；."""
    body = SUB_ITEM.sub("", text, count=1).strip() if SUB_ITEM.match(text) else text
    first = body.split("。")[0].strip()
    if len(first) > TITLE_MAX and "；" in first:
        first = first.split("；")[0]
    return first


def split_names(cell: str) -> list[str]:
    """The names in one cell, split at any of the separators people use (、，, ; / and spaces)."""
    return [name for name in NAME_SEPARATORS.split(cell) if name]


def build_categories(rows: list[RawRow], index: OrgIndex) -> tuple[list[ImportedCategory], list[str]]:
    """The categories with their tasks, and a message for every name the organisation does not know."""
    categories: list[ImportedCategory] = []
    warnings: list[str] = []
    for number, name, members in group_categories(rows):
        # A row with only a 目录 is a heading row of its own, not a task.
        members = [row for row in members if row.text or row.lead]
        category = ImportedCategory(number, name)
        for position, row in enumerate(members, start=1):
            task = _task(f"{number}.{position}", row, name, single=len(members) == 1)
            warnings += _check_names(task, row, index)
            category.tasks.append(task)
        if category.tasks:
            categories.append(category)
    return categories, warnings


def _task(task_id: str, row: RawRow, category: str, *, single: bool) -> ImportedTask:
    detail, items = split_items(row.text)
    # A category of one row whose cell is only numbered items (宣传工作) is that row's subject.
    title = category if single and items and not detail else short_title(detail or (items or [""])[0])
    return ImportedTask(
        task_id, title or category, detail, items, split_names(row.lead), split_names(row.support)
    )


def _check_names(task: ImportedTask, row: RawRow, index: OrgIndex) -> list[str]:
    warnings = []
    if not task.lead:
        warnings.append(f"第 {row.line} 行（{task.id}）没有牵头部门，请补上")
        task.notes.append("原表没有牵头部门，请补上")
    for role, names in (("牵头部门", task.lead), ("配合部门", task.support)):
        for name in names:
            if index.canonical(name) is not None:
                continue
            hint = index.suggest(name)
            guess = f"，是不是“{hint}”？" if hint else ""
            warnings.append(f"第 {row.line} 行（{task.id}）{role}“{name}”不在组织机构中{guess}（已保留）")
            task.notes.append(f"未知名称“{name}”{guess}")
    return warnings


# --- writing YAML ---------------------------------------------------------------------------------

_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")
_RESOLVES = re.compile(
    r"^(?:[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:e[-+]?\d+)?|[-+]?\.(?:inf|nan)|true|false|yes|no|on|off|null|~"
    r"|\d{4}-\d\d?-\d\d?.*)$",
    re.IGNORECASE,
)


def scalar(text: str, *, in_flow: bool = False) -> str:
    """A YAML scalar: plain where that reads back as the same string, else double-quoted."""
    plain = (
        bool(text)
        and text == text.strip()
        and text[0] not in _PLAIN_BAD_START
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and all(ch >= " " for ch in text)
        and not _RESOLVES.match(text)
        and not (in_flow and any(ch in ",[]{}" for ch in text))
    )
    # JSON strings are valid YAML double-quoted scalars.
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(names: list[str]) -> str:
    return "[" + ", ".join(scalar(name, in_flow=True) for name in names) + "]"


def document_yaml(
    categories: list[ImportedCategory], *, doc_id: str, title: str, year: int, source: str
) -> str:
    """The document in the layout of registry/documents/tasks-2022.yaml."""
    lines = [
        "# yaml-language-server: $schema=../schema/document.schema.json",
        f"# 由 cgtask import 从 {source} 导入：编号 = 目录序号.行序号；有 1. 2. … 编号分项的单元格，",
        "# 分项前的引语放 detail，分项放 items。请核对后再提交。",
        "kind: task_breakdown",
        f"id: {scalar(doc_id)}",
        f"title: {scalar(title)}",
        f"year: {year}",
        "categories:",
    ]
    for category in categories:
        lines += [f"  - number: {category.number}", f"    name: {scalar(category.name)}", "    tasks:"]
        for task in category.tasks:
            lines += _task_lines(task)
    return "\n".join(lines) + "\n"


def _task_lines(task: ImportedTask) -> list[str]:
    lines = [f"      # {note}" for note in task.notes]
    lines += [f"      - id: '{task.id}'", f"        title: {scalar(task.title)}"]
    if task.detail:
        lines.append(f"        detail: {scalar(task.detail)}")
    if task.items:
        lines += ["        items:", *(f"          - {scalar(item)}" for item in task.items)]
    lines.append(f"        lead: {_flow(task.lead)}")
    if task.support:
        lines.append(f"        support: {_flow(task.support)}")
    return lines


# --- the whole import -----------------------------------------------------------------------------


def _year(options: ImportOptions, title: str, path: Path) -> int:
    if options.year is not None:
        year = options.year
    else:
        found = re.search(r"(20\d\d)", title) or re.search(r"(20\d\d)", path.stem)
        if found is None:
            raise UsageError(
                f"无法从标题或文件名看出年度，请用 {param('year')} 指定，例如 {param('year')} 2022"
            )
        year = int(found.group(1))
    if not 2000 <= year <= 2100:
        raise UsageError(f"年度应在 2000—2100 之间，收到 {year}")
    return year


def _doc_id(options: ImportOptions, year: int) -> str:
    doc_id = options.doc_id or f"tasks-{year}"
    if not DOC_ID.match(doc_id) or len(doc_id) > 60:
        raise UsageError(f"文件编号“{doc_id}”不合要求：只能用小写英文字母、数字和连字符，例如 tasks-2023")
    return doc_id


def import_table(source: Path, output: Path, index: OrgIndex, options: ImportOptions) -> ImportResult:
    """Read a Word/Excel task table and write it to ``output`` as a task-breakdown document."""
    if output.exists() and not options.force:
        raise UsageError(f"{output} 已存在；要覆盖请加 {param('force')}")
    table = read_source(source)
    rows = raw_rows(table.rows, source.name)
    if not rows:
        raise UsageError(f"{source.name} 的表格只有表头，没有任务")
    title = options.title or table.title or source.stem
    year = _year(options, title, source)
    doc_id = _doc_id(options, year)
    if doc_id in options.taken_ids:
        raise UsageError(
            f"文件编号“{doc_id}”已被登记册中的另一个文件使用；请用 {param('doc_id')} 另取一个（如 {doc_id}-b），登记册未改动"
        )
    categories, warnings = build_categories(rows, index)
    text = document_yaml(categories, doc_id=doc_id, title=title, year=year, source=source.name)
    write_bytes_atomic(output, text.encode("utf-8"))
    return ImportResult(output, text, categories, warnings)
