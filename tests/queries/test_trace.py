"""cgtask trace: plan items with the tasks whose basis names them, on inline fixtures and the shipped registry."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.errors import UsageError
from cgtask.queries.trace import trace_work_plan

WORK_PLAN = """\
kind: work_plan
id: plan-2022-test
title: 测试区2021年工作总结和2022年工作计划
year: 2022
summary:
  year: 2021
  title: 2021年工作总结
  sections:
    - id: s2021-1
      numbering: 一、
      heading: 总结
      text: 依法查处案件12起。
plan:
  year: 2022
  title: 2022年工作计划
  sections:
    - id: p2022-1
      numbering: 一、
      heading: 强化执法监督
      items:
        - id: p2022-1.1
          numbering: （一）
          heading: 健全监督体系
          text: 完善监督制度。
        - id: p2022-1.2
          numbering: （二）
          heading: 加强法制审核
          text: 严格审核。
    - id: p2022-2
      numbering: 二、
      heading: 加强队伍建设
      text: 抓好教育培训。
"""

TASKS_WITH_BASIS = """\
kind: task_breakdown
id: tasks-test
title: 测试任务分解表
year: 2022
categories:
  - number: 1
    name: 执法监督
    tasks:
      - id: '1.1'
        title: 落实执法监督
        lead: [监督科]
        basis: [p2022-1.1]
      - id: '1.2'
        title: 法制审核
        lead: [法制科]
        basis: [p2022-1.1, p2022-1]
      - id: '1.3'
        title: 内务管理
        lead: [办公室]
"""


@pytest.fixture
def traced_registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(tasks=TASKS_WITH_BASIS, files={"documents/plan.yaml": WORK_PLAN})


def test_rows_follow_the_plan_and_loose_tasks_come_last(traced_registry: Path) -> None:
    result = trace_work_plan(api.open_registry(traced_registry))
    assert result.rows == [
        {"item": "p2022-1", "title": "强化执法监督", "tasks": ["1.2"]},  # named directly, so it has a row
        {"item": "p2022-1.1", "title": "健全监督体系", "tasks": ["1.1", "1.2"]},
        {"item": "p2022-1.2", "title": "加强法制审核", "tasks": []},
        {"item": "p2022-2", "title": "加强队伍建设", "tasks": []},  # a section without items is an item
        {"item": None, "title": "内务管理", "tasks": ["1.3"]},
    ]
    assert result.uncovered_items == ["p2022-1.2", "p2022-2"]
    assert result.tasks_without_basis == ["1.3"]


def test_default_plan_is_the_one_of_the_task_table_year(
    make_registry: Callable[..., Path],
) -> None:
    other_year = WORK_PLAN.replace("id: plan-2022-test", "id: plan-2021-test").replace(
        "year: 2022\n", "year: 2021\n", 1
    )
    root = make_registry(files={"documents/plan.yaml": WORK_PLAN, "documents/plan21.yaml": other_year})
    assert trace_work_plan(api.open_registry(root)).plan == "plan-2022-test"


def test_no_plan_for_the_year_is_a_usage_error(make_registry: Callable[..., Path]) -> None:
    with pytest.raises(UsageError, match="计划年度为 2022"):
        trace_work_plan(api.open_registry(make_registry()))


def test_wrong_kinds_are_usage_errors(traced_registry: Path) -> None:
    registry = api.open_registry(traced_registry)
    with pytest.raises(UsageError, match="不是工作计划"):
        trace_work_plan(registry, work_plan_id="tasks-test")
    with pytest.raises(UsageError, match="不是任务分解表"):
        trace_work_plan(registry, tasks_id="plan-2022-test")


def test_cli_json_is_what_the_library_returns(traced_registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["trace", "-r", str(traced_registry), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows == trace_work_plan(api.open_registry(traced_registry)).rows
    assert all(set(row) == {"item", "title", "tasks"} for row in rows)


def test_cli_table_marks_rows_and_summarises_on_stderr(traced_registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["trace", "-r", str(traced_registry)])
    assert result.exit_code == 0, result.output
    assert "！未分解" in result.stdout
    assert "！任务无依据" in result.stdout
    assert "未分解 2 项（p2022-1.2、p2022-2）" in result.stderr
    assert "无依据的任务 1 项（1.3）" in result.stderr


def test_cli_unknown_plan_is_exit_2_without_traceback(traced_registry: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["trace", "-r", str(traced_registry), "--plan", "plan-1999"])
    assert result.exit_code == 2
    assert "没有编号为“plan-1999”的文件" in result.stderr
    assert "Traceback" not in result.output


# --- the shipped registry -------------------------------------------------------------------------


def _work_plan_item_ids(work_plan_id: str) -> list[str]:
    document = api.open_registry().document(work_plan_id)
    assert document["kind"] == "work_plan"
    part = document["plan"]
    ids = [i["id"] for s in part["sections"] for i in s["items"]]
    ids += [s["id"] for s in part["sections"] if not s["items"]]
    return ids + [i["id"] for i in part["items"]]


def test_shipped_registry_every_plan_item_appears(runner: CliRunner) -> None:
    result = runner.invoke(app, ["trace", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert all(set(row) == {"item", "title", "tasks"} for row in rows)
    items = {row["item"] for row in rows if row["item"] is not None}
    assert set(_work_plan_item_ids("plan-2022-city")) <= items
    assert len(_work_plan_item_ids("plan-2022-city")) == 16
    task_ids = [t for row in rows for t in row["tasks"]]
    assert task_ids, "every task shows up, under a plan item or on its own"
    has_links = any(row["tasks"] for row in rows if row["item"] is not None)
    has_basis = any(task["basis"] for task in _shipped_tasks())
    assert has_links == has_basis  # once tasks-2022 carries basis links, some plan item has tasks


def _shipped_tasks() -> list[dict[str, object]]:
    document = api.open_registry().document("tasks-2022")
    assert document["kind"] == "task_breakdown"
    return [dict(task) for category in document["categories"] for task in category["tasks"]]


@pytest.mark.parametrize("work_plan_id", ["plan-2021-putuo", "plan-2023-changning"])
def test_shipped_other_plans_trace_against_the_task_table(work_plan_id: str, runner: CliRunner) -> None:
    result = runner.invoke(app, ["trace", "--plan", work_plan_id, "--tasks", "tasks-2022", "-f", "json"])
    assert result.exit_code == 0, result.output
    items = {row["item"] for row in json.loads(result.stdout) if row["item"] is not None}
    assert set(_work_plan_item_ids(work_plan_id)) <= items
