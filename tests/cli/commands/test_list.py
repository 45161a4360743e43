"""`cgtask list` end to end on the shipped registry, and the registry option every command shares."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.conftest import cli_json


def test_dept_lists_lead_support_and_group_support(runner: CliRunner) -> None:
    rows = cli_json(runner, "list", "--dept", "监督科", "--doc", "tasks-2022")
    counts = Counter((row["role"], row["via"]) for row in rows)
    assert counts == {("lead", None): 16, ("support", None): 15, ("support", "各科室"): 10}


def test_json_keys_are_the_contract(runner: CliRunner) -> None:
    rows = cli_json(runner, "list", "--dept", "监督科")
    assert set(rows[0]) == {"id", "doc", "category", "title", "lead", "support", "role", "via"} | {
        # what another bureau's plan adds (issue 22): empty or null for the shipped registry's rows
        "responsible",
        "leader",
        "object",
        "base",
    }
    assert (rows[0]["responsible"], rows[0]["leader"], rows[0]["object"], rows[0]["base"]) == (
        [],
        None,
        None,
        None,
    )


def test_group_support_leaves_out_the_lead(runner: CliRunner) -> None:
    # 7.2 is led by 监督科 and supported by 各科室: 监督科 leads it, it does not support itself.
    rows = {row["id"]: row for row in cli_json(runner, "list", "--dept", "监督科", "--doc", "tasks-2022")}
    assert rows["7.2"]["role"] == "lead"
    assert rows["2.1"]["via"] == "各科室"


def test_role_filter(runner: CliRunner) -> None:
    lead = cli_json(runner, "list", "--dept", "监督科", "--role", "lead", "--doc", "tasks-2022")
    support = cli_json(runner, "list", "--dept", "监督科", "--role", "support", "--doc", "tasks-2022")
    assert len(lead) == 16
    assert len(support) == 25
    assert {row["role"] for row in support} == {"support"}


def test_category_by_name_and_number(runner: CliRunner) -> None:
    by_name = cli_json(runner, "list", "--category", "执法监督", "--doc", "tasks-2022")
    by_number = cli_json(runner, "list", "--category", "4", "--doc", "tasks-2022")
    assert [r["id"] for r in by_name] == [r["id"] for r in by_number]
    assert len(by_name) == 9


def test_search_finds_text_in_detail(runner: CliRunner) -> None:
    rows = cli_json(runner, "list", "--search", "APP开单率")
    assert [row["id"] for row in rows] == ["6.4"]


def test_unit_gets_group_support(runner: CliRunner) -> None:
    rows = cli_json(runner, "list", "--dept", "罗店镇中队", "--doc", "tasks-2022")
    assert rows
    assert {row["via"] for row in rows} <= {"街道综合行政执法队", "各中队", None}


def test_unknown_dept_suggests_nearest(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "监察科"])
    assert result.exit_code == 2
    assert "监督科" in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.output


def test_csv_and_markdown(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "监督科", "--format", "csv"])
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0][0] == "编号"
    assert "配合（各科室）" in {row[-1] for row in table[1:]}
    md = runner.invoke(app, ["list", "--dept", "监督科", "--format", "md"]).stdout
    assert md.splitlines()[0].startswith("| 编号 |")


def test_table_names_the_role(runner: CliRunner) -> None:
    result = runner.invoke(app, ["list", "--dept", "监督科", "--role", "lead"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "牵头" in result.stdout


def test_registry_option_and_environment(runner: CliRunner, make_registry: object) -> None:
    root: Path = make_registry()  # type: ignore[operator]
    by_option = cli_json(runner, "list", "--registry", str(root))
    assert [r["id"] for r in by_option] == ["1.1", "1.2"]
    by_env = runner.invoke(app, ["list", "--format", "json"], env={"CGTASK_REGISTRY": str(root)})
    assert [r["id"] for r in json.loads(by_env.stdout)] == ["1.1", "1.2"]


def test_missing_registry_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["list", "--registry", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "找不到登记册" in result.stderr
