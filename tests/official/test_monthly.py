"""The monthly notice as a recipient reads it: its date, its wording of roles, nothing internal.

Issue 21: a March 2022 notice was dated 2022-03-01 while citing the plan issued on 03-07, printed
（两处规定不一致） in the attachment sent out, and told a 中队 it 牵头.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cgtask import api
from cgtask.errors import UsageError
from cgtask.official.issue import IssueOptions
from cgtask.official.monthly import monthly_document
from cgtask.queries.context import prepare
from cgtask.queries.month_request import MonthRequest
from cgtask.registry.view import Registry
from cgtask.render.gbt9704 import write_docx
from tests.render.conftest import DocxParts, paragraph_text


@pytest.fixture(scope="module")
def registry() -> Registry:
    return api.open_registry()


def notice_text(registry: Registry, tmp_path: Path, month: int, **target: str) -> str:
    """The notice's text as written to .docx: every paragraph, the attachment's cells included."""
    doc = monthly_document(prepare(registry), MonthRequest(month, **target))
    path = tmp_path / "notice.docx"
    write_docx(doc, path)
    return "\n".join(paragraph_text(p) for p in DocxParts(path).paragraphs())


def test_march_notice_is_dated_when_the_plan_it_cites_took_effect(registry: Registry) -> None:
    doc = monthly_document(prepare(registry), MonthRequest(3, unit="罗店镇中队"))
    # 宝城执〔2022〕3号 was issued on 2022-03-07 (a Monday): not 2022-03-01, the month's first workday.
    assert doc.date == date(2022, 3, 7)
    assert doc.colophon is not None
    assert doc.colophon.print_date == date(2022, 3, 7)


def test_a_month_citing_no_later_plan_keeps_its_first_workday(registry: Registry) -> None:
    doc = monthly_document(prepare(registry), MonthRequest(4, dept="监督科"))
    assert doc.date == date(2022, 4, 1)
    january = monthly_document(prepare(registry), MonthRequest(1, dept="办公室"))
    assert january.date == date(2022, 1, 4)  # 1–3 January 2022 is the 元旦 holiday


def test_a_date_given_before_the_cited_plan_is_refused(registry: Registry) -> None:
    with pytest.raises(UsageError) as caught:
        monthly_document(
            prepare(registry), MonthRequest(3, dept="监督科"), IssueOptions(date=date(2022, 3, 1))
        )
    message = str(caught.value)
    assert "2022年3月1日" in message
    assert "宝山区城管执法系统2022年执法监督工作方案" in message
    assert "2022年3月7日" in message


def test_no_internal_note_reaches_the_notice(registry: Registry, tmp_path: Path) -> None:
    # 行为规范 街镇中队: 附件1 每天 and 正文 每周不少于2次 disagree; the 中队 is told only what counts.
    text = notice_text(registry, tmp_path, 3, unit="罗店镇中队")
    assert "行为规范督察" in text
    assert "不一致" not in text


def test_a_unit_is_responsible_never_leading(registry: Registry, tmp_path: Path) -> None:
    text = notice_text(registry, tmp_path, 3, unit="罗店镇中队")
    assert "牵头" not in text
    assert "你中队负责6项工作到期" in text
    assert "你中队负责的事项为：" in text


def test_a_department_is_told_its_roles_as_the_documents_state_them(
    registry: Registry, tmp_path: Path
) -> None:
    # 办公室 in March: 队伍建设检查 through the plan's 各科室 (负责), 综治维稳月报表 as 配合 in the task table.
    text = notice_text(registry, tmp_path, 3, dept="办公室")
    assert "你科负责1项、配合1项工作到期" in text
    assert "牵头" not in text.replace("请主动与牵头部门对接", "")
