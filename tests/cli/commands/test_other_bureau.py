"""A bureau that is not Baoshan, end to end: a 市局 whose checks are owed by itself and by each 区（市）.

The registry is tests/data/bureaus/zaozhuang (枣庄市城市管理局's 2023 双随机 plan, rows 1–6; sources in
its files). Numbers are checked against the published table: row 1 城市防汛安全监督检查, 检查时间 5-9月, 检查主体
市、区(市)级城市管理部门 — so the 市局 and each of the six 区（市） owe one check between May and September.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.interchange.forms.layout import COLUMN, FORM_SHEET
from tests.conftest import cli_json

ZAOZHUANG = Path(__file__).parents[2] / "data" / "bureaus" / "zaozhuang"
DISTRICTS = ["市中区", "薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市"]


@pytest.fixture
def zaozhuang(tmp_path: Path) -> Path:
    target = tmp_path / "zaozhuang"
    shutil.copytree(ZAOZHUANG, target)
    return target


def _run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, list(args))


def test_the_city_registry_checks_clean(runner: CliRunner, zaozhuang: Path) -> None:
    result = _run(runner, "check", "-r", str(zaozhuang))
    assert result.exit_code == 0, result.output
    assert "没有错误，0 个警告" in result.stderr


def test_each_district_owes_its_own_check_inside_the_window(runner: CliRunner, zaozhuang: Path) -> None:
    rows = cli_json(runner, "due", "-r", str(zaozhuang), "--per-unit")
    flood = [r for r in rows if r["item"] == "1"]
    assert [(r["level"], r["unit"]) for r in flood] == [("市局", None)] + [
        ("各区（市）", d) for d in DISTRICTS
    ]
    for row in flood:
        # 5-9月: the period is the window, due on its last working day (2023-09-30 is a Saturday).
        assert (row["period_start"], row["period_end"], row["due"]) == (
            "2023-05-01",
            "2023-09-30",
            "2023-09-28",
        )
    assert {r["item"] for r in rows} == {"1", "2", "3", "6"}  # rows 4 and 5: 抽查频次根据监管需要确定
    table = _run(runner, "due", "-r", str(zaozhuang), "--format", "md")
    assert "| 2023-09-28 | 1 | 城市防汛安全监督检查 | 市局 |" in table.stdout
    assert "2023年（5月1日—9月30日）" in table.stdout  # each row's own window, not another duty's
    assert "2023年（5月1日—10月31日）" in table.stdout
    assert cli_json(runner, "due", "-r", str(zaozhuang), "--month", "4") == []


def test_a_record_outside_the_window_is_refused_and_nothing_is_written(
    runner: CliRunner, zaozhuang: Path
) -> None:
    for extra in ([], ["--period", "2023"]):
        result = _run(runner, "done", "1", "--date", "2023-02-10", "--of", "7", "-r", str(zaozhuang), *extra)
        assert result.exit_code == 2, result.output
        assert "完成日期 2023-02-10 不在第 1 项工作的时间窗口（5月1日至9月30日）内" in result.stderr
        assert "Traceback" not in result.output
    late = _run(
        runner,
        "done",
        "1",
        "--unit",
        "滕州市",
        "--date",
        "2023-10-10",
        "--period",
        "2023",
        "-r",
        str(zaozhuang),
    )
    assert late.exit_code == 2
    assert "时间窗口" in late.stderr
    assert not (zaozhuang / "ledger.yaml").exists()


def test_the_board_has_one_line_per_district(runner: CliRunner, zaozhuang: Path) -> None:
    reg = ["-r", str(zaozhuang)]
    done = _run(runner, "done", "1", "--unit", "滕州市", "--date", "2023-06-10", "--of", "7", *reg)
    assert done.exit_code == 0, done.output
    board = cli_json(runner, "overdue", "--as-of", "2023-10-08", *reg)
    flood = {r["party"] or r["level"]: r for r in board if r["item"] == "1"}
    # Nothing recorded by the 市局 and five 区（市）: each is its own red line; 滕州市 is done and off the board.
    assert set(flood) == {"市局", *DISTRICTS[:-1]}, board
    # 全年抽查比例不低于5%: counted in the plan's unit, a share of the base (5 % owed, none checked).
    assert all(
        (r["status"], r["owed"], r["done"], r["missing"], r["unit"]) == ("red", 5, 0, 5, "%")
        for r in flood.values()
    )


def test_a_filled_form_dated_outside_the_window_is_refused_at_its_cell(
    runner: CliRunner, zaozhuang: Path, tmp_path: Path
) -> None:
    reg = ["-r", str(zaozhuang)]
    form = tmp_path / "滕州市-9月.xlsx"
    made = _run(runner, "form", "--month", "9", "--unit", "滕州市", "-o", str(form), *reg)
    assert made.exit_code == 0, made.output
    workbook = load_workbook(form)
    sheet = workbook[FORM_SHEET]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet[f"{COLUMN['title'].letter}{r}"].value)
    sheet[f"{COLUMN['date'].letter}{row}"] = date(2023, 2, 10)
    for key, value in (("count", 1), ("base", 7)):
        if sheet[f"{COLUMN[key].letter}{row}"].protection.locked is False:
            sheet[f"{COLUMN[key].letter}{row}"] = value
    workbook.save(form)
    result = _run(runner, "ledger", "import", str(form), *reg)
    assert result.exit_code == 1, result.output
    assert f"{form.name}!{FORM_SHEET}!{COLUMN['date'].letter}{row}" in result.stderr
    assert "F112" in result.stderr
    assert "2023-05-01 至 2023-09-30" in result.stderr
    assert (
        not (zaozhuang / "ledger.yaml").exists()
        or "2023-02-10" not in (zaozhuang / "ledger.yaml").read_text()
    )


def test_a_season_defined_once_is_read_by_check_due_and_phrase(runner: CliRunner, zaozhuang: Path) -> None:
    reg = ["-r", str(zaozhuang)]
    plan = zaozhuang / "documents" / "inspection-2023.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "      - level: 各区（市）\n",
            "      - level: 各区（市）\n        activity: 汛期巡查\n        frequency: 汛期每周巡查1次\n"
            "      - level: 各区（市）\n",
            1,
        ),
        encoding="utf-8",
    )
    refused = _run(runner, "check", *reg)
    assert refused.exit_code == 1
    assert "E401" in refused.output
    assert "windows" in refused.output
    organization = zaozhuang / "organization.yaml"
    organization.write_text(
        organization.read_text(encoding="utf-8") + "\nwindows:\n  汛期: 6-9月\n", encoding="utf-8"
    )
    assert _run(runner, "check", *reg).exit_code == 0
    patrols = [r for r in cli_json(runner, "due", "--unit", "滕州市", *reg) if r["title"] == "汛期巡查"]
    assert patrols[0]["period_start"] == "2023-06-01"
    assert patrols[-1]["period_end"] == "2023-09-30"
    assert len(patrols) == 18  # the weeks that touch 1 June–30 September 2023 (W22–W39)
    assert cli_json(runner, "due", "--unit", "滕州市", "--month", "5", *reg) == []
    [reading] = cli_json(runner, "phrase", "汛期每周巡查1次", *reg)
    assert reading["ok"]
    assert reading["window"] == {"start": "06-01", "end": "09-30", "name": "汛期"}


def test_a_blank_registry_names_nothing_of_shanghai(runner: CliRunner, tmp_path: Path) -> None:
    root = tmp_path / "linyi"
    made = _run(runner, "init", str(root), "--blank", "--bureau", "临沂市城市管理局")
    assert made.exit_code == 0, made.output
    organization = (root / "organization.yaml").read_text(encoding="utf-8")
    for word in ("上海", "宝山", "street", "mobile"):
        assert word not in organization
    declared = cli_json(runner, "due", "-r", str(root))  # a blank registry has no duties yet
    assert declared == []
    data = YAML(typ="safe").load(organization)
    assert [level["name"] for level in data["levels"]] == ["本局", "各中队"]
    assert data["unit_kinds"] == [{"name": "中队", "title": "执法中队"}]
    assert data["windows"] == {}
    # The keeper adds two 中队 and a duty at 各中队: each 中队 owes it, one row each.
    organization = organization.replace(
        "units: []", "units:\n  - {name: 第一中队, kind: 中队}\n  - {name: 第二中队, kind: 中队}"
    )
    (root / "organization.yaml").write_text(organization, encoding="utf-8")
    (root / "documents" / "plan.yaml").write_text(
        "kind: supervision_plan\nid: plan-2024\ntitle: 计划\nyear: 2024\nitems:\n"
        "  - id: '1'\n    title: 巡查\n    responsible: [办公室]\n    obligations:\n"
        "      - {level: 各中队, frequency: 每季度1次}\n      - {level: 本局, frequency: 每年1次}\n",
        encoding="utf-8",
    )
    assert _run(runner, "check", "-r", str(root)).exit_code == 0
    rows = cli_json(runner, "due", "-r", str(root), "--month", "3", "--per-unit")
    assert [(r["level"], r["unit"]) for r in rows] == [("各中队", "第一中队"), ("各中队", "第二中队")]


def test_one_body_written_two_ways_is_one_line_owner(runner: CliRunner, tmp_path: Path) -> None:
    # Linyi's plan (tests/data/plans/linyi-2024-inspection) names its 检查主体 市、县级城市管理部门 in rows 1–2
    # and 市县级城市管理部门 in rows 3–5: registered once, with the other spelling as an alias.
    root = tmp_path / "linyi"
    (root / "documents").mkdir(parents=True)
    (root / "organization.yaml").write_text(
        "bureau: {name: 临沂市城市管理局, short_name: 市城管局}\nlevels: [{name: 市局}]\n"
        "unit_kinds: [{name: 县区}]\ndepartments: [{name: 办公室}]\n"
        "units: [{name: 兰山区, kind: 县区}, {name: 罗庄区, kind: 县区}]\n"
        "groups: [{name: 市县级城市管理部门, aliases: [市、县级城市管理部门], members: 县区}]\n",
        encoding="utf-8",
    )
    (root / "documents" / "plan.yaml").write_text(
        "kind: supervision_plan\nid: plan-2024\ntitle: 抽查工作计划\nyear: 2024\nitems:\n"
        "  - id: '1'\n    title: 城镇排水与污水处理设施运行维护和保护情况的监督检查\n"
        "    responsible: [市、县级城市管理部门]\n"
        "    obligations: [{level: 市局, frequency: '3月-7月抽查1次'}]\n"
        "  - id: '3'\n    title: 城市防汛安全监督检查\n    responsible: [市县级城市管理部门]\n"
        "    obligations: [{level: 市局, frequency: '5月-9月抽查1次'}]\n",
        encoding="utf-8",
    )
    board = cli_json(runner, "overdue", "--as-of", "2024-10-08", "-r", str(root))
    assert [(r["item"], r["responsible"]) for r in board] == [
        ("1", ["市县级城市管理部门"]),
        ("3", ["市县级城市管理部门"]),
    ]
    due = cli_json(runner, "due", "-r", str(root))
    assert [(r["due"], r["period_start"]) for r in due] == [
        ("2024-07-31", "2024-03-01"),
        ("2024-09-30", "2024-05-01"),
    ]


XUANCHENG = Path(__file__).parents[2] / "data" / "bureaus" / "xuancheng"
COUNTIES = ["宣州区", "郎溪县", "广德市", "宁国市", "泾县", "绩溪县", "旌德县"]


def test_a_group_fans_out_with_a_quantity_per_unit(runner: CliRunner, tmp_path: Path) -> None:
    # 2023年度,各县市区至少建成1个“席地而坐”城市客厅示范区域: 1 个 for each of the seven 县市区, not 1 for the bureau.
    root = tmp_path / "xuancheng"
    shutil.copytree(XUANCHENG, root)
    reg = ["-r", str(root)]
    assert _run(runner, "check", *reg).exit_code == 0
    rows = cli_json(runner, "due", "--per-unit", *reg)
    assert [(r["unit"], r["due"], r["requirement"]) for r in rows] == [
        (c, "2023-12-29", "全年不少于1个") for c in COUNTIES
    ]
    done = _run(runner, "done", "1.1", "--unit", "宣州区", "--quantity", "1", "--date", "2023-11-20", *reg)
    assert done.exit_code == 0, done.output
    board = cli_json(runner, "overdue", "--as-of", "2024-01-05", *reg)
    assert sorted(r["party"] for r in board) == sorted(COUNTIES[1:])  # one record greens 宣州区 only
    assert {(r["owed"], r["done"], r["short"]) for r in board} == {(1, 0, "差1个")}


def test_a_unit_duty_recorded_without_its_unit_is_refused_in_the_bureaus_words(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = tmp_path / "xuancheng"
    shutil.copytree(XUANCHENG, root)
    result = _run(runner, "done", "1.1", "--date", "2023-11-20", "-r", str(root))
    assert result.exit_code == 2
    assert "第 1.1 项由县市区城管局完成，请用 --unit 指明是哪个县市区城管局" in result.stderr


def test_a_district_finds_what_it_answers_for(runner: CliRunner, zaozhuang: Path) -> None:
    rows = cli_json(runner, "list", "--dept", "滕州市", "-r", str(zaozhuang))
    assert [(r["id"], r["role"], r["via"]) for r in rows] == [
        (str(n), "responsible", "各区（市）") for n in range(1, 7)
    ]
    mine = cli_json(runner, "due", "--unit", "滕州市", "-r", str(zaozhuang))
    assert [(r["item"], r["due"]) for r in mine] == [
        ("1", "2023-09-28"),
        ("2", "2023-10-31"),
        ("3", "2023-10-31"),
        ("6", "2023-12-29"),
    ]
