"""``cgtask figures`` end to end."""

from __future__ import annotations

from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.conftest import cli_json


def test_figures_of_one_document_with_search(runner: CliRunner) -> None:
    rows = cli_json(runner, "figures", "--doc", "plan-2022-city", "--search", "无序设摊案件")
    assert rows[0] == {
        "doc": "plan-2022-city",
        "year": 2021,
        "item": "s2021-1.2",
        "metric": "依法查处无序设摊案件",
        "value": "31586",
        "unit": "起",
        "sentence": "依法查处无序设摊案件31586起，取缔55751处",
    }


def test_compare_keeps_metrics_seen_in_several_documents(runner: CliRunner) -> None:
    rows = cli_json(runner, "figures", "--compare")
    assert rows
    docs_by_metric: dict[tuple[object, object], set[object]] = {}
    for row in rows:
        docs_by_metric.setdefault((row["metric"], row["unit"]), set()).add((row["doc"], row["year"]))
    assert all(len(sources) > 1 for sources in docs_by_metric.values())


def test_figures_help_has_an_example(runner: CliRunner) -> None:
    result = runner.invoke(app, ["figures", "--help"])
    assert result.exit_code == 0
    assert "示例" in result.output


def test_unknown_doc_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["figures", "--doc", "plan-1999"])
    assert result.exit_code == 2
