"""cgtask.api is the library surface: the CLI's JSON is exactly what the api returns (the CLI adds no logic)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from cgtask import api
from tests.conftest import cli_json


def test_list_json_is_what_the_api_returns(runner: CliRunner) -> None:
    rows = api.list_tasks(None, api.ListFilter(dept="监督科", role="lead"))
    assert rows
    assert cli_json(runner, "list", "--dept", "监督科", "--role", "lead") == rows


def test_figures_and_show_json_are_what_the_api_returns(runner: CliRunner) -> None:
    assert cli_json(runner, "figures", "--doc", "plan-2022-city") == api.figures(doc="plan-2022-city")
    assert cli_json(runner, "show", "4.3") == [api.show(None, "4.3")]


def test_due_json_is_what_the_api_returns(runner: CliRunner) -> None:
    result = api.due(None, api.DueQuery(month=3, dept="监督科"))
    rows = api.row_records(result.rows)
    assert cli_json(runner, "due", "--month", "3", "--dept", "监督科") == rows


def test_overdue_json_is_what_the_api_returns(runner: CliRunner, ledger_registry: Path) -> None:
    result = api.overdue(ledger_registry, api.StandingQuery(as_of=date(2022, 3, 10)))
    assert result.rows
    assert cli_json(
        runner, "overdue", "--as-of", "2022-03-10", "-r", str(ledger_registry)
    ) == api.row_records(result.rows)


def test_the_api_is_a_facade() -> None:
    """Each user operation one short function calling into its package: ≤ 15 lines each, ≤ 400 in all."""
    import ast

    import cgtask.api

    source = Path(cgtask.api.__file__).read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 400
    functions = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.FunctionDef)]
    too_long = [f.name for f in functions if (f.end_lineno or f.lineno) - f.lineno + 1 > 15]
    assert too_long == []
