"""One broken document is left out of the queries with one warning naming it; ``check`` still fails on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask import api
from cgtask.cli.app import app
from cgtask.errors import LeftOutWarning, RegistryError


def _draft_2023(registry: Path) -> Path:
    """A draft next-year table whose one unknown 科室 is an error."""
    text = (registry / "documents" / "tasks-2022.yaml").read_text(encoding="utf-8")
    text = text.replace("id: tasks-2022", "id: tasks-2023", 1).replace("year: 2022", "year: 2023", 1)
    text = text.replace("lead: [协调科]", "lead: [不存在科]", 1)
    draft = registry / "documents" / "tasks-2023.yaml"
    draft.write_text(text, encoding="utf-8")
    return draft


def test_the_board_answers_without_the_broken_document(registry_copy: Path) -> None:
    before = CliRunner().invoke(
        app, ["overdue", "--as-of", "2022-03-28", "--format", "json", "-r", str(registry_copy)]
    )
    _draft_2023(registry_copy)
    runner = CliRunner()
    board = runner.invoke(
        app, ["overdue", "--as-of", "2022-03-28", "--format", "json", "-r", str(registry_copy)]
    )
    assert board.exit_code == 0, board.output
    assert board.stdout == before.stdout  # 2022's board, as it was
    assert board.stderr.count("tasks-2023.yaml 有错误") == 1
    check = runner.invoke(app, ["check", str(registry_copy)])
    assert check.exit_code == 1
    assert "E301" in check.stdout + check.stderr


def test_a_library_caller_gets_a_warning(registry_copy: Path) -> None:
    _draft_2023(registry_copy)
    with pytest.warns(LeftOutWarning, match="tasks-2023.yaml"):
        registry = api.open_registry(registry_copy, use_cache=False)
    assert "tasks-2023" not in [document["id"] for document in registry.data["documents"]]


def test_an_error_outside_the_documents_still_stops_the_queries(registry_copy: Path) -> None:
    organization = registry_copy / "organization.yaml"
    organization.write_text(organization.read_text(encoding="utf-8") + "\nunknown_key: 1\n", encoding="utf-8")
    with pytest.raises(RegistryError):
        api.open_registry(registry_copy, use_cache=False)
