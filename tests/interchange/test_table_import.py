"""Import: a Word or Excel task table built from seed 000 comes back as the shipped registry's tasks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from openpyxl import Workbook

from cgtask.api import check, open_registry
from cgtask.errors import UsageError
from cgtask.interchange.table_import import ImportOptions, import_table, short_title, split_items
from cgtask.registry.names import OrgIndex
from cgtask.registry.view import iter_tasks
from tests.registry.test_seed_000 import TASKS, SeedRow, seed_rows

HEADER = ["序号", "目录", "工作细则", "牵头部门", "配合部门"]
TITLE = "区城管执法局2022年度工作任务分解表"
# Rows (0-based) before which the header is repeated, as at the page breaks of the original:
# one at a category boundary (精细化工作) and one inside a category (3.7).
PAGE_BREAKS = (10, 21)


def paragraphs(text: str) -> list[str]:
    """The cell's paragraphs: the <p> tags of the extraction are paragraphs in Word."""
    if "<p>" not in text:
        return [text]
    return [p.strip() for p in re.findall(r"<p>(.*?)</p>", text)]


def table_rows(rows: list[SeedRow]) -> Iterator[tuple[str, list[str | list[str]]]]:
    """("header" | "data", cells) in table order, with the header repeated at the page breaks."""
    for index, row in enumerate(rows):
        if index in PAGE_BREAKS:
            yield "header", list(HEADER)
        cells: list[str | list[str]] = [
            str(row.number),
            row.category,
            paragraphs(row.text),
            "、".join(row.lead),
            "、".join(row.support),
        ]
        yield "data", cells


def category_runs(kinds: list[str], numbers: list[str]) -> list[tuple[int, int]]:
    """(first, last) row of each run of data rows of one category not broken by a header row."""
    runs: list[tuple[int, int]] = []
    for index, kind in enumerate(kinds):
        if kind != "data":
            continue
        if runs and runs[-1][1] == index - 1 and numbers[index] == numbers[runs[-1][0]]:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def build_docx(path: Path, rows: list[SeedRow] | None = None) -> Path:
    """The seed's table in Word: 5 columns, 序号 and 目录 merged down, header repeated mid-table."""
    entries = list(table_rows(rows or seed_rows()))
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=len(entries) + 1, cols=5)
    for col, text in enumerate(HEADER):
        table.cell(0, col).text = text
    for index, (_, cells) in enumerate(entries, start=1):
        for col, value in enumerate(cells):
            cell = table.cell(index, col)
            texts = value if isinstance(value, list) else [value]
            cell.text = texts[0]
            for extra in texts[1:]:
                cell.add_paragraph(extra)
    kinds = ["header", *(kind for kind, _ in entries)]
    numbers = ["", *(str(cells[0]) for _, cells in entries)]
    for first, last in category_runs(kinds, numbers):
        for col in (0, 1):
            if last > first:
                text = table.cell(first, col).text
                merged = table.cell(first, col).merge(table.cell(last, col))
                merged.text = text  # merging joins the texts of every cell; keep the one
    document.save(str(path))
    return path


def build_xlsx(path: Path, rows: list[SeedRow] | None = None) -> Path:
    """The seed's table in Excel: a title row, 目录 merged down, header repeated mid-table."""
    entries = list(table_rows(rows or seed_rows()))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    sheet.append(HEADER)
    for _, cells in entries:
        sheet.append(["\n".join(c) if isinstance(c, list) else c for c in cells])
    kinds = ["title", "header", *(kind for kind, _ in entries)]
    numbers = ["", "", *(str(cells[0]) for _, cells in entries)]
    for first, last in category_runs(kinds, numbers):
        for col in (1, 2):
            if last > first:
                sheet.merge_cells(start_row=first + 1, start_column=col, end_row=last + 1, end_column=col)
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def index() -> OrgIndex:
    return open_registry(use_cache=False).index


def imported_tasks(registry_root: Path) -> list[tuple[str, dict[str, Any]]]:
    document = open_registry(registry_root, use_cache=False).document("tasks-2022")
    assert document["kind"] == "task_breakdown"
    return [(category, dict(task)) for category, task in iter_tasks(document)]


def compare_with_shipped(registry_root: Path) -> None:
    tasks = imported_tasks(registry_root)
    assert len(tasks) == len(TASKS) == 62
    for (category, task), (shipped_category, shipped) in zip(tasks, TASKS, strict=True):
        assert (task["id"], category) == (shipped["id"], shipped_category)
        assert task["title"] == shipped["title"], task["id"]
        assert task["lead"] == shipped["lead"], task["id"]
        assert task["support"] == shipped["support"], task["id"]
        assert task["detail"] == shipped["detail"], task["id"]
        assert task["items"] == shipped["items"], task["id"]


@pytest.mark.parametrize("build", [build_docx, build_xlsx], ids=["docx", "xlsx"])
def test_seed_table_imports_as_the_shipped_tasks(
    build: Any, tmp_path: Path, registry_copy: Path, index: OrgIndex
) -> None:
    source = build(tmp_path / f"任务分解表{'.docx' if build is build_docx else '.xlsx'}")
    output = registry_copy / "documents" / "tasks-2022.yaml"
    result = import_table(source, output, index, ImportOptions(force=True))
    assert result.warnings == []
    assert (result.task_count, len(result.categories)) == (62, 12)
    findings, _ = check(registry_copy)
    assert [f for f in findings if f.severity == "error"] == []
    compare_with_shipped(registry_copy)


def test_imported_yaml_follows_the_shipped_layout(tmp_path: Path, index: OrgIndex) -> None:
    result = import_table(build_docx(tmp_path / "t.docx"), tmp_path / "out.yaml", index, ImportOptions())
    text = result.text
    assert text.startswith("# yaml-language-server: $schema=../schema/document.schema.json\n")
    assert (
        "kind: task_breakdown\nid: tasks-2022\ntitle: 区城管执法局2022年度工作任务分解表\nyear: 2022\n"
        in text
    )
    assert "      - id: '1.1'\n        title: 违法建筑治理\n" in text
    assert "        lead: [协调科]\n        support: [相关委办局, 各街道, 机动执法中队]\n" in text
    publicity = text.split("name: 宣传工作")[1].split("- number: 10")[0]
    assert publicity.count("          - ") == 10
    assert "detail:" not in publicity
    assert (tmp_path / "out.yaml").read_text(encoding="utf-8") == text


def test_unknown_department_is_reported_with_a_suggestion_and_kept(
    tmp_path: Path, registry_copy: Path, index: OrgIndex
) -> None:
    rows = seed_rows()[:3]
    rows[1].lead = ["监察科"]
    output = registry_copy / "documents" / "imported.yaml"
    result = import_table(
        build_docx(tmp_path / "t.docx", rows), output, index, ImportOptions(doc_id="imported")
    )
    assert len(result.warnings) == 1
    assert "监察科" in result.warnings[0]
    assert "是不是“监督科”" in result.warnings[0]
    assert "lead: [监察科]" in result.text
    findings, _ = check(registry_copy)
    errors = [f for f in findings if f.severity == "error"]
    assert errors
    assert all("imported.yaml" in f.file for f in errors)
    assert any("监察科" in f.message for f in errors)


def test_blank_category_cells_carry_on_from_above(tmp_path: Path, index: OrgIndex) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([1, "执法监督", "落实执法监督。按要求开展监督检查。", "监督科", "法制科"])
    sheet.append([None, None, "法制审核。每季度一次。", "法制科", None])
    sheet.append([2, "队伍建设", "开展培训。", "政工科", "各科室"])
    workbook.save(tmp_path / "t.xlsx")
    result = import_table(tmp_path / "t.xlsx", tmp_path / "o.yaml", index, ImportOptions(year=2023))
    assert [(c.number, c.name, [t.id for t in c.tasks]) for c in result.categories] == [
        (1, "执法监督", ["1.1", "1.2"]),
        (2, "队伍建设", ["2.1"]),
    ]
    assert "id: tasks-2023\ntitle: t\nyear: 2023\n" in result.text


def test_split_items_and_titles() -> None:
    assert split_items("落实信访相关要求。 1. 认真办理。 2. 杜绝发生。") == (
        "落实信访相关要求。",
        ["1. 认真办理。", "2. 杜绝发生。"],
    )
    # one number alone, or a number inside a word, is not a list of sub-items
    assert split_items("配备4G/5G执法记录仪。1. 仅此一项。") == ("配备4G/5G执法记录仪。1. 仅此一项。", [])
    assert short_title("1. 组织开展全员培训任务。更新培训数据") == "组织开展全员培训任务"
    long = "推进行政诉讼庭审旁听工作；" + "行政负责人出庭应诉达100%；" * 4 + "。"
    assert short_title(long) == "推进行政诉讼庭审旁听工作"


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    no_table = docx.Document()
    no_table.add_paragraph("只有正文，没有表格")
    no_table.save(str(tmp_path / "no-table.docx"))
    missing = Workbook()
    missing.active.append(["序号", "目录", "工作细则", "配合部门"])
    missing.active.append([1, "执法监督", "落实执法监督。", "法制科"])
    missing.save(tmp_path / "missing.xlsx")
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip")
    # what WPS/Word write for a password-protected file: an OLE compound file, not a zip
    (tmp_path / "encrypted.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (tmp_path / "table.txt").write_text("序号\t目录", encoding="utf-8")
    return {
        "no-table": (tmp_path / "no-table.docx", "没有表格"),
        "missing-columns": (tmp_path / "missing.xlsx", "缺少列：牵头部门"),
        "corrupt": (tmp_path / "corrupt.docx", "已损坏"),
        "encrypted": (tmp_path / "encrypted.xlsx", "已加密"),
        "not-found": (tmp_path / "nothing.docx", "找不到文件"),
        "wrong-kind": (tmp_path / "table.txt", "只能导入 .docx 或 .xlsx"),
    }


@pytest.mark.parametrize(
    "case", ["no-table", "missing-columns", "corrupt", "encrypted", "not-found", "wrong-kind"]
)
def test_bad_input_is_a_chinese_error_and_writes_nothing(case: str, tmp_path: Path, index: OrgIndex) -> None:
    source, message = _bad_files(tmp_path)[case]
    output = tmp_path / "out.yaml"
    with pytest.raises(UsageError, match=message):
        import_table(source, output, index, ImportOptions(year=2022))
    assert not output.exists()


def test_existing_output_is_kept_without_force(tmp_path: Path, index: OrgIndex) -> None:
    output = tmp_path / "out.yaml"
    output.write_text("旧内容\n", encoding="utf-8")
    with pytest.raises(UsageError, match="已存在"):
        import_table(build_docx(tmp_path / "t.docx"), output, index, ImportOptions())
    assert output.read_text(encoding="utf-8") == "旧内容\n"


def test_the_built_tables_are_the_real_layout(tmp_path: Path) -> None:
    """Guards the fixtures: merged category cells and a header row repeated mid-table."""
    table = docx.Document(str(build_docx(tmp_path / "t.docx"))).tables[0]
    continued = [tc for tr in table._tbl.tr_lst for tc in tr.tc_lst if tc.vMerge == "continue"]
    assert len(continued) > 50
    assert sum(1 for row in table.rows if [c.text for c in row.cells] == HEADER) == 1 + len(PAGE_BREAKS)
    assert len(table.rows[PAGE_BREAKS[0] + 1].cells) == 5
    publicity = next(row for row in table.rows if row.cells[1].text == "宣传工作")
    assert len(publicity.cells[2].paragraphs) == 10
    from openpyxl import load_workbook

    sheet = load_workbook(build_xlsx(tmp_path / "t.xlsx")).active
    assert len(sheet.merged_cells.ranges) > 10
