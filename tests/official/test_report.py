"""`cgtask render report` at XML level: title size, the tables, the red items by name."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.render.conftest import DocxParts, W, attr, paragraph_text


def test_report_docx(runner: CliRunner, ledger_registry: Path, tmp_path: Path) -> None:
    out = tmp_path / "通报.docx"
    result = runner.invoke(
        app, ["render", "report", "--as-of", "2022-03-10", "-o", str(out), "-r", str(ledger_registry)]
    )
    assert result.exit_code == 0, result.output
    parts = DocxParts(out)
    title = parts.paragraph_with("完成情况的通报")
    assert {int(attr(run, "w:rPr/w:sz", "val") or 0) for run in title.iter(f"{{{W}}}r")} == {44}
    texts = [paragraph_text(p) for p in parts.paragraphs()]
    body = "\n".join(texts)
    assert "截至2022年3月10日" in body
    assert "（一）监督科" in body
    assert "（二）法制科" in body
    assert "（三）各中队" in body
    tables = list(parts.document.iter(f"{{{W}}}tbl"))
    assert len(tables) == 3
    first_table = "".join(t.text or "" for t in tables[0].iter(f"{{{W}}}t"))
    assert "月度督察" in first_table
    assert "50.0%" in first_table
    red = next(text for text in texts if text.startswith("以下事项已过期限"))
    assert "法制审核（第1.2项，逾期9项次）" in red  # week 9 closed with one of two is late too
    assert "中队巡查（第1.3项，机动执法中队，逾期1项次）" in red
    assert "月度督察（第1.1项，逾期1项次）" in red


def test_report_needs_as_of(runner: CliRunner, ledger_registry: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["render", "report", "-o", str(tmp_path / "x.docx"), "-r", str(ledger_registry)]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.docx").exists()


def test_every_new_command_has_an_example(runner: CliRunner) -> None:
    for command in (["done"], ["overdue"], ["progress"], ["render", "report"]):
        page = runner.invoke(app, [*command, "--help"]).stdout
        assert "示例：" in page, command
