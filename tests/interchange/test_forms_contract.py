"""The contract around the forms: rows from ``cgtask due``'s rows, withdrawn rows, light imports."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date

from cgtask.interchange.forms import FormQuota, form_row_from_due, withdrawn_origins
from cgtask.queries.requirements import Quantity
from cgtask.queries.rows import DueRow
from tests.interchange.test_forms_fixtures import SQUADS

DUE_ROW = DueRow(
    item="4", title="执法规范督察", doc="supervision-2022", level="区局", unit=None,
    responsible=["监督科"], period="2022-Q1", period_start=date(2022, 1, 1), period_end=date(2022, 3, 31),
    due=date(2022, 3, 31), times=1, quota=Quantity(10, "%", "period", "当季案件数"),
    coverage=12, coverage_window="quarter", duration=None, requirement="不少于1次，每季度覆盖全部12个中队",
    frequency="每季度", source=["正文", "附件1"], disagreement=None, role="lead", via=None,
    provisional=False,
)  # fmt: skip


def test_a_due_row_becomes_a_form_row() -> None:
    row = form_row_from_due(DUE_ROW, period_label="2022年第一季度", units=SQUADS)
    assert (row.period_start, row.period_end, row.due) == (
        date(2022, 1, 1),
        date(2022, 3, 31),
        date(2022, 3, 31),
    )
    assert row.quota == FormQuota(10.0, "%", "period", "当季案件数")
    assert row.wants_base
    assert (row.coverage, row.units, row.wants_covers) == (12, SQUADS, True)
    assert (row.source, row.role, row.requirement) == ("正文、附件1", "牵头", DUE_ROW.requirement)


def test_a_due_row_without_coverage_offers_no_units() -> None:
    plain = replace(DUE_ROW, coverage=None, quota=None, role=None, source=[])
    row = form_row_from_due(plain, period_label="2022年第一季度", units=SQUADS)
    assert (row.units, row.quota, row.role, row.source) == ((), None, None, "")


def test_rows_emptied_in_a_corrected_form_are_found() -> None:
    ledger = [{"origin": "r/吴淞/2022-03/a"}, {"origin": "r/吴淞/2022-03/b"}, {"item": "1"}]
    assert withdrawn_origins(ledger, ["r/吴淞/2022-03/b", "r/吴淞/2022-03/c"]) == ["r/吴淞/2022-03/b"]


def test_importing_the_forms_package_loads_no_openpyxl() -> None:
    code = "import sys, json, cgtask.interchange.forms; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    )
    assert not {"openpyxl", "pydantic", "typer"} & set(loaded)
