"""Issue 22: an imported plan is named by its own kind and title in a notice and a reminder, never 任务分解表."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.support.words import basis_text, document_label
from tests.queries.test_default_base import ORGANIZATION, PLAN


@pytest.mark.parametrize(
    ("kind", "form", "title", "label"),
    [
        ("task_breakdown", None, "区城管执法局2022年度工作任务分解表", "任务分解表"),
        ("supervision_plan", None, "宝山区城管执法系统2022年执法监督工作方案", "执法监督方案"),
        ("task_breakdown", "inspection_plan", "2023年度城市管理领域“双随机、一公开”检查计划", "检查计划"),
        ("task_breakdown", "inspection_plan", "2024年度“双随机、一公开”抽查工作计划", "抽查工作计划"),
        ("task_breakdown", "inspection_plan", "双随机表", "抽查计划"),
        ("task_breakdown", "work_plan", "宣城市城市管理局2023年工作思路", "工作思路"),
        ("task_breakdown", "work_plan", "2021年工作要点", "工作要点"),
    ],
)
def test_a_document_is_named_as_its_bureau_names_it(
    kind: str, form: str | None, title: str, label: str
) -> None:
    document = {"kind": kind, "title": title, **({"form": form} if form else {})}
    assert document_label(document) == label
    assert basis_text(document, "1.1") == f"{label} 第1.1项"


def test_the_monthly_notice_names_an_imported_plan_by_its_kind(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "linyi"
    (root / "documents").mkdir(parents=True)
    (root / "organization.yaml").write_text(ORGANIZATION, encoding="utf-8")
    plan = PLAN.replace("year: 2024\n", "year: 2024\nform: inspection_plan\n")
    (root / "documents" / "inspection.yaml").write_text(plan, encoding="utf-8")
    out = tmp_path / "通知.docx"
    args = [
        "render",
        "monthly",
        "--month",
        "12",
        "--dept",
        "市政科",
        "--date",
        "2024-12-02",
        "--number",
        "临城管〔2024〕9号",
    ]
    result = runner.invoke(app, [*args, "-o", str(out), "-r", str(root)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "抽查工作计划 第1.1项" in cells
    texts = [p.text for p in document.paragraphs] + cells
    assert not any("任务分解表" in text for text in texts)
