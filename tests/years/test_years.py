"""Both years answer: --year on every query, the 2023 calendar, the board on 2023-01-05 with 2022 apart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.queries.years import board_by_year, wanted_years
from tests.conftest import cli_json


def test_which_years_a_query_answers_for(two_years_built: Path) -> None:
    registry = api.open_registry(two_years_built)
    assert wanted_years(registry, None, None) == {2023}  # no date: the latest year held
    assert wanted_years(registry, 2022, None) == {2022}
    assert wanted_years(registry, 2024, None) == {2023}  # not held: the latest before, projected
    assert wanted_years(registry, None, date(2023, 1, 5)) == {2022, 2023}  # 2022 still open
    assert wanted_years(registry, None, date(2022, 6, 30)) == {2022}
    shipped = api.open_registry(None)
    assert wanted_years(shipped, None, date(2023, 1, 5)) is None  # one year: nothing to choose


def test_the_board_on_2023_01_05_shows_2022s_closing_shortfalls_apart(two_years_built: Path) -> None:
    query = api.StandingQuery(date(2023, 1, 5), unit="吴淞街道中队")
    result = api.overdue(two_years_built, query)
    boards = {board.year: board for board in board_by_year(result)}
    assert set(boards) == {2022, 2023}
    assert boards[2022].closing
    assert not boards[2023].closing
    closing = {(row.item, row.title): row for row in boards[2022].rows}
    # In the plan's unit: 43 weeks owed from W10 at 2 a week = 86 次, W40 short by one; a closed week short is red.
    weekly = closing[("1", "街面实效督察")]
    assert (weekly.owed, weekly.done, weekly.missing, weekly.status, weekly.short) == (
        86,
        85,
        1,
        "red",
        "差1次",
    )
    assert weekly.periods == {"owed": 43, "met": 42, "short": 1, "missed": 0}
    monthly = closing[("1", "整改问题")]  # 16 起 a month over 10 months; 17 recorded, 12 in November: 差4起
    assert (monthly.owed, monthly.done, monthly.short, monthly.measure) == (160, 156, "差4起", "起")
    assert all(row.doc == "supervision-2023" for row in boards[2023].rows)
    assert all(row.doc in ("supervision-2022", "tasks-2022") for row in boards[2022].rows)


def test_the_cli_prints_each_year_under_its_own_title(two_years_built: Path, runner: CliRunner) -> None:
    args = ["overdue", "--as-of", "2023-01-05", "--unit", "吴淞街道中队", "-r", str(two_years_built)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    closing, new = result.output.index("督办 2022 年度（年终未完成）"), result.output.index("督办 2023 年度")
    assert closing < new
    only = runner.invoke(app, [*args, "--year", "2023"])
    assert "2022" not in only.output.split("\n", 1)[0]
    assert "行为规范" in only.output


def test_a_closed_year_leaves_the_default_board(two_years: Path) -> None:
    api.close_year(two_years, 2022)
    result = api.overdue(two_years, api.StandingQuery(date(2023, 1, 5), unit="吴淞街道中队"))
    assert {board.year for board in board_by_year(result)} == {2023}
    asked = api.overdue(two_years, api.StandingQuery(date(2023, 1, 5), unit="吴淞街道中队", year=2022))
    assert {board.year for board in board_by_year(asked)} == {2022}  # still there when asked for


def test_due_takes_its_year_and_the_2023_calendar_has_its_own_adjusted_workdays(
    two_years_built: Path, runner: CliRunner
) -> None:
    rows = cli_json(runner, "due", "--month", "1", "--unit", "吴淞街道中队", "-r", str(two_years_built))
    weekly = [r for r in rows if r["item"] == "1" and r["title"] == "街面实效督察"]
    # 2023: the week of 23–29 January holds the Spring Festival; Sunday the 29th is a 调休 workday.
    assert {r["period"]: r["due"] for r in weekly}["2023-W04"] == "2023-01-29"
    assert all(r["doc"] == "supervision-2023" for r in rows)
    old = cli_json(runner, "due", "--month", "1", "--year", "2022", "-r", str(two_years_built))
    assert old
    assert all(r["doc"] in ("supervision-2022", "tasks-2022") for r in old)
    assert {r["due"] for r in old if r["item"] == "7.4"} == {"2022-01-30"}  # a 调休 Sunday too


def test_progress_takes_the_year_asked(two_years_built: Path) -> None:
    progress = api.progress(two_years_built, api.StandingQuery(date(2023, 1, 5), year=2022))
    assert {item["doc"] for item in progress.items} <= {"supervision-2022", "tasks-2022"}
    weekly = next(
        i
        for i in progress.items
        if i["item"] == "1" and i["level"] == "街镇中队" and i["name"] == "街面实效督察"
    )
    assert (weekly["occurrences"], weekly["complete"]) == (43 * 12, 42)


def test_progress_lists_the_targets_of_the_year_asked_only(two_years_built: Path) -> None:
    progress = api.progress(two_years_built, api.StandingQuery(date(2023, 1, 5), year=2022))
    assert progress.targets
    assert {target["doc"] for target in progress.targets} == {"tasks-2022"}


def test_list_shows_one_years_plans_the_latest_unless_asked(two_years_built: Path) -> None:
    rows = api.list_tasks(two_years_built, api.ListFilter(dept="监督科", role="lead"))
    docs = {row["doc"] for row in rows}
    assert docs == {"supervision-2023", "tasks-2023"}
    old = api.list_tasks(two_years_built, api.ListFilter(dept="监督科", role="lead", year=2022))
    assert {row["doc"] for row in old} == {"supervision-2022", "tasks-2022"}
    assert len(old) == len(rows)  # a fresh rollover: the same duties, one year each
    named = api.list_tasks(two_years_built, api.ListFilter(doc="tasks-2022"))
    assert {row["doc"] for row in named} == {"tasks-2022"}


def test_done_picks_the_document_of_the_records_year(two_years: Path) -> None:
    from datetime import datetime

    now = datetime(2023, 1, 5, 9)
    request = api.DoneRequest(item="7.4", level="区局", when=date(2023, 1, 4))
    assert api.record_done(two_years, request, today=date(2023, 1, 5), now=now)["doc"] == "tasks-2023"
    late = api.DoneRequest(item="7.4", level="区局", when=date(2023, 1, 4), period="2022-12")
    written = api.record_done(two_years, late, today=date(2023, 1, 5), now=now)
    assert (written["doc"], written["period"]) == ("tasks-2022", "2022-12")


def test_every_board_and_progress_row_says_its_year(two_years_built: Path, runner: CliRunner) -> None:
    rows = cli_json(
        runner, "overdue", "-r", str(two_years_built), "--as-of", "2023-01-05", "--unit", "吴淞街道中队"
    )
    years = {(row["doc"], row["year"]) for row in rows}
    assert years == {("supervision-2022", 2022), ("supervision-2023", 2023)}
    assert list(rows[0])[:3] == ["doc", "year", "item"]
    report = cli_json(
        runner, "progress", "-r", str(two_years_built), "--as-of", "2023-01-05", "--year", "2022"
    )
    assert {item["year"] for item in report["items"]} == {2022}
    assert {target["year"] for target in report["targets"]} == {2022}


def test_a_range_across_the_new_year_answers_both_years_each_row_with_its_year(
    two_years_built: Path, runner: CliRunner
) -> None:
    args = [
        "due",
        "-r",
        str(two_years_built),
        "--unit",
        "吴淞街道中队",
        "--from",
        "2022-12-20",
        "--until",
        "2023-01-10",
    ]
    rows = cli_json(runner, *args)
    by_year = {(row["doc"], row["year"]) for row in rows}
    assert by_year == {("supervision-2022", 2022), ("supervision-2023", 2023)}
    weekly = [(row["year"], row["period"]) for row in rows if row["title"] == "街面实效督察"]
    # 2022-W52 (26 Dec – 1 Jan) starts in 2022: 2022's plan owes it; 2023-W01 is 2023's — never both plans.
    assert weekly == [(2022, "2022-W51"), (2022, "2022-W52"), (2023, "2023-W01")]
    assert all(row["period_start"][:4] == str(row["year"]) for row in rows)
    table = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert table.exit_code == 0, table.output
    assert "（2022年 " in table.output
    assert "2023年 " in table.output
    assert "年度" in table.output
    assert "自 2023年1月1日起施行" not in table.output  # 2022's days are 2022's plans', not a cut of 2023's
