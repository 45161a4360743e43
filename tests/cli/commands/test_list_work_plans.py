"""``cgtask list --doc`` and ``cgtask check`` on work plans, end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.registry.files import shipped_registry


def _list(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["list", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_list_doc_shows_summary_and_plan_items(runner: CliRunner) -> None:
    rows = _list(runner, "--doc", "plan-2022-city")
    plan_rows = [r for r in rows if str(r["id"]).startswith("p2022-")]
    assert len(plan_rows) == 16
    assert len(rows) == 16 + 22
    first = plan_rows[0]
    assert first == {
        "id": "p2022-1.1",
        "doc": "plan-2022-city",
        "category": "深化街镇综合执法体制改革，持续推进机制制度建设，构建城管综合执法管理新体系",
        "title": "坚持统筹协调指导，完善城管综合执法体制",
        "lead": [],
        "support": [],
        "role": None,
        "via": None,
        "responsible": [],
        "leader": None,
        "object": None,
        "base": None,
    }


def test_list_doc_unsectioned_plan_uses_the_part_title(runner: CliRunner) -> None:
    rows = [r for r in _list(runner, "--doc", "plan-2021-putuo") if str(r["id"]).startswith("p2021-")]
    assert [r["id"] for r in rows] == [f"p2021-{n}" for n in range(1, 6)]
    assert {r["category"] for r in rows} == {"2021年工作要点"}


def test_list_search_finds_plan_text(runner: CliRunner) -> None:
    rows = _list(runner, "--doc", "plan-2023-changning", "--search", "非现场执法")
    assert "p2023-2.2" in [r["id"] for r in rows]


def test_dept_listing_does_not_pick_up_plans(runner: CliRunner) -> None:
    rows = _list(runner, "--dept", "监督科")
    assert not [r for r in rows if str(r["doc"]).startswith("plan-")]
    assert len([r for r in rows if r["doc"] == "tasks-2022"]) == 41


def test_show_plan_item(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "p2022-2.2", "--format", "json"])
    assert result.exit_code == 0, result.output
    (item,) = json.loads(result.stdout)
    assert item["kind"] == "plan_item"
    assert item["heading"] == "聚焦重点区域，全面加强城管执法保障"


def test_check_reports_a_figure_not_in_its_sentence(runner: CliRunner, tmp_path: Path) -> None:
    registry = tmp_path / "registry"
    shutil.copytree(shipped_registry(), registry)
    path = registry / "documents" / "plan-2022-city.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: '31586'", "value: '31587'", 1).replace(
        "number: 31586", "number: 31587", 1), encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["check", str(registry)])
    assert result.exit_code == 1
    assert "E502" in result.output
    assert "plan-2022-city.yaml" in result.output
