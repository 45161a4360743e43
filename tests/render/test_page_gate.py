"""The page gate: every document kind from the shipped registry, through LibreOffice, read back.

Slow; skipped without LibreOffice or poppler-utils.  Each document's one-line summary is
printed (``pytest -s`` shows it); a failure lists every problem the gate found in it.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cgtask import api
from cgtask.official.issue import IssueOptions
from cgtask.official.monthly import monthly_document
from cgtask.official.notice import notice_document
from cgtask.official.report import report_document
from cgtask.official.supervision_plan import plan_document
from cgtask.official.work_plan import summary_document
from cgtask.queries.context import prepare
from cgtask.queries.month_request import MonthRequest
from cgtask.registry.view import Registry
from cgtask.render import pdf
from cgtask.render.layout import OfficialDocument, format_cn_date
from tests.render.page_gate import Expectation, GateResult, check_pdf

needs_libreoffice = pytest.mark.skipif(
    pdf.find_soffice() is None or shutil.which("pdftotext") is None,
    reason="需要 LibreOffice（libreoffice-writer-nogui）和 poppler-utils（pdftotext）",
)

KINDS: dict[str, Callable[[Registry], OfficialDocument]] = {
    "notice": lambda r: notice_document(
        r, "tasks-2022", IssueOptions(number="宝城执〔2022〕1号", date=date(2022, 1, 20))
    ),
    "plan": lambda r: plan_document(r, "supervision-2022"),
    "monthly": lambda r: monthly_document(
        prepare(r), MonthRequest(3, dept="监督科"), IssueOptions(date=date(2022, 3, 7))
    ),
    "report": lambda r: report_document(prepare(r), date(2022, 3, 31)),
    "summary": lambda r: summary_document(r, "plan-2022-city"),
    # the sealed 落款 (date 右空四字, 署名 centred over it) with a date longer than usual
    "sealed": lambda r: dataclasses.replace(
        monthly_document(prepare(r), MonthRequest(3, dept="监督科"), IssueOptions(date=date(2022, 12, 31))),
        sealed=True,
    ),
}


def expectation(doc: OfficialDocument) -> Expectation:
    return Expectation(
        signature=doc.signature,
        date=format_cn_date(doc.date),
        mark=doc.issuer_mark,
        sealed=doc.sealed,
        attachment_titles=[attachment.title for attachment in doc.attachments],
    )


def render_and_check(name: str, doc: OfficialDocument, folder: Path) -> GateResult:
    from cgtask.render.batch import write_document

    written = write_document(doc, folder / f"{name}.docx", pdf=True)
    return check_pdf(name, written.paths[1], expectation(doc))


@pytest.fixture(scope="module")
def registry() -> Registry:
    return api.open_registry()


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.parametrize("name", list(KINDS))
def test_page_gate(name: str, registry: Registry, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = render_and_check(name, KINDS[name](registry), tmp_path)
    with capsys.disabled():  # the summary is the gate's report: shown whether it passes or not
        print(f"\n{result.summary()}")
    assert result.problems == [], "\n".join(result.problems)
