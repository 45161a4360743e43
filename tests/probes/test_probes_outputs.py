"""Probes: what leaves is inert.

CSV text that a spreadsheet would run starts with ``'`` (numbers stay numbers), control characters are refused
on input and shown escaped on output (terminal, md, xlsx).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.cli.options import OutputFormat
from cgtask.cli.output import emit
from cgtask.interchange.export import Column, Table, csv_text, workbook_bytes
from cgtask.support.text import inert_cell

FORMULAS = ['=HYPERLINK("http://x","点我")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_text_is_neutralised(text: str) -> None:
    assert inert_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-3", "+1.5", "-2.5e3", "17", "正常", "", "2022-03-08"])
def test_numbers_and_words_are_left_alone(text: str) -> None:
    assert inert_cell(text) == text


def test_export_csv_and_xlsx_carry_no_live_formula_or_control_character() -> None:
    note = '=HYPERLINK("http://x")\x1b]0;pwned\x07'
    table = Table(
        "ledger", "台账", [Column("note", "说明"), Column("count", "次数")], [{"note": note, "count": -1}]
    )
    [_, row] = list(csv.reader(io.StringIO(csv_text(table))))
    assert row[0].startswith("'=")
    assert "\x1b" not in row[0]
    assert row[1] == "-1"
    assert workbook_bytes([table])  # no IllegalCharacterError


def test_terminal_markdown_and_csv_output_escape_control_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = [{"note": "完成\x1b[2J\x1b]0;标题\x07\x9b"}]
    for fmt in (OutputFormat.table, OutputFormat.md, OutputFormat.csv):
        emit(rows, [("note", "说明")], fmt)
        out = capsys.readouterr().out
        assert "\x1b" not in out
        assert "\x07" not in out
        assert "\x9b" not in out
        assert "\\x1b" in out


def test_done_refuses_a_note_with_control_characters(runner: CliRunner, registry_copy: Path) -> None:
    before = (registry_copy / "ledger.yaml").read_bytes()
    result = runner.invoke(
        app,
        ["done", "1", "--doc", "supervision-2022", "--unit", "吴淞街道中队", "--date", "2022-03-08",
         "--note", "完成\x1b[2J", "-r", str(registry_copy)],
    )  # fmt: skip
    assert result.exit_code != 0
    assert "控制字符" in result.output
    assert (registry_copy / "ledger.yaml").read_bytes() == before


def test_ledger_list_csv_neutralises_a_formula_note(runner: CliRunner, registry_copy: Path) -> None:
    note = '=HYPERLINK("http://x","点我")'
    done = runner.invoke(
        app,
        ["done", "1", "--doc", "supervision-2022", "--unit", "吴淞街道中队", "--date", "2022-03-08",
         "--period", "2022-W10", "--note", note, "-r", str(registry_copy)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["ledger", "list", "--format", "csv", "-r", str(registry_copy)])
    assert listed.exit_code == 0, listed.output
    cells = [cell for row in csv.reader(io.StringIO(listed.stdout)) for cell in row]
    assert "'" + note in cells
    assert note not in cells
