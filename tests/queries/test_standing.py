"""`cgtask overdue` and `cgtask progress` on a fixed ledger with fixed dates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.queries.rows import ROW_KEYS
from tests.conftest import cli_json


def test_overdue_colours(runner: CliRunner, ledger_registry: Path) -> None:
    rows = cli_json(
        runner, "overdue", "-r", str(ledger_registry), "--as-of", "2022-03-10", "--soon", "3", "--detail"
    )
    assert isinstance(rows, list)
    assert set(rows[0]) == {*ROW_KEYS, "status", "done", "quantity", "covered", "uncovered", "measure"}
    by_key = {(r["item"], r["period"]): r for r in rows}
    # 1.1 monthly: January recorded, February not (due Monday 28 February).
    assert ("1.1", "2022-01") not in by_key
    assert by_key[("1.1", "2022-02")]["status"] == "red"
    # 1.2 twice a week: week 9 closed with one of two, so it is late (red); week 10 (due Friday 11 March) is blue.
    assert by_key[("1.2", "2022-W09")] | {} == {**by_key[("1.2", "2022-W09")], "done": 1, "status": "red"}
    assert by_key[("1.2", "2022-W10")]["status"] == "blue"
    assert by_key[("1.2", "2022-W10")]["due"] == "2022-03-11"
    # 1.3 at 机动执法中队 level: judged for the 中队; January missing, February recorded.
    assert by_key[("1.3", "2022-01")]["unit"] == "机动执法中队"
    assert by_key[("1.3", "2022-01")]["due"] == "2022-01-30"  # a 调休 Sunday
    assert ("1.3", "2022-02") not in by_key
    assert Counter(r["status"] for r in rows) == {"red": 11, "blue": 1}
    assert [r["status"] for r in rows] == sorted(
        (r["status"] for r in rows), key=["red", "yellow", "blue"].index
    )


def test_overdue_filters_and_as_of(runner: CliRunner, ledger_registry: Path) -> None:
    rows = cli_json(
        runner,
        "overdue",
        "-r",
        str(ledger_registry),
        "--as-of",
        "2022-03-10",
        "--dept",
        "监督科",
        "--soon",
        "0",
        "--detail",
    )
    assert [(r["item"], r["period"], r["status"]) for r in rows] == [("1.1", "2022-02", "red")]
    # Entries dated after --as-of do not count yet: as of 1 March week 9 has nothing recorded.
    early = cli_json(
        runner, "overdue", "-r", str(ledger_registry), "--as-of", "2022-03-01", "--soon", "5", "--detail"
    )
    assert isinstance(early, list)
    week9 = next(r for r in early if r["period"] == "2022-W09")
    assert (week9["done"], week9["status"]) == (0, "blue")


def test_the_board_has_one_line_per_party_and_duty_worst_first(
    runner: CliRunner, ledger_registry: Path
) -> None:
    rows = cli_json(runner, "overdue", "-r", str(ledger_registry), "--as-of", "2022-03-10", "--soon", "3")
    assert set(rows[0]) == {
        "doc", "year", "item", "title", "level", "party", "responsible", "owed", "done", "missing", "unit",
        "periods", "short", "uncovered", "status", "role", "via",
    }  # fmt: skip
    by_item = {r["item"]: r for r in rows}
    assert len(rows) == len(by_item) == 3
    # 1.1 monthly: January done, February missing (due 28 February).
    assert (by_item["1.1"]["owed"], by_item["1.1"]["done"], by_item["1.1"]["missing"]) == (2, 1, 1)
    # 1.2 twice a week: nothing in most weeks, so red however week 9 (one of two) stands.
    assert by_item["1.2"]["status"] == "red"
    # In the plan's unit: weeks 1–9 at two a week owe 18 次; the one recorded in week 9 counts.
    assert (by_item["1.2"]["owed"], by_item["1.2"]["done"], by_item["1.2"]["unit"]) == (18, 1, "次")
    assert by_item["1.2"]["periods"] == {"owed": 9, "met": 0, "short": 1, "missed": 8}
    assert by_item["1.3"]["party"] == "机动执法中队"
    assert [r["status"] for r in rows] == sorted(
        (r["status"] for r in rows), key=["red", "yellow", "blue"].index
    )


def test_a_period_due_today_is_blue_not_red(runner: CliRunner, ledger_registry: Path) -> None:
    # 1.1 for February is due Monday 28 February: blue that day, red the next.
    on_the_day = cli_json(
        runner, "overdue", "-r", str(ledger_registry), "--as-of", "2022-02-28", "--soon", "0", "--detail"
    )
    assert ("1.1", "2022-02", "blue") in {(r["item"], r["period"], r["status"]) for r in on_the_day}
    after = cli_json(
        runner, "overdue", "-r", str(ledger_registry), "--as-of", "2022-03-01", "--soon", "0", "--detail"
    )
    assert ("1.1", "2022-02", "red") in {(r["item"], r["period"], r["status"]) for r in after}


def test_fail_exits_1_only_when_something_is_red(runner: CliRunner, ledger_registry: Path) -> None:
    red = runner.invoke(app, ["overdue", "--as-of", "2022-03-10", "--fail", "-r", str(ledger_registry)])
    assert red.exit_code == 1
    assert "逾期" in red.stdout
    calm = runner.invoke(app, ["overdue", "--as-of", "2022-01-03", "--fail", "-r", str(ledger_registry)])
    assert calm.exit_code == 0


def test_bad_as_of_is_a_usage_error(runner: CliRunner, ledger_registry: Path) -> None:
    result = runner.invoke(app, ["overdue", "--as-of", "3月10日", "-r", str(ledger_registry)])
    assert result.exit_code == 2
    assert "2022-03-15" in result.stderr


def test_progress_per_party_item_and_target(runner: CliRunner, ledger_registry: Path) -> None:
    report = cli_json(runner, "progress", "-r", str(ledger_registry), "--as-of", "2022-03-10")
    assert isinstance(report, dict)
    parties = {t["name"]: t for t in report["parties"]}
    # A party's duties count in different units, so a party is tallied in periods only.
    assert {k: parties["监督科"][k] for k in ("occurrences", "complete")} == {"occurrences": 2, "complete": 1}
    assert "required" not in parties["监督科"]
    assert parties["法制科"]["occurrences"] == 9
    # 1.2: weeks 1–9 due by 10 March, two each — 18 次 owed, one recorded — in the item's own unit.
    items = {t["item"]: t for t in report["items"]}
    assert (items["1.2"]["required"], items["1.2"]["done"], items["1.2"]["unit"]) == (18, 1, "次")
    assert parties["机动执法中队"]["rate"] == 0.5
    assert items["1.2"]["overdue"] == 9  # week 9 closed with one of two: late and short counts as 逾期
    assert report["targets"] == [
        {"doc": "tasks-test", "year": 2022, "item": "1.2", "title": "法制审核",
             "text": "审核合格率≥95%", "metric": "合格率",
         "value": 96.0, "date": "2022-03-05", "state": "met"},
    ]  # fmt: skip


def test_target_without_data_and_dept_filter(runner: CliRunner, ledger_registry: Path) -> None:
    report = cli_json(
        runner, "progress", "-r", str(ledger_registry), "--as-of", "2022-03-01", "--dept", "法制科"
    )
    assert isinstance(report, dict)
    assert [t["name"] for t in report["parties"]] == ["法制科"]
    assert [t["state"] for t in report["targets"]] == ["no_data"]
    none = cli_json(
        runner, "progress", "-r", str(ledger_registry), "--as-of", "2022-03-10", "--dept", "监督科"
    )
    assert isinstance(none, dict)
    assert none["targets"] == []


def test_a_value_below_the_target_is_not_met(runner: CliRunner, ledger_registry: Path) -> None:
    result = runner.invoke(
        app,
        [
            "done",
            "1.2",
            "--date",
            "2022-03-09",
            "--value",
            "93.5",
            "--count",
            "0",
            "-r",
            str(ledger_registry),
        ],
    )
    assert result.exit_code == 0, result.output
    report = cli_json(runner, "progress", "-r", str(ledger_registry), "--as-of", "2022-03-10")
    assert isinstance(report, dict)
    assert [(t["value"], t["state"]) for t in report["targets"]] == [(93.5, "not_met")]


CAPPED_TASKS = """\
kind: task_breakdown
id: tasks-cap
title: 涉企检查
year: 2022
categories:
  - number: 1
    name: 执法监督
    tasks:
      - id: '1.1'
        title: 涉企检查
        detail: 涉企检查。每季度不超过2次。
        lead: [监督科]
        schedule:
          - level: 区局
            frequency: 每季度不超过2次
"""


def test_a_maximum_exceeded_shows_on_the_board_and_in_progress(
    runner: CliRunner, make_registry: Callable[..., Path]
) -> None:
    ledger = (
        "kind: ledger\nentries:\n"
        "  - {id: r-00000001, item: '1.1', doc: tasks-cap, level: 区局, period: 2022-Q1, date: 2022-02-10, count: 3}\n"
    )
    root = make_registry(tasks=CAPPED_TASKS, files={"ledger.yaml": ledger})
    board = cli_json(runner, "overdue", "--as-of", "2022-04-06", "-r", str(root))
    assert [(r["item"], r["short"]) for r in board] == [("1.1", "超过上限2次（已3次）")]
    report = cli_json(runner, "progress", "--as-of", "2022-04-06", "-r", str(root))
    assert report["items"][0]["exceeded"] == 1
    assert report["items"][0]["requirement"] == "不超过2次"


def test_a_department_sees_its_role_on_the_board_and_in_progress(runner: CliRunner) -> None:
    # 法制科 supports 监督科's 4.3 (监督工作例会): the board and progress say 配合, as `due --dept` does.
    board = cli_json(runner, "overdue", "--as-of", "2022-04-05", "--dept", "法制科")
    roles = {(r["item"], r["title"]): r["role"] for r in board}
    assert roles[("4.3", "监督工作例会")] == "support"
    assert roles[("5.6", "重大法核制度实施情况监督")] == "lead"
    report = cli_json(runner, "progress", "--as-of", "2022-04-05", "--dept", "法制科")
    assert {(t["item"], t["role"]) for t in report["items"]} >= {("4.3", "support"), ("5.6", "lead")}
    # 各科室 in 队伍建设检查's 责任部门 makes 办公室 an owner of it, as `due --dept 办公室` says 负责（各科室）.
    office = cli_json(runner, "progress", "--as-of", "2022-04-05", "--dept", "办公室")
    assert [t["name"] for t in office["parties"]] == ["办公室"]


def test_progress_says_how_many_of_its_periods_are_coverage_windows(runner: CliRunner) -> None:
    # 监督科 on 1 April: 9 counted periods of its 区局 duties and 3 closed coverage windows (街面实效 for
    # March; 行为规范 and 双随机 for the first quarter) — the table says the windows apart, as the summary does.
    report = cli_json(runner, "progress", "--as-of", "2022-04-01", "--dept", "监督科")
    assert [(p["name"], p["occurrences"], p["windows"]) for p in report["parties"]] == [("监督科", 12, 3)]
    street = next(i for i in report["items"] if i["item"] == "1")
    assert (street["occurrences"], street["windows"]) == (2, 1)
    table = runner.invoke(
        app, ["progress", "--as-of", "2022-04-01", "--dept", "监督科"], env={"COLUMNS": "200"}
    )
    assert "12（含全覆盖3）" in table.stdout


def test_a_period_due_today_is_not_yet_owed_on_the_board_or_in_its_detail(runner: CliRunner) -> None:
    # 1 April: 行为规范督察 (每天) owes 7–31 March, 25 days; 1 April is due today (blue), not late.
    board = cli_json(runner, "overdue", "--as-of", "2022-04-01", "--unit", "罗店镇中队", "--format", "json")
    [daily] = [row for row in board if row["title"] == "行为规范督察"]
    assert (daily["owed"], daily["status"]) == (25, "red")
    detail = cli_json(
        runner, "overdue", "--as-of", "2022-04-01", "--unit", "罗店镇中队", "--detail", "--format", "json"
    )
    months = {
        row["period"]: (row["status"], row["times"]) for row in detail if row["title"] == "行为规范督察"
    }
    assert months["2022-03"] == ("red", 25)
    assert months["2022-04"][0] == "blue"
    # Friday 25 March: weeks 10 and 11 are late (4 次); week 12 is due that day, so not owed yet.
    friday = cli_json(runner, "overdue", "--as-of", "2022-03-25", "--unit", "罗店镇中队", "--format", "json")
    [street] = [row for row in friday if row["title"] == "街面实效督察"]
    assert street["owed"] == 4
