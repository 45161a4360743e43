"""Issue 22: a 双随机 plan's 预估抽查对象数 is the base of the row's share where a record states none, and says so.

The registry is the shape ``cgtask import`` gives a 双随机 plan (a task with ``object`` and ``base``): 临沂's
城市照明 row (tests/data/plans/linyi-2024-inspection) with its published 预估抽查对象数 taken as 120.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.conftest import cli_json

ORGANIZATION = """\
bureau: {name: 临沂市城市管理局, short_name: 市城管局}
levels: [{name: 市局}]
unit_kinds: [{name: 县区}]
departments: [{name: 市政科}]
units: [{name: 兰山区, kind: 县区}, {name: 罗庄区, kind: 县区}]
groups: [{name: 各县区, members: 县区}]
"""
PLAN = """\
kind: task_breakdown
id: inspection-2024
title: 2024年度“双随机、一公开”抽查工作计划
year: 2024
categories:
  - number: 1
    name: 抽查事项
    tasks:
      - id: '1.1'
        title: 城市照明监督检查
        detail: 对城市照明设施运行维护单位开展抽查，抽查比例不低于5%。
        lead: [市政科]
        object: 城市照明设施运行维护单位
        base: {name: 预估抽查对象数, value: 120}
        schedule:
          - level: 市局
            frequency: 全年抽查比例不低于5%
"""


@pytest.fixture
def inspection(tmp_path: Path) -> Path:
    root = tmp_path / "linyi"
    (root / "documents").mkdir(parents=True)
    (root / "organization.yaml").write_text(ORGANIZATION, encoding="utf-8")
    (root / "documents" / "inspection.yaml").write_text(PLAN, encoding="utf-8")
    return root


def _done(runner: CliRunner, root: Path, *args: str) -> str:
    result = runner.invoke(app, ["done", "1.1", "-r", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_due_shows_the_tasks_base(runner: CliRunner, inspection: Path) -> None:
    (row,) = cli_json(runner, "due", "-r", str(inspection))
    assert row["quota"] == {"value": 5, "unit": "%", "per": "period", "of": None}
    assert row["base"] == {"name": "预估抽查对象数", "value": 120}


def test_the_board_counts_against_the_tasks_base_and_names_it(runner: CliRunner, inspection: Path) -> None:
    board = ["overdue", "-r", str(inspection), "--as-of", "2025-01-06"]
    (line,) = cli_json(runner, *board)
    assert line["short"] == "未达基数5%（已0，预估抽查对象数120）"
    _done(runner, inspection, "--count", "4", "--date", "2024-06-01")  # no --of: the plan's base serves
    (line,) = cli_json(runner, *board)
    assert (line["done"], line["short"]) == (3.3, "未达基数5%（已4，预估抽查对象数120）")  # 4 / 120
    _done(runner, inspection, "--count", "2", "--date", "2024-07-01")
    assert cli_json(runner, *board) == []  # 6 of 120 = 5 %


def test_a_recorded_base_wins_over_the_tasks(runner: CliRunner, inspection: Path) -> None:
    _done(runner, inspection, "--count", "6", "--of", "200", "--date", "2024-06-01")
    (line,) = cli_json(runner, "overdue", "-r", str(inspection), "--as-of", "2025-01-06")
    assert line["short"] == "未达基数5%（已6，基数200）"


def test_a_count_above_the_tasks_base_is_refused(runner: CliRunner, inspection: Path) -> None:
    result = runner.invoke(
        app, ["done", "1.1", "--count", "130", "--date", "2024-06-01", "-r", str(inspection)]
    )
    assert result.exit_code == 2
    assert "抽查数大于预估抽查对象数 120" in result.output
    assert not (inspection / "ledger.yaml").exists() or "r-" not in (inspection / "ledger.yaml").read_text()
