"""Recording and judging each requirement kind of seed 004 on a copy of the shipped registry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from typer.testing import CliRunner

from cgtask.cli.app import app

SQUADS = "吴淞街道中队"


def _run(runner: CliRunner, registry: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, "--registry", str(registry)])


def _done(runner: CliRunner, registry: Path, *args: str) -> dict[str, Any]:
    result = _run(runner, registry, "done", *args)
    assert result.exit_code == 0, result.output
    entries: list[dict[str, Any]] = YAML(typ="safe").load((registry / "ledger.yaml").read_text("utf-8"))[
        "entries"
    ]
    return entries[-1]


def _board(runner: CliRunner, registry: Path, *args: str) -> list[dict[str, Any]]:
    result = _run(runner, registry, "overdue", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def _refused(runner: CliRunner, registry: Path, *args: str) -> str:
    before = (registry / "ledger.yaml").read_bytes()
    result = _run(runner, registry, "done", *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert (registry / "ledger.yaml").read_bytes() == before
    return str(result.stderr)


def test_a_quantity_is_recorded_in_its_own_unit(runner: CliRunner, registry_copy: Path) -> None:
    entry = _done(
        runner,
        registry_copy,
        "1",
        "--unit",
        SQUADS,
        "--activity",
        "整改问题",
        "--date",
        "2022-03-28",
        "--count",
        "12",
    )
    assert (entry["count"], entry["quantity"], entry["period"]) == (1, 12, "2022-03")
    assert entry["id"].startswith("r-")
    rows = _board(runner, registry_copy, "--as-of", "2022-04-05", "--unit", SQUADS)
    fix = next(r for r in rows if r["title"] == "整改问题")
    # 不少于16起 a month: 12 recorded leaves 4 short, counted in 起, not in months; March closed short is red.
    assert fix["short"] == "差4起"
    assert (fix["owed"], fix["done"], fix["missing"], fix["unit"]) == (16, 12, 4, "起")
    assert fix["periods"] == {"owed": 1, "met": 0, "short": 1, "missed": 0}
    assert fix["status"] == "red"


def test_a_share_needs_its_base_and_meets_at_ten_percent(runner: CliRunner, registry_copy: Path) -> None:
    message = _refused(
        runner, registry_copy, "6", "--activity", "案件抽查", "--date", "2022-03-30", "--count", "37"
    )
    assert "--of" in message
    _done(
        runner,
        registry_copy,
        "6",
        "--activity",
        "案件抽查",
        "--date",
        "2022-03-30",
        "--count",
        "37",
        "--of",
        "370",
    )
    details = _run(runner, registry_copy, "overdue", "--as-of", "2022-04-06", "--detail", "--format", "json")
    rows = json.loads(details.stdout)
    assert not [r for r in rows if r["item"] == "6" and r["title"] == "案件抽查" and r["period"] == "2022-Q1"]


def test_coverage_names_the_squads_not_yet_covered(runner: CliRunner, registry_copy: Path) -> None:
    _done(
        runner, registry_copy, "2", "--level", "区局", "--date", "2022-03-15",
        "--covers", "吴淞街道中队、友谊路街道中队", "--covers", "张庙街道中队",
    )  # fmt: skip
    rows = _board(runner, registry_copy, "--as-of", "2022-04-06", "--level", "区局")
    behaviour = next(r for r in rows if r["item"] == "2" and r["doc"] == "supervision-2022")
    assert len(behaviour["uncovered"]) == 9
    assert "吴淞街道中队" not in behaviour["uncovered"]
    assert "罗店镇中队" in behaviour["uncovered"]


def test_a_per_occurrence_quantity_counts_only_full_reviews(runner: CliRunner, registry_copy: Path) -> None:
    _done(runner, registry_copy, "7", "--date", "2022-06-20", "--quantity", "25")
    details = json.loads(
        _run(runner, registry_copy, "overdue", "--as-of", "2022-07-05", "--detail", "--format", "json").stdout
    )
    review = next(r for r in details if r["item"] == "7" and r["period"] == "2022-H1")
    # The half closed with one review short of 30件: late and short is 逾期 (red), not 未完成.
    assert (review["status"], review["done"], review["quantity"]) == ("red", 0, 25)


def test_nonsense_is_refused_and_nothing_written(runner: CliRunner, registry_copy: Path) -> None:
    assert "正整数" in _refused(runner, registry_copy, "8", "--date", "2022-03-30", "--count", "0")
    assert "晚于今天" in _refused(runner, registry_copy, "8", "--date", "2099-03-30")
    assert "早于周期" in _refused(
        runner, registry_copy, "1", "--level", "区局", "--date", "2022-03-30", "--period", "2022-04"
    )
    assert "不是中队" in _refused(
        runner, registry_copy, "2", "--level", "区局", "--date", "2022-03-15", "--covers", "监督科"
    )
    assert "过大" in _refused(
        runner, registry_copy, "1", "--unit", SQUADS, "--activity", "街面实效督察", "--date", "2022-03-08",
        "--count", "2022",
    )  # fmt: skip


def test_december_done_on_the_second_of_january(runner: CliRunner, registry_copy: Path) -> None:
    assert "--period" in _refused(runner, registry_copy, "7.4", "--date", "2023-01-02")
    entry = _done(runner, registry_copy, "7.4", "--date", "2023-01-02", "--period", "2022-12")
    assert entry["period"] == "2022-12"


def _november_74_listed(runner: CliRunner, registry: Path) -> bool:
    result = _run(runner, registry, "overdue", "--as-of", "2022-12-05", "--detail", "--format", "json")
    return any(r["item"] == "7.4" and r["period"] == "2022-11" for r in json.loads(result.stdout))


def test_undo_keeps_history_and_stops_counting(runner: CliRunner, registry_copy: Path) -> None:
    assert _november_74_listed(runner, registry_copy)
    entry = _done(runner, registry_copy, "7.4", "--date", "2022-11-20")
    assert not _november_74_listed(runner, registry_copy)
    withdrawal = _done(runner, registry_copy, "--undo", entry["id"], "--note", "登错了")
    assert withdrawal["withdraws"] == entry["id"]
    assert withdrawal["item"] == "7.4"
    assert _november_74_listed(runner, registry_copy)
    text = (registry_copy / "ledger.yaml").read_text("utf-8")
    assert text.count(entry["id"]) == 2  # the record and its withdrawal both stay
    again = _run(runner, registry_copy, "done", "--undo", entry["id"])
    assert again.exit_code == 2
    assert "已经撤销" in again.stderr


def test_a_period_before_the_plan_and_a_sample_above_its_base_are_refused(
    runner: CliRunner, registry_copy: Path
) -> None:
    early = _refused(
        runner, registry_copy, "1", "--level", "区局", "--date", "2022-02-20", "--period", "2022-02"
    )
    assert "施行" in early
    assert "大于基数" in _refused(
        runner,
        registry_copy,
        "6",
        "--activity",
        "案件抽查",
        "--date",
        "2022-03-30",
        "--count",
        "37",
        "--of",
        "10",
    )
    assert "不存在" in _refused(runner, registry_copy, "7.4", "--date", "2022-02-30")
