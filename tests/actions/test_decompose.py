"""cgtask decompose: a task-breakdown skeleton that passes check with a warning per blank lead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.actions.decompose import default_doc_id, yaml_scalar
from cgtask.cli.app import app
from cgtask.registry.yaml_io import read_yaml
from tests.queries.test_trace import WORK_PLAN


@pytest.fixture
def plan_registry(make_registry: Callable[..., Path]) -> Path:
    return make_registry(files={"documents/plan.yaml": WORK_PLAN})


def _decompose(runner: CliRunner, root: Path, output: Path, *extra: str) -> str:
    result = runner.invoke(
        app, ["decompose", "-r", str(root), "--plan", "plan-2022-test", "-o", str(output), *extra]
    )
    assert result.exit_code == 0, result.output
    return output.read_text(encoding="utf-8")


def test_skeleton_has_one_task_per_item_with_basis(plan_registry: Path, runner: CliRunner) -> None:
    output = plan_registry / "documents" / "tasks-draft.yaml"
    text = _decompose(runner, plan_registry, output, "--id", "tasks-draft")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "待填：牵头部门" in text
    data = read_yaml(output).data
    assert data["draft"] is True
    assert [c["name"] for c in data["categories"]] == ["强化执法监督", "加强队伍建设"]
    tasks = [t for c in data["categories"] for t in c["tasks"]]
    assert [(t["id"], t["basis"], t["lead"]) for t in tasks] == [
        ("1.1", ["p2022-1.1"], []),
        ("1.2", ["p2022-1.2"], []),
        ("2.1", ["p2022-2"], []),  # a section without items becomes one task
    ]
    assert tasks[0]["title"] == "健全监督体系"
    assert tasks[0]["detail"] == "完善监督制度。"


def test_skeleton_passes_check_with_a_warning_per_blank(plan_registry: Path, runner: CliRunner) -> None:
    _decompose(runner, plan_registry, plan_registry / "documents" / "tasks-draft.yaml", "--id", "tasks-draft")
    result = runner.invoke(app, ["check", str(plan_registry)])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("W305") == 3


def test_a_filled_lead_stays_an_error_once_draft_is_dropped(plan_registry: Path, runner: CliRunner) -> None:
    output = plan_registry / "documents" / "tasks-draft.yaml"
    text = _decompose(runner, plan_registry, output, "--id", "tasks-draft")
    output.write_text(text.replace("draft: true", "draft: false"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(plan_registry)])
    assert result.exit_code == 1
    assert result.stderr.count("E305") == 3
    assert "tasks-draft.yaml:" in result.stderr  # located at the task


def test_existing_file_needs_force_and_ids_must_be_free(plan_registry: Path, runner: CliRunner) -> None:
    output = plan_registry / "documents" / "tasks-draft.yaml"
    _decompose(runner, plan_registry, output, "--id", "tasks-draft")
    again = ["decompose", "-r", str(plan_registry), "--plan", "plan-2022-test", "-o", str(output)]
    refused = runner.invoke(app, [*again, "--id", "tasks-draft"])
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert runner.invoke(app, [*again, "--id", "tasks-draft", "--force"]).exit_code == 0
    taken = runner.invoke(app, [*again[:-1], str(output.with_name("b.yaml")), "--id", "tasks-test"])
    assert taken.exit_code == 2
    assert "已有编号为 tasks-test" in taken.stderr


def test_not_a_work_plan_is_a_usage_error(plan_registry: Path, runner: CliRunner, tmp_path: Path) -> None:
    args = ["decompose", "-r", str(plan_registry), "--plan", "tasks-test", "-o", str(tmp_path / "x.yaml")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "不是工作计划" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_missing_output_folder_leaves_nothing(plan_registry: Path, runner: CliRunner, tmp_path: Path) -> None:
    args = ["decompose", "-r", str(plan_registry), "--plan", "plan-2022-test"]
    result = runner.invoke(app, [*args, "-o", str(tmp_path / "no" / "x.yaml")])
    assert result.exit_code == 2
    assert "不存在" in result.stderr


@pytest.mark.parametrize(
    "text", ["普通文字", "2022年工作计划", "a: b", "# 注释", '含"引号"', "true", "", "行一\n行二", "- 列表"]
)
def test_yaml_scalar_round_trips(text: str, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"value: {yaml_scalar(text)}\n", encoding="utf-8")
    assert read_yaml(path).data == {"value": text}


def test_default_id_comes_from_the_plan_id() -> None:
    assert default_doc_id("plan-2022-city") == "tasks-2022-city"


@pytest.mark.parametrize("work_plan_id", ["plan-2022-city", "plan-2021-putuo", "plan-2023-changning"])
def test_shipped_plans_decompose_into_a_registry_that_checks(
    work_plan_id: str, registry_copy: Path, runner: CliRunner
) -> None:
    output = registry_copy / "documents" / f"draft-{work_plan_id}.yaml"
    args = ["decompose", "-r", str(registry_copy), "--plan", work_plan_id, "-o", str(output)]
    assert runner.invoke(app, args).exit_code == 0
    assert "$schema=../schema/document.schema.json" in output.read_text(encoding="utf-8").splitlines()[0]
    checked = runner.invoke(app, ["check", str(registry_copy)])
    assert checked.exit_code == 0, checked.output
    registry = api.open_registry(registry_copy)
    plan = registry.document(work_plan_id)
    assert plan["kind"] == "work_plan"
    part = plan["plan"]
    expected = [i["id"] for i in part["items"]]
    for section in reversed(part["sections"]):
        expected[:0] = [i["id"] for i in section["items"]] or [section["id"]]
    draft = registry.document(f"tasks-{work_plan_id.removeprefix('plan-')}")
    assert draft["kind"] == "task_breakdown"
    basis = [b for c in draft["categories"] for t in c["tasks"] for b in t["basis"]]
    assert basis == expected
    assert checked.stderr.count("W305") >= len(expected)
