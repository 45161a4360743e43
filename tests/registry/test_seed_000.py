"""The shipped task table holds seed 000 row by row: text, category, lead and support verbatim."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from cgtask.api import open_registry
from cgtask.models.data import TaskBreakdownData
from cgtask.registry.view import iter_tasks
from tests.conftest import SEEDS

SEED_000 = SEEDS / "000_56b99a67f023355a.txt"
HEADER = "序号\t目录\t工作细则\t牵头部门\t配合部门"


@dataclass
class SeedRow:
    number: int
    category: str
    text: str
    lead: list[str]
    support: list[str]


def _names(cell: str) -> list[str]:
    return [name for name in cell.strip().split("、") if name]


def seed_rows() -> list[SeedRow]:
    """Read the extraction, undoing its two artifacts: repeated headers and the shifted row."""
    rows: list[SeedRow] = []
    number, category = 0, ""
    for line in SEED_000.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip() or line == HEADER or "\t" not in line:
            continue
        cells = line.split("\t")
        if cells[0].isdigit():
            number, category = int(cells[0]), cells[1]
        if cells[0] == "" or cells[0].isdigit():
            text, lead, support = cells[2], cells[3], cells[4] if len(cells) > 4 else ""
        else:  # the 水域环境治理 row starts two columns early
            text, lead, support = cells[0], cells[1], cells[2]
        rows.append(SeedRow(number, category, text, _names(lead), _names(support)))
    return rows


def normalise(text: str) -> str:
    """Drop the <p> tags and whitespace the extraction put around numbered sub-items."""
    return re.sub(r"\s+", "", text.replace("<p>", "").replace("</p>", ""))


def shipped_tasks() -> list[tuple[str, dict[str, object]]]:
    registry = open_registry(use_cache=False)
    document = registry.document("tasks-2022")
    assert document["kind"] == "task_breakdown"
    table: TaskBreakdownData = document
    return [(category, dict(task)) for category, task in iter_tasks(table)]


ROWS = seed_rows()
TASKS = shipped_tasks()


def test_sixty_two_rows_in_twelve_categories() -> None:
    assert len(ROWS) == 62
    assert len(TASKS) == 62
    assert len({row.category for row in ROWS}) == 12


@pytest.mark.parametrize("index", range(62))
def test_row_matches_seed(index: int) -> None:
    row, (category, task) = ROWS[index], TASKS[index]
    assert category == row.category
    assert str(task["id"]).split(".")[0] == str(row.number)
    items = task["items"]
    assert isinstance(items, list)
    assert normalise(str(task["detail"]) + "".join(items)) == normalise(row.text)
    assert task["lead"] == row.lead
    assert task["support"] == row.support


def test_publicity_work_has_ten_sub_items() -> None:
    publicity = next(task for category, task in TASKS if category == "宣传工作")
    items = publicity["items"]
    assert isinstance(items, list)
    assert len(items) == 10
    assert [str(item).split(".")[0] for item in items] == [str(n) for n in range(1, 11)]


def test_title_is_the_words_before_the_first_full_stop() -> None:
    for _, task in TASKS:
        text = str(task["detail"]) or str(task["items"][0])  # type: ignore[index]
        first = re.sub(r"^\d+\.\s*", "", text).split("。")[0]
        assert first.startswith(str(task["title"])) or task["title"] == "宣传工作", task["id"]


def test_interpretations_are_commented() -> None:
    root = Path(open_registry(use_cache=False).data["root"])
    source = (root / "documents" / "tasks-2022.yaml").read_text(encoding="utf-8")
    assert "左移两列" in source
    assert "表头行重复" in source
    assert "<p>" in source
