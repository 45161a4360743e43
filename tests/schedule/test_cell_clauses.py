"""One rule for a cell of several demands: ``cgtask phrase`` shows what ``cgtask import`` holds (issue 22)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.interchange.plan_duties import Cell, RowDuties, cell_duties


@pytest.mark.parametrize(
    "cell", ["抽查比例为5%;每年抽查1次", "抽查比例为5%；每年抽查1次", "抽查比例为10%;每半年检查1次"]
)
def test_phrase_reads_a_cell_as_import_holds_it(runner: CliRunner, cell: str) -> None:
    held = RowDuties()
    cell_duties([Cell(cell, "抽查比例及频次", "Sheet1!E3")], None, held)
    result = runner.invoke(app, ["phrase", cell, "--format", "json"])
    assert result.exit_code == 0, result.output  # no refusal of a cell the import reads
    rows = json.loads(result.stdout)
    assert [row["text"] for row in rows] == [phrase for phrase, _, _ in held.duties]
    assert all(row["ok"] and row["cell"] == cell for row in rows)
    assert "整句读不懂，按导入表格的读法逐条列出" in result.stderr


def test_phrase_shows_each_demand_with_its_number_as_written(runner: CliRunner) -> None:
    result = runner.invoke(app, ["phrase", "抽查比例为5%;每年抽查1次"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "每年抽查比例为5%（“抽查比例为5%;每年抽查1次”中的一条）" in result.stdout
    assert "比例恰为5%" in result.stdout  # 为5% is exactly 5 %, not a floor
    assert "每年；恰为1次" in result.stdout


def test_a_text_read_whole_is_one_reading_and_a_text_no_part_reads_is_refused_whole(
    runner: CliRunner,
) -> None:
    whole = json.loads(
        runner.invoke(app, ["phrase", "全年抽查比例不低于5%,每年抽查1次", "--format", "json"]).stdout
    )
    assert [(row["share"], row["count"], row["cell"]) for row in whole] == [(5, 1, None)]
    refused = runner.invoke(app, ["phrase", "视情况；若干", "--format", "json"])
    assert refused.exit_code == 1
    [row] = json.loads(refused.stdout)
    assert (row["ok"], row["cell"], row["text"]) == (False, None, "视情况；若干")
    # a part the import notes instead of holding is shown so, not as 每年1次
    part = json.loads(runner.invoke(app, ["phrase", "比例5%;若干", "--format", "json"]).stdout)
    assert [(row["text"], row["ok"]) for row in part] == [("每年比例5%", True), ("若干", False)]
    assert part[1]["error"] == "“若干”没有次数、数量或比例，导入时不记为要求，记入待核对"
