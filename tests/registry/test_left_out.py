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


def _break_plan(registry: Path) -> Path:
    """The supervision plan with one broken YAML line (140), as a slip of the keyboard leaves it."""
    plan = registry / "documents" / "supervision-2022.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[139] = lines[139].rstrip("\n") + ": [\n"
    plan.write_text("".join(lines), encoding="utf-8")
    return plan


def test_a_broken_plan_is_located_and_nothing_goes_out_without_it(
    registry_copy: Path, tmp_path: Path
) -> None:
    """Queries warn at the line; forms and notices refuse (they would tell every 中队 it owes nothing)."""
    _break_plan(registry_copy)
    runner = CliRunner()
    due = runner.invoke(app, ["due", "--month", "3", "-r", str(registry_copy)])
    assert due.exit_code == 0
    assert "supervision-2022.yaml 有错误，本次未计入（首个问题在第 140 行" in due.stderr
    forms, notice = tmp_path / "forms", tmp_path / "notice.docx"
    for args in (
        ["form", "--month", "3", "--all", "-o", str(forms)],
        ["render", "monthly", "--month", "3", "--dept", "监督科", "-o", str(notice)],
    ):
        refused = runner.invoke(app, [*args, "-r", str(registry_copy)])
        assert refused.exit_code == 2, refused.output
        assert "supervision-2022.yaml:140:" in refused.stderr
        assert "E106" in refused.stderr
    assert not forms.exists()
    assert not notice.exists()
    site = tmp_path / "site"
    refused = runner.invoke(app, ["site", "-o", str(site), "--as-of", "2022-03-31", "-r", str(registry_copy)])
    assert refused.exit_code == 2, refused.output
    assert "supervision-2022.yaml 有错误，督办网站不生成" in refused.stderr
    assert not site.exists()
    done = runner.invoke(
        app, ["done", "1", "--unit", "吴淞街道中队", "--date", "2022-03-09", "-r", str(registry_copy)]
    )
    assert done.exit_code == 2
    assert "supervision-2022.yaml 有错误、本次未读入，该事项可能在其中" in done.stderr
