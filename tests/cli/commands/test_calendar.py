"""`cgtask calendar` end to end: the .ics file (events, alarms, stable UIDs) and the month grids."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.conftest import cli_json


def _events(path: Path) -> list[Calendar]:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def test_ics_one_event_per_dated_occurrence_with_alarms(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "期限.ics"
    result = runner.invoke(app, ["calendar", "--ics", str(target), "--remind", "3"])
    assert result.exit_code == 0, result.output
    events = _events(target)
    rows = cli_json(runner, "due")
    daily = [r for r in rows if r["period_start"] == r["period_end"]]
    # Each period is an event, except a daily duty: one recurring event with its days.
    assert daily
    assert len(events) == len(rows) - len(daily) + 1
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
    assert trigger.days == -3
    assert trigger.seconds == 9 * 3600


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
