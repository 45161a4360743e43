"""Tables in: an existing Word or Excel 任务分解表 becomes a task-breakdown YAML document.

The table is found by its header text (序号 / 目录 / 工作细则 / 牵头部门 / 配合部门), so extra
columns, a title row above it and header rows repeated at page breaks do not matter. Category
cells merged down (or left blank below the first row, as people do in Excel) carry on to the
rows below. python-docx and openpyxl are imported only here, and only for their own format.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Any

from cgtask.errors import UsageError, param
from cgtask.interchange.draft_bodies import organization_with_drafts
from cgtask.interchange.plan_columns import (
    ACCEPTED_HEADINGS,
    WHO,
    Columns,
    compact,
    heading_fields,
    is_header,
    missing_message,
    parse_mapping,
    plan_form,
)
from cgtask.interchange.plan_content import header_without_subject, infer_by_content, own_plan_note
from cgtask.interchange.plan_infer import confirm_hinted, infer_unknown
from cgtask.interchange.plan_tasks import PlanContext, PlanRow, fill_plan_fields
from cgtask.interchange.plan_yaml import DocumentHead, ImportedCategory, ImportedTask, document_yaml
from cgtask.registry.names import OrgIndex
from cgtask.support.atomic import write_bytes_atomic
from cgtask.support.text import xml_illegal_chars

# The five columns of the 任务分解表 this tool was first written for: such a table is imported as before.
CLASSIC_FIELDS = frozenset({"number", "category", "text", "lead", "support"})
DEFAULT_CATEGORY = {"inspection_plan": "检查事项", "work_plan": "工作任务", "task_breakdown": "工作任务"}
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
    # The worksheet's name for an Excel table (cells are then located as Sheet1!E3), None for Word.
    sheet: str | None = None

    def where(self, line: int, column: int) -> str:
        """A cell's place as a clerk finds it: Sheet1!E3 in Excel, 表格第3行第5列 in Word (1-based)."""
        if self.sheet is None:
            return f"表格第{line}行第{column}列"
        from openpyxl.utils import get_column_letter

        return f"{self.sheet}!{get_column_letter(column)}{line}"


@dataclass
class ImportResult:
    """The YAML written, what was imported, and the messages for stderr."""

    output: Path
    text: str
    categories: list[ImportedCategory]
    warnings: list[str]
    form: str = "task_breakdown"
    drafts: list[str] = field(default_factory=list)

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
    # 列名=字段 pairs for headings the synonyms do not cover.
    mapping: tuple[str, ...] = ()
    # The target registry: bodies its organization.yaml lacks are added there as drafts (never to
    # the installed package's example registry, which an upgrade would overwrite).
    root: Path | None = None

    def organization_for(self, output: Path) -> Path | None:
        """The organization.yaml that takes draft entries for ``output``, or None when none is written.

        Only a document written into the registry registers its bodies there: a draft imported to a
        scratch folder for a look must leave the registry as it was.
        """
        from cgtask.registry.files import is_packaged_registry

        if self.root is None or is_packaged_registry(self.root):
            return None
        if not output.resolve().is_relative_to(self.root.resolve()):
            return None
        return self.root / "organization.yaml"


# --- reading the file -----------------------------------------------------------------------------


def _unreadable(path: Path) -> UsageError:
    with path.open("rb") as handle:
        head = handle.read(len(OLE_MAGIC))
    if head == OLE_MAGIC:
        return UsageError(
            f"无法读取 {path}：文件已加密，或是旧版 .doc/.xls 格式；请在 WPS/Word/Excel 中另存为不加密的 .docx 或 .xlsx"
        )
    return UsageError(f"无法读取 {path}：文件已损坏，或不是 Word/Excel 文件")


def read_source(path: Path, mapping: dict[str, str] | None = None) -> SourceTable:
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
        return _read_docx(path, mapping) if suffix == ".docx" else _read_xlsx(path, mapping)
    except UsageError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, OSError) as exc:
        raise _unreadable(path) from exc
    except Exception as exc:  # the libraries' own errors (PackageNotFoundError, InvalidFileException …)
        if type(exc).__module__.startswith(("docx", "openpyxl", "lxml", "zipfile")):
            raise _unreadable(path) from exc
        raise


def _read_docx(path: Path, mapping: dict[str, str] | None) -> SourceTable:
    import docx

    document = docx.Document(str(path))
    # python-docx gives a vertically merged cell's text on every row it spans, and a
    # horizontally merged cell once per grid column, so columns stay aligned.
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    if not tables:
        raise UsageError(f"{path.name} 中没有表格")
    with_header = [rows for rows in tables if _find_header(rows, mapping) is not None]
    rows = [row for rows in (with_header or tables[:1]) for row in rows]
    title = next((p.text.strip() for p in document.paragraphs if _is_title(p.text)), None)
    return SourceTable(rows, title)


def _is_title(text: str) -> bool:
    text = text.strip()
    return bool(text) and not re.fullmatch(r"附件\s*\d*[:：]?", text)


def _read_xlsx(path: Path, mapping: dict[str, str] | None) -> SourceTable:
    from openpyxl import load_workbook

    workbook = load_workbook(path, data_only=True)
    sheets = [(sheet.title, _sheet_rows(sheet)) for sheet in workbook.worksheets]
    name, rows = next(
        ((name, rows) for name, rows in sheets if _find_header(rows, mapping) is not None),
        sheets[0] if sheets else ("", []),
    )
    start = _find_header(rows, mapping)
    above = rows[:start] if start is not None else []
    title = next((cell.strip() for row in above for cell in row if _is_title(cell)), None)
    return SourceTable(rows, title, name)


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


def _find_header(rows: list[list[str]], mapping: dict[str, str] | None = None) -> int | None:
    for who in (True, False):  # a row naming who answers first; else a table of the bureau's own tasks
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            if is_header(heading_fields(row, mapping), who=who):
                return index
    # No heading names the wording (任务目标, 主要任务 …): a row of headings above a column of running text.
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if header_without_subject(row, heading_fields(row, mapping), rows[index + 1 :]):
            return index
    return None


def locate_columns(rows: list[list[str]], name: str, mapping: dict[str, str] | None = None) -> Columns:
    """The header row, the column of each field and the headings, or an error naming what is missing."""
    if not rows:
        raise UsageError(f"{name} 中没有表格")
    start = _find_header(rows, mapping)
    if start is not None:
        headings = [_one_paragraph(cell) for cell in rows[start]]
        below = rows[start + 1 :]
        fields, notes = confirm_hinted(heading_fields(rows[start], mapping), headings, below, mapping or {})
        fields, guessed = infer_unknown(fields, headings, below)
        fields, read = infer_by_content(fields, headings, below, mapping or {})
        reread = {index for index, _ in read}  # a 目标 column taken as the wording: its first reading is void
        kept = [note for note in (*notes, *guessed) if note[0] not in reread]
        return Columns(start, fields, headings, (*kept, *read), frozenset(reread))
    best = max((heading_fields(row, mapping) for row in rows[:HEADER_SEARCH_ROWS]), key=len)
    if not best:
        raise UsageError(
            f"{name} 中没有找到任务表：表头应为 {EXPECTED_COLUMNS}（或其他局的列名：{ACCEPTED_HEADINGS}）"
        )
    raise UsageError(missing_message(best, name))


# --- rows into tasks ------------------------------------------------------------------------------


@dataclass
class RawRow:
    """A table row as read: its line in the file, its cells as text and which column holds which field."""

    line: int
    cells: list[str]
    fields: dict[str, int]

    def get(self, key: str) -> str:
        """The cell of one field, or "" when the table has no such column."""
        index = self.fields.get(key)
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    @property
    def number(self) -> str:
        """The row's 序号 as printed."""
        return self.get("number")

    @property
    def category(self) -> str:
        """The row's 目录 or 类别."""
        return self.get("category")

    @property
    def text(self) -> str:
        """What the row asks: its 工作细则 / 工作内容, else its 任务 / 抽查事项."""
        return self.get("text") or self.get("title")

    @property
    def lead(self) -> str:
        """Who leads: the lead column, else the responsible one, else the 检查主体 (a plan naming only it)."""
        for key in ("lead", "responsible", "inspector"):
            if key in self.fields:
                return self.get(key)
        return ""


def raw_rows(rows: list[list[str]], name: str, mapping: dict[str, str] | None = None) -> list[RawRow]:
    """The data rows below the header, repeated headers and empty rows left out."""
    columns = locate_columns(rows, name, mapping)
    result = []
    for line, row in enumerate(rows[columns.start + 1 :], start=columns.start + 2):
        if [compact(cell) for cell in row] == [compact(h) for h in columns.headings]:
            continue  # a page break repeats the header; it is not a new category
        raw = RawRow(line, [_clean(cell) for cell in row], columns.fields)
        if raw.text or raw.lead or raw.category:
            result.append(raw)
    return result


def _clean(text: str) -> str:
    """Cell text without characters XML cannot hold, and without line breaks inside sentences."""
    for _, char in reversed(xml_illegal_chars(text)):
        text = text.replace(char, "")
    return re.sub("[\x7f-\x9f]", "", text).strip()  # nor DEL and the C1 controls a terminal acts on


def group_categories(rows: list[RawRow]) -> list[tuple[int, str, list[RawRow]]]:
    """(序号, 目录, rows) per category; a blank or merged 目录 cell carries on from above."""
    groups: list[tuple[int, str, list[RawRow]]] = []
    for row in rows:
        name = compact(row.category)
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
    """The names in one cell, split at any of the separators people use (、，, ; / and spaces).

    A part of one character is the first half of a shared name — 市、县级城市管理部门 is 市级 and 县级 城市管理部门,
    one body as the plan names it — so it stays joined to what follows.
    """
    parts = [name for name in NAME_SEPARATORS.split(cell) if name]
    names: list[str] = []
    for part in parts:
        if names and len(names[-1]) == 1:
            names[-1] = f"{names[-1]}、{part}"
        else:
            names.append(part)
    return names


@dataclass
class TableReading:
    """What one table yields: its categories, the warnings, and the names to register as drafts."""

    categories: list[ImportedCategory] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)


def build_categories(
    rows: list[RawRow], index: OrgIndex, context: PlanContext, default_name: str = ""
) -> TableReading:
    """The categories with their tasks, each row's duties, and a message for every unknown name."""
    reading = TableReading()
    for number, name, members in group_categories(rows):
        # A row with only a 目录 is a heading row of its own, not a task.
        members = [row for row in members if row.text or row.lead]
        name = default_name if default_name and name == f"目录{number}" else name
        category = ImportedCategory(number, name)
        for position, row in enumerate(members, start=1):
            task = _task(f"{number}.{position}", row, name, single=len(members) == 1)
            fill_plan_fields(task, PlanRow(row.line, row.cells, row.fields), context)
            _check_names(task, row, index, reading, context)
            reading.warnings += [f"第 {row.line} 行（{task.id}）待核对：{note}" for note in task.review]
            category.tasks.append(task)
        if category.tasks:
            reading.categories.append(category)
    return reading


def _task(task_id: str, row: RawRow, category: str, *, single: bool) -> ImportedTask:
    detail, items = split_items(row.text)
    # A category of one row whose cell is only numbered items (宣传工作) is that row's subject.
    title = category if single and items and not detail else short_title(detail or (items or [""])[0])
    if row.get("title") and row.get("text"):
        title = short_title(row.get("title"))
    responsible = split_names(row.get("responsible")) if "lead" in row.fields else []
    return ImportedTask(
        task_id,
        title.rstrip("。.") or category,
        detail,
        items,
        split_names(row.lead),
        split_names(row.get("support")),
        responsible=responsible,
    )


def _check_names(
    task: ImportedTask, row: RawRow, index: OrgIndex, reading: TableReading, context: PlanContext
) -> None:
    """Unknown names: a likely misspelling is reported with its suggestion; any other becomes a draft."""
    if not task.lead:
        reading.warnings.append(f"第 {row.line} 行（{task.id}）没有牵头部门，请补上")
        task.notes.append("原表没有牵头部门，请补上")
    for role, names in (("牵头部门", task.lead), ("配合部门", task.support), ("责任部门", task.responsible)):
        for name in names:
            if index.canonical(name) is not None or name in reading.drafts:
                continue
            hint = index.suggest(name)
            if hint is None and context.drafts:
                reading.drafts.append(name)
                task.review.append(
                    f"{role}“{name}”原不在组织机构中，已作为草稿登记在 organization.yaml，请核对"
                )
                continue
            guess = f"，是不是“{hint}”？" if hint else ""
            reading.warnings.append(
                f"第 {row.line} 行（{task.id}）{role}“{name}”不在组织机构中{guess}（已保留）"
            )
            task.notes.append(f"未知名称“{name}”{guess}")


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
    """Read a Word/Excel table and write it to ``output`` as a task-breakdown document."""
    if output.exists() and not options.force:
        raise UsageError(f"{output} 已存在；要覆盖请加 {param('force')}")
    mapping = parse_mapping(options.mapping)
    table = read_source(source, mapping)
    rows = raw_rows(table.rows, source.name, mapping)
    if not rows:
        raise UsageError(f"{source.name} 的表格只有表头，没有任务")
    head = _head(options, table, source, mapping, index.own_level)
    columns = locate_columns(table.rows, source.name, mapping)
    classic = not set(rows[0].fields) - CLASSIC_FIELDS and not columns.by_content
    context = PlanContext(
        list(head.columns),
        table.where,
        head.year,
        keep_cells=not classic,
        drafts=options.organization_for(output) is not None,
        levels=frozenset(index.levels),
    )
    reading = build_categories(rows, index, context, "" if classic else DEFAULT_CATEGORY[head.form])
    _note_inferred(reading, columns, table)
    _note_own_plan(reading, head)
    if classic:
        head = replace(head, columns=())
    text = document_yaml(reading.categories, head)
    target = options.organization_for(output)
    organization = _organization_text(target, reading.drafts, source)
    write_bytes_atomic(output, text.encode("utf-8"))
    if organization is not None and target is not None:
        write_bytes_atomic(target, organization)
    return ImportResult(output, text, reading.categories, reading.warnings, head.form, reading.drafts)


def _note_inferred(reading: TableReading, columns: Columns, table: SourceTable) -> None:
    """How headings no synonym knows were read: said at their cell and kept for review on the first task."""
    notes = [f"{table.where(columns.start + 1, index + 1)} {note}" for index, note in columns.notes]
    reading.warnings += [f"列的含义待核对：{note}" for note in notes]
    if notes and reading.categories and reading.categories[0].tasks:
        reading.categories[0].tasks[0].review += notes


def _note_own_plan(reading: TableReading, head: DocumentHead) -> None:
    """A draft 工作要点 of the issuing bureau: the assumption that the bureau answers, at each task."""
    note = own_plan_note(head.title) if head.draft else None
    reading.warnings += [f"每项任务待核对：{note}"] if note else []
    for task in (task for category in reading.categories for task in category.tasks) if note else ():
        task.review.append(note or "")


def _head(
    options: ImportOptions, table: SourceTable, source: Path, mapping: dict[str, str], level: str
) -> DocumentHead:
    title = options.title or table.title or source.stem
    year = _year(options, title, source)
    doc_id = _doc_id(options, year)
    if doc_id in options.taken_ids:
        raise UsageError(
            f"文件编号“{doc_id}”已被登记册中的另一个文件使用；请用 {param('doc_id')} 另取一个（如 {doc_id}-b），登记册未改动"
        )
    columns = locate_columns(table.rows, source.name, mapping)
    form = plan_form(columns.fields, title)
    draft = not WHO & columns.fields.keys()
    return DocumentHead(doc_id, title, year, source.name, form, tuple(columns.headings), level, draft)


def _organization_text(target: Path | None, drafts: list[str], source: Path) -> bytes | None:
    if not drafts or target is None:
        return None
    return organization_with_drafts(target, drafts, source.name)
