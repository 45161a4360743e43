"""Ranges (1-2次, 4-5个, 10-20%), exact numbers and a coverage due by a later date (十四五末) in every view.

A blank registry of another bureau (``init --blank``) holds one task with a duty of each kind; ``due``,
``overdue``, ``phrase`` and ``done`` are run on it as a keeper would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from tests.conftest import cli_json

PLAN = """\
kind: task_breakdown
id: tasks-2023
title: 某市城市管理局2023年度工作要点
year: 2023
categories:
  - number: 1
    name: 重点工作
    tasks:
      - id: '1.1'
        title: 检查与建设
        detail: 抽查、改造和示范区域。
        lead: [办公室]
        schedule:
          - {level: 本局, activity: 抽查比例, frequency: 每年抽查比例10-20%}
          - {level: 本局, activity: 地块改造, frequency: 2023年底前4-5个}
          - {level: 本局, activity: 抽查次数, frequency: 每年1-2次}
          - {level: 本局, activity: 专项检查, frequency: 每年抽查1次}
          - {level: 本局, activity: 重点区域, frequency: 力争到十四五末全覆盖}
"""


@pytest.fixture
def bureau(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    api.init(root, blank=True, bureau="某市城市管理局")
    (root / "documents" / "tasks-2023.yaml").write_text(PLAN, encoding="utf-8")
    return root


def _rows(runner: CliRunner, root: Path, *args: str) -> dict[str, dict[str, Any]]:
    return {row["title"]: row for row in cli_json(runner, *args, "-r", str(root))}


def test_a_range_keeps_both_ends_in_due_and_json(runner: CliRunner, bureau: Path) -> None:
    due = _rows(runner, bureau, "due", "--year", "2023")
    share, plots, rounds = due["抽查比例"], due["地块改造"], due["抽查次数"]
    assert (share["requirement"], share["range"]) == ("不少于基数10%，不超过20%", {"min": 10, "max": 20})
    assert share["quota"]["value"] == 10  # owed is the lower end: a shortfall is below 10 %
    assert (plots["requirement"], plots["range"]) == ("不少于4个，不超过5个", {"min": 4, "max": 5})
    assert (rounds["requirement"], rounds["range"]) == ("不少于1次，不超过2次", {"min": 1, "max": 2})
    # no bound word: the plan's number, exactly — the same reading phrase and import give
    assert (due["专项检查"]["requirement"], due["专项检查"]["range"]) == ("为1次", None)


def test_the_board_owes_the_lower_end_and_states_the_range(runner: CliRunner, bureau: Path) -> None:
    board = _rows(runner, bureau, "overdue", "--as-of", "2024-01-10")
    plots = board["地块改造"]
    assert (plots["owed"], plots["missing"], plots["unit"]) == (4, 4, "个")
    assert "要求不少于4个，不超过5个" in plots["short"]
    assert "要求不少于1次，不超过2次" in board["抽查次数"]["short"]


def test_phrase_shows_a_range_and_an_exact_number_as_the_plan_wrote_them(runner: CliRunner) -> None:
    readings = {
        r["text"]: r for r in cli_json(runner, "phrase", "每年抽查比例10-20%", "每年抽查1次", "每年4-5个")
    }
    assert readings["每年抽查比例10-20%"]["range"] == {"min": 10, "max": 20}
    assert readings["每年抽查1次"]["count_exact"] is True
    assert readings["每年4-5个"]["range"] == {"min": 4, "max": 5}
    table = runner.invoke(app, ["phrase", "每年抽查比例10-20%", "每年抽查1次", "每年4-5个"]).output
    assert "比例10%—20%" in table
    assert "恰为1次" in table
    assert "数量4—5个" in table


def test_a_coverage_due_by_a_later_date_is_owed_from_the_plans_year(runner: CliRunner, bureau: Path) -> None:
    """十四五末 in a 2023 plan: one period 2023-01-01 to 2025-12-31, listed by due, on the board after it."""
    [coverage] = [row for row in cli_json(runner, "due", "-r", str(bureau)) if row["title"] == "重点区域"]
    assert (coverage["period_start"], coverage["due"]) == ("2023-01-01", "2025-12-31")
    assert coverage["requirement"].endswith("全覆盖")  # a blank registry has no units to name
    soon = _rows(runner, bureau, "overdue", "--as-of", "2025-06-30")
    assert "重点区域" not in soon  # not due yet
    late = _rows(runner, bureau, "overdue", "--as-of", "2026-01-05")
    assert late["重点区域"]["status"] == "red"
    assert "全覆盖" in late["重点区域"]["short"]
    in_2024 = [row for row in cli_json(runner, "due", "--month", "12", "--year", "2024", "-r", str(bureau))]
    assert all(row["title"] != "重点区域" for row in in_2024)  # never repeated in the years between


def test_a_record_in_the_multi_year_period_settles_the_coverage(runner: CliRunner, bureau: Path) -> None:
    done = runner.invoke(
        app,
        [
            "done",
            "1.1",
            "--activity",
            "重点区域",
            "--date",
            "2024-05-10",
            "--period",
            "2023-once-20251231",
            "-r",
            str(bureau),
        ],
    )
    assert done.exit_code == 0, done.output
    assert "重点区域" not in _rows(runner, bureau, "overdue", "--as-of", "2026-01-05")


def test_the_multi_year_period_takes_a_record_of_its_last_year_and_check_is_clean(
    runner: CliRunner, bureau: Path
) -> None:
    args = ["done", "1.1", "--activity", "重点区域", "--date", "2025-11-20", "--period", "2023-once-20251231"]
    done = runner.invoke(app, [*args, "-r", str(bureau)])
    assert done.exit_code == 0, done.output
    check = runner.invoke(app, ["check", "-r", str(bureau)])
    assert "个文件" in check.output  # it ran
    assert "E810" not in check.output
    assert "E801" not in check.output
    assert "重点区域" not in _rows(runner, bureau, "overdue", "--as-of", "2026-01-05")


def test_show_gives_each_duty_its_range(runner: CliRunner, bureau: Path) -> None:
    [item] = cli_json(runner, "show", "1.1", "-r", str(bureau))
    spans = {duty["activity"]: duty["range"] for duty in item["schedule"]}
    assert spans["抽查比例"] == {"min": 10, "max": 20}
    assert spans["地块改造"] == {"min": 4, "max": 5}
    assert spans["抽查次数"] == {"min": 1, "max": 2}
    assert spans["专项检查"] is None


def test_progress_owes_the_later_coverage_once_and_nothing_recorded_meets_nothing(
    runner: CliRunner, bureau: Path
) -> None:
    # No units to cover: the 全覆盖 is the duty's own period, not a second, empty window that passes unseen.
    report = cli_json(runner, "progress", "--as-of", "2026-01-05", "--format", "json", "-r", str(bureau))
    [coverage] = [i for i in report["items"] if i["name"] == "重点区域"]
    assert (coverage["occurrences"], coverage["complete"], coverage["windows"]) == (1, 0, 0)


def test_a_late_date_without_its_period_is_told_to_name_it(runner: CliRunner, bureau: Path) -> None:
    result = runner.invoke(
        app, ["done", "1.1", "--activity", "重点区域", "--date", "2025-06-01", "-r", str(bureau)]
    )
    assert result.exit_code != 0
    assert "跨年度的一次性工作" in result.output
    assert "--period" in result.output
