"""The published plans of other bureaus (tests/data/plans): complete, consistent, and buildable as .xlsx/.docx.

These check the acceptance data itself, not cgtask's import of it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ruamel.yaml import YAML

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
KINDS = {"inspection_plan", "work_plan", "task_breakdown"}
DUTY_KINDS = {"count", "share", "quantity", "coverage", "deadline", "milestone"}
PERIODS = {"year", "half", "quarter", "month", "week", "day", "once"}
DUTY_KEYS = {
    "kind",
    "period",
    "min",
    "max",
    "exact",
    "unit",
    "base",
    "per",
    "unit_group",
    "window",
    "deadline",
    "event",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("plan_build_files", PLANS / "build_files.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


build_files = _load_builder()
KEYS = build_files.plan_keys()


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(name) for name in value]


def test_enough_plans_of_each_kind() -> None:
    kinds = [_yaml(PLANS / key / "expected.yaml")["kind"] for key in KEYS]
    assert len(KEYS) >= 6
    assert kinds.count("inspection_plan") >= 3
    assert "work_plan" in kinds
    assert "task_breakdown" in kinds


@pytest.mark.parametrize("key", KEYS)
def test_folder_is_complete(key: str) -> None:
    folder = PLANS / key
    for name in ("source.md", "table.yaml", "expected.yaml"):
        assert (folder / name).is_file(), f"{key}: {name} missing"
    source = (folder / "source.md").read_text(encoding="utf-8")
    assert re.search(r"\*\*URL:\*\* https?://\S+", source), f"{key}: source.md names no URL"
    for field in ("**Title:**", "**Issuing body:**", "**Date:**", "**Kind:**"):
        assert field in source, f"{key}: source.md lacks {field}"
    assert "caveat" in source.lower()


@pytest.mark.parametrize("key", KEYS)
def test_table_is_rectangular(key: str) -> None:
    table = _yaml(PLANS / key / "table.yaml")
    headings = table["headings"]
    assert table["title"].strip()
    assert headings
    assert len(set(headings)) == len(headings)
    assert all(isinstance(cell, str) and cell.strip() for cell in headings)
    assert table["rows"], f"{key}: no rows"
    for index, row in enumerate(table["rows"]):
        assert len(row) == len(headings), f"{key}: row {index} has {len(row)} cells, not {len(headings)}"
        assert all(isinstance(cell, str) for cell in row), f"{key}: row {index} holds a non-text cell"
    assert len(table["rows"]) <= 40


@pytest.mark.parametrize("key", KEYS)
def test_expected_matches_table(key: str) -> None:
    table = _yaml(PLANS / key / "table.yaml")
    expected = _yaml(PLANS / key / "expected.yaml")
    assert expected["plan"] == key
    assert expected["kind"] in KINDS
    rows = table["rows"]
    seen = [item["row"] for item in expected["requirements"]]
    assert sorted(seen) == list(range(len(rows))), f"{key}: expected.yaml must cover each row once"
    number_column = table["headings"].index("序号") if "序号" in table["headings"] else None
    for item in expected["requirements"]:
        row = rows[item["row"]]
        if number_column is not None:
            assert item["number"] == row[number_column]
        assert item["task"].strip()
        assert item["responsible"] or expected.get("no_responsible_column"), (
            f"{key}: row {item['row']} names nobody"
        )
        assert "level" in item
        assert "object" in item
        assert "inspecting_body" in item
        text = "".join(row)
        for role, value in item["role_words"].items():
            assert role in table["headings"] or role in {"牵头", "配合", "区县"}, f"{key}: {role}"
            for name in _names(value):
                assert name in text, f"{key}: row {item['row']}: {name} is not in the row as published"
        if item.get("inspecting_body"):
            assert item["inspecting_body"] in text
        for duty in item["duties"]:
            _check_duty(key, item["row"], duty)


def _check_duty(key: str, row: int, duty: dict[str, Any]) -> None:
    where = f"{key}: row {row}"
    assert set(duty) <= DUTY_KEYS, f"{where}: unknown duty keys {set(duty) - DUTY_KEYS}"
    assert duty["kind"] in DUTY_KINDS, where
    assert duty["period"] in PERIODS, where
    bounds = {name: duty[name] for name in ("min", "max", "exact") if name in duty}
    assert all(isinstance(value, int | float) for value in bounds.values()), where
    if "exact" in bounds:
        assert "min" not in bounds, where
        assert "max" not in bounds, where
    if "min" in bounds and "max" in bounds:
        assert bounds["min"] <= bounds["max"], where
    if duty["kind"] in {"count", "share", "quantity", "coverage"}:
        assert bounds, f"{where}: a {duty['kind']} needs a bound"
        assert duty.get("unit"), f"{where}: a {duty['kind']} needs a unit"
    if duty["kind"] == "share":
        assert "base" in duty, where
        assert duty["base"]["name"], where
    if duty["kind"] in {"deadline", "milestone"}:
        assert duty.get("deadline"), where
    deadline = duty.get("deadline")
    if deadline is not None and not duty.get("event"):
        assert DATE.match(str(deadline)), (
            f"{where}: deadline {deadline!r} is neither a date nor an event rule"
        )
    window = duty.get("window")
    if window and "start_month" in window:
        assert 1 <= window["start_month"] <= window["end_month"] <= 12, where


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plans")
    build_files.build(out)
    return out


@pytest.mark.parametrize("key", KEYS)
def test_xlsx_holds_the_table(key: str, built: Path) -> None:
    from openpyxl import load_workbook

    table = build_files.load_table(key)
    sheet = load_workbook(built / f"{key}.xlsx").active
    values = [
        ["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values[0][0] == table.title
    assert values[1] == table.headings
    assert values[2:] == table.rows


@pytest.mark.parametrize("key", KEYS)
def test_docx_holds_the_table(key: str, built: Path) -> None:
    from docx import Document

    table = build_files.load_table(key)
    document = Document(str(built / f"{key}.docx"))
    assert document.paragraphs[0].text == table.title
    assert len(document.tables) == 1
    cells = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert cells[0] == table.headings
    assert cells[1:] == table.rows


def test_build_is_deterministic(tmp_path: Path) -> None:
    first = build_files.build(tmp_path / "a")
    second = build_files.build(tmp_path / "b")
    assert [path.name for path in first] == [path.name for path in second]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.name


def test_builder_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build_files.main([str(tmp_path), KEYS[0]]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"{KEYS[0]}.docx", f"{KEYS[0]}.xlsx"]
    assert build_files.main([str(tmp_path), "no-such-plan"]) == 2
    assert "unknown plan" in capsys.readouterr().err
