"""The core speaks the library's language.

Outside ``cli/`` a message names a parameter (:func:`cgtask.errors.param`), never a command-line flag; the
CLI boundary prints the flag.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import cgtask
from cgtask.cli.app import whole_app
from cgtask.cli.flags import FLAGS, flag
from cgtask.errors import UsageError, param

SOURCE = Path(cgtask.__file__).parent

# Being rewritten elsewhere; their messages still name flags until they are converted. Shrink this.
NOT_YET: tuple[str, ...] = ()
# Not messages about the command being run: the JSON Schema's description of a header field, for the
# registry's keeper (the schema is published as it is); and the whole command line that lists the
# phrase forms (``cgtask phrase --forms``), named in a refusal that also reaches JSON and ``check``.
ALLOWED = {("models/organization.py", "--number"), ("schedule/frequency.py", "--forms")}

TOKEN = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


def _flags() -> set[str]:
    """Every option string of every cgtask command (``--doc``, ``-o`` …)."""

    def walk(command: Any) -> Iterator[str]:
        for parameter in command.params:
            yield from (o for o in (*parameter.opts, *parameter.secondary_opts) if o.startswith("-"))
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    return set(walk(typer.main.get_command(whole_app())))


def _docstrings(tree: ast.Module) -> set[int]:
    """Ids of the nodes that are docstrings (documentation may speak of the command line)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _strings(tree: ast.Module) -> Iterator[tuple[int, str]]:
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def test_no_message_outside_the_cli_names_a_flag() -> None:
    flags = _flags()
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        name = path.relative_to(SOURCE).as_posix()
        if name.startswith(("cli/", *NOT_YET)):
            continue
        for line, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            for token in TOKEN.findall(text):
                if token in flags and (name, token) not in ALLOWED:
                    found.append(f"{name}:{line}: {token}  （用 errors.param 写参数名）")
    assert found == []


def test_every_parameter_named_in_the_core_has_a_flag() -> None:
    flags = _flags()
    named = set()
    for path in sorted(SOURCE.rglob("*.py")):
        named |= set(re.findall(r"""\bparam\(\s*['"](\w+)['"]\s*\)""", path.read_text(encoding="utf-8")))
    assert named, sorted(named - set(FLAGS))
    assert named <= set(FLAGS), sorted(named - set(FLAGS))
    assert {flag(name) for name in FLAGS} <= flags


def test_the_library_reads_the_parameter_and_the_cli_the_flag() -> None:
    error = UsageError(f"编号“1.1”在多个文件中都有，请用 {param('doc')} 指明；{param('doc_id')} 另取")
    assert str(error) == "编号“1.1”在多个文件中都有，请用 doc 指明；doc_id 另取"
    assert error.params == ("doc", "doc_id")
    assert error.spelled(flag) == "编号“1.1”在多个文件中都有，请用 --doc 指明；--id 另取"


@pytest.mark.parametrize(("command", "printed"), [(["export", "-f", "xlsx"], "需要用 -o 指定输出文件")])
def test_the_boundary_prints_the_flag(command: list[str], printed: str) -> None:
    result = CliRunner().invoke(whole_app(), command)
    assert result.exit_code == 2
    assert printed in result.stderr
    assert "\ue000" not in result.stderr


def test_a_warning_names_its_parameter_plainly_to_a_library_caller() -> None:
    from cgtask.errors import Notice

    notice = Notice(f"此前结束的周期不计（{param('year')} 可按全年计）")
    assert notice == "此前结束的周期不计（year 可按全年计）"
    assert notice.spelled(flag) == "此前结束的周期不计（--year 可按全年计）"
