"""Issue 22: headings name the bureau's own kind of unit (organization.yaml ``unit_kinds``), not 中队 everywhere.

枣庄 (tests/data/bureaus/zaozhuang) declares one kind, 区（市）; Baoshan's 街镇中队 and 机动执法中队 keep 中队.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.interchange.forms.layout import COLUMN, FORM_SHEET, HEADER_ROW

ZAOZHUANG = Path(__file__).parents[2] / "data" / "bureaus" / "zaozhuang"


def _out(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_heading_word_is_the_registrys() -> None:
    assert api.open_registry(ZAOZHUANG).index.unit_heading == "区（市）"
    assert api.open_registry(None).index.unit_heading == "中队"  # Baoshan: 街镇中队, 机动执法中队


def test_board_due_and_progress_head_their_columns_with_the_kind(runner: CliRunner) -> None:
    reg = ["-r", str(ZAOZHUANG)]
    board = _out(runner, "overdue", "--as-of", "2023-10-08", *reg)
    assert "科室/区（市）" in board
    assert "中队" not in board
    detail = _out(runner, "overdue", "--as-of", "2023-10-08", "--detail", "--format", "csv", *reg)
    assert detail.splitlines()[0] == "状态,期限,编号,工作,区（市）,周期,要求,已做"
    due = _out(runner, "due", "--per-unit", "--month", "9", "--format", "csv", *reg)
    assert "区（市）" in due.splitlines()[0]
    assert "中队" not in due
    progress = _out(runner, "progress", "--as-of", "2023-10-08", *reg)
    assert "各科室、区（市）完成情况" in progress
    assert "科室/区（市）" in progress


def test_the_form_and_site_say_the_kind(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "zaozhuang"
    shutil.copytree(ZAOZHUANG, root)
    out = tmp_path / "台账.xlsx"
    _out(runner, "form", "--month", "9", "--dept", "中心城市防汛科", "-o", str(out), "-r", str(root))
    sheet = load_workbook(out)[FORM_SHEET]
    assert sheet[f"{COLUMN['covers'].letter}{HEADER_ROW}"].value == "覆盖区（市）"
    site = tmp_path / "site"
    _out(runner, "site", "--as-of", "2023-10-08", "-o", str(site), "-r", str(root))
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "科室／区（市）" in index
    assert "科室／中队" not in index
