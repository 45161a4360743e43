"""A date in the 完成时间 column and the amount it dates in the wording, read as one dated duty (issue 22).

The rows are written for these shapes (dev rows of our own, no held-out plan's text): a share reached by a
date (达到90%以上 beside 2024年6月底前), a sized work listed beside an unsized one (…工程、15条…工程), an
amount with a period of its own (每月…不少于20家: kept apart, and said so), a coverage by the column's
date, and a slogan (全覆盖、全过程、全时段) that is one reading, not a coverage and a contradicting note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.conftest import cli_json

ROWS = [
    ["1", "完成公厕提升改造任务，城区公厕达标率达到90%以上。", "市容科", "2024年6月底前"],
    ["2", "实施老城区雨污分流工程、主城区15条道路提升工程。", "市政科", "2024年9月30日前"],
    ["3", "每月检查餐饮油烟不少于20家，完成油烟净化设施安装。", "执法大队", "2024年10月底前"],
    ["4", "建成区生活垃圾分类全覆盖。", "环卫科", "2024年底前"],
    ["5", "健全“全覆盖、全过程、全时段”的巡查机制。", "执法大队", "常态工作"],
]


def _imported(runner: CliRunner, tmp_path: Path) -> tuple[Path, str]:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [
        ["某市城市管理局2024年重点工作任务分解表"],
        ["序号", "工作任务", "责任单位", "完成时间"],
        *ROWS,
    ]:
        sheet.append(row)
    source = tmp_path / "任务分解表.xlsx"
    workbook.save(source)
    root = tmp_path / "registry"
    assert runner.invoke(app, ["init", "--blank", str(root), "--bureau", "某市城市管理局"]).exit_code == 0
    output = root / "documents" / "tasks-2024.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(output), "-r", str(root), "--year", "2024"])
    assert result.exit_code == 0, result.output
    return root, result.output


def _schedules(root: Path) -> list[list[str]]:
    data: Any = YAML(typ="safe").load((root / "documents" / "tasks-2024.yaml").read_text(encoding="utf-8"))
    tasks = [task for category in data["categories"] for task in category["tasks"]]
    return [[duty["frequency"] for duty in task.get("schedule", [])] for task in tasks]


def test_a_column_date_and_the_amount_it_dates_are_one_duty(runner: CliRunner, tmp_path: Path) -> None:
    root, output = _imported(runner, tmp_path)
    share, works, monthly, covered, slogan = _schedules(root)
    assert share == [
        "2024年6月底前不低于90%"
    ]  # no bare milestone beside it: the share is what the date dates
    assert works == ["2024年9月30日前", "2024年9月30日前为15条"]  # the unsized work keeps the date
    assert "是“实施老城区雨污分流工程”的期限" in output
    assert monthly == ["2024年10月底前", "每月不少于20家"]  # its own period: kept apart, monthly, not yearly
    assert (
        "“不少于20家”有自己的周期（每月），不是Sheet!D5“完成时间”的“2024年10月底前”的数量，两者分开记"
        in output
    )
    assert "频次“每月”未读成" not in output  # the cadence was read with its amount
    assert covered == ["2024年底前全覆盖"]
    assert slogan == []
    check = runner.invoke(app, ["check", str(root)])
    assert check.exit_code == 0, check.output  # warnings only
    assert "记为到期数量（2024年6月底前不低于90%）" in check.output


def test_the_dated_share_is_due_and_overdue_by_its_column_date(runner: CliRunner, tmp_path: Path) -> None:
    root, _ = _imported(runner, tmp_path)
    due = cli_json(runner, "due", "-r", str(root), "--year", "2024", "--month", "6")
    dated = [row for row in due if row["item"] == "1.1"]
    assert [(row["due"], row["period_start"], row["period_end"]) for row in dated] == [
        ("2024-06-28", "2024-01-01", "2024-06-30")  # 6月30日 is a Sunday: the last working day before it
    ]
    assert (dated[0]["quota"]["value"], dated[0]["quota"]["unit"]) == (90, "%")
    board = cli_json(runner, "overdue", "-r", str(root), "--as-of", "2024-07-05")
    late = {(row["item"], row["status"], row["owed"]) for row in board}
    assert ("1.1", "red", 90) in late  # 逾期: 90 % owed, nothing recorded
    sized = cli_json(runner, "due", "-r", str(root), "--year", "2024", "--month", "9")
    assert sorted(row["title"] for row in sized if row["item"] == "1.2") == [
        "实施老城区雨污分流工程、主城区15条道路提升工程（数量）",
        "实施老城区雨污分流工程、主城区15条道路提升工程（期限）",
    ]


def test_a_slogan_of_full_words_is_one_reading(runner: CliRunner, tmp_path: Path) -> None:
    """全覆盖、全过程、全时段 names qualities of a system: one note, not a coverage plus a contradicting note."""
    _, output = _imported(runner, tmp_path)
    row = [line for line in output.splitlines() if "第 7 行" in line and "待核对：Sheet" in line]
    assert row == [
        "警告：第 7 行（1.5）待核对：Sheet!B7中的“全覆盖、全过程、全时段”是工作要求的提法，"
        "没有要清点的对象和期限，未读成履职要求，请核对"
    ]


def test_references_and_spans_of_time_are_not_amounts_of_the_date() -> None:
    from cgtask.interchange.plan_numbers import column_amounts

    found = column_amounts("落实条例第3条，发现问题3个工作日内整改，3个月内复查", "2024年底前")
    assert (found.dated, found.apart, found.unsized) == ([], [], [])
    ranged = column_amounts("首批选择4-5地块改造", "2024年6月底前")
    assert [target.phrase for target in ranged.dated] == ["2024年6月底前4—5个"]  # both ends kept
    # 达 (reach) is a lower bound; the 达 of 达标率 is a word, not a bound
    assert [t.phrase for t in column_amounts("达标率95%", "2024年底前").dated] == ["2024年底前为95%"]
    assert [t.phrase for t in column_amounts("达标率达95%", "2024年底前").dated] == ["2024年底前不低于95%"]


def _registry_with_counties(runner: CliRunner, tmp_path: Path) -> Path:
    """A 市局 with two 县市区 and two 中队, 各县市区 declared as a level and a group."""
    root = tmp_path / "registry"
    assert runner.invoke(app, ["init", "--blank", str(root), "--bureau", "某市城市管理局"]).exit_code == 0
    organization = root / "organization.yaml"
    text = organization.read_text(encoding="utf-8")
    for old, new in (
        (
            "levels:\n  - name: 本局\n  - name: 各中队",
            "levels:\n  - name: 市局\n  - name: 各县市区\n  - name: 各中队",
        ),
        ("unit_kinds:\n", "unit_kinds:\n  - name: 县市区\n    title: 县市区城管局\n"),
        (
            "units: []",
            "units:\n  - {name: 宣州区, kind: 县市区}\n  - {name: 广德市, kind: 县市区}\n"
            "  - {name: 第一中队, kind: 中队}\n  - {name: 第二中队, kind: 中队}",
        ),
        ("groups:\n", "groups:\n  - name: 各县市区\n    members: 县市区\n"),
        ("departments:\n  - name: 办公室", "departments:\n  - name: 办公室\n  - name: 环卫科"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    organization.write_text(text, encoding="utf-8")
    return root


def test_a_dated_coverage_of_a_named_group_counts_that_groups_units(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = _registry_with_counties(runner, tmp_path)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (
        ["某市2024年重点工作任务分解表"],
        ["序号", "工作任务", "责任单位", "完成时间"],
        ["1", "各县市区生活垃圾分类全覆盖。", "环卫科", "2024年底前"],
        ["2", "建成区公厕保洁全覆盖。", "环卫科", "2024年底前"],
    ):
        sheet.append(row)
    workbook.save(tmp_path / "覆盖.xlsx")
    output = root / "documents" / "tasks-2024.yaml"
    imported = runner.invoke(app, ["import", str(tmp_path / "覆盖.xlsx"), "-o", str(output), "-r", str(root)])
    assert imported.exit_code == 0, imported.output
    reg = ["-r", str(root)]
    due = cli_json(runner, "due", "--year", "2024", *reg)
    assert [(row["frequency"], row["coverage"], row["requirement"]) for row in due] == [
        ("2024年底前各县市区全覆盖", 2, "覆盖全部2个县市区城管局"),  # the group the plan names
        ("2024年底前全覆盖", 4, "覆盖全部4个单位"),  # no group named: every unit, as before
    ]
    done = ["done", "1.1", "--period", "2024-once-1231", "--date", "2024-11-20", "--covers", "宣州区", *reg]
    assert runner.invoke(app, done).exit_code == 0
    board = cli_json(runner, "overdue", "--as-of", "2025-01-06", *reg)
    assert {row["item"]: row["uncovered"] for row in board} == {
        "1.1": ["广德市"],
        "1.2": ["宣州区", "广德市", "第一中队", "第二中队"],
    }


def _form(runner: CliRunner, root: Path, path: Path, *args: str) -> Any:
    from openpyxl import load_workbook

    result = runner.invoke(app, ["form", "--year", "2024", *args, "-o", str(path), "-r", str(root)])
    assert result.exit_code == 0, result.output
    return load_workbook(path)["台账"]


def test_a_form_with_no_coverage_to_name_hides_the_covered_units_column(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A registry without 中队 (or a month with no coverage due) asks nobody which units were covered."""
    root, _ = _imported(runner, tmp_path)
    sheet = _form(runner, root, tmp_path / "市容科6月.xlsx", "--month", "6", "--dept", "市容科")
    assert sheet["M3"].value == "覆盖中队"  # still where the reader finds it …
    assert sheet.column_dimensions["M"].hidden  # … but not shown, nor printed
    assert "覆盖" not in sheet["A2"].value
    counties = _registry_with_counties(runner, tmp_path / "counties")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (
        ["某市2024年重点工作"],
        ["序号", "工作任务", "责任单位", "完成时间"],
        ["1", "各县市区垃圾分类全覆盖。", "环卫科", "2024年底前"],
    ):
        sheet.append(row)
    workbook.save(tmp_path / "覆盖.xlsx")
    output = counties / "documents" / "tasks-2024.yaml"
    imported = runner.invoke(
        app, ["import", str(tmp_path / "覆盖.xlsx"), "-o", str(output), "-r", str(counties)]
    )
    assert imported.exit_code == 0, imported.output
    covering = _form(runner, counties, tmp_path / "环卫科12月.xlsx", "--month", "12", "--dept", "环卫科")
    assert not covering.column_dimensions["M"].hidden
    assert covering["M3"].value == "覆盖单位"
