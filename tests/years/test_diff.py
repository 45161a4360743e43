"""``cgtask diff 2022 2023``: added, removed and changed items as a table, JSON and a .docx; unchanged counted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from tests.years_registry import edit_2023_drafts


@pytest.fixture(scope="module")
def edited(two_years_built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-year registry after the drafter's edits of 2023 (a quota, a 配合部门, a new task)."""
    target = tmp_path_factory.mktemp("edited") / "registry"
    shutil.copytree(two_years_built, target)
    edit_2023_drafts(target)
    return target


def test_a_fresh_rollover_changes_nothing_but_the_year(two_years_built: Path) -> None:
    diff = api.year_diff(two_years_built, "2022", "2023")
    assert diff.counts() == {"added": 0, "removed": 0, "changed": 0, "unchanged": 62 + 11}


def test_what_the_drafter_changed_is_listed_field_by_field(edited: Path) -> None:
    diff = api.year_diff(edited, "2022", "2023")
    assert diff.counts() == {"added": 1, "removed": 0, "changed": 2, "unchanged": 71}
    changes = {(c.item, c.change): c for d in diff.documents for c in d.items}
    quota = changes[("1", "changed")].fields
    assert [(f.label, f.old, f.new) for f in quota] == [
        ("频次", "街镇中队·整改问题：每月不少于16起", "街镇中队·整改问题：每月不少于20起")
    ]
    support = changes[("4.3", "changed")].fields
    assert [f.label for f in support] == ["配合"]
    assert "协调科" in support[0].old
    assert "协调科" not in support[0].new
    assert changes[("12.2", "added")].title == "推进非现场执法"


def test_removed_and_renumbered_items(edited: Path) -> None:
    path = edited / "documents" / "tasks-2023.yaml"
    original = path.read_text(encoding="utf-8")
    text = original.replace("      - id: '7.4'\n", "      - id: '7.9'\n", 1)
    start = text.index("      - id: '6.5'")
    text = text[:start] + text[text.index("      - id: '", start + 10) :]  # 6.5 dropped
    path.write_text(text, encoding="utf-8")
    try:
        diff = api.year_diff(edited, "2022", "2023")
    finally:
        path.write_text(original, encoding="utf-8")
    changes = {(c.item, c.change): c for d in diff.documents for c in d.items}
    assert ("6.5", "removed") in changes
    renumbered = changes[("7.9", "changed")]
    assert renumbered.old_item == "7.4"
    assert renumbered.fields == []


def test_json_table_and_docx_from_the_cli(edited: Path, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", "2022", "2023", "--format", "json", "-r", str(edited)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["unchanged"] == 71
    assert [d["new"] for d in data["documents"]] == [
        "supervision-2023",
        "tasks-2023",
    ]
    table = runner.invoke(app, ["diff", "2022", "2023", "-r", str(edited), "-o", str(tmp_path / "调整.docx")])
    assert table.exit_code == 0, table.output
    assert "新增 1 项，删去 0 项，调整 2 项，不变 71 项" in table.output
    import docx

    document = docx.Document(str(tmp_path / "调整.docx"))
    texts = [p.text for p in document.paragraphs]
    assert any("2023年度较2022年度新增事项1项、删去0项、调整2项，其余71项沿用不变" in t for t in texts)
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["2", "新增", "12.2", "推进非现场执法", ""] in cells
    again = runner.invoke(app, ["diff", "2022", "2023", "-r", str(edited), "-o", str(tmp_path / "调整.docx")])
    assert again.exit_code == 2
    assert "已存在" in again.output


def test_an_unknown_year_is_a_clear_message(two_years_built: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["diff", "2021", "2023", "-r", str(two_years_built)])
    assert result.exit_code == 2
    assert "没有 2021 年的任务分解表或执法监督方案；现有年度：2022、2023" in result.output
