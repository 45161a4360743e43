"""Tables whose headings cgtask does not know: the wording, the date and who answers read by their cells (issue 22).

The rows are our own, in the shapes of published plans, with wording taken from public documents (no
held-out plan's text):

- 常州市城市管理局《关于明确2021年城市绿化精细化管理具体工作任务的通知》(常城管〔2021〕12号), a 任务分解表
  per 辖市区: 城市绿化精品道路 (3条及以上), 整治方案审核, 每季度末 进度督查, 12月底前完成 —
  http://saaoao.cn/downxxgk.php?fid=250161292066014
- 张家口市《关于加强城市精细化管理助力全国文明城市创建工作的意见》(2022-03-17): 城市信息模型平台建设,
  智能化基础设施改造 — https://hb.010b.com/policy/detail/132303.html

Headed 任务目标 / 主要任务 / 工作安排 (no synonym), 进度安排 (no hint), 落实单位, 责任人, and a 工作要点 with no
responsible column at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from openpyxl import Workbook
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.conftest import cli_json

TASK_TARGETS = [
    ["常州市城市管理局2021年城市绿化精细化管理工作任务分解表"],
    ["序号", "责任单位", "任务目标", "完成时间"],
    ["1", "天宁区城管局", "建成城市绿化精品道路3条", "2021年12月底前"],
    ["2", "钟楼区城管局", "完成城市绿化精品道路整治方案审核", "2021年6月底前"],
]
WORK_POINTS = [
    ["序号", "主要任务", "时间节点"],
    ["1", "重点推进城市信息模型平台建设", "2022年底前"],
    ["2", "完成智能化基础设施改造20处", "2022年10月底前"],
]
UNKNOWN_HEADINGS = [
    ["序号", "工作安排", "落实单位", "责任人", "进度安排"],
    ["1", "建成城市绿化精品道路3条并通过验收", "园林绿化科", "张明", "2021年11月底前"],
    ["2", "对城市绿化精品道路建设方案进行审核", "市政科、园林绿化科", "李华", "2021年5月底前"],
]


def _xlsx(tmp_path: Path, rows: list[list[str]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "任务表"
    for row in rows:
        sheet.append(row)
    source = tmp_path / "任务表.xlsx"
    workbook.save(source)
    return source


def _docx(tmp_path: Path, title: str, rows: list[list[str]]) -> Path:
    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, row, strict=True):
            cell.text = text
    source = tmp_path / "工作要点.docx"
    document.save(str(source))
    return source


def _import(runner: CliRunner, tmp_path: Path, source: Path, year: str, *extra: str) -> tuple[Path, str]:
    root = tmp_path / "registry"
    init = runner.invoke(app, ["init", "--blank", str(root), "--bureau", "某市城市管理局"])
    assert init.exit_code == 0, init.output
    output = root / "documents" / "plan.yaml"
    result = runner.invoke(
        app, ["import", str(source), "-o", str(output), "-r", str(root), "--year", year, *extra]
    )
    assert result.exit_code == 0, result.output
    return root, result.output


def _tasks(root: Path) -> list[Any]:
    data: Any = YAML(typ="safe").load((root / "documents" / "plan.yaml").read_text(encoding="utf-8"))
    return [task for category in data["categories"] for task in category["tasks"]]


def test_a_task_target_column_is_read_as_the_wording_and_said_at_its_heading(
    runner: CliRunner, tmp_path: Path
) -> None:
    root, output = _import(runner, tmp_path, _xlsx(tmp_path, TASK_TARGETS), "2021")
    assert "任务表!C2 把“任务目标”列当作工作内容" in output
    assert "或用 任务目标=字段 指定" in output
    assert "按“目标任务”读入" not in output  # the heading's first reading is void, not said beside it
    roads, review = _tasks(root)
    assert roads["detail"] == "建成城市绿化精品道路3条"
    assert roads["lead"] == ["天宁区城管局"]
    # the 完成时间 date and the amount in the inferred wording are one dated quantity (plan22d's path)
    assert [duty["frequency"] for duty in roads["schedule"]] == ["2021年12月底前为3条"]
    assert [duty["frequency"] for duty in review["schedule"]] == ["2021年6月底前"]
    check = runner.invoke(app, ["check", str(root)])
    assert check.exit_code == 0, check.output
    assert "把“任务目标”列当作工作内容" in check.output  # W405 until the keeper confirms


def test_the_inferred_wording_is_due_and_overdue_in_the_plans_own_units(
    runner: CliRunner, tmp_path: Path
) -> None:
    root, _ = _import(runner, tmp_path, _xlsx(tmp_path, TASK_TARGETS), "2021")
    due = cli_json(runner, "due", "-r", str(root), "--year", "2021", "--month", "12")
    assert [(row["item"], row["due"]) for row in due] == [("1.1", "2021-12-31")]
    board = cli_json(runner, "overdue", "-r", str(root), "--as-of", "2021-07-05")
    late = [(row["item"], row["owed"], row["unit"], row["status"]) for row in board]
    assert late == [("1.2", 1, "次", "red")]  # the 6月底前 milestone; the 3条 are not yet due
    board = cli_json(runner, "overdue", "-r", str(root), "--as-of", "2022-01-05")
    assert ("1.1", 3, "条", "red") in [
        (row["item"], row["owed"], row["unit"], row["status"]) for row in board
    ]


def test_a_work_plan_with_no_responsible_column_imports_as_a_draft(runner: CliRunner, tmp_path: Path) -> None:
    source = _docx(tmp_path, "某市城市管理局2022年工作要点", WORK_POINTS)
    root, output = _import(runner, tmp_path, source, "2022")
    assert "表格第1行第2列 把“主要任务”列当作工作内容" in output
    assert "这是“某市城市管理局”自己的工作要点，推定由本局承担" in output
    text = (root / "documents" / "plan.yaml").read_text(encoding="utf-8")
    assert "draft: true" in text
    platform, works = _tasks(root)
    assert platform["lead"] == []
    assert works["lead"] == []
    assert [duty["frequency"] for duty in works["schedule"]] == ["2022年10月底前为20处"]
    assert any("推定由本局承担" in note for note in platform["review"])
    check = runner.invoke(app, ["check", str(root)])
    assert check.exit_code == 0, check.output  # warnings only: the draft is usable
    assert check.output.count("W305") == 2  # each task: fill its 牵头部门
    assert "尚未填写牵头部门（草稿）" in check.output
    assert "W308" in check.output


def test_unknown_headings_of_dates_bodies_and_people_are_read_by_their_cells(
    runner: CliRunner, tmp_path: Path
) -> None:
    root, output = _import(runner, tmp_path, _xlsx(tmp_path, UNKNOWN_HEADINGS), "2021")
    assert "任务表!B1 把“工作安排”列当作工作内容" in output
    assert "任务表!C1 把“落实单位”列当作牵头部门" in output
    assert "任务表!D1 把“责任人”列当作牵头局领导" in output
    assert "任务表!E1 列“进度安排”按“完成时限”读入" in output
    roads, plan = _tasks(root)
    assert roads["lead"] == ["园林绿化科"]
    assert roads["leader"] == "张明"
    assert plan["lead"] == ["市政科", "园林绿化科"]
    assert [duty["frequency"] for duty in roads["schedule"]] == ["2021年11月底前为3条"]


def test_a_mapping_decides_the_column_and_nothing_is_guessed(runner: CliRunner, tmp_path: Path) -> None:
    root, output = _import(runner, tmp_path, _xlsx(tmp_path, TASK_TARGETS), "2021", "--map", "任务目标=内容")
    assert "当作工作内容" not in output
    assert _tasks(root)[0]["schedule"][0]["frequency"] == "2021年12月底前为3条"


def test_a_table_of_short_cells_only_is_still_refused(runner: CliRunner, tmp_path: Path) -> None:
    rows = [["序号", "名称", "责任单位"], ["1", "绿化", "园林科"], ["2", "环卫", "环卫科"]]
    root = tmp_path / "registry"
    assert runner.invoke(app, ["init", "--blank", str(root), "--bureau", "某市城市管理局"]).exit_code == 0
    output = root / "documents" / "plan.yaml"
    source = _xlsx(tmp_path, rows)
    result = runner.invoke(app, ["import", str(source), "-o", str(output), "-r", str(root), "--year", "2021"])
    assert result.exit_code != 0
    assert "缺少列：工作细则" in result.output
    assert not output.exists()


NO_TIME_COLUMN = [
    ["某市2022年城市园林绿化工作任务表"],
    ["序号", "责任单位", "任务目标"],
    ["1", "甲区城管局", "建成城市绿化精品道路3条"],
    ["2", "乙区城管局", "新建公园绿地25万平方米，3月10日前开工建设"],
]


def test_with_no_time_column_the_plans_year_dates_a_bare_amount(runner: CliRunner, tmp_path: Path) -> None:
    root, output = _import(runner, tmp_path, _xlsx(tmp_path, NO_TIME_COLUMN), "2022")
    roads, green = _tasks(root)
    assert [duty["frequency"] for duty in roads["schedule"]] == ["2022年底前为3条"]
    assert "数量“3条”未写期限，按本计划年度记为到期数量（2022年底前为3条）" in output
    # a date of its own in the sentence: the milestone it dates; the area (a measure cgtask does not
    # count) is noted at its cell, never dropped without a word
    assert [duty["frequency"] for duty in green["schedule"]] == ["2022年3月10日前"]
    assert "任务表!C4中的数字“25万平方米”未读成履职要求" in output
    board = cli_json(runner, "overdue", "-r", str(root), "--as-of", "2022-03-14")
    assert [(row["item"], row["owed"], row["unit"]) for row in board] == [("1.2", 1, "次")]
    due = cli_json(runner, "due", "-r", str(root), "--year", "2022", "--month", "12")
    assert [(row["item"], row["due"]) for row in due] == [("1.1", "2022-12-30")]


def test_a_column_date_beside_a_measure_it_cannot_hold_names_its_milestone(
    runner: CliRunner, tmp_path: Path
) -> None:
    rows = [
        ["序号", "责任单位", "任务目标", "完成时间"],
        ["1", "甲区城管局", "新建公园绿地25万平方米", "2022年11月底前"],
    ]
    root, output = _import(runner, tmp_path, _xlsx(tmp_path, rows), "2022")
    [green] = _tasks(root)
    assert [duty["frequency"] for duty in green["schedule"]] == ["2022年11月底前"]
    assert (
        "任务表!C2中的数字“25万平方米”未读成履职要求，任务表!D2的“2022年11月底前”只记为一次性节点（2022年11月底前）"
        in output
    )


def test_an_amount_the_engine_would_read_without_its_number_is_noted_not_held(
    runner: CliRunner, tmp_path: Path
) -> None:
    rows = [
        ["序号", "责任单位", "任务目标", "完成时间"],
        ["1", "甲区城管局", "新建口袋公园5座", "2022年9月底前"],
    ]
    root, output = _import(runner, tmp_path, _xlsx(tmp_path, rows), "2022")
    [parks] = _tasks(root)
    # 为5座 parses, but without the 5: a duty of 1次 would be wrong without a word
    assert [duty["frequency"] for duty in parks["schedule"]] == ["2022年9月底前"]
    assert "任务表!C2中的数字“5座”未读成履职要求，任务表!D2的“2022年9月底前”只记为一次性节点" in output
