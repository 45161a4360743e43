"""`cgtask render report` at XML level: title size, the tables, the red items by name."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.render.conftest import DocxParts, W, attr, paragraph_text
from tests.render.test_pdf import needs_libreoffice


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


# --- the 完成率 column, as a clerk sees it on the page ---------------------------------------------


def _worst_case_report(folder: Path) -> Path:
    """The report's two tables filled with the widest values they take: 100.0%, long names and requirements."""
    from datetime import date

    from cgtask.official.report import _item_table, _unit_table
    from cgtask.render.gbt9704 import write_docx
    from cgtask.render.layout import OfficialDocument, Paragraph
    from cgtask.render.pdf import convert_to_pdf

    requirement = "不少于50起（推定：方案未写周期，承上句按每月计），每月覆盖全部12个中队"
    items = [
        {"name": "重复诉件、重复信访、不依法履职件督察", "requirement": requirement, "occurrences": 1200,
         "complete": 1200, "required": 1, "done": 1, "rate": rate, "overdue": 0, "item": "5", "doc": "x"}
        for rate in (1.0, 2 / 3, 0.0)
    ]  # fmt: skip
    units = [{"name": "友谊路街道中队", "occurrences": 4160, "complete": 4160, "required": 1, "done": 1,
              "rate": 1.0, "overdue": 4160}]  # fmt: skip
    tables = [_item_table(items), _unit_table(units)]  # type: ignore[arg-type]
    doc = OfficialDocument(
        title="完成情况的通报", body=[Paragraph("各表："), *tables], signature="上海市宝山区城市管理行政执法局",
        date=date(2022, 12, 30),
    )  # fmt: skip
    write_docx(doc, folder / "通报.docx")
    convert_to_pdf(folder / "通报.docx", folder / "通报.pdf")
    return folder / "通报.pdf"


@needs_libreoffice
def test_the_rate_column_never_wraps_on_the_page(tmp_path: Path) -> None:
    import re
    import subprocess

    pdf = _worst_case_report(tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # Each rate on its row's line, whole: a wrapped one leaves 100.0 and % (or 完成 and 率) on two lines.
    assert re.findall(r"\d+\.\d%", text) == ["100.0%", "66.7%", "0.0%", "100.0%"]
    assert sum(line.split()[-1] == "完成率" for line in lines) == 1  # the item table's header, whole
    assert not [line for line in lines if line in {"%", "率", "完成"}]


def test_a_daily_duty_is_named_late_by_its_days(runner: CliRunner, tmp_path: Path) -> None:
    """行为规范督察 每天 from 7 March: by 31 March each 中队 is late 24 days (the 31st is due, not late)."""
    registry = tmp_path / "登记册"
    assert runner.invoke(app, ["init", str(registry)]).exit_code == 0
    for day in range(7, 22):  # 罗店镇中队 did 15 days
        done = [
            "done",
            "2",
            "--unit",
            "罗店镇中队",
            "--activity",
            "行为规范督察",
            "--date",
            f"2022-03-{day:02d}",
        ]
        assert runner.invoke(app, [*done, "-r", str(registry)]).exit_code == 0
    out = tmp_path / "通报.docx"
    result = runner.invoke(
        app, ["render", "report", "--as-of", "2022-03-31", "-o", str(out), "-r", str(registry)]
    )
    assert result.exit_code == 0, result.output
    red = next(
        p for p in map(paragraph_text, DocxParts(out).paragraphs()) if p.startswith("以下事项已过期限")
    )
    assert f"行为规范督察（第2项，友谊路街道中队等12个中队，逾期{12 * 24 - 15}项次）" in red
