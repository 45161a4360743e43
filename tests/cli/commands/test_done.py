"""`cgtask done`: the ledger keeps every byte outside the new entry; bad input writes nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from cgtask.cli.app import app
from cgtask.errors import WriteError
from cgtask.registry import ledger_file as ledger_io


def _done(runner: CliRunner, registry: Path, *args: str) -> object:
    return runner.invoke(app, ["done", *args, "--registry", str(registry)])


def test_only_the_new_entry_differs(runner: CliRunner, ledger_registry: Path) -> None:
    path = ledger_registry / "ledger.yaml"
    before = path.read_bytes()
    result = runner.invoke(
        app, ["done", "1.1", "--date", "2022-03-08", "--note", "三月督察", "-r", str(ledger_registry)]
    )
    assert result.exit_code == 0, result.output
    after = path.read_bytes()
    assert after.startswith(before)
    added = YAML(typ="safe").load(after[len(before) :].decode())
    assert added[0]["item"] == "1.1"
    assert added[0]["period"] == "2022-03"  # the occurrence containing --date
    assert added[0]["date"] == dt.date(2022, 3, 8)
    assert added[0]["note"] == "三月督察"
    assert len(YAML(typ="safe").load(after)["entries"]) == 5


def test_entry_lands_before_a_following_key(tmp_path: Path) -> None:
    text = "entries:\n  - item: '1'\n    doc: d\n\n# 类型\nkind: ledger\n"
    spliced = ledger_io.spliced_ledger(text, {"item": "2", "doc": "d"})
    assert spliced == "entries:\n  - item: '1'\n    doc: d\n  - {item: '2', doc: d}\n\n# 类型\nkind: ledger\n"


def test_empty_flow_list_becomes_a_block(tmp_path: Path) -> None:
    spliced = ledger_io.spliced_ledger("# 台账\nkind: ledger\nentries: []\n", {"item": "2", "period": "2022"})
    assert spliced == "# 台账\nkind: ledger\nentries:\n  - {item: '2', period: '2022'}\n"


def test_a_missing_ledger_is_created(runner: CliRunner, make_registry: object, tmp_path: Path) -> None:
    from tests.conftest import LEDGER_TASKS

    root = make_registry(tasks=LEDGER_TASKS)  # type: ignore[operator]
    result = _done(runner, root, "1.3", "--unit", "机动执法中队", "--date", "2022-05-06")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    entries = YAML(typ="safe").load((root / "ledger.yaml").read_text(encoding="utf-8"))["entries"]
    assert entries[0]["unit"] == "机动执法中队"
    assert entries[0]["level"] == "机动执法中队"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["9.9"], "没有编号为“9.9”的事项"),
        (["1.3", "--unit", "吴淞中队", "--date", "2022-03-01"], "未知的科室或中队"),
        (["1.1", "--date", "2023-01-05"], "不在文件 tasks-test 的年度（2022年）内"),
        (["1.1", "--date", "2022-03-01", "--count", "-1"], "次数应为正整数"),
        (["1.1", "--period", "2022-W10", "--date", "2022-03-01"], "不是第 1.1 项的周期"),
        (["1.3", "--date", "2022-03-01"], "请用 --unit 指明"),
        (["1.1", "--date", "2022-03-01", "--value", "90", "--metric", "出勤率"], "无量化指标"),
        (["1.2", "--date", "2022-03-01", "--value", "90", "--metric", "出勤率"], "没有指标“出勤率”"),
    ],
)
def test_bad_input_is_refused_before_writing(
    runner: CliRunner, ledger_registry: Path, args: list[str], message: str
) -> None:
    path = ledger_registry / "ledger.yaml"
    before = path.read_bytes()
    result = _done(runner, ledger_registry, *args)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert message in result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    assert path.read_bytes() == before


def test_failed_replace_leaves_the_old_file(ledger_registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ledger_registry / "ledger.yaml"
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(WriteError, match="原文件未改动"):
        ledger_io.append_ledger_entry(path, {"item": "1.1", "doc": "tasks-test"})
    assert path.read_bytes() == before
    assert not [p for p in ledger_registry.iterdir() if p.name.endswith(".tmp")]


def test_a_write_with_no_registry_named_leaves_the_shipped_example_alone(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example a clone or an install ships answers queries; ``done`` there would change it, not a 台账."""
    from cgtask.registry.files import LEDGER_FILE, REGISTRY_ENV, shipped_registry

    monkeypatch.delenv(REGISTRY_ENV, raising=False)
    ledger = shipped_registry() / LEDGER_FILE
    before = ledger.read_bytes()
    for args in (["done", "1", "--unit", "吴淞街道中队", "--date", "2022-03-09"], ["ledger", "split"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "没有指定要写入的登记册" in result.output
        assert "--registry 目录 或环境变量 CGTASK_REGISTRY 指定" in result.output
    assert ledger.read_bytes() == before
    assert runner.invoke(app, ["due", "--month", "3", "--format", "json"]).exit_code == 0
