"""Probes: a filled form is evidence, not authority.

A tampered or stale identity sheet, or numbers without bounds, are refused at their cell with nothing written,
never an internal error.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cgtask import api
from cgtask.interchange.forms.layout import META_SHEET
from cgtask.interchange.ledger_forms import import_forms
from cgtask.support.limits import MAX_ACTIONS
from tests.probes.forms_util import (
    TODAY,
    copy_meta_line,
    filled_form,
    meta_column,
    meta_line,
    set_meta,
)


def _refused(registry: Path, form: Path) -> list[str]:
    before = (registry / "ledger.yaml").read_bytes()
    outcome = import_forms(api.open_registry(registry), [form], today=TODAY)
    assert not outcome.read.ok
    assert not outcome.written
    assert (registry / "ledger.yaml").read_bytes() == before
    return [p.format() for p in outcome.read.problems]


def test_the_untouched_form_imports(registry_copy: Path, tmp_path: Path) -> None:
    form = filled_form(registry_copy, tmp_path)
    assert import_forms(api.open_registry(registry_copy), [form], today=TODAY).written


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("unit", "张庙街道中队"),  # another 中队's records
        ("level", "区局"),  # another level
        ("doc", "supervision-2099"),  # an unknown document
        ("item", "99"),  # an unknown item
        ("period", "2022-13"),  # no such period
        ("start", "2022-01-01"),  # a period widened to the year
        ("end", "2022-12-31"),
        ("needs", "quantity,base,covers"),  # fill-in cells the row does not have
        ("fingerprint", "fp-0000000000000000"),
        ("row", 5),  # the line points at another visible row
    ],
)
def test_a_tampered_identity_line_is_refused_at_its_cell(
    registry_copy: Path, tmp_path: Path, field: str, value: Any
) -> None:
    form = filled_form(registry_copy, tmp_path)
    line = meta_line(form, "整改问题")
    set_meta(form, f"{meta_column(field)}{line}", value)
    problems = _refused(registry_copy, form)
    assert any(f"!{META_SHEET}!" in p and ("F108" in p or "F105" in p) for p in problems), problems


def test_one_visible_row_listed_twice_is_refused(registry_copy: Path, tmp_path: Path) -> None:
    form = filled_form(registry_copy, tmp_path)
    copy = copy_meta_line(form, meta_line(form, "整改问题"))
    assert any(f"{META_SHEET}!A{copy}  F108" in p for p in _refused(registry_copy, form))


@pytest.mark.parametrize(
    ("cell", "value"),
    [("B6", "张庙街道中队"), ("B6", "吴淞中队（旧名）"), ("B7", "科室"), ("B5", 13), ("B4", 99999)],
)
def test_a_tampered_or_stale_form_identity_is_refused(
    registry_copy: Path, tmp_path: Path, cell: str, value: Any
) -> None:
    form = filled_form(registry_copy, tmp_path)
    set_meta(form, cell, value)
    problems = _refused(registry_copy, form)
    assert any(f"{META_SHEET}!" in p and "F108" in p for p in problems), problems


def test_a_form_sent_before_a_rename_is_refused(registry_copy: Path, tmp_path: Path) -> None:
    form = filled_form(registry_copy, tmp_path)
    for name in ("organization.yaml", "ledger.yaml"):
        path = registry_copy / name
        path.write_text(path.read_text("utf-8").replace("吴淞街道中队", "吴淞中队"), "utf-8")
    problems = _refused(registry_copy, form)
    assert any(f"{META_SHEET}!B6  F108" in p and "改过名" in p for p in problems), problems


@pytest.mark.parametrize("number", [10**9, -3, "1e9", "A"])
def test_identity_row_numbers_out_of_range_are_refused(
    registry_copy: Path, tmp_path: Path, number: Any
) -> None:
    form = filled_form(registry_copy, tmp_path)
    line = meta_line(form, "整改问题")
    set_meta(form, f"A{line}", number)
    assert any("F106" in p or "F108" in p for p in _refused(registry_copy, form))


@pytest.mark.parametrize(
    "cells",
    [
        {"quantity": 1e308},
        {"quantity": 2**63},
        {"quantity": "100000000000000000000"},
        {"quantity": "10^20"},
        {"quantity": float("inf")},
        {"count": MAX_ACTIONS + 1},
        {"count": -1},
        {"note": "完成\x9b2J\x9d0;pwned\x7f"},
    ],
)
def test_numbers_and_notes_beyond_the_bounds_are_refused(
    registry_copy: Path, tmp_path: Path, cells: dict[str, Any]
) -> None:
    form = filled_form(registry_copy, tmp_path, **cells)
    problems = _refused(registry_copy, form)
    assert any("!台账!" in p and ("F12" in p or "F132" in p) for p in problems), problems


def test_a_formula_cached_as_a_huge_number_is_refused(registry_copy: Path, tmp_path: Path) -> None:
    import re
    import zipfile

    form = filled_form(registry_copy, tmp_path, quantity=17)
    data = {name: zipfile.ZipFile(form).read(name) for name in zipfile.ZipFile(form).namelist()}
    sheet = data["xl/worksheets/sheet1.xml"]
    cached = rb"\1<f>10^308*1.8</f><v>1.8e308</v>"
    data["xl/worksheets/sheet1.xml"] = re.sub(rb'(<c r="K\d+"[^>]*>)<v>17</v>', cached, sheet, count=1)
    assert data["xl/worksheets/sheet1.xml"] != sheet
    with zipfile.ZipFile(form, "w") as out:
        for name, content in data.items():
            out.writestr(name, content)
    assert any("F122" in p for p in _refused(registry_copy, form))


def test_done_and_forms_share_the_bound() -> None:
    from cgtask.actions import record

    assert record.MAX_ACTIONS == MAX_ACTIONS
    assert date(2022, 3, 29) < TODAY


@pytest.mark.parametrize(("row", "column"), [(15, "J"), (60, "I"), (4000, "N")])
def test_a_row_added_to_the_form_is_refused_not_lost(
    registry_copy: Path, tmp_path: Path, row: int, column: str
) -> None:
    """A row the form does not list (a careless user's extra line) would be dropped silently: F126 says so."""
    from openpyxl import load_workbook

    form = filled_form(registry_copy, tmp_path)
    workbook = load_workbook(form)
    workbook["台账"][f"B{row}"] = "1"
    workbook["台账"][f"{column}{row}"] = "2022-03-29" if column == "I" else 5
    workbook.save(form)
    assert any(f"台账!{column}{row}  F126" in p for p in _refused(registry_copy, form))


@pytest.mark.parametrize("cells", [{"base": 10**7}, {"base": -1}, {"covers": "无此中队"}, {"base": "1e308"}])
def test_a_locked_cell_filled_anyway_is_refused_not_dropped(
    registry_copy: Path, tmp_path: Path, cells: dict[str, Any]
) -> None:
    """整改问题 takes no 基数 and no 覆盖中队: a value there (protection lifted) is refused at its cell (F127)."""
    form = filled_form(registry_copy, tmp_path, **cells)
    assert any("F127" in p for p in _refused(registry_copy, form))


def test_a_locked_cell_filled_does_not_hide_the_rows_other_problems(
    registry_copy: Path, tmp_path: Path
) -> None:
    """Every problem of a form is listed at once: a filled 基数 (F127) and an impossible date (F111) alike."""
    form = filled_form(registry_copy, tmp_path, base=5, date="2022-03-32")
    codes = {p.split()[1] for p in _refused(registry_copy, form)}
    assert {"F127", "F111"} <= codes
