"""`cgtask due` end to end: the JSON contract, 暂定 years, tables, bad values, start-up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.queries.rows import ROW_KEYS
from tests.conftest import cli_json


def test_json_keys_are_exactly_the_contract(runner: CliRunner) -> None:
    rows = cli_json(runner, "due", "--month", "3", "--events")
    assert rows
    assert all(list(row) == list(ROW_KEYS) for row in rows)


def test_march_bureau_gets_monthly_and_first_quarter_not_half_year(runner: CliRunner) -> None:
    rows = cli_json(runner, "due", "--month", "3", "--level", "区局")
    assert {str(row["period"])[5:] for row in rows} == {"03", "Q1"}


def test_weekly_street_duty_three_times_in_march_after_the_plan_is_issued(runner: CliRunner) -> None:
    rows = cli_json(runner, "due", "--month", "3", "--level", "街镇中队")
    weekly = [r for r in rows if r["doc"] == "supervision-2022" and r["title"] == "街面实效督察"]
    assert [r["due"] for r in weekly] == ["2022-03-11", "2022-03-18", "2022-03-25"]
    assert all(isinstance(r["times"], int) and r["times"] >= 2 for r in weekly)
    assert all(r["source"] == ["附件1", "正文"] for r in weekly)


def test_events_only_with_the_flag(runner: CliRunner) -> None:
    assert not [r for r in cli_json(runner, "due", "--month", "3") if r["due"] is None]
    events = [r for r in cli_json(runner, "due", "--month", "3", "--events") if r["due"] is None]
    assert {r["frequency"] for r in events} >= {"一案一督", "随时", "适时"}


def test_table_groups_by_due_date(runner: CliRunner) -> None:
    result = runner.invoke(app, ["due", "--month", "3", "--level", "区局"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "期限" in result.stdout
    assert "要求" in result.stdout
    assert "合计" not in result.stdout  # no sum of unlike quantities
    # The bureau's duties disagree nowhere: item 5 is two duties, not a disagreement.
    assert "两处规定不一致" not in result.stdout
    assert "不属实件、不满意件专项督察" in result.stdout  # item 5's quarterly duty, due with Q1
    # Every March duty of the bureau is due on the 31st: the date heads its group once.
    assert result.stdout.count("2022-03-31") == 1


def test_unknown_year_is_provisional_with_a_warning_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["due", "--month", "3", "--year", "2027", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    assert all(row["provisional"] for row in rows)
    assert "警告" in result.stderr
    assert "2027" in result.stderr
    assert "暂定" in result.stderr
    table = runner.invoke(app, ["due", "--month", "3", "--year", "2027"], env={"COLUMNS": "200"})
    assert "暂定" in table.stdout


def test_csv_has_chinese_headers(runner: CliRunner) -> None:
    result = runner.invoke(app, ["due", "--week", "10", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("期限,编号,工作,层级")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "13"], "月份"),
        (["--dept", "监察科"], "监督科"),
        (["--from", "2022-03-05", "--to", "2022-03-01"], "晚于"),
        (["--level", "市局"], "层级"),
        (["--from", "3/5", "--to", "2022-03-09"], "不是日期"),
        (["--from", "2022/2/30", "--to", "2022-03-09"], "不存在"),
    ],
)
def test_bad_values_exit_2_with_a_chinese_message(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["due", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "typed", ["2022-3-7", "2022/3/7", "2022.3.7", "2022年3月7日", "２０２２－０３－０７"]
)
def test_dates_are_read_as_people_type_them(runner: CliRunner, typed: str) -> None:
    expected = runner.invoke(app, ["due", "--from", "2022-03-07", "--to", "2022-03-13", "--format", "json"])
    result = runner.invoke(app, ["due", "--from", typed, "--to", "2022-03-13", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.stdout
    assert '"due":' in result.stdout


def test_help_has_an_example(runner: CliRunner) -> None:
    for command in ("due", "calendar"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "示例：" in result.stdout


def test_warm_due_needs_neither_pydantic_nor_icalendar(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import contextlib, io, json, sys\nfrom cgtask.cli.app import app\nout = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n        app(['due', '--month', '3', '--format', 'json'])\n"
        "    except SystemExit as exc:\n        code = exc.code\n"
        "print(json.dumps({'code': code, 'rows': len(json.loads(out.getvalue()))}))\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))"
    )
    env = {**os.environ, "CGTASK_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first run fills the cache
        loaded = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
    assert json.loads(loaded.stdout) == {"code": 0, "rows": len(cli_json(CliRunner(), "due", "--month", "3"))}
    modules = set(loaded.stderr.split())
    assert not {"pydantic", "ruamel.yaml", "icalendar", "docx", "jinja2"} & modules


def test_until_ends_a_date_range(runner: CliRunner) -> None:
    result = runner.invoke(app, ["due", "--from", "2022-04-01", "--until", "2022-04-30", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    assert all("2022-04-01" <= row["due"] <= "2022-04-30" for row in rows if row["due"])
    assert "--to" not in result.stderr


def test_the_old_to_still_works_with_a_note(runner: CliRunner) -> None:
    args = ["due", "--from", "2022-04-01", "--format", "json"]
    old = runner.invoke(app, [*args, "--to", "2022-04-30"])
    new = runner.invoke(app, [*args, "--until", "2022-04-30"])
    assert old.exit_code == 0, old.output
    assert old.stdout == new.stdout
    assert "提示：--to 将停用，请改用 --until" in old.stderr
    assert "--to" not in runner.invoke(app, ["due", "--help"]).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2022-04-01"], "--from 与 --until 需要同时给出"),
        (["--month", "3", "--until", "2022-04-30"], "--from/--until 只能选用一种"),
        (["--until", "2022-04-30", "--to", "2022-04-30", "--from", "2022-04-01"], "只能用一个"),
    ],
)
def test_range_errors_name_the_options_as_typed(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["due", *args])
    assert result.exit_code == 2
    assert message in result.stderr
