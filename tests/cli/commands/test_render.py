"""`cgtask render` end to end: files written, Chinese errors, --all, help examples, PDF."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.errors import RenderError
from cgtask.render import batch, gbt9704, pdf
from cgtask.render.layout import OfficialDocument
from tests.render.conftest import DocxParts, paragraph_text

NOTICE_ISSUE = ["--number", "宝城执〔2022〕1号", "--date", "2022-01-20"]


def is_docx(path: Path) -> bool:
    return path.is_file() and "word/document.xml" in zipfile.ZipFile(path).namelist()


def test_notice_writes_a_docx(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "通知.docx"
    result = runner.invoke(app, ["render", "notice", "--doc", "tasks-2022", *NOTICE_ISSUE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert is_docx(out)
    assert "已写入" in result.stderr
    assert result.stdout == ""


def test_notice_without_number_names_the_missing_field_and_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    out = tmp_path / "通知.docx"
    result = runner.invoke(app, ["render", "notice", "--doc", "tasks-2022", "-o", str(out)])
    assert result.exit_code == 2
    assert "发文字号（--number）" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_plan_as_issued(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "方案.docx"
    result = runner.invoke(app, ["render", "plan", "--doc", "supervision-2022", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert is_docx(out)


def test_monthly_for_one_department(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "监督科.docx"
    args = ["render", "monthly", "--month", "3", "--dept", "监督科", "--date", "2022-03-07", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert is_docx(out)


@pytest.mark.parametrize("workers", [1, 2])
def test_monthly_all_writes_one_file_per_department_and_unit(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(batch, "worker_count", lambda documents: workers)  # in-process, and the pool
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["render", "monthly", "--month", "3", "--all", "--date", "2022-03-07", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 6 + 13  # 科室 and 中队 of the shipped organisation
    assert "2022年3月-监督科.docx" in names  # as the help says: the year of the month, not today's
    assert "2022年3月-吴淞街道中队.docx" in names


MONTHLY_ALL = ["render", "monthly", "--month", "3", "--all", "--date", "2022-03-07"]


def paragraph_texts(path: Path) -> list[str]:
    return [paragraph_text(p) for p in DocxParts(path).paragraphs()]


def test_monthly_all_equals_one_notice_at_a_time(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batching (one due query, worker processes) must not change a single paragraph."""
    monkeypatch.setattr(batch, "worker_count", lambda documents: 2)  # the pool even on one core
    result = runner.invoke(app, [*MONTHLY_ALL, "-o", str(tmp_path / "all")])
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "all").iterdir())
    assert len(written) == 6 + 13
    for path in written:
        name = path.stem.removeprefix("2022年3月-")
        target = ["--unit", name] if name.endswith("中队") else ["--dept", name]
        single = tmp_path / "one" / path.name
        args = ["render", "monthly", "--month", "3", *target, "--date", "2022-03-07", "-o", str(single)]
        single.parent.mkdir(exist_ok=True)
        assert runner.invoke(app, args).exit_code == 0
        assert paragraph_texts(path) == paragraph_texts(single), name


def test_monthly_all_worker_error_is_the_chinese_message_and_leaves_no_partial_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_build = gbt9704.build_docx

    def break_while_saving_one_unit(doc: OfficialDocument, **options: Any) -> Any:
        document = real_build(doc, **options)
        if doc.addressee == "吴淞街道中队":

            def save(handle: Any) -> None:
                handle.write(b"half")
                raise RenderError("公文内容有误，无法排版：测试")

            document.save = save
        return document

    monkeypatch.setattr(batch, "worker_count", lambda documents: 2)  # the pool even on one core
    monkeypatch.setattr(gbt9704, "build_docx", break_while_saving_one_unit)  # forked workers inherit it
    out = tmp_path / "out"
    result = runner.invoke(app, [*MONTHLY_ALL, "-o", str(out)])
    assert result.exit_code == 2
    assert "错误：公文内容有误，无法排版：测试" in result.stderr
    assert "Traceback" not in result.output
    assert "3月-吴淞街道中队.docx" not in [p.name for p in out.iterdir()]
    assert all(is_docx(p) for p in out.iterdir())  # complete files only, no temporaries


def test_monthly_all_killed_worker_is_a_chinese_error_and_leaves_no_temporary_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write_docx = gbt9704.write_docx

    def die_for_one_unit(doc: object, path: Path) -> None:
        if "吴淞街道中队" in path.name:
            (path.parent / f".{path.name}.half.tmp").write_bytes(b"half")
            os._exit(1)  # killed mid-write: no chance to clean up
        real_write_docx(doc, path)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "worker_count", lambda documents: 2)
    monkeypatch.setattr(gbt9704, "write_docx", die_for_one_unit)
    out = tmp_path / "out"
    result = runner.invoke(app, [*MONTHLY_ALL, "-o", str(out)])
    assert result.exit_code == 2
    assert "排版子进程意外退出" in result.stderr
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    assert all(is_docx(p) for p in out.iterdir())


def test_monthly_needs_exactly_one_target(runner: CliRunner, tmp_path: Path) -> None:
    args = ["render", "monthly", "--month", "3", "--dept", "监督科", "--all", "-o", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--dept、--unit、--all" in result.stderr


def test_unknown_department_suggests_the_nearest(runner: CliRunner, tmp_path: Path) -> None:
    args = ["render", "monthly", "--month", "3", "--dept", "监察科", "-o", str(tmp_path / "x.docx")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "监督科" in result.stderr


def test_bad_date_is_a_chinese_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    args = [
        "render",
        "notice",
        "--number",
        "宝城执〔2022〕1号",
        "--date",
        "3月7日",
        "-o",
        str(tmp_path / "n.docx"),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "--date" in result.stderr


def test_undefined_variable_in_user_templates_names_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "plan.txt.j2").write_text("现将方案印发给你们。\n{{ plan_titel }}\n", encoding="utf-8")
    args = ["render", "plan", "--templates", str(templates), "-o", str(tmp_path / "p.docx")]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "plan.txt.j2 第 2 行" in result.stderr
    assert "plan_titel" in result.stderr


def test_pdf_without_libreoffice_says_so_in_chinese(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    out = tmp_path / "通知.pdf"
    result = runner.invoke(app, ["render", "notice", *NOTICE_ISSUE, "-o", str(out)])
    assert result.exit_code == 2
    assert "LibreOffice" in result.stderr
    assert not out.exists()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="需要 LibreOffice（soffice）")
def test_pdf_by_output_suffix(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "通知.pdf"
    result = runner.invoke(app, ["render", "notice", *NOTICE_ISSUE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert is_docx(out.with_suffix(".docx"))


@pytest.mark.parametrize("command", ["notice", "plan", "monthly"])
def test_every_command_has_chinese_help_with_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, ["render", command, "--help"])
    assert result.exit_code == 0
    assert "示例：" in result.stdout
    assert f"cgtask render {command}" in result.stdout


def test_notice_without_doc_uses_the_registrys_only_task_table(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "通知.docx"
    result = runner.invoke(app, ["render", "notice", *NOTICE_ISSUE, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert is_docx(out)


def test_summary_without_doc_lists_the_candidates(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "总结.docx"
    result = runner.invoke(app, ["render", "summary", "-o", str(out)])
    assert result.exit_code == 2
    assert "plan-2021-putuo、plan-2022-city、plan-2023-changning" in result.stderr
    assert "--doc" in result.stderr
    assert not out.exists()


def test_monthly_all_into_a_file_names_the_options(runner: CliRunner, tmp_path: Path) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["render", "monthly", "--month", "5", "--all", "-o", str(a_file)])
    assert result.exit_code == 2
    assert "--all 需要一个目录作为 -o" in result.stderr


@pytest.mark.parametrize("command", ["notice", "plan", "summary", "report", "monthly"])
def test_the_issuing_options_are_declared_once_and_shown_by_each_command(
    runner: CliRunner, command: str
) -> None:
    shown = runner.invoke(app, ["render", command, "--help"], env={"COLUMNS": "200"}).stdout
    for flag in ("--pdf", "--number", "--date", "--templates", "--force", "--sealed"):
        assert flag in shown
    assert ("--to " in shown) == (command in ("notice", "plan", "summary"))
    assert ("--cc " in shown) == (command != "report")
