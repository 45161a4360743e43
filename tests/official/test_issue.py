"""``api.render(kind, target, issuing)``: one path for every kind, the document chosen when only one fits."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from cgtask import api
from cgtask.errors import UsageError

ISSUED = api.Issuing(number="宝城执〔2022〕1号", date=date(2022, 1, 20))


def _is_docx(path: Path) -> bool:
    return path.is_file() and "word/document.xml" in zipfile.ZipFile(path).namelist()


@pytest.mark.parametrize(
    ("kind", "target", "name"),
    [
        ("notice", api.DocumentTarget("tasks-2022"), "通知.docx"),
        ("supervision_plan", api.DocumentTarget(), "方案.docx"),
        ("summary", api.DocumentTarget("plan-2022-city"), "工作总结和工作计划.docx"),
        ("report", api.AsOfTarget(date(2022, 6, 30)), "通报.docx"),
        # January: a notice dated 2022-01-20 may cite only what took effect by then (the task table).
        ("monthly", api.MonthTarget(1, dept="办公室"), "月度通知.docx"),
    ],
)
def test_every_kind_goes_through_one_path(
    tmp_path: Path, kind: api.RenderKind, target: api.RenderTarget, name: str
) -> None:
    from dataclasses import replace

    written = api.render(None, kind, target, replace(ISSUED, output=tmp_path))
    assert written.paths == [tmp_path / name]
    assert _is_docx(tmp_path / name)


def test_without_a_document_id_the_only_one_of_its_kind_is_used(tmp_path: Path) -> None:
    from dataclasses import replace

    chosen = api.render(None, "notice", api.DocumentTarget(), replace(ISSUED, output=tmp_path / "a.docx"))
    named = api.render(
        None, "notice", api.DocumentTarget("tasks-2022"), replace(ISSUED, output=tmp_path / "b.docx")
    )
    assert zipfile.ZipFile(chosen.paths[0]).read("word/document.xml") == zipfile.ZipFile(named.paths[0]).read(
        "word/document.xml"
    )


def test_several_documents_of_the_kind_are_listed_and_nothing_is_written(tmp_path: Path) -> None:
    from dataclasses import replace

    with pytest.raises(api.DocumentNotChosen) as raised:
        api.render(None, "summary", api.DocumentTarget(), replace(ISSUED, output=tmp_path))
    assert raised.value.candidates == ["plan-2021-putuo", "plan-2022-city", "plan-2023-changning"]
    assert "plan-2022-city" in str(raised.value)
    assert "--" not in str(raised.value)  # the core names no flags; the command line adds --doc
    assert isinstance(raised.value, UsageError)
    assert not list(tmp_path.iterdir())


def test_a_target_of_another_kind_is_a_programming_error(tmp_path: Path) -> None:
    from dataclasses import replace

    with pytest.raises(TypeError):
        api.render(None, "report", api.DocumentTarget("tasks-2022"), replace(ISSUED, output=tmp_path))


def test_the_monthly_batch_writes_one_file_each_and_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    from dataclasses import replace

    started: list[int] = []
    folder = tmp_path / "all"
    in_may = replace(ISSUED, output=folder, date=date(2022, 5, 5))  # after the plan took effect (03-07)
    count = api.render_monthly_all(None, api.MonthTarget(5), in_may, on_start=started.append)
    assert started == [count]
    assert len(list(folder.glob("*.docx"))) == count
    a_file = tmp_path / "a-file"
    a_file.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="是文件") as raised:
        api.render_monthly_all(None, api.MonthTarget(5), replace(ISSUED, output=a_file))
    assert "--all" not in str(raised.value)
