"""The page gate for the year's end: the 局务会's 调整情况说明 and the 年度执法监督工作总结, through LibreOffice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cgtask import api
from cgtask.official.issue import IssueOptions
from cgtask.official.summary import summary_document
from cgtask.official.year_diff import diff_document
from tests.render.test_page_gate import needs_libreoffice, render_and_check
from tests.years_registry import edit_2023_drafts


@pytest.mark.slow
@needs_libreoffice
@pytest.mark.parametrize("name", ["diff", "year_summary"])
def test_page_gate(name: str, two_years: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_2023_drafts(two_years)
    registry = api.open_registry(two_years)
    day = date(2023, 1, 5)
    if name == "diff":
        document = diff_document(registry, "2022", "2023", IssueOptions(), day)
    else:
        document = summary_document(registry, 2022, IssueOptions(date=day), explain=True)
    result = render_and_check(name, document, tmp_path)
    with capsys.disabled():
        print(f"\n{result.summary()}")
    assert result.problems == [], "\n".join(result.problems)
