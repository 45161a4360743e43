"""Bad input never crashes the loader: each case is a located Chinese finding and a non-zero exit."""

from __future__ import annotations

import builtins
import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.errors import Finding, LeftOutWarning
from cgtask.registry.loader import check_registry, load_registry
from cgtask.registry.yaml_limits import deep_nesting
from tests.conftest import LEDGER, LEDGER_TASKS, MINIMAL_TASKS

Build = Callable[..., Path]


def _errors(root: Path) -> list[Finding]:
    return [f for f in check_registry(root) if f.severity == "error"]


def _only(root: Path, code: str, words: str) -> Finding:
    findings = _errors(root)
    assert [f.code for f in findings] == [code], findings
    assert words in findings[0].message, findings[0]
    return findings[0]


def test_block_nesting_500_deep(make_registry: Build) -> None:
    deep = "".join(" " * level + f"k{level}:\n" for level in range(500)) + " " * 500 + "v: 1\n"
    root = make_registry(files={"documents/deep.yaml": "kind: task_breakdown\n" + deep})
    finding = _only(root, "E108", "嵌套层级过深")
    assert finding.file.endswith("deep.yaml")
    assert finding.line > 90


def test_flow_nesting_100000_deep_is_refused_before_parsing(make_registry: Build, runner: CliRunner) -> None:
    root = make_registry(files={"documents/deep.yaml": "a: " + "[" * 100_000 + "]" * 100_000 + "\n"})
    _only(root, "E108", "嵌套层级过深")
    result = runner.invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    assert "内部错误" not in result.output


def test_aliases_cannot_build_deep_or_looping_data(make_registry: Build) -> None:
    chain = "a0: &a0 [1]\n" + "".join(f"a{n}: &a{n} [*a{n - 1}]\n" for n in range(1, 150))
    root = make_registry(files={"documents/deep.yaml": chain, "documents/loop.yaml": "a: &a [1, *a]\n"})
    messages = sorted(f.message for f in _errors(root))
    assert any("嵌套层级过深" in m for m in messages)
    assert any("包含它自己" in m for m in messages)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        pytest.param(os.mkfifo, "命名管道", id="fifo"),
        pytest.param(lambda p: p.symlink_to("/dev/zero"), "字符设备", id="dev-zero"),
        pytest.param(lambda p: p.symlink_to(p.name), "循环", id="loop"),
        pytest.param(lambda p: p.symlink_to("nowhere.yaml"), "不存在", id="dangling"),
        pytest.param(lambda p: p.mkdir(), "是目录", id="folder"),
    ],
)
def test_a_document_that_is_not_a_regular_file(
    make_registry: Build, make: Callable[[Path], object], words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_registry()
    odd = root / "documents" / "odd.yaml"
    make(odd)
    opened = _refuse_opening(monkeypatch, odd)
    finding = _only(root, "E100", words)
    assert finding.file.endswith("odd.yaml")
    assert (finding.line, finding.col) == (1, 1)
    with pytest.warns(LeftOutWarning, match="odd.yaml"):  # the rest of the registry still answers
        assert load_registry(root)["documents"]
    assert opened == [], (
        "a file that is not a regular file was opened: a FIFO would block, /dev/zero never end"
    )


def _refuse_opening(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """Every attempt to open ``path`` (os.open, open, Path.open) is listed and refused.

    Refused instead of blocking on a FIFO or reading /dev/zero: the loader must decide from the file's
    stat alone.
    """
    opened: list[str] = []
    real_os_open, real_open = os.open, io.open
    targets = {os.path.normpath(path.absolute()), os.path.realpath(path)}  # the link, and what it points to

    def check(name: object) -> None:
        if isinstance(name, str | os.PathLike) and os.path.normpath(Path(name).absolute()) in targets:
            opened.append(str(name))
            raise PermissionError(errno.EACCES, "opened in the test", str(name))

    def os_open(name: Any, flags: int, *args: Any, **kw: Any) -> int:
        check(name)
        return real_os_open(name, flags, *args, **kw)

    def io_open(name: Any, *args: Any, **kw: Any) -> Any:
        check(name)
        return real_open(name, *args, **kw)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr(builtins, "open", io_open)
    return opened


@pytest.mark.parametrize("name", ["ledger.yaml", "calendar.yaml"])
@pytest.mark.parametrize(
    "make", [lambda p: p.mkdir(), lambda p: p.symlink_to("missing.yaml")], ids=["dir", "link"]
)
def test_a_ledger_or_calendar_that_cannot_be_read_is_reported(
    make_registry: Build, name: str, make: Callable[[Path], object]
) -> None:
    root = make_registry()
    make(root / name)
    assert Path(_only(root, "E100", "").file).name == name


def test_an_unreadable_file(make_registry: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_registry()
    real_open = os.open

    def refuse(path: object, flags: int, *args: object) -> int:
        if str(path).endswith("tasks.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    _only(root, "E100", "没有读取权限")


def test_an_impossible_date_in_the_ledger_and_calendar(make_registry: Build) -> None:
    ledger = LEDGER.replace("date: 2022-01-20", "date: 2022-02-30")
    calendar = "holidays: []\nworkdays:\n  - 2022-13-01\n"
    root = make_registry(tasks=LEDGER_TASKS, files={"ledger.yaml": ledger, "calendar.yaml": calendar})
    findings = {(Path(f.file).name, f.line, f.code) for f in _errors(root)}
    line = LEDGER.splitlines().index("    date: 2022-01-20") + 1
    assert findings == {("ledger.yaml", line, "E110"), ("calendar.yaml", 3, "E110")}
    assert all("日期" in f.message for f in _errors(root))


@pytest.mark.parametrize("value", ["!!binary aGk=", "!!set {a}", "!foo bar", "!!python/object:os.system x"])
def test_tags_are_refused_at_their_line(make_registry: Build, value: str) -> None:
    root = make_registry(tasks=MINIMAL_TASKS.replace("title: 测试任务分解表", f"title: {value}"))
    findings = _errors(root)
    assert [(f.line, f.code) for f in findings] == [(3, "E109")], findings
    assert "标签" in findings[0].message


def test_a_wrong_kind_still_checks_the_rest(make_registry: Build) -> None:
    tasks = LEDGER_TASKS.replace("kind: task_breakdown", "kind: task_breakdwn").replace(
        "title: 测试任务分解表", "title: 测试任务分解表\ntitel: 错字"
    )
    other = MINIMAL_TASKS.replace("tasks-test", "tasks-other").replace("year: 2022", "year: 二〇二二")
    root = make_registry(tasks=tasks, files={"ledger.yaml": LEDGER, "documents/other.yaml": other})
    findings = _errors(root)
    assert {f.file.split("/")[-1] for f in findings} == {"tasks.yaml", "other.yaml"}, findings
    mine = [f.message for f in findings if f.file.endswith("tasks.yaml")]
    assert any("kind" in m for m in mine)
    assert any("titel" in m for m in mine)
    assert not any(f.code == "E801" for f in findings)  # the ledger's records of tasks-test follow from it


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(
            st.sampled_from(
                [
                    "kind: task_breakdown\n",
                    "id: x\n",
                    "- ",
                    "  ",
                    "[",
                    "]",
                    "{",
                    "}",
                    ": ",
                    "&a ",
                    "*a",
                    "!!binary ",
                    "2022-02-30",
                    "'",
                    '"',
                    "\t",
                    "\n",
                    "#",
                    "|\n",
                    "? ",
                    "\ufeff",
                    "\x0b",
                    "year: 2022\n",
                    "中队",
                ]
            ),
            max_size=60,
        ).map("".join),
    )
)
def test_fuzz_any_document_gives_findings_never_an_exception(
    make_registry: Build, content: str | bytes
) -> None:
    root = make_registry(files={"documents/fuzz.yaml": content})
    findings = check_registry(root)
    assert all(isinstance(f, Finding) and f.line >= 1 and f.col >= 1 for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "note: '" + "[" * 300 + "'\n",
        "note: " + "见附件[1" * 300 + "\n",
        "detail: |\n" + "".join(" " * (n + 2) + "第几行\n" for n in range(300)),
        "items: [" + ", ".join("[1, {a: [2]}]" for _ in range(300)) + "]\n",
    ],
)
def test_the_depth_scan_does_not_refuse_honest_text(text: str) -> None:
    assert deep_nesting(text) is None


def test_the_depth_scan_counts_compact_items() -> None:
    assert deep_nesting("- " * 150 + "x\n") == (1, 151)  # the top level and 150 sequences
    assert deep_nesting("- " * 50 + "x\n") is None


def test_a_broken_work_plan_does_not_make_every_basis_unknown(registry_copy: Path) -> None:
    plan = registry_copy / "documents" / "plan-2022-city.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("kind: work_plan", "kind: work_pln"), encoding="utf-8"
    )
    findings = _errors(registry_copy)
    assert {Path(f.file).name for f in findings} == {"plan-2022-city.yaml"}, findings
    assert not any(f.code == "E701" for f in findings)
