"""A 台账 record whose period belongs to another cadence is named by ``check`` (E810) and counted nowhere.

Written by hand into ledger.yaml, or brought in by a git merge, such a record used to count nowhere without
a word; a coverage window even took its 中队 by date. The records are real lines in a copy of the shipped
registry; ``check`` and ``overdue`` run as a user runs them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app

MONTHLY_AS_WEEK = (
    "  - {id: r-hand0001, item: '1', doc: supervision-2022, level: 区局, period: 2022-W10,"
    " date: 2022-03-08, count: 1}\n"
)
QUARTERLY_AS_MONTH = (
    "  - {id: r-hand0002, item: '6', doc: supervision-2022, level: 区局, activity: 案件质量抽查情况通报,"
    " period: 2022-03, date: 2022-03-08, count: 1}\n"
)
NO_SUCH_ACTIVITY = (
    "  - {id: r-hand0003, item: '3', doc: supervision-2022, level: 街镇中队, unit: 吴淞街道中队,"
    " activity: 队列会操, period: 2022-03, date: 2022-03-08, count: 1}\n"
)
UNITS = ["吴淞街道中队", "罗店镇中队", "大场镇中队", "杨行镇中队", "月浦镇中队", "罗泾镇中队", "顾村镇中队",
         "高境镇中队", "庙行镇中队", "淞南镇中队", "友谊路街道中队", "张庙街道中队"]  # fmt: skip


def _append(root: Path, *lines: str) -> list[int]:
    """Append ``lines`` to the registry's ledger.yaml; the line number of each."""
    ledger = root / "ledger.yaml"
    text = ledger.read_text("utf-8")
    first = text.count("\n") + 1
    ledger.write_text(text + "".join(lines), encoding="utf-8")
    return list(range(first, first + len(lines)))


def _col(line: str, field: str) -> int:
    """The 1-based column of ``field``'s value in a record's line."""
    return line.index(f"{field}: ") + len(field) + 3


def _check(runner: CliRunner, root: Path) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["check", str(root)])
    return result.exit_code, [line for line in result.output.splitlines() if "  E8" in line]


def test_a_period_of_another_cadence_is_named_at_its_line(runner: CliRunner, registry_copy: Path) -> None:
    assert _check(runner, registry_copy) == (0, [])  # the shipped 台账 has none
    week, month, activity = _append(registry_copy, MONTHLY_AS_WEEK, QUARTERLY_AS_MONTH, NO_SUCH_ACTIVITY)
    code, errors = _check(runner, registry_copy)
    assert code == 1
    assert errors == [
        f"{registry_copy}/ledger.yaml:{week}:{_col(MONTHLY_AS_WEEK, 'period')}  E810  周期“2022-W10”不是第 1 项这项工作的周期"
        "（每月：2022-03、2022-04等），这条记录计不进任何一期",  # in effect from 2022-03-07: no January
        f"{registry_copy}/ledger.yaml:{month}:{_col(QUARTERLY_AS_MONTH, 'period')}  E810  周期“2022-03”不是第 6 项这项工作的周期"
        "（每季度：2022-Q1、2022-Q2等），这条记录计不进任何一期",
        f"{registry_copy}/ledger.yaml:{activity}:{_col(NO_SUCH_ACTIVITY, 'activity')}  E810  第 3 项街镇中队"
        "没有工作“队列会操”（现有：内务管理督察、队列训练），这条记录计不进任何一期",
    ]


def test_what_done_writes_is_never_e810(runner: CliRunner, registry_copy: Path) -> None:
    for args in (
        ["1", "--date", "2022-03-08"],
        ["1", "--unit", "吴淞街道中队", "--activity", "街面实效督察", "--date", "2022-03-08"],
        ["2", "--unit", "吴淞街道中队", "--date", "2022-03-08"],
        ["4", "--date", "2022-03-08"],
        ["6", "--activity", "案件质量抽查情况通报", "--date", "2022-03-31"],
        ["4.3", "--date", "2022-04-29"],
    ):
        result = runner.invoke(app, ["done", *args, "--registry", str(registry_copy)])
        assert result.exit_code == 0, result.output
    assert _check(runner, registry_copy) == (0, [])


def _uncovered(runner: CliRunner, root: Path) -> list[str]:
    """The 中队 the board says 区局's 街面实效督察 (每月抽查全覆盖) left uncovered in March."""
    result = runner.invoke(
        app, ["overdue", "--as-of", "2022-04-15", "--format", "json", "--registry", str(root)]
    )
    rows = [r for r in json.loads(result.stdout) if r["item"] == "1" and r["level"] == "区局"]
    assert rows, result.output
    return sorted({name for row in rows for name in row["uncovered"]})


@pytest.mark.parametrize(("period", "counted"), [("2022-03", True), ("2022-W10", False)])
def test_the_board_does_not_count_it_even_for_coverage(
    runner: CliRunner, registry_copy: Path, period: str, counted: bool
) -> None:
    before = _uncovered(runner, registry_copy)
    covers = [name for name in UNITS if name in before][:6]  # half: the line stays on the board
    assert covers, "the shipped 台账 leaves 中队 uncovered in March"
    _append(
        registry_copy,
        f"  - {{id: r-hand0004, item: '1', doc: supervision-2022, level: 区局, period: {period},"
        f" date: 2022-03-10, count: 1, covers: [{', '.join(covers)}]}}\n",
    )
    after = _uncovered(runner, registry_copy)
    assert after == ([n for n in before if n not in covers] if counted else before)


def test_a_duty_owed_on_working_days_only_takes_no_rest_day() -> None:
    from cgtask.registry.ledger_cadence import PeriodFit, registry_calendar

    days = [f"2022-03-{d:02d}" for d in range(1, 32)]
    cadences = {"2": [["街镇中队", "行为规范督察", days, True, "每个工作日"]]}
    fit = PeriodFit([("plan", 2022, cadences)], lambda: registry_calendar({"holidays": [], "workdays": []}))

    def record(period: str) -> dict[str, str]:
        return {"doc": "plan", "item": "2", "level": "街镇中队", "period": period}

    assert fit.problem(record("2022-03-07")) is None  # a Monday
    assert fit.problem(record("2022-03-05")) is not None  # a Saturday
    assert fit.problem(record("2022-W10")) is not None
