"""`cgtask show` end to end: one task or supervision item, whole."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app


def test_show_prints_the_whole_task(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "9.1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "10. 长三角一体化执法协作" in result.stdout
    assert "办公室" in result.stdout


def test_show_json_and_unknown_id(runner: CliRunner) -> None:
    item = json.loads(runner.invoke(app, ["show", "7.1", "--format", "json"]).stdout)[0]
    assert item["lead"] == ["信访科"]
    assert len(item["items"]) == 2
    missing = runner.invoke(app, ["show", "99.9"])
    assert missing.exit_code == 2
    assert "99.9" in missing.stderr


def test_show_says_what_the_registry_assumed(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """正文 gives 市级平台实效督察 no period of its own: its 每月 is the registry's reading, said as such."""
    monkeypatch.setenv("COLUMNS", "200")
    result = runner.invoke(app, ["show", "1"])
    assert result.exit_code == 0, result.output
    assert "市级平台实效督察每月不少于50起（推定：方案未写周期，承上句按每月计）（正文）" in result.output
