"""`cgtask check` on the shipped registry and on every kind of bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cgtask.cli.app import app
from tests.conftest import MINIMAL_ORGANIZATION, MINIMAL_TASKS

FINDING = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<col>\d+)  (?P<code>[EW]\d{3})  (?P<message>.+)$")

BuildRegistry = Callable[..., Path]


def findings_of(output: str) -> list[dict[str, str]]:
    return [m.groupdict() for line in output.splitlines() if (m := FINDING.match(line))]


def test_shipped_registry_is_valid(runner: CliRunner) -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.stderr
    assert "没有错误" in result.stderr


def _check(runner: CliRunner, root: Path) -> tuple[int, list[dict[str, str]], str]:
    result = runner.invoke(app, ["check", str(root)])
    assert "Traceback" not in result.output
    return result.exit_code, findings_of(result.stderr), result.stderr


BAD_TASKS = {
    "yaml_syntax": (MINIMAL_TASKS.replace("title: 法制审核", "title: [法制审核"), "E106", None),
    "tab_indent": (MINIMAL_TASKS.replace("        lead: [监督科]", "\t\tlead: [监督科]"), "E104", 12),
    "duplicate_key": (
        MINIMAL_TASKS.replace("        lead: [监督科]", "        lead: [监督科]\n        lead: [法制科]"),
        "E107",
        13,
    ),
    "wrong_type": (MINIMAL_TASKS.replace("year: 2022", "year: 二〇二二"), "E203", 4),
    "unknown_key": (MINIMAL_TASKS.replace("        lead: [监督科]", "        laed: [监督科]"), "E202", 12),
    "missing_field": (MINIMAL_TASKS.replace("        lead: [法制科]\n", ""), "E201", 14),
    "duplicate_id": (MINIMAL_TASKS.replace("id: '1.2'", "id: '1.1'"), "E303", 14),
    "empty_file": ("", "E103", 1),
    "comments_only": ("# 只有注释\n", "E103", 1),
    "xml_control_char": (MINIMAL_TASKS.replace("按要求开展", "按要求\x0b开展"), "E105", 11),
    "bad_task_id": (MINIMAL_TASKS.replace("id: '1.2'", "id: 一.二"), "E203", 14),
    "bad_kind": (MINIMAL_TASKS.replace("kind: task_breakdown", "kind: tasks"), "E203", 1),
}


@pytest.mark.parametrize("case", sorted(BAD_TASKS))
def test_bad_input_is_located(runner: CliRunner, make_registry: BuildRegistry, case: str) -> None:
    text, code, line = BAD_TASKS[case]
    code_, findings, stderr = _check(runner, make_registry(tasks=text))
    assert code_ == 1, stderr
    assert any(f["code"] == code for f in findings), stderr
    found = next(f for f in findings if f["code"] == code)
    assert found["file"].endswith("tasks.yaml")
    if line is not None:
        assert int(found["line"]) == line, stderr
    assert re.search(r"[\u4e00-\u9fff]", found["message"])


def test_unknown_department_suggests_nearest(runner: CliRunner, make_registry: BuildRegistry) -> None:
    root = make_registry(tasks=MINIMAL_TASKS.replace("lead: [监督科]", "lead: [监察科]"))
    code, findings, _ = _check(runner, root)
    assert code == 1
    assert findings[0]["code"] == "E301"
    assert findings[0]["line"] == "12"
    assert "监督科" in findings[0]["message"]


def test_unknown_key_suggests_field(runner: CliRunner, make_registry: BuildRegistry) -> None:
    root = make_registry(tasks=MINIMAL_TASKS.replace("        lead: [监督科]", "        laed: [监督科]"))
    _, findings, _ = _check(runner, root)
    assert any("lead" in f["message"] for f in findings)


def test_all_findings_in_one_run(runner: CliRunner, make_registry: BuildRegistry) -> None:
    text = MINIMAL_TASKS.replace("lead: [监督科]", "lead: [监察科]").replace("id: '1.2'", "id: '1.1'")
    _, findings, _ = _check(runner, make_registry(tasks=text))
    assert {f["code"] for f in findings} == {"E301", "E303"}


def test_gbk_file_is_named(runner: CliRunner, make_registry: BuildRegistry) -> None:
    code, findings, _ = _check(runner, make_registry(tasks=MINIMAL_TASKS.encode("gbk")))
    assert code == 1
    assert findings[0]["code"] == "E102"
    assert "GBK" in findings[0]["message"]


def test_alias_bomb_is_refused_quickly(runner: CliRunner, make_registry: BuildRegistry) -> None:
    lines = ['a0: &a0 ["哈哈哈哈哈哈哈哈"]']
    for level in range(1, 30):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    code, findings, _ = _check(runner, make_registry(tasks="\n".join(lines) + "\n"))
    assert code == 1
    assert findings[0]["code"] == "E108"


def test_oversized_file_is_refused(runner: CliRunner, make_registry: BuildRegistry) -> None:
    huge = MINIMAL_TASKS + "# " + "填充" * (3 * 1024 * 1024) + "\n"
    code, findings, _ = _check(runner, make_registry(tasks=huge))
    assert code == 1
    assert findings[0]["code"] == "E101"


def test_an_external_body_may_lead_and_answers_queries(
    runner: CliRunner, make_registry: BuildRegistry
) -> None:
    """Issue 22: any registered body may be responsible, an outside one too; an unregistered name is still E301."""
    organization_with_external = MINIMAL_ORGANIZATION + "external:\n  - name: 相关委办局\n"
    root = make_registry(
        tasks=MINIMAL_TASKS.replace("lead: [监督科]", "lead: [相关委办局]"),
        organization=organization_with_external,
    )
    code, findings, _ = _check(runner, root)
    assert code == 0
    assert not [f for f in findings if f["code"].startswith("E")]
    listed = runner.invoke(app, ["list", "--dept", "相关委办局", "--format", "json", "-r", str(root)])
    assert listed.exit_code == 0, listed.output
    assert [(row["lead"], row["role"]) for row in json.loads(listed.stdout)] == [(["相关委办局"], "lead")]
    unknown = make_registry(tasks=MINIMAL_TASKS.replace("lead: [监督科]", "lead: [相关委办]"))
    _, findings, _ = _check(runner, unknown)
    assert findings[0]["code"] == "E301"


def test_broken_organization_is_reported(runner: CliRunner, make_registry: BuildRegistry) -> None:
    root = make_registry(organization="bureau:\n  name: 测试\n")
    code, findings, _ = _check(runner, root)
    assert code == 1
    assert {f["code"] for f in findings} >= {"E201"}
    assert all(f["file"].endswith("organization.yaml") for f in findings)


def test_other_commands_leave_a_broken_document_out_with_a_warning(
    runner: CliRunner, make_registry: BuildRegistry
) -> None:
    root = make_registry(tasks=MINIMAL_TASKS.replace("lead: [监督科]", "lead: [监察科]"))
    result = runner.invoke(app, ["list", "--registry", str(root)])
    assert result.exit_code == 0
    assert result.stderr.count("tasks.yaml 有错误，本次未计入") == 1
    assert "Traceback" not in result.output


def test_an_organization_error_stops_other_commands_with_its_findings(
    runner: CliRunner, make_registry: BuildRegistry
) -> None:
    root = make_registry(organization=MINIMAL_ORGANIZATION + "\nunknown_key: 1\n")
    result = runner.invoke(app, ["list", "--registry", str(root)])
    assert result.exit_code == 2
    assert findings_of(result.stderr)[0]["file"].endswith("organization.yaml")
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_debug_shows_the_traceback(runner: CliRunner, make_registry: BuildRegistry) -> None:
    root = make_registry(organization=MINIMAL_ORGANIZATION + "\nunknown_key: 1\n")
    result = runner.invoke(app, ["--debug", "list", "--registry", str(root)])
    assert result.exit_code != 0
    assert result.exception is not None


def test_a_fixed_file_is_read_again(runner: CliRunner, make_registry: BuildRegistry) -> None:
    """The cache must not hide an edit: stamps change, the registry is validated again."""
    root = make_registry()
    assert runner.invoke(app, ["list", "--registry", str(root)]).exit_code == 0
    tasks = root / "documents" / "tasks.yaml"
    tasks.write_text(MINIMAL_TASKS.replace("lead: [监督科]", "lead: [监察科]"), encoding="utf-8")
    assert "有错误，本次未计入" in runner.invoke(app, ["list", "--registry", str(root)]).stderr
