"""The commands over the new library parts: phrase, form and ledger, site, remind — run as a user would."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.interchange.forms.layout import COLUMN, FORM_SHEET
from tests.publish.test_robots import DING_SECRET, DING_TOKEN, RobotServer, robots_server  # noqa: F401

UNIT = "吴淞街道中队"


def _ok(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def _entries(registry: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = YAML(typ="safe").load((registry / "ledger.yaml").read_text("utf-8"))[
        "entries"
    ]
    return data


# --- phrase ---------------------------------------------------------------------------------------


def test_phrase_shows_how_each_phrase_reads(runner: CliRunner) -> None:
    result = _ok(runner, "phrase", "每周不少于2次", "每月整改问题不少于16起", "1次/年", "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["period"], r["count"]) for r in rows] == [("week", 2), ("month", None), ("year", 1)]
    assert rows[1]["quantity"] == {"value": 16, "unit": "起"}
    table = runner.invoke(app, ["phrase", "每季度，不少于当季案件数10%"], env={"COLUMNS": "200"})
    assert "比例不少于10%（当季案件数）" in table.stdout  # one line a cell at 200 columns


def test_phrase_shows_the_new_time_parts(runner: CliRunner) -> None:
    """Task phrase23c: a daily time of day, days before the period's end, an event its sentence does not name."""
    phrases = ["每日7:00前完成普扫", "每月底五日前报送", "信访事项应当在60日内办结"]
    result = runner.invoke(app, ["phrase", *phrases], env={"COLUMNS": "200"})  # one line a cell
    assert result.exit_code == 0, result.output
    table = result.stdout
    assert "每天；期限 7时前" in table
    assert "每月；期限 月底5日前" in table
    assert "事件触发（事件发生后60日内）" in table
    assert "None" not in table


def test_phrase_that_cannot_be_read_exits_1_and_says_why(runner: CliRunner) -> None:
    # An activity name is read as the activity now (issue 23); a season the registry does not date is not.
    result = runner.invoke(app, ["phrase", "汛期每周巡查不少于2次", "--format", "json"])
    assert result.exit_code == 1
    row = json.loads(result.stdout)[0]
    assert not row["ok"]
    assert "汛期" in row["error"]
    assert "cgtask phrase --forms" in row["error"]


def test_phrase_forms_lists_the_accepted_forms_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["phrase", "--forms"])
    assert result.exit_code == 0
    assert "每周" in result.stdout
    assert "时间窗口" in result.stdout


# --- form and ledger ---------------------------------------------------------------------------------


def _fill(path: Path, title: str, **cells: object) -> None:
    workbook = load_workbook(path)
    sheet = workbook[FORM_SHEET]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet[f"{COLUMN['title'].letter}{r}"].value == title)
    for key, value in cells.items():
        sheet[f"{COLUMN[key].letter}{row}"].value = value
    workbook.save(path)


def test_the_monthly_cycle_from_the_command_line(
    runner: CliRunner, registry_copy: Path, tmp_path: Path
) -> None:
    reg = ["-r", str(registry_copy)]
    out = tmp_path / "forms"
    made = _ok(runner, "form", "--month", "3", "--all", "-o", str(out), *reg)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 6 + 12  # 机动执法中队 owes nothing in March: no empty sheet for it
    assert "2022年3月台账-机动执法中队.xlsx" not in files
    assert "机动执法中队 2022年3月没有到期的工作，不生成台账表" in made.stderr
    assert f"2022年3月台账-{UNIT}.xlsx" in files
    refused = runner.invoke(app, ["form", "--month", "3", "--all", "-o", str(out), *reg])
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    form = out / f"2022年3月台账-{UNIT}.xlsx"
    _fill(form, "整改问题", date=date(2022, 3, 29), quantity=17)
    dry = _ok(runner, "ledger", "import", str(form), "--dry-run", *reg)
    assert "将登记 1 条记录" in dry.stderr
    before = len(_entries(registry_copy))
    _ok(runner, "ledger", "import", str(form), *reg)
    assert len(_entries(registry_copy)) == before + 1
    again = _ok(runner, "ledger", "import", str(form), *reg)
    assert "1 条已在台账中" in again.stderr
    assert len(_entries(registry_copy)) == before + 1
    listed = json.loads(_ok(runner, "ledger", "list", "--dept", UNIT, "--format", "json", *reg).stdout)
    record = next(r for r in listed if r.get("activity") == "整改问题")
    assert record["quantity"] == 17
    assert record["state"] == "live"
    _ok(runner, "ledger", "edit", record["id"], "--quantity", "19", *reg)
    fixed = [r for r in json.loads(_ok(runner, "ledger", "list", "--all", "--format", "json", *reg).stdout)]
    assert [r["state"] for r in fixed if r.get("activity") == "整改问题"] == [
        "corrected",  # withdrawn by the edit, its successor follows
        "withdrawal",
        "live",
    ]
    assert fixed[-1]["quantity"] == 19


def test_a_form_with_a_bad_row_is_refused_with_its_cell(
    runner: CliRunner, registry_copy: Path, tmp_path: Path
) -> None:
    form = tmp_path / "吴淞.xlsx"
    _ok(runner, "form", "--month", "3", "--unit", UNIT, "-o", str(form), "-r", str(registry_copy))
    _fill(form, "整改问题", date=date(2022, 4, 20), quantity=-3)
    ledger = (registry_copy / "ledger.yaml").read_bytes()
    result = runner.invoke(app, ["ledger", "import", str(form), "-r", str(registry_copy)])
    assert result.exit_code == 1
    assert f"吴淞.xlsx!{FORM_SHEET}!" in result.stderr
    assert "F112" in result.stderr
    assert "台账未改动" in result.stderr
    assert (registry_copy / "ledger.yaml").read_bytes() == ledger


def test_ledger_undo_withdraws_and_keeps_the_line(runner: CliRunner, registry_copy: Path) -> None:
    _ok(runner, "ledger", "undo", "r-5c1e0a02", "--note", "登错了", "-r", str(registry_copy))
    entries = _entries(registry_copy)
    assert entries[-1]["withdraws"] == "r-5c1e0a02"
    assert any(e.get("id") == "r-5c1e0a02" for e in entries)
    live = json.loads(_ok(runner, "ledger", "list", "--format", "json", "-r", str(registry_copy)).stdout)
    assert "r-5c1e0a02" not in {r["id"] for r in live}


# --- site -------------------------------------------------------------------------------------------


def test_site_is_built_and_an_unknown_folder_is_not_replaced(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = _ok(runner, "site", "-o", str(out), "--as-of", "2022-03-31")
    assert (out / "index.html").is_file()
    assert (out / "unit" / f"{UNIT}.html").is_file()
    assert "已生成网站" in result.stderr
    _ok(runner, "site", "-o", str(out), "--as-of", "2022-04-30")  # its own earlier site: replaced
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("手写", encoding="utf-8")
    refused = runner.invoke(app, ["site", "-o", str(other)])
    assert refused.exit_code != 0
    assert (other / "mine.txt").read_text(encoding="utf-8") == "手写"


# --- remind -----------------------------------------------------------------------------------------


def test_remind_dry_run_prints_the_messages_without_sending(runner: CliRunner) -> None:
    url = "https://oapi.dingtalk.com/robot/send?access_token=SECRETTOKEN"
    result = _ok(
        runner, "remind", "--webhook", url, "--kind", "dingtalk", "--as-of", "2022-03-28", "--dry-run"
    )
    assert "【督办提醒】2022年3月28日" in result.stdout
    assert "吴淞街道中队" in result.stdout
    assert "SECRETTOKEN" not in result.output


def test_remind_posts_signed_messages_and_reports_a_failing_robot(
    runner: CliRunner,
    robots_server: RobotServer,  # noqa: F811
) -> None:
    good = f"监督科群={robots_server.url('/dingtalk/send', access_token=DING_TOKEN)}"
    sent = runner.invoke(
        app,
        ["remind", "--webhook", good, "--kind", "dingtalk", "--as-of", "2022-03-28", "--retries", "0"],
        env={"CGTASK_DINGTALK_SECRET": DING_SECRET, "CGTASK_ROBOT_HOSTS": "127.0.0.1"},
    )
    assert sent.exit_code == 0, sent.output
    assert robots_server.received
    assert "全部送达" in sent.stderr
    bad = robots_server.url("/dingtalk/signfail", access_token=DING_TOKEN)
    failed = runner.invoke(
        app,
        ["remind", "--webhook", bad, "--kind", "dingtalk", "--as-of", "2022-03-28", "--retries", "0"],
        env={"CGTASK_DINGTALK_SECRET": DING_SECRET, "CGTASK_ROBOT_HOSTS": "127.0.0.1"},
    )
    assert failed.exit_code == 1
    assert "310000" in failed.stderr


def test_remind_skips_rest_days_by_the_official_calendar(runner: CliRunner) -> None:
    url = "https://oapi.dingtalk.com/robot/send?access_token=T"
    base = ["remind", "--webhook", url, "--kind", "dingtalk", "--dry-run", "--skip-rest-days"]
    holiday = _ok(runner, *base, "--as-of", "2022-04-04")  # 清明节
    assert "休息日" in holiday.stdout
    assert "督办提醒" not in holiday.stdout
    adjusted = _ok(runner, *base, "--as-of", "2022-04-02")  # a Saturday worked for 清明 (调休)
    assert "督办提醒" in adjusted.stdout


def test_site_force_never_replaces_the_working_folder_or_the_registry(
    runner: CliRunner, registry_copy: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    work = registry_copy.parent
    (work / "notes.txt").write_text("手写", encoding="utf-8")
    monkeypatch.chdir(work)
    result = runner.invoke(app, ["site", "-o", ".", "--force", "-r", str(registry_copy)])
    assert result.exit_code != 0
    assert "--force 也不执行" in result.stderr
    assert (registry_copy / "ledger.yaml").is_file()
    assert (work / "notes.txt").is_file()
    inside = runner.invoke(app, ["site", "-o", str(work), "--force", "-r", str(registry_copy)])
    assert inside.exit_code != 0
    assert (registry_copy / "ledger.yaml").is_file()
    plain = runner.invoke(app, ["site", "-o", str(work), "-r", str(registry_copy)])
    assert plain.exit_code != 0
    assert "--force" in plain.stderr


def test_a_unit_with_nothing_due_gets_no_form(runner: CliRunner, tmp_path: Path) -> None:
    # 机动执法中队 has no duty of its own in the shipped registry: an empty sheet would ask it for nothing.
    form = tmp_path / "机动执法中队-3月台账.xlsx"
    result = _ok(runner, "form", "--month", "3", "--unit", "机动执法中队", "-o", str(form))
    assert not form.exists()
    assert list(tmp_path.iterdir()) == []
    assert result.stderr.strip() == "机动执法中队 2022年3月没有到期的工作，不生成台账表"


def test_phrase_says_each_amounts_bound_as_written(runner: CliRunner) -> None:
    # 不低于30% is a floor, 为5% the plan's number, 不超过10家 a ceiling: the table never drops the bound.
    phrases = ["每季度重点单位按不低于30%的比例抽查", "每年抽查比例为5%", "每月抽查不超过10家"]
    result = runner.invoke(app, ["phrase", *phrases], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "比例不少于30%（重点单位）" in result.stdout
    assert "比例恰为5%" in result.stdout
    assert "数量不超过10家" in result.stdout
