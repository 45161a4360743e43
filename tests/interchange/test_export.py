"""Export: the workbook opened back with openpyxl, and the shapes of csv and json."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cgtask.api import open_registry
from cgtask.cli.flags import flag
from cgtask.errors import UsageError
from cgtask.interchange.export import (
    Column,
    ExportFormat,
    ExportResult,
    column_width,
    display_width,
    export_tables,
    write_tables,
)
from cgtask.registry.view import Registry

TASK_HEADERS = ["编号", "目录", "简称", "工作细则", "牵头部门", "配合部门", "量化指标", "依据"]
OBLIGATION_HEADERS = ["文件", "编号", "事项", "层级", "工作内容", "频次", "期限", "来源", "原文"]


def export_registry(
    registry: Registry, fmt: ExportFormat, output: Path | None = None, *, table: str | None = None
) -> ExportResult:
    """What ``cgtask export`` does with a district's registry."""
    return write_tables(export_tables(registry), fmt, output, table=table, force=False)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return open_registry(use_cache=False)


@pytest.fixture(scope="module")
def workbook_path(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "台账.xlsx"
    export_registry(registry, "xlsx", path)
    return path


def test_workbook_has_one_sheet_per_table(workbook_path: Path, registry: Registry) -> None:
    workbook = load_workbook(workbook_path)
    expected = ["任务", "监督要求"] + (["台账"] if "ledger" in registry.data else [])
    assert workbook.sheetnames == expected


def test_task_sheet_header_rows_and_cells(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["任务"]
    assert [cell.value for cell in sheet[1]] == TASK_HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.max_row == 1 + 62
    assert [cell.value for cell in sheet[2]][:3] == ["1.1", "专项执法行动", "违法建筑治理"]
    publicity = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[1] == "宣传工作")
    assert publicity[3].count("\n") == 9  # ten sub-items, one line each
    assert publicity[4] == "办公室"
    assert publicity[5] == "各科室、机动执法中队、街道综合行政执法队"


def test_sheets_are_frozen_filtered_sized_and_wrapped(workbook_path: Path) -> None:
    for sheet in load_workbook(workbook_path).worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None
        assert sheet.auto_filter.ref.startswith("A1:")
        widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
        assert all(width and width >= 4 for width in widths), sheet.title
    tasks = load_workbook(workbook_path)["任务"]
    detail = tasks.column_dimensions["D"].width
    assert detail > tasks.column_dimensions["A"].width  # the long text gets the wide column
    assert tasks["D2"].alignment.wrap_text


def test_obligations_come_from_tasks_and_the_supervision_plan(workbook_path: Path) -> None:
    sheet = load_workbook(workbook_path)["监督要求"]
    assert [cell.value for cell in sheet[1]] == OBLIGATION_HEADERS
    docs = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"tasks-2022", "supervision-2022"} <= docs
    levels = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"区局", "街镇中队"} <= levels


def test_text_that_looks_like_a_formula_stays_text(registry: Registry, tmp_path: Path) -> None:
    tables = export_tables(registry)
    tables[0].rows[0]["title"] = "=1+1"
    from cgtask.interchange.export import workbook_bytes

    (tmp_path / "f.xlsx").write_bytes(workbook_bytes(tables))
    cell = load_workbook(tmp_path / "f.xlsx")["任务"]["C2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_chinese_counts_double_in_widths() -> None:
    assert display_width("监督科") == 6
    assert display_width("APP") == 3
    assert column_width(Column("lead", "牵头部门"), ["监督科"]) == 8 + 2
    assert column_width(Column("detail", "工作细则"), ["字" * 200]) == 70 + 2  # capped: it wraps


def test_csv_to_stdout_is_the_table_asked_for(registry: Registry) -> None:
    result = export_registry(registry, "csv", table="tasks")
    assert result.stdout is not None
    assert result.written == []
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == TASK_HEADERS
    assert len(rows) == 63


def test_csv_to_a_folder_writes_one_file_per_table(registry: Registry, tmp_path: Path) -> None:
    result = export_registry(registry, "csv", tmp_path)
    names = sorted(path.name for path in result.written)
    assert names == sorted(f"{t.key}.csv" for t in result.tables)
    raw = (tmp_path / "tasks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == TASK_HEADERS
    assert len(rows) == 63


def test_json_is_one_object_with_english_keys(registry: Registry) -> None:
    result = export_registry(registry, "json")
    assert result.stdout is not None
    content = json.loads(result.stdout)
    assert list(content)[:2] == ["tasks", "obligations"]
    assert len(content["tasks"]) == 62
    first = content["tasks"][0]
    assert list(first) == [
        "doc", "id", "category", "title", "detail", "lead", "support", "targets", "basis"
    ]  # fmt: skip
    assert first["lead"] == ["协调科"]
    assert set(content["obligations"][0]) == {
        "doc", "item", "title", "level", "activity", "frequency", "due", "source", "text"
    }  # fmt: skip


def test_ledger_is_exported_when_the_registry_keeps_one(registry: Registry) -> None:
    data = dict(registry.data)
    data["ledger"] = {
        "kind": "ledger",
        "entries": [{"item": "7.4", "doc": "tasks-2022", "period": "2022-01", "count": 1, "extra": "x"}],
    }
    tables = export_tables(Registry(data))  # type: ignore[arg-type]
    ledger = tables[-1]
    assert (ledger.key, ledger.sheet) == ("ledger", "台账")
    assert [c.header for c in ledger.columns] == ["状态", "事项", "文件", "周期", "次数", "extra"]
    assert ledger.rows == [
        {"state": "有效", "item": "7.4", "doc": "tasks-2022", "period": "2022-01", "count": 1, "extra": "x"}
    ]


def test_ledger_sheet_says_what_each_record_is_in_chinese_with_numbers(tmp_path: Path) -> None:
    """The ledger sheet says what each record is, in Chinese, with numbers.

    Chinese headers for every field cgtask writes, a 状态 column for withdrawn and corrected records,
    and counts and quantities as numbers a spreadsheet can add up.
    """
    data = dict(open_registry(use_cache=False).data)
    base = {
        "item": "1",
        "doc": "supervision-2022",
        "level": "街镇中队",
        "unit": "罗店镇中队",
        "period": "2022-03",
    }
    data["ledger"] = {
        "kind": "ledger",
        "entries": [
            {**base, "id": "r-1", "date": "2022-03-29", "count": 1, "quantity": 42, "origin": "x/1"},
            {
                **base,
                "id": "r-2",
                "date": "2022-04-01",
                "count": 0,
                "withdraws": "r-1",
                "note": "更正，见下一条记录",
            },
            {**base, "id": "r-3", "date": "2022-03-29", "count": 1, "quantity": 52, "origin": "x/1"},
            {**base, "id": "r-4", "date": "2022-03-30", "count": 2, "of": 370},
            {**base, "id": "r-5", "date": "2022-04-02", "count": 0, "withdraws": "r-4"},
        ],
    }
    path = tmp_path / "台账.xlsx"
    export_registry(Registry(data), "xlsx", path)  # type: ignore[arg-type]
    sheet = load_workbook(path)["台账"]
    headers = [cell.value for cell in sheet[1]]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in str(header)) for header in headers), headers
    column = {header: index for index, header in enumerate(headers)}
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[column["状态"]] for row in rows] == ["已更正", "撤销记录", "有效", "已撤销", "撤销记录"]
    assert [row[column["数量"]] for row in rows] == [42, None, 52, None, None]
    assert rows[3][column["次数"]] == 2
    assert rows[3][column["基数"]] == 370


def test_doc_option_narrows_every_table(registry: Registry) -> None:
    tables = export_tables(registry, "supervision-2022")
    assert tables[0].rows == []
    assert {row["doc"] for row in tables[1].rows} == {"supervision-2022"}
    with pytest.raises(UsageError, match="没有编号为"):
        export_tables(registry, "nothing")


def test_xlsx_needs_an_output_file(registry: Registry) -> None:
    with pytest.raises(UsageError) as caught:
        export_registry(registry, "xlsx")
    assert "用 -o 指定输出文件" in caught.value.spelled(flag)  # as the command line prints it
    assert str(caught.value) == "导出 xlsx 需要用 output 指定输出文件，例如 output 任务分解表.xlsx"
