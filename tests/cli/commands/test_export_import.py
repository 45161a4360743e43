"""``cgtask export`` and ``cgtask import`` end to end: files, stdout, messages, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.interchange.test_table_import import build_docx, build_xlsx
from tests.registry.test_seed_000 import seed_rows


def test_export_xlsx_writes_the_workbook(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "任务分解表.xlsx"
    result = runner.invoke(app, ["export", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "已写入" in result.stderr
    assert "任务 62 行" in result.stderr
    assert load_workbook(out)["任务"].max_row == 63


def test_export_json_and_csv_go_to_stdout(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "-f", "json", "--doc", "tasks-2022"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["tasks"]) == 62
    several = runner.invoke(app, ["export", "-f", "csv"])
    assert several.exit_code == 2
    assert "--table" in several.stderr
    result = runner.invoke(app, ["export", "-f", "csv", "--table", "tasks"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "编号,目录,简称,工作细则,牵头部门,配合部门,量化指标,依据"


def test_export_writes_what_it_says_and_never_clobbers(runner: CliRunner, tmp_path: Path) -> None:
    plan_only = tmp_path / "plan"
    plan_only.mkdir()
    result = runner.invoke(app, ["export", "-f", "csv", "--doc", "supervision-2022", "-o", str(plan_only)])
    assert result.exit_code == 0, result.stderr
    # The plan's requirements and its ledger records; no header-only tasks.csv.
    assert sorted(p.name for p in plan_only.iterdir()) == ["ledger.csv", "obligations.csv"]
    assert "obligations.csv" in result.stderr
    assert "tasks.csv" not in result.stderr
    target = tmp_path / "任务.xlsx"
    target.write_bytes(b"hand-edited")
    refused = runner.invoke(app, ["export", "-o", str(target)])
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_bytes() == b"hand-edited"
    assert runner.invoke(app, ["export", "-o", str(target), "--force"]).exit_code == 0
    wrong = runner.invoke(app, ["export", "-o", str(tmp_path / "任务.txt")])
    assert wrong.exit_code == 2
    assert ".xlsx" in wrong.stderr
    assert not (tmp_path / "任务.txt").exists()


def test_export_csv_into_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert {"tasks.csv", "obligations.csv"} <= {p.name for p in tmp_path.iterdir()}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "-f", "xlsx"], "-o"),
        (["export", "-f", "json", "--doc", "nothing"], "没有编号为"),
        (["export", "-f", "xlsx", "-o", "/nonexistent-dir/x.xlsx"], "不存在"),
    ],
)
def test_export_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_import_docx_into_a_registry_that_then_passes_check(
    runner: CliRunner, tmp_path: Path, registry_copy: Path
) -> None:
    source = build_docx(tmp_path / "区城管执法局2023年度工作任务分解表.docx")
    out = registry_copy / "documents" / "tasks-2023.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out), "--title", "测试表"])
    assert result.exit_code == 0, result.stderr
    assert "12 个目录，62 项任务" in result.stderr
    assert "运行 cgtask check 核对" in result.stderr  # written into documents/ already: no "请放入"
    assert "id: tasks-2023\ntitle: 测试表\nyear: 2023\n" in out.read_text(encoding="utf-8")
    checked = runner.invoke(app, ["check", str(registry_copy)])
    assert checked.exit_code == 0, checked.stderr


def test_import_reports_unknown_names_on_stderr(runner: CliRunner, tmp_path: Path) -> None:
    rows = seed_rows()[:2]
    rows[0].support = ["监察科", "机动执法中队"]
    source = build_xlsx(tmp_path / "t.xlsx", rows)
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out), "--id", "tasks-x"])
    assert result.exit_code == 0, result.stderr
    assert "警告：" in result.stderr
    assert "“监察科”" in result.stderr
    assert "是不是“监督科”" in result.stderr
    assert "support: [监察科, 机动执法中队]" in out.read_text(encoding="utf-8")


def test_import_refuses_to_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    source = build_docx(tmp_path / "t2022.docx", seed_rows()[:2])
    out = tmp_path / "out.yaml"
    out.write_text("旧\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "旧\n"
    result = runner.invoke(app, ["import", str(source), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").count("- id:") == 2


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "locked.docx", "已加密"),
        (b"garbage", "broken.xlsx", "已损坏"),
        (None, "missing.docx", "找不到文件"),
    ],
)
def test_import_bad_files_exit_2_without_output(
    runner: CliRunner, tmp_path: Path, content: bytes | None, name: str, message: str
) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out), "--year", "2022"])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert list(tmp_path.glob(".out.yaml.*")) == []


def test_import_without_a_year_asks_for_one(runner: CliRunner, tmp_path: Path) -> None:
    source = build_xlsx(tmp_path / "table.xlsx", seed_rows()[:1])
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(source), "-o", str(out), "--title", "任务表"])
    assert result.exit_code == 2
    assert "--year" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("command", ["export", "import"])
def test_help_is_chinese_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "示例：" in result.stdout
    assert "用法" in result.stdout
