"""`cgtask due` and `cgtask calendar` end to end: JSON contract, 暂定 years, .ics files, bad values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.queries.duties import ROW_KEYS


def _json(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["due", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def test_json_keys_are_exactly_the_contract(runner: CliRunner) -> None:
    rows = _json(runner, "--month", "3", "--events")
    assert rows
    assert all(list(row) == list(ROW_KEYS) for row in rows)


def test_march_bureau_gets_monthly_and_first_quarter_not_half_year(runner: CliRunner) -> None:
    rows = _json(runner, "--month", "3", "--level", "区局")
    assert {str(row["period"])[5:] for row in rows} == {"03", "Q1"}


def test_weekly_street_duty_three_times_in_march_after_the_plan_is_issued(runner: CliRunner) -> None:
    rows = _json(runner, "--month", "3", "--level", "街镇中队")
    weekly = [r for r in rows if r["doc"] == "supervision-2022" and r["title"] == "街面实效督察"]
    assert [r["due"] for r in weekly] == ["2022-03-11", "2022-03-18", "2022-03-25"]
    assert all(isinstance(r["times"], int) and r["times"] >= 2 for r in weekly)
    assert all(r["source"] == ["附件1", "正文"] for r in weekly)


def test_events_only_with_the_flag(runner: CliRunner) -> None:
    assert not [r for r in _json(runner, "--month", "3") if r["due"] is None]
    events = [r for r in _json(runner, "--month", "3", "--events") if r["due"] is None]
    assert {r["frequency"] for r in events} >= {"一案一督", "随时", "适时"}


def test_table_groups_by_due_date(runner: CliRunner) -> None:
    result = runner.invoke(app, ["due", "--month", "3", "--level", "区局"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "期限" in result.stdout and "次数" in result.stdout
    # Every March duty of the bureau is due on the 31st: the date heads its group once.
    assert result.stdout.count("2022-03-31") == 1


def test_unknown_year_is_provisional_with_a_warning_on_stderr(runner: CliRunner) -> None:
    result = runner.invoke(app, ["due", "--month", "3", "--year", "2027", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(row["provisional"] for row in rows)
    assert "警告" in result.stderr and "2027" in result.stderr and "暂定" in result.stderr
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
        (["--from", "2022/3/5", "--to", "2022-03-09"], "不是日期"),
    ],
)
def test_bad_values_exit_2_with_a_chinese_message(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["due", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_help_has_an_example(runner: CliRunner) -> None:
    for command in ("due", "calendar"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "示例：" in result.stdout


# --- calendar -------------------------------------------------------------------------------------


def _events(path: Path) -> list[Calendar]:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_ics_one_event_per_dated_occurrence_with_alarms(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "期限.ics"
    result = runner.invoke(app, ["calendar", "--ics", str(target), "--remind", "3"])
    assert result.exit_code == 0, result.output
    events = _events(target)
    rows = _json(runner)
    daily = [r for r in rows if r["period_start"] == r["period_end"]]
    # Each period is an event, except a daily duty: one recurring event with its days.
    assert daily and len(events) == len(rows) - len(daily) + 1
    series = next(e for e in events if "行为规范督察" in str(e["summary"]) and e.get("rdate"))
    rdates = series["rdate"] if isinstance(series["rdate"], list) else [series["rdate"]]
    days = [series.decoded("dtstart"), *(d.dt for rdate in rdates for d in rdate.dts)]
    assert [d.isoformat() for d in days] == [r["due"] for r in daily]
    assert all(e.decoded("dtstart").isoformat() >= "2022-01-01" for e in events)
    assert all(len(list(event.walk("VALARM"))) == 1 for event in events)
    # The week ending Sunday 13 March is due Friday 11 March; 3 working days before is Tuesday 8 March.
    weekly = next(
        e
        for e in events
        if e.decoded("dtstart").isoformat() == "2022-03-11" and "街面实效督察" in str(e["summary"])
    )
    trigger = weekly.walk("VALARM")[0].decoded("trigger")
    assert trigger.days == -3 and trigger.seconds == 9 * 3600


def test_ics_uids_are_stable_and_unique(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    for target in (first, second):
        assert runner.invoke(app, ["calendar", "--ics", str(target)]).exit_code == 0
    uids_first = [str(e["uid"]) for e in _events(first)]
    assert uids_first == [str(e["uid"]) for e in _events(second)]
    assert len(set(uids_first)) == len(uids_first)


def test_ics_leaves_no_temporary_file_and_refuses_missing_folders(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    assert runner.invoke(app, ["calendar", "--ics", str(target)]).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]
    missing = runner.invoke(app, ["calendar", "--ics", str(tmp_path / "无此目录" / "x.ics")])
    assert missing.exit_code == 2
    assert "不存在" in missing.stderr


def test_month_grid_in_the_terminal(runner: CliRunner) -> None:
    result = runner.invoke(app, ["calendar"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    for month in range(1, 13):
        assert f"2022年{month}月" in result.stdout


def test_warm_due_needs_neither_pydantic_nor_icalendar(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import sys\nfrom cgtask.cli.app import app\n"
        "try:\n    app(['due', '--month', '3', '--format', 'json'])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(sorted(sys.modules)))"
    )
    env = {**os.environ, "CGTASK_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first run fills the cache
        loaded = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
    modules = set(loaded.stderr.split())
    assert not {"pydantic", "ruamel.yaml", "icalendar", "docx", "jinja2"} & modules
